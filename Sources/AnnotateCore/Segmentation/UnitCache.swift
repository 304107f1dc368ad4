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
/// Beside them, by file stamp (see ``FileStamp``): documents' SHA-256s
/// (`hashes.bin`), and how many spans carry each tag in each sidecar
/// (`tags.bin`, for the codebook check at a session's start).
///
/// The file (`ANNOTATIONS/.cache/units.bin`) ends with a SHA-256 of what
/// comes before it; a file that is damaged, cut short or of another version
/// is ignored and written anew. It is only a cache: deleting it loses
/// nothing, and a session that cannot write it runs as before.
public final class UnitCache {
  struct Key: Hashable, Sendable {
    /// The SHA-256 as four words (a key that hashes and compares in a few
    /// instructions, not a 64-character string).
    let sha256: SHA256Words
    let kind: UnitKind
    /// The language chosen for the document (`--lang`, the languages
    /// file); empty when it was detected.
    let chosen: String

    init(sha256: SHA256Words, kind: UnitKind, chosen: String) {
      self.sha256 = sha256
      self.kind = kind
      self.chosen = chosen
    }

    /// The key of a text by its SHA-256, and the language chosen for it
    /// (nil: detected).
    init(sha256: SHA256Words, kind: UnitKind, chosen: Language?) {
      self.init(sha256: sha256, kind: kind, chosen: chosen?.code ?? "")
    }

    /// Hashed by the SHA-256's first word alone (a hash's bits are as good as
    /// random); equal keys still compare whole.
    func hash(into hasher: inout Hasher) { hasher.combine(sha256[0]) }
  }

  struct Entry: Equatable, Sendable {
    /// The language segmented as (the detected one when none was chosen).
    let language: String
    let confident: Bool
    let units: [TextRange]
    /// `language` as a language this build knows (nil: none), found once
    /// per language a file holds, not at every lookup.
    let known: Language?

    init(language: String, confident: Bool, units: [TextRange], known: Language?? = nil) {
      self.language = language
      self.confident = confident
      self.units = units
      self.known = known ?? Language(language)
    }
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
  /// SHA-256s of files by their stamp, from `hashes.bin`: a file whose
  /// stamp is unchanged is not hashed again (see ``FileStamp``).
  private var hashes: [FileStamp: SHA256Words] = [:]
  private var hashesLoaded = false
  /// Both files, being read on a thread of their own (see ``startReading()``).
  private var reading: BackgroundWork<(entries: [Key: Entry], hashes: [FileStamp: SHA256Words])>?
  static let hashesFileName = "hashes.bin"
  static let hashesMagic = Array("annotate-hashes\n".utf8)
  /// The layout of the file of hashes (its own: a change to the units
  /// file's layout leaves it standing).
  static let hashesFormat: UInt32 = 1

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
    let key = Key(sha256: document.sha256Words, kind: kind, chosen: chosen)
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
    guard let entry = table[key], let language = entry.known, chosen == nil || chosen == language,
      fits(entry.units, length: length)
    else { return nil }
    return (entry, language)
  }

  /// Makes room to note `count` documents' lookups at once, and to keep
  /// `segmented` documents' units (no table grown step by step).
  func expectLookups(_ count: Int, segmented: Int = 0) {
    used.reserveCapacity(used.count + count)
    guard segmented > 0 else { return }
    loadOnce()
    entries.reserveCapacity(entries.count + segmented)
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
    let key = Key(sha256: document.sha256Words, kind: kind, chosen: chosen)
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
    guard makeFolder() != nil else { return }
    writeReplacing(path, Self.encode(keep))
  }

  /// The cache's folder, made if missing (nil when it cannot be), with what
  /// a session that died while writing left removed.
  private func makeFolder() -> String? {
    let folder = home + "/.cache"
    if !FileSystem.exists(folder) {
      guard mkdir(folder, 0o755) == 0 || errno == EEXIST else { return nil }
      // Nothing in it is to be shared or committed.
      writeReplacing(folder + "/.gitignore", Array("# annotate's cache: rebuilt when missing\n*\n".utf8))
    }
    removeLeftovers(in: folder)
    return folder
  }

  // MARK: Hashes by stamp

  /// Gives each document whose file has the stamp it had when an earlier
  /// session hashed it that SHA-256, unread. Returns how many got one.
  @discardableResult
  func recallHashes(of documents: [Document]) -> Int {
    guard !documents.isEmpty, isUsable else { return 0 }
    loadHashesOnce()
    guard !hashes.isEmpty else { return 0 }
    var recalled = 0
    for document in documents where !document.isHashed {
      guard let stamp = document.stamp, let words = hashes[stamp] else { continue }
      document.digest = words
      document.stampKept = true
      recalled += 1
    }
    return recalled
  }

