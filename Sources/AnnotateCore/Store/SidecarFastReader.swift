import CByteMask

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

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
  /// The file's bytes, read through a bare pointer: every read is at an
  /// index checked against `count` first.
  private let base: UnsafePointer<UInt8>
  private let count: Int
  private var i = 0
  /// Tag lists seen so far: equal lists share one array's storage, and a
  /// `modified` equal to `created` shares its string (memory at corpus scale).
  /// Looked up only for a list whose bytes are not among the latest few
  /// (below), so most spans hash no list.
  private var tagLists: [[String]: [String]] = [:]
  /// Where in the file the latest few tag lists were read, and the lists:
  /// a span whose `tags` are the same bytes takes its list with no list
  /// made (an array made and let go for each span was a tenth of reading).
  private var recentTagBytes: [Range<Int>] = []
  private var recentTagBytesLists: [[String]] = []
  /// The last timestamp read: spans made together (an import) share it.
  private var lastTime = ""
  /// Quotes of another annotator's spans of the same document, by range:
  /// a span on the same words takes their strings when its own are the
  /// same bytes (annotators who agree share them, not copies).
  private var twins: AnnotationList.QuoteCursor?
  /// Whether each span's sentence numbers are kept (else they are checked
  /// and let go, with no list made for them).
  private let keepSentences: Bool
  /// Whether each span's quote, context, note, times and status are made
  /// into strings (else they are checked and let go: a census of tags
  /// needs none of them).
  private let keepSpanStrings: Bool

  private init(
    _ base: UnsafePointer<UInt8>, count: Int, twins: AnnotationList?, keepSentences: Bool,
    keepSpanStrings: Bool = true
  ) {
    self.base = base
    self.count = count
    self.twins = twins.map { AnnotationList.QuoteCursor($0) }
    self.keepSentences = keepSentences
    self.keepSpanStrings = keepSpanStrings
  }

  /// The file's fields, or nil when the slow path should read it. With
  /// `sentences` false, each entry's `sentences` is left empty.
  package static func read(_ data: [UInt8], twins: AnnotationList? = nil, sentences: Bool = true) -> SidecarFile? {
    data.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return nil }
      var reader = SidecarFastReader(base, count: buffer.count, twins: twins, keepSentences: sentences)
      return reader.file()
    }
  }

  /// How many spans carry each tag, for a file ``read(_:twins:sentences:)``
  /// reads, checked as it checks it; nil where it gives nil. No span's
  /// strings but its tags are made: a census of a corpus's tags reads
  /// every annotator's sidecars, and making their quotes was most of it.
  package static func tagCounts(_ data: [UInt8]) -> [String: Int]? {
    let file = data.withUnsafeBufferPointer { buffer -> SidecarFile? in
      guard let base = buffer.baseAddress else { return nil }
      var reader = SidecarFastReader(
        base, count: buffer.count, twins: nil, keepSentences: false, keepSpanStrings: false)
      return reader.file()
    }
    guard let file else { return nil }
    var counts: [String: Int] = [:]
    for entry in file.annotations {
      for tag in entry.tags { counts[tag, default: 0] += 1 }
    }
    return counts
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
    // A span takes some 300 bytes as annotate writes it: in a sidecar of a
    // megabyte or less, room is made once, not grown (and copied) as the
    // spans come. A larger one grows as it goes: reserved whole, the room
    // for a million spans was a mapping of its own, and letting it go made
    // the session's first change wait on fresh memory (p99 27–41 → 94–106 ms).
    if count <= 1 << 20 { entries.reserveCapacity((count - i) / 320) }
    if !take(UInt8(ascii: "]")) {
      repeat {
        guard let entry = entry() else { return nil }
        entries.append(entry)
      } while take(UInt8(ascii: ","))
      guard take(UInt8(ascii: "]")) else { return nil }
    }
    guard take(UInt8(ascii: "}")) else { return nil }
    skipSpace()
    guard i == count else { return nil }
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

  /// One span, its separators and keys matched as `Sidecar.encode` writes
  /// them (see ``expect(_:)``).
  private mutating func entry() -> SidecarEntry? {
    guard take(UInt8(ascii: "{")), expect("\n      \"id\": "), let id = integer(),
      expect(",\n      \"start\": "), let start = integer(),
      expect(",\n      \"end\": "), let end = integer(),
      case let twin = start < 0 || end < start ? nil : twins?.quote(start: start, end: end),
      expect(",\n      \"text\": "), let text = spanString(reusing: twin?.exact),
      expect(",\n      \"prefix\": "), let prefix = spanString(reusing: twin?.prefix),
      expect(",\n      \"suffix\": "), let suffix = spanString(reusing: twin?.suffix),
      expect(",\n      \"sentences\": "), let sentences = keepSentences ? integerList() : skipIntegerList(),
      expect(",\n      \"tags\": "), let tags = tagList(),
      expect(",\n      \"note\": ")
    else { return nil }
    var note: String?
    if !literal("null") {
      guard let text = spanString() else { return nil }
      note = text
    }
    var attributes: [String: String]?
    // Most spans have none: the next field as written is checked first.
    if !follows(",\n      \"created\": "), expect(",\n      \"attributes\": ") {
      guard take(UInt8(ascii: "{")) else { return nil }
      var read: [String: String] = [:]
      if !take(UInt8(ascii: "}")) {
        repeat {
          guard let name = string(), take(UInt8(ascii: ":")), let value = string() else { return nil }
          read[name] = value
        } while comma()
        guard take(UInt8(ascii: "}")) else { return nil }
      }
      attributes = read
    }
    // Equal timestamps share one string (a million imported spans have one).
    guard expect(",\n      \"created\": "), let created = spanString(reusing: lastTime),
      expect(",\n      \"modified\": "), let modified = spanString(reusing: created)
    else { return nil }
    lastTime = created
    let status: String
    if expect(",\n      \"status\": \"anchored\"\n    }") {
      status = "anchored"
    } else {
      guard expect(",\n      \"status\": "), let read = spanString(), take(UInt8(ascii: "}")) else { return nil }
      status = read
    }
    return SidecarEntry(
      id: id, start: start, end: end, text: text, prefix: prefix, suffix: suffix, sentences: sentences,
      tags: tags, note: note, attributes: attributes, created: created, modified: modified, status: status)
  }

  /// A span's `tags`: the list read before from the same bytes (a list
  /// is delimited by its own bytes, so the same bytes are the same list),
  /// else the list read here, shared with an equal one read before.
  private mutating func tagList() -> [String]? {
    skipSpace()
    for k in recentTagBytes.indices {
      let seen = recentTagBytes[k]
      if i + seen.count <= count && memcmp(base + i, base + seen.lowerBound, seen.count) == 0 {
        i += seen.count
        return recentTagBytesLists[k]
      }
    }
    let start = i
    guard let read = stringList() else { return nil }
    let list = shared(read)
    if recentTagBytes.count == 8 {
      recentTagBytes.removeFirst()
      recentTagBytesLists.removeFirst()
    }
    recentTagBytes.append(start..<i)
    recentTagBytesLists.append(list)
    return list
  }

  /// `tags`, or an equal list read before (sharing its storage).
  private mutating func shared(_ tags: [String]) -> [String] {
    if let seen = tagLists[tags] { return seen }
    tagLists[tags] = tags
    return tags
  }

  // MARK: Tokens

  private static func isSpace(_ b: UInt8) -> Bool {
    b <= 0x20 && (b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09)
  }

  @inline(__always)
  private mutating func skipSpace() {
    var j = i
    while j < count && Self.isSpace(base[j]) { j &+= 1 }
    i = j
  }

  /// Skips white space, then takes `byte` if it is next.
  @inline(__always)
  private mutating func take(_ byte: UInt8) -> Bool {
    skipSpace()
    guard i < count, base[i] == byte else { return false }
    i &+= 1
    return true
  }

  @inline(__always)
  private mutating func comma() -> Bool { take(UInt8(ascii: ",")) }

  private mutating func literal(_ word: StaticString) -> Bool {
    skipSpace()
    let n = word.utf8CodeUnitCount
    guard i + n <= count, memcmp(base + i, word.utf8Start, n) == 0 else { return false }
    i += n
    return true
  }

  /// The tokens of `layout` — punctuation and keys, with the white space
  /// `Sidecar.encode` writes between them — next in the file: its exact
  /// bytes at once, else the same tokens with any JSON white space around
  /// them.
  /// Nothing is taken when they are not.
  @inline(__always)
  private mutating func expect(_ layout: StaticString) -> Bool {
    if follows(layout) {
      i += layout.utf8CodeUnitCount
      return true
    }
    let before = i
    if expectTokens(layout) { return true }
    i = before
    return false
  }

  /// Whether the exact bytes of `layout` come next (nothing is taken).
  @inline(__always)
  private func follows(_ layout: StaticString) -> Bool {
    let n = layout.utf8CodeUnitCount
    return i + n <= count && memcmp(base + i, layout.utf8Start, n) == 0
  }

  /// ``expect(_:)`` token by token: a key (from quote to quote, plain ASCII)
  /// is compared as bytes, any other byte but white space taken.
  private mutating func expectTokens(_ layout: StaticString) -> Bool {
    let p = layout.utf8Start
    let n = layout.utf8CodeUnitCount
    var k = 0
    while k < n {
      let b = p[k]
      if Self.isSpace(b) {
        k += 1
      } else if b == UInt8(ascii: "\"") {
        var close = k + 1
        while p[close] != UInt8(ascii: "\"") { close += 1 }
        let length = close + 1 - k
        skipSpace()
        guard i + length <= count, memcmp(base + i, p + k, length) == 0 else { return false }
        i += length
        k = close + 1
      } else {
        guard take(b) else { return false }
        k += 1
      }
    }
    return true
  }

  /// `"name":` (keys are plain ASCII, so compared as bytes).
  @inline(__always)
  private mutating func key(_ name: StaticString) -> Bool {
    guard take(UInt8(ascii: "\"")) else { return false }
    let n = name.utf8CodeUnitCount
    guard i + n < count, base[i + n] == UInt8(ascii: "\""), memcmp(base + i, name.utf8Start, n) == 0 else {
      return false
    }
    i += n + 1
    return take(UInt8(ascii: ":"))
  }

  /// `-?(0|[1-9][0-9]*)`, at most 18 digits; anything else is left to the decoder.
  private mutating func integer() -> Int? {
    skipSpace()
    var negative = false
    if i < count && base[i] == UInt8(ascii: "-") {
      negative = true
      i += 1
    }
    let first = i
    var value = 0
    var j = i
    while j < count, base[j] &- 0x30 < 10 {
      // Wrapping arithmetic: more than 18 digits is refused below anyway.
      value = value &* 10 &+ Int(base[j] &- 0x30)
      j &+= 1
    }
    i = j
    let digits = i - first
    guard digits >= 1, digits <= 18, digits == 1 || base[first] != 0x30 else { return nil }
    // A fraction or exponent: not an integer here.
    if i < count, base[i] == UInt8(ascii: ".") || base[i] | 0x20 == UInt8(ascii: "e") { return nil }
    return negative ? -value : value
  }

  private mutating func integerList() -> [Int]? { list { $0.integer() } }

  /// ``integerList()`` checked and let go: an empty list, or nil where that
  /// would be nil.
  private mutating func skipIntegerList() -> [Int]? {
    guard take(UInt8(ascii: "[")) else { return nil }
    if take(UInt8(ascii: "]")) { return [] }
    repeat {
      guard integer() != nil else { return nil }
    } while comma()
    return take(UInt8(ascii: "]")) ? [] : nil
  }

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

  /// A span's string: ``string(reusing:)``, or, when span strings are not
  /// kept, the same checks with no string made ("" for a good one).
  @inline(__always)
  private mutating func spanString(reusing known: String? = nil) -> String? {
    keepSpanStrings ? string(reusing: known) : checkedString()
  }

  /// ``string(reusing:)``'s checks with no string made: "" for a good
  /// string. Its runs between escapes are checked where they lie (an
  /// escape stands for whole characters, so the string is good UTF-8 when
  /// each run is).
  private mutating func checkedString() -> String? {
    guard take(UInt8(ascii: "\"")) else { return nil }
    var run = i
    while true {
      var high: Int32 = 0
      let j = annotate_json_string_run_end(base, run, count, &high)
      // The file's end or a raw control character; else a quote or a backslash.
      guard j < count, base[j] >= 0x20 else { return nil }
      if high != 0 && !isWellFormedUTF8(base + run, count: j - run) { return nil }
      i = j + 1
      if base[j] == UInt8(ascii: "\"") { return "" }
      guard escaped() != nil else { return nil }
      run = i
    }
  }

  /// A JSON string: valid UTF-8, no raw control characters, valid escapes
  /// (surrogates paired).
  ///
  /// `reusing`: a string read before, returned (sharing its storage) when
  /// the file has the same bytes, unescaped, here.
  private mutating func string(reusing known: String? = nil) -> String? {
    guard take(UInt8(ascii: "\"")) else { return nil }
    let start = i
    // Fast path: no escapes, the run to the closing quote found 16 bytes at
    // a time. Plain ASCII (no byte of U+0080 or above) needs no check of its
    // UTF-8.
    var high: Int32 = 0
    let j = annotate_json_string_run_end(base, i, count, &high)
    if j < count && base[j] == UInt8(ascii: "\"") {
      let piece = UnsafeBufferPointer(start: base + start, count: j - start)
      i = j + 1
      if var known, known.utf8.count == piece.count,
        known.withUTF8({ piece.isEmpty || memcmp($0.baseAddress!, piece.baseAddress!, piece.count) == 0 })
      {
        return known
      }
      return high == 0 ? String(decoding: piece, as: UTF8.self) : Self.validString(piece)
    }
    // A control character is refused; a backslash starts the slow path.
    if j < count && base[j] < 0x20 { return nil }
    i = j
    guard i < count else { return nil }
    var out = Array(UnsafeBufferPointer(start: base + start, count: i - start))
    while i < count {
      let b = base[i]
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
      i += 1
      guard let scalar = escaped() else { return nil }
      if scalar.isASCII {
        out.append(UInt8(scalar.value))
      } else {
        out.append(contentsOf: UTF8.encode(scalar)!)
      }
    }
    return nil
  }

  /// What an escape stands for, its backslash taken: one of `"\\/bfnrt`,
  /// or `u` and four hex digits (a high surrogate paired with a low one).
  /// Nil for anything else.
  @inline(__always)
  private mutating func escaped() -> Unicode.Scalar? {
    guard i < count else { return nil }
    let e = base[i]
    i += 1
    switch e {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return Unicode.Scalar(e)
    case UInt8(ascii: "b"): return "\u{8}"
    case UInt8(ascii: "f"): return "\u{C}"
    case UInt8(ascii: "n"): return "\n"
    case UInt8(ascii: "r"): return "\r"
    case UInt8(ascii: "t"): return "\t"
    case UInt8(ascii: "u"):
      guard var unit = hex4() else { return nil }
      if (0xD800...0xDBFF).contains(unit) {
        guard i + 1 < count, base[i] == UInt8(ascii: "\\"), base[i + 1] == UInt8(ascii: "u") else { return nil }
        i += 2
        guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
      } else if (0xDC00...0xDFFF).contains(unit) {
        return nil
      }
      return Unicode.Scalar(unit)
    default: return nil
    }
  }

  /// The string of `bytes` if they are valid UTF-8, else nil. Decoding
  /// repairs what is invalid, and a repair changes the bytes: the string is
  /// the input exactly when its UTF-8 is the input (one copy and a compare,
  /// no generic validation that looks up type metadata on every call).
  private static func validString(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    var s = String(decoding: bytes, as: UTF8.self)
    let same = s.withUTF8 { $0.count == bytes.count && memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
    return same ? s : nil
  }

  private mutating func hex4() -> UInt32? {
    guard i + 4 <= count else { return nil }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let b = base[i]
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
