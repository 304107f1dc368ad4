#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How a document's lines end, as seen when it was opened.
public enum NewlineConvention: String, Sendable, Codable {
  case lf, crlf, cr, mixed, none

  /// Whether `byte` is in `bytes`: a large text looked through on every
  /// core, in one piece a core.
  private static func contains(_ byte: UInt8, in bytes: [UInt8]) -> Bool {
    let parts = bytes.count >= UTF8Text.parallelBytes ? Parallel.width : 1
    return bytes.withUnsafeBytes { buffer in
      nonisolated(unsafe) let base = buffer.baseAddress!
      let count = buffer.count
      return Parallel.map(count: parts) { k in
        let range = (count * k / parts)..<(count * (k + 1) / parts)
        return memchr(base + range.lowerBound, Int32(byte), range.count) != nil
      }.contains(true)
    }
  }

  static func detect(_ bytes: [UInt8]) -> NewlineConvention {
    // Most files have no CR at all: memchr (vectorised) settles them.
    guard !bytes.isEmpty else { return .none }
    let noCR = !contains(0x0D, in: bytes)
    if noCR { return bytes.withUnsafeBytes { memchr($0.baseAddress!, 0x0A, $0.count) == nil } ? .none : .lf }
    var lf = 0
    var crlf = 0
    var cr = 0
    bytes.withUnsafeBufferPointer { buf in
      var i = 0
      let n = buf.count
      while i < n {
        let b = buf[i]
        if b == 0x0A {
          lf += 1
        } else if b == 0x0D {
          if i + 1 < n && buf[i + 1] == 0x0A {
            crlf += 1
            i += 1
          } else {
            cr += 1
          }
        }
        i += 1
      }
    }
    switch (lf > 0, crlf > 0, cr > 0) {
    case (false, false, false): return .none
    case (true, false, false): return .lf
    case (false, true, false): return .crlf
    case (false, false, true): return .cr
    default: return .mixed
    }
  }
}

/// One text document: its id, where it came from, and its text, never rewritten.
public final class Document {
  /// The path relative to the folder it was opened from (the file name when
  /// it was opened on its own). Unique within a corpus.
  public let id: String
  /// The file system path it was read from.
  public let path: String
  /// The text after a byte-order mark, validated and indexed.
  public let text: UTF8Text
  /// Whether the file began with a UTF-8 byte-order mark (not part of the text).
  public let hasByteOrderMark: Bool
  /// The line endings seen in the file.
  public let newline: NewlineConvention
  /// Units already segmented, by kind; segmentation is done when first
  /// needed. A field a kind, not a dictionary: a corpus's documents take
  /// their units at once, and a dictionary each was an allocation each.
  private var unitCache = UnitsByKind()
  /// The language chosen for the document (`--lang`, the corpus's
  /// languages file), strongest first; nil: detected from the text.
  private var languageChoice: (language: Language, source: LanguageSource)?
  /// What the detector found, when first needed.
  private var detection: LanguageDetector.Detection?
  /// The SHA-256 of the file as words, computed when first needed (or known
  /// from an earlier session by the file's ``stamp``); ``sha256`` gives it
  /// in hex.
  var digest: SHA256Words?

  /// Whether the document's SHA-256 is known (no file read or hashed for it).
  var isHashed: Bool { digest != nil }
  /// The file's stamp when it was read, if settled (see ``FileStamp``).
  let stamp: FileStamp?
  /// Whether the unit cache's file of hashes holds this document's (see
  /// ``UnitCache/keepHashes(of:)``).
  var stampKept = false

  public convenience init(id: String, path: String, fileBytes: [UInt8]) throws(TextDecodingError) {
    self.init(id: id, path: path, decoded: try Self.decode(fileBytes))
  }

  init(id: String, path: String, decoded: consuming DecodedText) {
    self.id = id
    self.path = path
    self.text = decoded.text
    self.hasByteOrderMark = decoded.hasByteOrderMark
    self.newline = decoded.newline
    self.stamp = decoded.stamp
  }

  /// A file's bytes checked and indexed as text: the work of opening a
  /// document that can run on any thread.
  struct DecodedText: Sendable {
    var text: UTF8Text
    var hasByteOrderMark: Bool
    var newline: NewlineConvention
    /// The file's stamp when it was read (nil: not from a file, or not settled).
    var stamp: FileStamp? = nil
  }

