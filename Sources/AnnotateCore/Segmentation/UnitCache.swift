import Crypto

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Units of documents segmented in earlier sessions, so that a session's
/// first whole-corpus command does not segment (and detect) every article
/// again. An entry is keyed by everything its units depend on: the
/// document's content (SHA-256 of its bytes), the kind of unit and the
/// language chosen for it (none: detected); the file as a whole by the
/// segmentation rules' and the detector's versions. So an article edited
/// behind the session's back, or segmented by other rules, is a miss and is
/// segmented afresh, never read from here.
///
/// The file (`ANNOTATIONS/.cache/units.bin`) ends with a SHA-256 of what
/// comes before it; a file that is damaged, cut short or of another version
/// is ignored and written anew. It is only a cache: deleting it loses
/// nothing, and a session that cannot write it runs as before.
public final class UnitCache {
  struct Key: Hashable, Sendable {
    /// The SHA-256 as four words (a key that hashes and compares in a few
    /// instructions, not a 64-character string).
    let sha256: SIMD4<UInt64>
    let kind: UnitKind
    /// The language chosen for the document (`--lang`, the languages
    /// file); empty when it was detected.
    let chosen: String

    init(sha256: SIMD4<UInt64>, kind: UnitKind, chosen: String) {
      self.sha256 = sha256
      self.kind = kind
      self.chosen = chosen
    }

    /// The key of a text by its SHA-256 in hex, and the language chosen for
    /// it (nil: detected).
    init(sha256 hex: String, kind: UnitKind, chosen: Language?) {
      self.init(sha256: UnitCache.words(hex: hex), kind: kind, chosen: chosen?.code ?? "")
    }
  }

  struct Entry: Equatable, Sendable {
    /// The language segmented as (the detected one when none was chosen).
    let language: String
    let confident: Bool
    let units: [TextRange]
  }

  static let magic = Array("annotate-units\n".utf8)
  /// The layout of the file.
  static let format: UInt32 = 1
  static let checksumBytes = 32

  /// The cache file, `.cache/units.bin` in the annotations folder.
  public let path: String
  static let fileName = "units.bin"
  /// The folder that must exist for the cache to be written (the annotations folder).
  let home: String
  private var entries: [Key: Entry] = [:]
  private var used: Set<Key> = []
  private var loaded = false
  private var changed = false
  /// Lookups answered from the file in this session (for tests and benchmarks).
  public private(set) var hits = 0

  /// A cache in `folder` (the annotations folder); read when first asked.
  public init(folder: String) {
    home = folder
    path = folder + "/.cache/" + Self.fileName
  }

  /// Whether the cache can be kept: the annotations folder exists (a
  /// corpus only read, never coded, gets no folder made for a cache).
  var isUsable: Bool { FileSystem.exists(home) }

  /// The document's units of `kind` (and its detected language) from an
  /// earlier session, stored on the document; false when there are none or
  /// they do not fit its text. The document's SHA-256 must be known.
  func apply(to document: Document, _ kind: UnitKind) -> Bool {
    loadOnce()
    let chosen = document.chosenLanguage
    let key = Key(sha256: document.sha256, kind: kind, chosen: chosen)
    guard let (entry, language) = Self.lookUp(key, in: entries, length: document.text.scalarCount, chosen: chosen)
    else { return false }
    if chosen == nil {
      document.cacheDetection(LanguageDetector.Detection(language: language, confident: entry.confident))
    }
    document.cacheUnits(entry.units, kind)
    took(key)
    return true
  }

  /// The entries read from the file, for workers to look units up in (see
  /// ``lookUp(_:in:length:chosen:)``) while the session holds this cache.
  func snapshot() -> [Key: Entry] {
    loadOnce()
    return entries
  }

  /// The entry for `key` in a snapshot when its units fit a text of
  /// `length` code points and its language is known (and is the chosen
  /// one, when one was chosen): on any thread.
  static func lookUp(_ key: Key, in table: [Key: Entry], length: Int, chosen: Language?) -> (Entry, Language)? {
    guard let entry = table[key], let language = Language(entry.language), chosen == nil || chosen == language,
      fits(entry.units, length: length)
    else { return nil }
    return (entry, language)
  }

