/// Why a CSV file cannot be read.
public enum CSVSyntaxError: Equatable, Sendable {
  case quoteInUnquotedField
  case unclosedQuote
}

/// RFC 4180 CSV reading: quoted fields with doubled quotes and line breaks,
/// CRLF or LF line ends, a UTF-8 byte-order mark skipped.
struct CSVReader {
  /// Records with the line number each starts on.
  static func records(_ bytes: [UInt8]) -> (
    records: [(line: Int, fields: [String])], error: (line: Int, failure: CSVSyntaxError)?
  ) {
    var records: [(Int, [String])] = []
    var fields: [String] = []
    var field: [UInt8] = []
    var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    var line = 1
    var recordLine = 1
    var quoted = false
    var fieldStarted = false
    func endField() {
      fields.append(String(decoding: field, as: UTF8.self))
      field.removeAll(keepingCapacity: true)
      fieldStarted = false
    }
    while i < bytes.count {
      let c = bytes[i]
      if quoted {
        if c == UInt8(ascii: "\"") {
          if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") {
            field.append(c)
            i += 2
            continue
          }
          quoted = false
        } else {
          if c == 0x0A { line += 1 }
          field.append(c)
        }
        i += 1
        continue
      }
      switch c {
      case UInt8(ascii: "\""):
        if !fieldStarted && field.isEmpty {
          quoted = true
          fieldStarted = true
        } else {
          return (records, (line, .quoteInUnquotedField))
        }
      case UInt8(ascii: ","):
        endField()
      case 0x0D where i + 1 < bytes.count && bytes[i + 1] == 0x0A:
        break
      case 0x0A, 0x0D:
        endField()
        records.append((recordLine, fields))
        fields = []
        line += 1
        recordLine = line
      default:
        field.append(c)
        fieldStarted = true
      }
      i += 1
    }
    if quoted { return (records, (recordLine, .unclosedQuote)) }
    if fieldStarted || !field.isEmpty || !fields.isEmpty {
      endField()
      records.append((recordLine, fields))
    }
    return (records, nil)
  }
}
