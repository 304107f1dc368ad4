import FoundationEssentials

/// Any JSON value, for reading other tools' files whose shapes vary (a label
/// as a list or an object, `text` or `data`).
enum JSONValue: Decodable, Equatable {
  case string(String)
  case integer(Int)
  case number(Double)
  case bool(Bool)
  case null
  case array([JSONValue])
  case object([String: JSONValue])

  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .null
    } else if let b = try? c.decode(Bool.self) {
      self = .bool(b)
    } else if let i = try? c.decode(Int.self) {
      self = .integer(i)
    } else if let d = try? c.decode(Double.self) {
      self = .number(d)
    } else if let s = try? c.decode(String.self) {
      self = .string(s)
    } else if let a = try? c.decode([JSONValue].self) {
      self = .array(a)
    } else {
      self = .object(try c.decode([String: JSONValue].self))
    }
  }

  /// Parses bytes as one JSON value.
  static func parse(_ bytes: some Collection<UInt8>) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
  }

  subscript(key: String) -> JSONValue? {
    if case .object(let o) = self { return o[key] }
    return nil
  }

  var string: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  var int: Int? {
    switch self {
    case .integer(let i): return i
    case .number(let d) where d == d.rounded() && abs(d) < 1e15: return Int(d)
    default: return nil
    }
  }

  var array: [JSONValue]? {
    if case .array(let a) = self { return a }
    return nil
  }

  var object: [String: JSONValue]? {
    if case .object(let o) = self { return o }
    return nil
  }

  /// A string, or the strings of a list.
  var strings: [String]? {
    if let s = string { return [s] }
    return array?.compactMap(\.string)
  }
}