  /// Writes `hashes.bin` anew when documents were hashed since it was last
  /// read or written. Stamps of files not open now are kept while they are
  /// fewer than the open ones (as the units are).
  func keepHashes(of documents: [Document]) {
    guard documents.contains(where: { !$0.stampKept && $0.stamp != nil && $0.isHashed }), isUsable
    else { return }
    loadHashesOnce()
    var open = Set<FileStamp>()
    open.reserveCapacity(documents.count)
    hashes.reserveCapacity(hashes.count + documents.count)
    for document in documents {
      guard let stamp = document.stamp else { continue }
      open.insert(stamp)
      guard !document.stampKept, document.isHashed else { continue }
      hashes[stamp] = document.sha256Words
      document.stampKept = true
    }
    if hashes.count > 2 * open.count + 1_000 { hashes = hashes.filter { open.contains($0.key) } }
    guard makeFolder() != nil else { return }
    writeReplacing(hashesPath, Self.encodeHashes(hashes))
  }

  private var hashesPath: String { home + "/.cache/" + Self.hashesFileName }

  private func loadHashesOnce() {
    finishReading()
    guard !hashesLoaded else { return }
    hashesLoaded = true
    hashes = Self.read(hashesPath, Self.decodeHashes) ?? [:]
  }

  static func hashesHeader() -> [UInt8] {
    var out = hashesMagic
    withUnsafeBytes(of: hashesFormat.littleEndian) { out += $0 }
    return out
  }

  /// Each stamp's seven words, then the SHA-256's four, little-endian, in
  /// stamp order (the same stamps make the same file).
  static func encodeHashes(_ hashes: [FileStamp: SHA256Words]) -> [UInt8] {
    var out = hashesHeader()
    appendVarint(hashes.count, to: &out)
    // Sorted by the stamps' fields in place (no array of words made per
    // stamp, or per comparison).
    let sorted = hashes.sorted { $0.key.precedes($1.key) }
    out.reserveCapacity(out.count + sorted.count * 88 + checksumBytes)
    for (stamp, sha) in sorted {
      stamp.forEachWord { word in withUnsafeBytes(of: word.littleEndian) { out += $0 } }
      for k in 0..<4 { withUnsafeBytes(of: sha[k].littleEndian) { out += $0 } }
    }
    appendChecksum(of: out, to: &out)
    return out
  }

  /// The hashes, or nil when the file is not one this build wrote whole.
  static func decodeHashes(_ bytes: [UInt8]) -> [FileStamp: SHA256Words]? {
    let head = hashesHeader()
    guard bytes.count >= head.count + checksumBytes, bytes.starts(with: head) else { return nil }
    let bodyCount = bytes.count - checksumBytes
    guard Array(SHA256.hash(data: bytes[..<bodyCount])) == Array(bytes[bodyCount...]) else { return nil }
    return bytes.withUnsafeBufferPointer { buffer -> [FileStamp: SHA256Words]? in
      var reader = Reader(bytes: UnsafeBufferPointer(rebasing: buffer[..<bodyCount]), at: head.count)
      guard let count = reader.varint(), count <= (bodyCount - reader.at) / 88 else { return nil }
      var hashes: [FileStamp: SHA256Words] = [:]
      hashes.reserveCapacity(count)
      for _ in 0..<count {
        guard let stamp = FileStamp(reading: { reader.word() }), let sha = reader.words() else { return nil }
        hashes[stamp] = sha
      }
      return reader.atEnd ? hashes : nil
    }
  }

  // MARK: Tag counts by stamp

  static let tagsFileName = "tags.bin"
  static let tagsMagic = Array("annotate-tags\n".utf8)
  static let tagsFormat: UInt32 = 1
  /// How many spans carry each tag, by the stamp of the sidecar counted.
  private var tagCounts: [FileStamp: [String: Int]] = [:]
  private var tagCountsLoaded = false
  /// Sidecars whose counts this session's census took from `tags.bin`, or
  /// from a command's decode before it (for tests and benchmarks).
  public private(set) var tagCountHits = 0

  private var tagsPath: String { home + "/.cache/" + Self.tagsFileName }

  /// Tag counts of sidecars counted in earlier sessions, by their stamps,
  /// for workers to look up.
  func knownTagCounts() -> [FileStamp: [String: Int]] {
    guard isUsable else { return [:] }
    if !tagCountsLoaded {
      tagCountsLoaded = true
      tagCounts = Self.read(tagsPath, Self.decodeTagCounts) ?? [:]
    }
    return tagCounts
  }

