/// The JSON records of a file as tools write them: one per line (JSONL,
/// any line ends, a byte-order mark ignored), or one JSON array of them, or
/// a single object. Each comes with where it is, for problems.
extension Importer {
  struct JSONRecord {
    /// The line (JSONL) or 0.
    var line: Int
    /// The element of a JSON array (from 1), or nil.
    var item: Int?
    var value: JSONValue
  }

  static func jsonRecords(_ path: String, _ bytes: [UInt8], _ problems: inout [ImportProblem]) -> [JSONRecord] {
    let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
    let first = body.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
    guard let first else {
      problems.append(ImportProblem(path: path, line: 0, issue: .emptyFile))
      return []
    }
    // A whole-file array, or one object over several lines (pretty-printed).
    if first == UInt8(ascii: "[") || (first == UInt8(ascii: "{") && !Self.isJSONLines(body)) {
      do {
        let value = try JSONValue.parse(body)
        if let items = value.array {
          return items.enumerated().map { JSONRecord(line: 0, item: $0.offset + 1, value: $0.element) }
        }
        return [JSONRecord(line: 0, item: nil, value: value)]
      } catch {
        problems.append(ImportProblem(path: path, line: 0, issue: .json(Sidecar.describe(error, path: path).problem)))
        return []
      }
    }
    var records: [JSONRecord] = []
    for (number, line) in Lines.split(body) {
      guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
      do {
        records.append(JSONRecord(line: number, item: nil, value: try JSONValue.parse(line)))
      } catch {
        problems.append(
          ImportProblem(path: path, line: number, issue: .json(Sidecar.describe(error, path: path).problem)))
      }
    }
    return records
  }

  /// Whether a file starting with `{` is one object per line: its first
  /// line parses on its own.
  static func isJSONLines(_ body: [UInt8]) -> Bool {
    guard let end = body.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return true }
    return (try? JSONValue.parse(body[..<end])) != nil
  }
}