  /// Notes that a document took its units from the cache (the entry is
  /// kept when the file is next written).
  func took(_ key: Key) {
    used.insert(key)
    hits += 1
  }

  /// Keeps a document's units of `kind`, segmented this session.
  func insert(_ document: Document, _ kind: UnitKind, units: [TextRange]) {
    loadOnce()
    let chosen = document.chosenLanguage
    let key = Key(sha256: document.sha256, kind: kind, chosen: chosen)
    let entry = Entry(
      language: document.language.code, confident: chosen == nil ? document.detected.confident : true, units: units)
    used.insert(key)
    guard entries[key] != entry else { return }
    entries[key] = entry
    changed = true
  }

  /// Writes the file when this session added to it (beside it, then
  /// renamed over it: a reader never sees half of one). Entries no open
  /// document used are kept while they are fewer than the used ones.
  func save() {
    guard changed, FileSystem.exists(home) else { return }
    changed = false
    var keep = entries
    if entries.count > 2 * used.count + 1_000 { keep = entries.filter { used.contains($0.key) } }
    let folder = home + "/.cache"
    if !FileSystem.exists(folder) {
      guard mkdir(folder, 0o755) == 0 || errno == EEXIST else { return }
      // Nothing in it is to be shared or committed.
      writeReplacing(folder + "/.gitignore", Array("# annotate's cache: rebuilt when missing\n*\n".utf8))
    }
    removeLeftovers(in: folder)
    writeReplacing(path, Self.encode(keep))
  }

  // MARK: The file

  /// A SHA-256 in hex as four words, in the order of its bytes.
  static func words(hex: String) -> SIMD4<UInt64> {
    var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var k = 0
    for digit in hex.utf8 {
      let value = UInt64(digit <= 0x39 ? digit &- 0x30 : (digit | 0x20) &- 0x61 &+ 10) & 0xF
      switch k >> 4 {
      case 0: words.0 = words.0 << 4 | value
      case 1: words.1 = words.1 << 4 | value
      case 2: words.2 = words.2 << 4 | value
      case 3: words.3 = words.3 << 4 | value
      default: break
      }
      k += 1
    }
    return SIMD4(words.0, words.1, words.2, words.3)
  }

  /// Units in order, not overlapping, inside the text.
  static func fits(_ units: [TextRange], length: Int) -> Bool {
    var end = 0
    for unit in units {
      guard unit.start >= end, unit.end >= unit.start, unit.end <= length else { return false }
      end = unit.end
    }
    return true
  }

  /// A cache file larger than this is not read (ignored, then written anew):
  /// 10,000 articles' units take a few megabytes.
  static let maximumBytes = 1 << 30

  private func loadOnce() {
    guard !loaded else { return }
    loaded = true
    guard case .success(let bytes) = Corpus.readFile(path, limit: Self.maximumBytes) else { return }
    entries = Self.decode(bytes) ?? [:]
  }