  /// Keeps a census of sidecars: those counted afresh under a settled
  /// stamp are added; stamps not seen in it are let go once they outnumber
  /// the seen ones (as the units are). Writes the file when it changed.
  func keepTagCounts(counted: [(stamp: FileStamp, counts: [String: Int])], seen: Set<FileStamp>, hits: Int) {
    tagCountHits += hits
    guard isUsable else { return }
    _ = knownTagCounts()
    var changed = false
    for (stamp, counts) in counted where tagCounts[stamp] != counts {
      tagCounts[stamp] = counts
      changed = true
    }
    if tagCounts.count > 2 * seen.count + 1_000 {
      tagCounts = tagCounts.filter { seen.contains($0.key) }
      changed = true
    }
    guard changed, makeFolder() != nil else { return }
    writeReplacing(tagsPath, Self.encodeTagCounts(tagCounts))
  }

  /// Each stamp's seven words, then its tags (sorted) with their counts, in
  /// stamp order (the same counts make the same file).
  static func encodeTagCounts(_ table: [FileStamp: [String: Int]]) -> [UInt8] {
    var out = tagsMagic
    withUnsafeBytes(of: tagsFormat.littleEndian) { out += $0 }
    appendVarint(table.count, to: &out)
    for (stamp, counts) in table.sorted(by: { $0.key.precedes($1.key) }) {
      stamp.forEachWord { word in withUnsafeBytes(of: word.littleEndian) { out += $0 } }
      appendVarint(counts.count, to: &out)
      for (tag, count) in counts.sorted(by: { $0.key < $1.key }) {
        appendVarint(tag.utf8.count, to: &out)
        out += tag.utf8
        appendVarint(count, to: &out)
      }
    }
    appendChecksum(of: out, to: &out)
    return out
  }

  /// The counts, or nil when the file is not one this build wrote whole.
  static func decodeTagCounts(_ bytes: [UInt8]) -> [FileStamp: [String: Int]]? {
    var head = tagsMagic
    withUnsafeBytes(of: tagsFormat.littleEndian) { head += $0 }
    guard bytes.count >= head.count + checksumBytes, bytes.starts(with: head) else { return nil }
    let bodyCount = bytes.count - checksumBytes
    guard Array(SHA256.hash(data: bytes[..<bodyCount])) == Array(bytes[bodyCount...]) else { return nil }
    return bytes.withUnsafeBufferPointer { buffer -> [FileStamp: [String: Int]]? in
      var reader = Reader(bytes: UnsafeBufferPointer(rebasing: buffer[..<bodyCount]), at: head.count)
      guard let count = reader.varint(), count <= (bodyCount - reader.at) / 57 else { return nil }
      var table: [FileStamp: [String: Int]] = [:]
      table.reserveCapacity(count)
      for _ in 0..<count {
        guard let stamp = FileStamp(reading: { reader.word() }), let tags = reader.varint(),
          tags <= bodyCount - reader.at
        else { return nil }
        var counts: [String: Int] = [:]
        for _ in 0..<tags {
          guard let tag = reader.text(), let n = reader.varint() else { return nil }
          counts[tag] = n
        }
        table[stamp] = counts
      }
      return reader.atEnd ? table : nil
    }
  }

  // MARK: The file

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

  /// Starts reading both files on a thread of their own, while a corpus is
  /// opened on every core, so that the first whole-corpus command does not
  /// wait for them.
  func startReading() {
    guard !loaded, !hashesLoaded, reading == nil, isUsable else { return }
    let (path, hashesPath) = (path, hashesPath)
    reading = BackgroundWork { (Self.read(path, Self.decode) ?? [:], Self.read(hashesPath, Self.decodeHashes) ?? [:]) }
  }

  /// What the thread started by ``startReading()`` read, taken once.
  private func finishReading() {
    guard let read = reading?.value() else { return }
    reading = nil
    (entries, loaded) = (read.entries, true)
    (hashes, hashesLoaded) = (read.hashes, true)
  }

  private static func read<T>(_ path: String, _ decode: ([UInt8]) -> T?) -> T? {
    guard case .success(let bytes) = Corpus.readFile(path, limit: maximumBytes) else { return nil }
    return decode(bytes)
  }

  private func loadOnce() {
    finishReading()
    guard !loaded else { return }
    loaded = true
    entries = Self.read(path, Self.decode) ?? [:]
  }

