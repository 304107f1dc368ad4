/// The lines of a file as other tools write them: LF, CRLF or CR line ends,
/// a UTF-8 byte-order mark at the start ignored.
enum Lines {
  /// Each line's number (from 1) and bytes, without its line end. A last
  /// line without a line end is a line; an empty file has none.
  static func split(_ bytes: [UInt8]) -> [(number: Int, bytes: ArraySlice<UInt8>)] {
    var lines: [(number: Int, bytes: ArraySlice<UInt8>)] = []
    var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    var i = start
    var number = 1
    while i < bytes.count {
      let b = bytes[i]
      if b == 0x0A || b == 0x0D {
        lines.append((number, bytes[start..<i]))
        number += 1
        i += (b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A) ? 2 : 1
        start = i
        continue
      }
      i += 1
    }
    if start < bytes.count { lines.append((number, bytes[start..<bytes.count])) }
    return lines
  }

  /// The same, as text.
  static func strings(_ bytes: [UInt8]) -> [(number: Int, text: String)] {
    split(bytes).map { ($0.number, String(decoding: $0.bytes, as: UTF8.self)) }
  }
}