  /// Removes what a session that died while writing left (`units.bin.tmp-PID`
  /// of a process no longer running).
  private func removeLeftovers(in folder: String) {
    let prefix = Self.fileName + ".tmp-"
    for name in FileSystem.names(in: folder) {
      guard name.hasPrefix(prefix), let pid = Int32(name.dropFirst(prefix.count)), pid != getpid() else { continue }
      if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder + "/" + name) }
    }
  }

  /// Written beside `target` and renamed over it; a cache needs no sync.
  private func writeReplacing(_ target: String, _ bytes: [UInt8]) {
    let temporary = target + ".tmp-\(getpid())"
    unlink(temporary)
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
    guard fd >= 0 else { return }
    let failed = FileSystem.writeAll(fd, bytes) != nil
    if close(fd) != 0 || failed || rename(temporary, target) != 0 { unlink(temporary) }
  }

  static func header() -> [UInt8] {
    var out = magic
    for value in [format, UInt32(SegmentationRules.version), UInt32(LanguageDetector.version)] {
      withUnsafeBytes(of: value.littleEndian) { out += $0 }
    }
    return out
  }

  static func encode(_ entries: [Key: Entry]) -> [UInt8] {
    var out = header()
    appendVarint(entries.count, to: &out)
    // In key order, so that the same entries make the same file.
    // The hash's words decide almost always; the strings only between a
    // document's entries (another kind of unit, another language).
    func before(_ a: Key, _ b: Key) -> Bool {
      for k in 0..<4 where a.sha256[k] != b.sha256[k] { return a.sha256[k] < b.sha256[k] }
      return (a.kind.rawValue, a.chosen) < (b.kind.rawValue, b.chosen)
    }
    for (key, entry) in entries.sorted(by: { before($0.key, $1.key) }) {
      for k in 0..<4 { withUnsafeBytes(of: key.sha256[k].littleEndian) { out += $0 } }
      for text in [key.kind.rawValue, key.chosen, entry.language] {
        appendVarint(text.utf8.count, to: &out)
        out += text.utf8
      }
      out.append(entry.confident ? 1 : 0)
      appendVarint(entry.units.count, to: &out)
      var end = 0
      for unit in entry.units {
        appendVarint(unit.start - end, to: &out)
        appendVarint(unit.end - unit.start, to: &out)
        end = unit.end
      }
    }
    appendChecksum(of: out, to: &out)
    return out
  }

  /// The SHA-256 of `bytes`, appended to `out`.
  static func appendChecksum(of bytes: [UInt8], to out: inout [UInt8]) {
    out += SHA256.hash(data: bytes)
  }

  /// The entries, or nil when the file is not one this build wrote whole.
  static func decode(_ bytes: [UInt8]) -> [Key: Entry]? {
    let head = header()
    guard bytes.count >= head.count + checksumBytes, bytes.starts(with: head) else { return nil }
    let body = bytes[..<(bytes.count - checksumBytes)]
    guard Array(SHA256.hash(data: body)) == Array(bytes[body.endIndex...]) else { return nil }
    var reader = Reader(bytes: body, at: head.count)
    guard let count = reader.varint() else { return nil }
    var entries: [Key: Entry] = [:]
    entries.reserveCapacity(min(count, 1 << 20))
    for _ in 0..<count {
      guard let sha = reader.words(), let kindName = reader.text(), let kind = UnitKind(rawValue: kindName),
        let chosen = reader.text(), let language = reader.text(), let confident = reader.byte(),
        let unitCount = reader.varint(), unitCount <= body.count
      else { return nil }
      var units: [TextRange] = []
      units.reserveCapacity(unitCount)
      var end = 0
      for _ in 0..<unitCount {
        guard let gap = reader.varint(), let length = reader.varint() else { return nil }
        units.append(TextRange(start: end + gap, end: end + gap + length))
        end += gap + length
      }
      entries[Key(sha256: sha, kind: kind, chosen: chosen)] = Entry(
        language: language, confident: confident == 1, units: units)
    }
    return reader.atEnd ? entries : nil
  }

  static func appendVarint(_ value: Int, to out: inout [UInt8]) {
    var v = UInt64(value)
    while v >= 0x80 {
      out.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    out.append(UInt8(v))
  }

  struct Reader {
    let bytes: ArraySlice<UInt8>
    var at: Int

    var atEnd: Bool { at == bytes.endIndex }

    mutating func byte() -> UInt8? {
      guard at < bytes.endIndex else { return nil }
      defer { at += 1 }
      return bytes[at]
    }

    /// At most nine bytes (63 bits): anything longer is damage.
    mutating func varint() -> Int? {
      var value: UInt64 = 0
      for shift in stride(from: 0, to: 63, by: 7) {
        guard let b = byte() else { return nil }
        value |= UInt64(b & 0x7F) << UInt64(shift)
        if b < 0x80 { return Int(value) }
      }
      return nil
    }

    /// Four little-endian words.
    mutating func words() -> SIMD4<UInt64>? {
      guard bytes.endIndex - at >= 32 else { return nil }
      var words = SIMD4<UInt64>()
      for k in 0..<4 {
        var word: UInt64 = 0
        for j in 0..<8 { word |= UInt64(bytes[at + k * 8 + j]) << UInt64(8 * j) }
        words[k] = word
      }
      at += 32
      return words
    }

    mutating func text() -> String? {
      guard let n = varint(), n <= bytes.endIndex - at else { return nil }
      defer { at += n }
      return String(validating: bytes[at..<(at + n)], as: UTF8.self)
    }
  }
}