  /// Removes what a session that died while writing left (`units.bin.tmp-PID`
  /// of a process no longer running).
  private func removeLeftovers(in folder: String) {
    let prefixes = [Self.fileName, Self.hashesFileName, Self.tagsFileName].map { $0 + ".tmp-" }
    for name in FileSystem.names(in: folder) {
      guard let prefix = prefixes.first(where: { name.hasPrefix($0) }), let pid = Int32(name.dropFirst(prefix.count)),
        pid != getpid()
      else { continue }
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
    // Indices sorted, not the entries: no entry copied (and retained) at
    // every step of the sort.
    let items = Array(entries)
    var size = out.count + checksumBytes
    for (key, entry) in items { size += 40 + key.chosen.utf8.count + entry.language.utf8.count + 4 * entry.units.count }
    out.reserveCapacity(size)
    for index in items.indices.sorted(by: { before(items[$0].key, items[$1].key) }) {
      let (key, entry) = items[index]
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
    let bodyCount = bytes.count - checksumBytes
    let body = bytes[..<bodyCount]
    guard Array(SHA256.hash(data: body)) == Array(bytes[bodyCount...]) else { return nil }
    return bytes.withUnsafeBufferPointer { buffer -> [Key: Entry]? in
      var reader = Reader(bytes: UnsafeBufferPointer(rebasing: buffer[..<bodyCount]), at: head.count)
      guard let count = reader.varint() else { return nil }
      var entries: [Key: Entry] = [:]
      entries.reserveCapacity(min(count, 1 << 20))
      // The languages named, each found once.
      var known: [String: Language?] = [:]
      for _ in 0..<count {
        guard let sha = reader.words(), let kindName = reader.text(), let kind = UnitKind(rawValue: kindName),
          let chosen = reader.text(), let name = reader.text(), let confident = reader.byte(),
          let unitCount = reader.varint(), unitCount <= bodyCount
        else { return nil }
        var units: [TextRange] = []
        units.reserveCapacity(unitCount)
        var end = 0
        for _ in 0..<unitCount {
          guard let gap = reader.varint(), let length = reader.varint() else { return nil }
          units.append(TextRange(start: end &+ gap, end: end &+ gap &+ length))
          end = end &+ gap &+ length
        }
        let language = known[name] ?? Language(name)
        known[name] = language
        entries[Key(sha256: sha, kind: kind, chosen: chosen)] = Entry(
          language: name, confident: confident == 1, units: units, known: .some(language))
      }
      return reader.atEnd ? entries : nil
    }
  }

  static func appendVarint(_ value: Int, to out: inout [UInt8]) {
    var v = UInt64(value)
    while v >= 0x80 {
      out.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    out.append(UInt8(v))
  }

  /// Reads the file's body in place (a slice's checked subscript and a
  /// generic string per field took most of the time of reading the file).
  struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    var at: Int
    /// The texts read so far (a unit's kind, a language): a handful, met
    /// in every entry.
    private var texts: [String] = []

    init(bytes: UnsafeBufferPointer<UInt8>, at: Int) {
      self.bytes = bytes
      self.at = at
    }

    var atEnd: Bool { at == bytes.count }

    mutating func byte() -> UInt8? {
      guard at < bytes.count else { return nil }
      defer { at &+= 1 }
      return bytes[at]
    }

    /// At most nine bytes (63 bits): anything longer is damage.
    @inline(__always)
    mutating func varint() -> Int? {
      // Most values (a gap, a short unit's length) fit in one byte.
      if at < bytes.count, bytes[at] < 0x80 {
        defer { at &+= 1 }
        return Int(bytes[at])
      }
      var value: UInt64 = 0
      for shift in stride(from: 0, to: 63, by: 7) {
        guard let b = byte() else { return nil }
        value |= UInt64(b & 0x7F) << UInt64(shift)
        if b < 0x80 { return Int(value) }
      }
      return nil
    }

    /// A little-endian word.
    mutating func word() -> UInt64? {
      guard bytes.count - at >= 8, let base = bytes.baseAddress else { return nil }
      defer { at += 8 }
      return UInt64(littleEndian: UnsafeRawPointer(base + at).loadUnaligned(as: UInt64.self))
    }

    /// Four little-endian words.
    mutating func words() -> SHA256Words? {
      guard bytes.count - at >= 32 else { return nil }
      var words = SHA256Words()
      for k in 0..<4 { words[k] = word()! }
      return words
    }

    mutating func text() -> String? {
      guard let n = varint(), n <= bytes.count - at else { return nil }
      let field = UnsafeBufferPointer(rebasing: bytes[at..<(at + n)])
      at += n
      // Compared as strings: a short one is stored inline, so a look at it
      // retains nothing (a copy of the bytes beside it did, twice a field).
      if let known = texts.first(where: { $0.utf8.elementsEqual(field) }) { return known }
      guard let text = String(validating: field, as: UTF8.self) else { return nil }
      if texts.count < 16 { texts.append(text) }
      return text
    }
  }
}
