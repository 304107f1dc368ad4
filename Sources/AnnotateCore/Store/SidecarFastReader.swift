/// A fast reader for sidecars in the layout annotate writes: the keys in
/// their canonical order, any JSON white space between tokens. It checks
/// JSON syntax strictly (escapes, control characters, UTF-8, number form) as
/// it goes, and gives up — returning nil — at anything else: another key
/// order, an unknown key, a fractional number, a wrong type, bad syntax.
/// `Sidecar.decode` then reads the file with `JSONDecoder`, which names the
/// problem. What this reader accepts, the decoder reads to the same values
/// (tested); it is about 10× faster, which is what loading 500,000
/// annotations in a second takes (see BENCHMARKS.md).
package struct SidecarFastReader {
  private let bytes: UnsafeBufferPointer<UInt8>
  private var i = 0
  /// Tag lists seen so far: equal lists share one array's storage, and a
  /// `modified` equal to `created` shares its string (memory at corpus scale).
  private var tagLists: [[String]: [String]] = [:]
  /// The last timestamp read: spans made together (an import) share it.
  private var lastTime = ""

  private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  /// The file's fields, or nil when the slow path should read it.
  package static func read(_ data: [UInt8]) -> SidecarFile? {
    data.withUnsafeBufferPointer { buffer in
      var reader = SidecarFastReader(buffer)
      return reader.file()
    }
  }

  // MARK: The layout

  private mutating func file() -> SidecarFile? {
    guard take(UInt8(ascii: "{")), key("format"), let format = string(), format == Sidecar.format,
      comma(), key("version"), let version = integer(), Sidecar.versions.contains(version),
      comma(), key("document"), let document = document(),
      comma(), key("annotator"), let annotator = string(),
      comma(), key("codebook"), let codebook = stringList(),
      comma(), key("next_id"), let nextID = integer(), comma()
    else { return nil }
    var progress: SidecarFile.Progress?
    var codes: [String: [String]]?
    var relations: [SidecarFile.RelationEntry]?
    var beforeKey = i
    if key("progress") {
      guard let read = self.progress(), comma() else { return nil }
      progress = read
      beforeKey = i
    } else {
      i = beforeKey
    }
    if key("codes") {
      guard let read = self.codes(), comma() else { return nil }
      codes = read
      beforeKey = i
    } else {
      i = beforeKey
    }
    if key("relations") {
      guard let read = list({ $0.relation() }), comma() else { return nil }
      relations = read
    } else {
      i = beforeKey
    }
    guard key("annotations"), take(UInt8(ascii: "[")) else { return nil }
    var entries: [SidecarEntry] = []
    if !take(UInt8(ascii: "]")) {
      repeat {
        guard let entry = entry() else { return nil }
        entries.append(entry)
      } while take(UInt8(ascii: ","))
      guard take(UInt8(ascii: "]")) else { return nil }
    }
    guard take(UInt8(ascii: "}")) else { return nil }
    skipSpace()
    guard i == bytes.count else { return nil }
    return SidecarFile(
      format: format, version: version, document: document, annotator: annotator, codebook: codebook,
      next_id: nextID, progress: progress, codes: codes, relations: relations, annotations: entries)
  }

  /// `{"variable": ["value", …], …}`.
  private mutating func codes() -> [String: [String]]? {
    guard take(UInt8(ascii: "{")) else { return nil }
    var codes: [String: [String]] = [:]
    if take(UInt8(ascii: "}")) { return codes }
    repeat {
      guard let name = string(), take(UInt8(ascii: ":")), let values = stringList() else { return nil }
      codes[name] = values
    } while comma()
    return take(UInt8(ascii: "}")) ? codes : nil
  }

  /// `{"type": "…", "from": N, "to": N, "created": "…"}`.
  private mutating func relation() -> SidecarFile.RelationEntry? {
    guard take(UInt8(ascii: "{")), key("type"), let type = string(), comma(), key("from"), let from = integer(),
      comma(), key("to"), let to = integer(), comma(), key("created"), let created = string(),
      take(UInt8(ascii: "}"))
    else { return nil }
    return SidecarFile.RelationEntry(type: type, from: from, to: to, created: created)
  }

  /// `{"done": "…" | null, "nothing_to_code": [[s, e], …]}`.
  private mutating func progress() -> SidecarFile.Progress? {
    guard take(UInt8(ascii: "{")), key("done") else { return nil }
    var done: String?
    if !literal("null") {
      guard let value = string() else { return nil }
      done = value
    }
    guard comma(), key("nothing_to_code"), let ranges = list({ $0.integerList() }), take(UInt8(ascii: "}")) else {
      return nil
    }
    return SidecarFile.Progress(done: done, nothing_to_code: ranges)
  }

  private mutating func document() -> SidecarFile.Document? {
    guard take(UInt8(ascii: "{")), key("id"), let id = string(),
      comma(), key("path"), let path = string(),
      comma(), key("sha256"), let sha = string(),
      comma(), key("length"), let length = integer(),
      comma(), key("offset_unit"), let unit = string(),
      comma(), key("newline"), let newline = string()
    else { return nil }
    var language: String?
    var segmenter: Int?
    if comma() {
      guard key("language"), let code = string(), comma(), key("segmenter"), let rules = integer() else { return nil }
      (language, segmenter) = (code, rules)
    }
    guard take(UInt8(ascii: "}")) else { return nil }
    return SidecarFile.Document(
      id: id, path: path, sha256: sha, length: length, offset_unit: unit, newline: newline, language: language,
      segmenter: segmenter)
  }

  private mutating func entry() -> SidecarEntry? {
    guard take(UInt8(ascii: "{")), key("id"), let id = integer(),
      comma(), key("start"), let start = integer(),
      comma(), key("end"), let end = integer(),
      comma(), key("text"), let text = string(),
      comma(), key("prefix"), let prefix = string(),
      comma(), key("suffix"), let suffix = string(),
      comma(), key("sentences"), let sentences = integerList(),
      comma(), key("tags"), let tags = stringList(),
      comma(), key("note")
    else { return nil }
    var note: String?
    if !literal("null") {
      guard let text = string() else { return nil }
      note = text
    }
    guard comma() else { return nil }
    var attributes: [String: String]?
    let beforeKey = i
    if key("attributes") {
      guard take(UInt8(ascii: "{")) else { return nil }
      var read: [String: String] = [:]
      if !take(UInt8(ascii: "}")) {
        repeat {
          guard let name = string(), take(UInt8(ascii: ":")), let value = string() else { return nil }
          read[name] = value
        } while comma()
        guard take(UInt8(ascii: "}")) else { return nil }
      }
      guard comma() else { return nil }
      attributes = read
    } else {
      i = beforeKey
    }
    guard key("created"), let created = string(),
      comma(), key("modified"), let modified = string(),
      comma(), key("status"), let status = string(),
      take(UInt8(ascii: "}"))
    else { return nil }
    // Equal timestamps share one string (a million imported spans have one).
    let made = created == lastTime ? lastTime : created
    lastTime = made
    let shared: [String]
    if let seen = tagLists[tags] {
      shared = seen
    } else {
      tagLists[tags] = tags
      shared = tags
    }
    return SidecarEntry(
      id: id, start: start, end: end, text: text, prefix: prefix, suffix: suffix, sentences: sentences, tags: shared,
      note: note, attributes: attributes, created: made, modified: modified == made ? made : modified,
      status: status)
  }

  // MARK: Tokens

  private mutating func skipSpace() {
    while i < bytes.count {
      switch bytes[i] {
      case 0x20, 0x0A, 0x0D, 0x09: i += 1
      default: return
      }
    }
  }

  /// Skips white space, then takes `byte` if it is next.
  private mutating func take(_ byte: UInt8) -> Bool {
    skipSpace()
    guard i < bytes.count, bytes[i] == byte else { return false }
    i += 1
    return true
  }

  private mutating func comma() -> Bool { take(UInt8(ascii: ",")) }

  private mutating func literal(_ word: StaticString) -> Bool {
    skipSpace()
    let n = word.utf8CodeUnitCount
    guard i + n <= bytes.count else { return false }
    for k in 0..<n where bytes[i + k] != word.utf8Start[k] { return false }
    i += n
    return true
  }

  /// `"name":` (keys are plain ASCII, so compared as bytes).
  private mutating func key(_ name: StaticString) -> Bool {
    guard take(UInt8(ascii: "\"")) else { return false }
    let n = name.utf8CodeUnitCount
    guard i + n < bytes.count, bytes[i + n] == UInt8(ascii: "\"") else { return false }
    for k in 0..<n where bytes[i + k] != name.utf8Start[k] { return false }
    i += n + 1
    return take(UInt8(ascii: ":"))
  }

  /// `-?(0|[1-9][0-9]*)`, at most 18 digits; anything else is left to the decoder.
  private mutating func integer() -> Int? {
    skipSpace()
    var negative = false
    if i < bytes.count && bytes[i] == UInt8(ascii: "-") {
      negative = true
      i += 1
    }
    let first = i
    var value = 0
    while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
      // Wrapping arithmetic: more than 18 digits is refused below anyway.
      value = value &* 10 &+ Int(bytes[i] - 0x30)
      i += 1
    }
    let digits = i - first
    guard digits >= 1, digits <= 18, digits == 1 || bytes[first] != 0x30 else { return nil }
    // A fraction or exponent: not an integer here.
    if i < bytes.count, bytes[i] == UInt8(ascii: ".") || bytes[i] | 0x20 == UInt8(ascii: "e") { return nil }
    return negative ? -value : value
  }

  private mutating func integerList() -> [Int]? { list { $0.integer() } }

  private mutating func stringList() -> [String]? { list { $0.string() } }

  /// `[a, b, …]` of elements `element` reads.
  private mutating func list<T>(_ element: (inout SidecarFastReader) -> T?) -> [T]? {
    guard take(UInt8(ascii: "[")) else { return nil }
    var items: [T] = []
    if take(UInt8(ascii: "]")) { return items }
    repeat {
      guard let item = element(&self) else { return nil }
      items.append(item)
    } while comma()
    return take(UInt8(ascii: "]")) ? items : nil
  }

  /// A JSON string: valid UTF-8, no raw control characters, valid escapes
  /// (surrogates paired).
  /// The string of valid UTF-8 bytes (nil for invalid ones). ASCII, most
  /// of a sidecar, is taken as it is; the rest through the standard
  /// library's non-generic C-string check (its generic `String(validating:
  /// as:)` looked up type metadata on every call: a fifth of reading).
  /// JSON strings hold no NUL byte, so a copy ending in one is a C string.
  private static func validString(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    var ascii = true
    var k = 0
    while k + 8 <= bytes.count {
      if UnsafeRawPointer(bytes.baseAddress! + k).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
        ascii = false
        break
      }
      k += 8
    }
    while ascii && k < bytes.count {
      ascii = bytes[k] < 0x80
      k += 1
    }
    if ascii { return String(decoding: bytes, as: UTF8.self) }
    guard !bytes.contains(0) else { return nil }
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { buffer in
      for j in 0..<bytes.count { buffer[j] = CChar(bitPattern: bytes[j]) }
      buffer[bytes.count] = 0
      return String(validatingCString: buffer.baseAddress!)
    }
  }

  private mutating func string() -> String? {
    guard take(UInt8(ascii: "\"")) else { return nil }
    let start = i
    // Fast path: no escapes; whether a byte of U+0080 or above was seen.
    var ascii = true
    while i < bytes.count {
      let b = bytes[i]
      if b == UInt8(ascii: "\"") {
        let piece = UnsafeBufferPointer(rebasing: bytes[start..<i])
        // Plain ASCII (no byte stopped the scan) needs no check of its UTF-8.
        let s = ascii ? String(decoding: piece, as: UTF8.self) : Self.validString(piece)
        i += 1
        return s
      }
      if b == UInt8(ascii: "\\") { break }
      if b < 0x20 { return nil }
      if b >= 0x80 { ascii = false }
      i += 1
    }
    guard i < bytes.count else { return nil }
    var out = Array(bytes[start..<i])
    while i < bytes.count {
      let b = bytes[i]
      if b == UInt8(ascii: "\"") {
        i += 1
        return out.withUnsafeBufferPointer { Self.validString($0) }
      }
      if b < 0x20 { return nil }
      guard b == UInt8(ascii: "\\") else {
        out.append(b)
        i += 1
        continue
      }
      guard i + 1 < bytes.count else { return nil }
      let e = bytes[i + 1]
      i += 2
      switch e {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        guard var unit = hex4() else { return nil }
        if (0xD800...0xDBFF).contains(unit) {
          guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
            return nil
          }
          i += 2
          guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
          unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(unit) {
          return nil
        }
        guard let scalar = Unicode.Scalar(unit) else { return nil }
        out.append(contentsOf: UTF8.encode(scalar)!)
      default: return nil
      }
    }
    return nil
  }

  private mutating func hex4() -> UInt32? {
    guard i + 4 <= bytes.count else { return nil }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let b = bytes[i]
      let digit: UInt8
      switch b {
      case 0x30...0x39: digit = b - 0x30
      case 0x41...0x46: digit = b - 0x41 + 10
      case 0x61...0x66: digit = b - 0x61 + 10
      default: return nil
      }
      value = value << 4 | UInt32(digit)
      i += 1
    }
    return value
  }
}