  static func decode(_ fileBytes: [UInt8]) throws(TextDecodingError) -> DecodedText {
    let bom = fileBytes.starts(with: [0xEF, 0xBB, 0xBF])
    let body = bom ? Array(fileBytes.dropFirst(3)) : fileBytes
    return DecodedText(
      text: try UTF8Text(validating: body, reportOffset: bom ? 3 : 0), hasByteOrderMark: bom,
      newline: NewlineConvention.detect(body))
  }

  /// The language the document is segmented as.
  public var language: Language { languageChoice?.language ?? detected.language }

  /// Where `language` came from.
  public var languageSource: LanguageSource { languageChoice?.source ?? .detected }

  /// The language chosen for the document (`--lang`, the languages file);
  /// nil when it is detected.
  public var chosenLanguage: Language? { languageChoice?.language }

  /// What detection found (done once, when first asked).
  public var detected: LanguageDetector.Detection {
    if let detection { return detection }
    let found = LanguageDetector.detect(text)
    detection = found
    return found
  }

  /// Sets (or with nil, clears) the chosen language; units made with
  /// another language are made again when next needed.
  public func choose(_ language: Language?, source: LanguageSource) {
    let old = languageChoice?.language
    languageChoice = language.map { ($0, source) }
    // Nothing segmented yet: nothing to redo, and nothing to detect now
    // (detection runs when units are first needed, on every core).
    guard !unitCache.isEmpty else { return }
    if (old ?? detected.language) != (language ?? detected.language) { unitCache = UnitsByKind() }
  }

  /// Stores a detection made elsewhere (see `Corpus.segment`).
  func cacheDetection(_ found: LanguageDetector.Detection) { detection = found }

  /// Whether units of `kind` are segmented already.
  func hasUnits(_ kind: UnitKind) -> Bool { unitCache[kind] != nil }

  /// Stores units segmented elsewhere (see `Corpus.segment`).
  func cacheUnits(_ units: [TextRange], _ kind: UnitKind) { unitCache[kind] = units }

  /// The document's units of `kind`, numbered from 1 by their position.
  public func units(_ kind: UnitKind) -> [TextRange] {
    if let cached = unitCache[kind] { return cached }
    let units = Segmenter.units(of: text, kind: kind, language: language)
    unitCache[kind] = units
    return units
  }

  /// The text of a code point range.
  public func string(in range: TextRange) -> String { text.string(in: range) }

  /// Numbers (from 1) of the units of `kind` a range overlaps; an empty
  /// range counts for the unit it sits in. Empty when it is in none.
  public func unitNumbers(of range: TextRange, kind: UnitKind = .sentence) -> ClosedRange<Int>? {
    Self.unitNumbers(of: range, in: units(kind))
  }

  /// ``unitNumbers(of:kind:)`` among given units (on any thread).
  static func unitNumbers(of range: TextRange, in units: [TextRange]) -> ClosedRange<Int>? {
    // First unit that ends after the range starts.
    var lo = 0
    var hi = units.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if units[mid].end <= range.start { lo = mid + 1 } else { hi = mid }
    }
    guard lo < units.count, units[lo].start < max(range.end, range.start + 1) else { return nil }
    var last = lo
    while last + 1 < units.count && units[last + 1].start < range.end { last += 1 }
    return (lo + 1)...(last + 1)
  }
}

extension ClosedRange<Int> {
  /// Unit numbers as people write them: `3`, or `3-5`.
  public var numbersLabel: String { count == 1 ? "\(lowerBound)" : "\(lowerBound)-\(upperBound)" }
}

/// A document's units of each kind, once segmented.
struct UnitsByKind {
  private var sentence: [TextRange]?
  private var paragraph: [TextRange]?
  private var line: [TextRange]?

  var isEmpty: Bool { sentence == nil && paragraph == nil && line == nil }

  subscript(kind: UnitKind) -> [TextRange]? {
    get {
      switch kind {
      case .sentence: sentence
      case .paragraph: paragraph
      case .line: line
      }
    }
    set {
      switch kind {
      case .sentence: sentence = newValue
      case .paragraph: paragraph = newValue
      case .line: line = newValue
      }
    }
  }
}
