#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One annotator's annotations on one open document, and whether and how
/// they can be written.
public final class DocumentAnnotations {
  public internal(set) var set = AnnotationSet()
  /// Why changes are refused (damaged sidecar, another session…); nil when writable.
  public internal(set) var readOnly: StoreError?
  /// Changes (or re-anchoring) not yet on disk.
  public internal(set) var dirty = false
  /// What re-anchoring did when the document had changed since it was annotated.
  public internal(set) var reanchorReport: ReanchorReport?
  /// Notices for the user the first time the document is used (recovery,
  /// re-anchoring, damage); whoever shows them takes them.
  public internal(set) var pendingNotices: [StoreNotice] = []
  var lock: FileLock?
  var journal: JournalFile?
  /// Bytes of an unfinished record at the journal's end, cut off once this
  /// session holds the lock (the next record must start on a fresh line).
  var tornJournalBytes = 0
  /// The sidecar's identity and the journal's length as last read or written.
  var diskBytes: DiskState?
  /// Where the sidecar was read from.
  var sidecarPath: String?
  /// Encoded annotations by id, reused while the annotation is unchanged.
  var encodedCache: [Int: (annotation: Annotation, sentences: ClosedRange<Int>?, bytes: [UInt8])] = [:]
}

/// Which versions of one sidecar's files this session last read or wrote:
/// another session's atomic rewrite changes the sidecar's identity, and its
/// changes lengthen the journal.
struct DiskState: Equatable, Sendable {
  /// Nil when there was no sidecar.
  var sidecar: FileIdentity?
  /// The journal's length (it is only ever appended to, or emptied).
  var journal: Int?
}

/// What a document's sidecar and journal come to: the set (replayed,
/// re-anchored when the text changed), whether it may be changed, and what
/// to tell the user.
struct Settled: Sendable {
  var set = AnnotationSet()
  var readOnly: StoreError?
  var dirty = false
  var reanchorReport: ReanchorReport?
  /// The notices but one: that the sentence numbers were made with other
  /// rules, which needs the document's language (see `numberedWith`).
  var notices: [StoreNotice] = []
  /// The language and segmenter rules a sidecar with spans had its sentence
  /// numbers made with, as it records them.
  var numberedWith: (language: String, rules: Int)?
  var tornJournalBytes = 0
}

/// A sidecar read ahead of use: its identity and its journal's length
/// before it was read, and what it held.
struct Prefetched: Sendable {
  var disk: DiskState
  var decoded: Result<Sidecar, SidecarError>?
  /// The hash of the text it was read for, when the document had none yet.
  var digest: SHA256Words?
  /// Whether every anchored span's quote stands at its place in that text
  /// (nil: not checked, the sidecar being for another text or not read).
  var quotesHold: Bool?
  /// What loading makes of it, worked out where it was read (nil: not yet).
  var settled: Settled?
  /// The sidecar's tags as decoded, under its settled stamp taken before
  /// the read, when counting was asked for (see ``TagLedger``).
  var tagCensus: (stamp: FileStamp, counts: [String: Int])?

  /// ``read(_:for:twins:)`` and ``AnnotationStore/settle(_:path:documentID:annotator:text:sha256:)``
  /// on one thread: the sidecar's set taken into the settled result.
  static func settled(
    _ path: String, documentID: String, annotator: String, for contents: Document.Contents,
    twins: AnnotationSet? = nil, countingTags: Bool = false
  ) -> Prefetched {
    var read = read(path, for: contents, twins: twins, countingTags: countingTags)
    // No sidecar and no journal: nothing to settle (and no hash to make).
    guard read.disk.sidecar != nil || (read.disk.journal ?? 0) > 0 else {
      read.settled = Settled()
      return read
    }
    let words = read.digest ?? contents.words()
    if contents.digest == nil { read.digest = words }
    read.settled = AnnotationStore.settle(
      read, path: path, documentID: documentID, annotator: annotator, text: contents.text,
      sha256: SHA256Words.hex(words))
    read.decoded = nil
    return read
  }

  /// Reads and decodes a sidecar (on any thread), and checks its quotes
  /// against the document's text when given: there, not one document after
  /// another on the thread that takes them. A span on the same words as one
  /// of `twins` (another annotator's set of the document) shares its quote's
  /// strings when they are the same. `countingTags`: its tags are counted
  /// too, for the session's census (``tagCensus``).
  static func read(
    _ path: String, for text: Document.Contents? = nil, twins: AnnotationSet? = nil, countingTags: Bool = false
  ) -> Prefetched {
    // Identities first: a rewrite after them makes the next check re-read
    // (and leaves the counts under a stamp no file has any more).
    var info = stat()
    let found = stat(path, &info) == 0 ? info : nil
    let stamp = countingTags ? found.flatMap { FileStamp(settled: $0) } : nil
    let disk = AnnotationStore.diskState(sidecar: path, found: found)
    guard disk.sidecar != nil, case .success(var bytes) = Corpus.readFile(path) else {
      return Prefetched(disk: disk, decoded: nil)
    }
    let sidecar: Sidecar
    do {
      sidecar = try Sidecar.decode(taking: &bytes, path: path, twins: twins?.annotations)
    } catch {
      return Prefetched(disk: disk, decoded: .failure(error))
    }
    var read = Prefetched(disk: disk, decoded: .success(sidecar))
    if let stamp { read.tagCensus = (stamp, sidecar.set.tagCounts()) }
    if let text {
      let words = text.words()
      read.digest = text.digest == nil ? words : nil
      if sidecar.document.sha256 == SHA256Words.hex(words) {
        read.quotesHold = AnnotationStore.quotesHold(sidecar.set, in: text.text)
      }
    }
    return read
  }
}

/// Tags counted from sidecars that commands decoded before the session's
/// census of tags (``Workspace/tagsMissingFromCodebook()``) ran, by each
/// file's settled stamp taken before its read: a script's census comes
/// after its first command, and takes these instead of reading the same
/// files again. Wanted from ``Workspace/countTagsUntilCensus()`` until the
/// census runs (a session with no census counts nothing); one per workspace.
final class TagLedger {
  var wanted = false
  private(set) var counted: [FileStamp: [String: Int]] = [:]

  func record(_ census: (stamp: FileStamp, counts: [String: Int])) {
    if wanted { counted[census.stamp] = census.counts }
  }

  /// The counts recorded, handed over once: nothing is counted after.
  func close() -> [FileStamp: [String: Int]] {
    wanted = false
    defer { counted = [:] }
    return counted
  }
}

/// Whether a name can be an annotator's: letters, digits, `-`, `_` and `.`,
/// starting with a letter or digit, at most 64 characters. The name becomes
/// a file name, so nothing else (no `/`, no `..`) is allowed.
public func isValidAnnotatorName(_ name: String) -> Bool {
  guard let first = name.unicodeScalars.first, name.count <= 64,
    first.properties.isAlphabetic || ("0"..."9").contains(first)
  else { return false }
  return name.unicodeScalars.allSatisfy {
    $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
  }
}

/// What a valid annotator name is, for messages.
public let annotatorNameRule = "letters, digits, '-', '_' or '.', starting with a letter or digit"

/// The sidecars of one annotator under an annotations folder: one file per
/// document at `FOLDER/DOCUMENT-ID/ANNOTATOR.json`.
public final class AnnotationStore {
  public let folder: String
  public let annotator: String
  public var codebook: Codebook
  var states: [ObjectIdentifier: DocumentAnnotations] = [:]
  /// Sidecars decoded ahead by ``preload(_:)``, taken by the first load.
  var prefetched: [ObjectIdentifier: Prefetched] = [:]
  /// Where sidecars decoded before the session's census of tags leave
  /// their counts (the workspace's; nil: not counted).
  var tagLedger: TagLedger?
  /// Documents whose lock and journal are open, least recently written first.
  /// Each holds two file descriptors, so at most ``openLimit`` stay open: a
  /// session that edits ten thousand documents must not run out of them.
  var openDocuments: [(id: ObjectIdentifier, document: Document)] = []
  static let openLimit = 128

  public init(folder: String, annotator: String, codebook: Codebook = .standard) {
    self.folder = folder
    self.annotator = annotator
    self.codebook = codebook
  }

  /// Where a document's sidecar for this annotator lives.
  public func sidecarPath(for document: Document) -> String {
    Self.sidecarPath(folder: folder, documentID: document.id, annotator: annotator)
  }

  public static func sidecarPath(folder: String, documentID: String, annotator: String) -> String {
    folder + "/" + documentID + "/" + annotator + ".json"
  }

  /// The document's annotations, read from its sidecar the first time.
  public func annotations(for document: Document) -> DocumentAnnotations {
    if let state = states[ObjectIdentifier(document)] { return state }
    let state = DocumentAnnotations()
    load(document, into: state)
    states[ObjectIdentifier(document)] = state
    return state
  }

  /// Forgets what was read of a document's sidecar (it moved): the next use reads it again.
  func forget(_ document: Document) {
    states[ObjectIdentifier(document)] = nil
    openDocuments.removeAll { $0.id == ObjectIdentifier(document) }
  }

  /// For a store that only reads: forgets documents whose sidecar or
  /// journal changed on disk since they were read (another session wrote),
  /// so the next use reads them again. A document whose lock this store
  /// holds is the truth as it is.
  func forgetChangedOnDisk() {
    // Every sidecar and journal looked at on every core (two `stat`s each).
    let read = states.compactMap { key, state in
      state.lock == nil ? state.sidecarPath.map { (key: key, path: $0, known: state.diskBytes) } : nil
    }
    let now = Parallel.map(read.map(\.path)) { Self.diskState(sidecar: $0) }
    for (state, disk) in zip(read, now) where disk != state.known { states[state.key] = nil }
  }

  /// Whether annotations of this document were read already (no file access).
  public func isLoaded(_ document: Document) -> Bool { states[ObjectIdentifier(document)] != nil }

  /// What is on disk now for a document's sidecar and journal.
  func diskState(_ document: Document) -> DiskState { Self.diskState(sidecar: sidecarPath(for: document)) }

  static func diskState(sidecar path: String) -> DiskState {
    var info = stat()
    return diskState(sidecar: path, found: stat(path, &info) == 0 ? info : nil)
  }

  /// ``diskState(sidecar:)`` with the sidecar's `stat` taken already (nil: no sidecar).
  static func diskState(sidecar path: String, found sidecar: stat?) -> DiskState {
    var info = stat()
    return DiskState(
      sidecar: sidecar.map { FileIdentity($0) },
      journal: stat(Journal.path(forSidecar: path), &info) == 0 ? Int(info.st_size) : nil)
  }

  /// Reads and decodes the sidecars of documents not loaded yet, on every
  /// core, so that a command touching the whole corpus (stats, agree,
  /// export) does not parse them one by one. Loading then takes the result.
  /// `alongside`: another annotator's set of each document, read already,
  /// whose quotes' strings spans on the same words share.
  public func preload(_ documents: [Document], alongside others: [AnnotationSet?] = []) {
    let todo = documents.indices.filter {
      states[ObjectIdentifier(documents[$0])] == nil && prefetched[ObjectIdentifier(documents[$0])] == nil
    }
    guard todo.count > 1 else { return }
    let work = todo.map {
      (
        path: sidecarPath(for: documents[$0]), id: documents[$0].id, contents: documents[$0].contents,
        twins: others.isEmpty ? nil : others[$0]
      )
    }
    let (annotator, counting) = (annotator, tagLedger?.wanted ?? false)
    let results = Parallel.map(work) {
      Prefetched.settled(
        $0.path, documentID: $0.id, annotator: annotator, for: $0.contents, twins: $0.twins, countingTags: counting)
    }
    // Room made once: a table grown step by step moved every entry read
    // ahead (each several hundred bytes) at each step.
    prefetched.reserveCapacity(prefetched.count + todo.count)
    for (k, result) in zip(todo, results) { prefetched[ObjectIdentifier(documents[k])] = result }
  }

  /// What a census of tags (``tagCounts(_:known:)``) found.
  struct TagCensus {
    var counts: [String: Int] = [:]
    /// Sidecars counted from their files, by their settled stamps (for the cache).
    var counted: [(stamp: FileStamp, counts: [String: Int])] = []
    /// The stamps of every sidecar looked at.
    var seen: [FileStamp] = []
    /// Sidecars whose counts were in `known`.
    var hits = 0

    mutating func add(_ other: TagCensus) {
      counts.merge(other.counts, uniquingKeysWith: +)
      counted += other.counted
      seen += other.seen
      hits += other.hits
    }
  }

  /// How many spans carry each tag in this annotator's annotations of
  /// `documents`, with no annotation made for a sidecar not read yet: a
  /// document read already counts as it is in memory; the others are
  /// counted on every core, from `known` (counts by the sidecar's stamp,
  /// from an earlier session) when the file is unchanged, else from the
  /// file (a census of a corpus's tags must not make, and keep, every
  /// annotator's annotations). A sidecar with a journal beside it is
  /// loaded, its last changes being there; one that cannot be read counts
  /// nothing (loading it says why).
  func tagCounts(_ documents: [Document], known: [FileStamp: [String: Int]] = [:]) -> TagCensus {
    var census = TagCensus()
    var unread: [Document] = []
    for document in documents {
      if let state = states[ObjectIdentifier(document)] {
        census.counts.merge(state.set.tagCounts(), uniquingKeysWith: +)
      } else {
        unread.append(document)
      }
    }
    let paths = unread.map { sidecarPath(for: $0) }
    let found = Parallel.map(Parallel.blocks(paths.count, of: 64)) { block in
      var part = TagCensus()
      var journalled: [Int] = []
      for k in block {
        var info = stat()
        if stat(Journal.path(forSidecar: paths[k]), &info) == 0 && info.st_size > 0 {
          journalled.append(k)
          continue
        }
        // The stamp before the read: a rewrite after it is counted under
        // the stamp it had, which no file has any more.
        guard stat(paths[k], &info) == 0 else { continue }
        let stamp = FileStamp(settled: info)
        if let stamp {
          part.seen.append(stamp)
          if let counts = known[stamp] {
            part.counts.merge(counts, uniquingKeysWith: +)
            part.hits += 1
            continue
          }
        }
        guard case .success(var bytes) = Corpus.readFile(paths[k]),
          let read = Sidecar.tagCounts(taking: &bytes, path: paths[k])
        else { continue }
        part.counts.merge(read, uniquingKeysWith: +)
        if let stamp { part.counted.append((stamp, read)) }
      }
      return (part: part, journalled: journalled)
    }
    for block in found {
      census.add(block.part)
      for k in block.journalled {
        census.counts.merge(annotations(for: unread[k]).set.tagCounts(), uniquingKeysWith: +)
      }
    }
    return census
  }

  private func load(_ document: Document, into state: DocumentAnnotations) {
    let path = sidecarPath(for: document)
    // Identities first: a rewrite after them makes the next check re-read
    // (a sidecar read ahead had them taken on its thread, before its read).
    let ahead =
      prefetched.removeValue(forKey: ObjectIdentifier(document))
      ?? Prefetched.read(path, countingTags: tagLedger?.wanted ?? false)
    if let census = ahead.tagCensus { tagLedger?.record(census) }
    if let digest = ahead.digest, !document.isHashed { document.digest = digest }
    let settled =
      ahead.settled
      ?? Self.settle(
        ahead, path: path, documentID: document.id, annotator: annotator, text: document.text,
        sha256: document.sha256)
    state.set = settled.set
    state.readOnly = settled.readOnly
    state.dirty = settled.dirty
    state.reanchorReport = settled.reanchorReport
    state.tornJournalBytes = settled.tornJournalBytes
    state.encodedCache = [:]
    state.diskBytes = ahead.disk
    state.sidecarPath = path
    var notices = settled.notices
    // Sentence numbers made with other rules: said once, not silent.
    if let (language, rules) = settled.numberedWith,
      language != document.language.code || rules != Segmenter.rulesVersion
    {
      notices.insert(
        .numberingChanged(
          document: document.id, was: language, wasRules: rules, now: document.language.code,
          nowRules: Segmenter.rulesVersion), at: 0)
    }
    state.pendingNotices = notices
  }

  /// What loading makes of a sidecar read (and of its journal, read here):
  /// the set, replayed and re-anchored when the text changed, and what to
  /// tell. It needs no store and no ``Document``, so a corpus's sidecars are
  /// settled on every core where they are read; loading takes the result.
  /// `sha256`: the document's hash now.
  static func settle(
    _ read: Prefetched, path: String, documentID: String, annotator: String, text: UTF8Text, sha256: String
  ) -> Settled {
    var settled = Settled()
    func refuse(_ error: StoreError) -> Settled {
      Settled(readOnly: error, notices: [.readOnly(document: documentID, error)])
    }
    var set = AnnotationSet()
    var storedSHA = sha256
    // Whether the quotes stand in the text, as checked where the sidecar was read.
    var quotesHold: Bool?
    if read.disk.sidecar != nil {
      let decoded: Result<Sidecar, SidecarError>
      if let result = read.decoded {
        decoded = result
        quotesHold = read.quotesHold
      } else if case .success(var bytes) = Corpus.readFile(path) {
        do {
          decoded = .success(try Sidecar.decode(taking: &bytes, path: path))
        } catch {
          decoded = .failure(error)
        }
      } else {
        decoded = .failure(SidecarError(path: path, location: "", problem: .unreadable))
      }
      let sidecar: Sidecar
      switch decoded {
      case .success(let value): sidecar = value
      case .failure(let error): return refuse(.damaged(error))
      }
      if sidecar.document.id != documentID || sidecar.annotator != annotator {
        return refuse(.foreign(path: path, document: sidecar.document.id, annotator: sidecar.annotator))
      }
      set = sidecar.set
      storedSHA = sidecar.document.sha256
      if let language = sidecar.document.language, let rules = sidecar.document.segmenter, !set.isEmpty {
        settled.numberedWith = (language, rules)
      }
    }
    var replay = Journal.Replay()
    var journalDamage: SidecarError?
    if let size = read.disk.journal, size > 0, let journal = try? Corpus.readFile(Journal.path(forSidecar: path)).get()
    {
      do {
        replay = try Journal.replay(
          journal, onto: &set, documentLength: text.scalarCount, path: Journal.path(forSidecar: path))
      } catch {
        // `set` keeps the sidecar and every record before the damage: they
        // are shown and exported, read-only.
        journalDamage = error
      }
    }
    settled.tornJournalBytes = replay.tornTail
    set.clearTouched()
    // A replayed journal changed the set: its quotes are checked here.
    let unchanged =
      storedSHA == sha256 && ((replay.records == 0 ? quotesHold : nil) ?? Self.quotesHold(set, in: text))
    if replay.records > 0 {
      settled.dirty = true
      settled.notices.append(.recovered(document: documentID, changes: replay.records))
    }
    if replay.tornTail > 0 || replay.salvaged > 0 {
      settled.notices.append(
        .droppedUnfinished(document: documentID, records: replay.salvaged + (replay.tornTail > 0 ? 1 : 0)))
    }
    if unchanged {
      settled.set = set
    } else {
      var (reanchored, report) = Anchoring.reanchor(set, in: text)
      // Units marked "nothing to code" were judged on the old text: looked at again.
      reanchored.progress = DocumentProgress(done: set.progress.done)
      settled.set = reanchored
      settled.reanchorReport = report
      settled.dirty = true
      settled.notices.append(.reanchored(document: documentID, report, pending: journalDamage == nil))
    }
    if let journalDamage {
      settled.readOnly = .damaged(journalDamage)
      settled.notices.append(.readOnly(document: documentID, .damaged(journalDamage)))
    }
    return settled
  }

  /// Whether every anchored span's quote stands at its place in `text`
  /// (on any thread).
  static func quotesHold(_ set: AnnotationSet, in text: UTF8Text) -> Bool {
    // The spans come by start: each one's first byte is counted on from
    // the last one's (a lookup from a checkpoint when that is far or back).
    var scalar = 0
    var byte = 0
    return set.annotations.allSatisfyInPlace { a in
      let range = a.pointee.range
      guard !a.pointee.orphaned else { return true }
      guard range.end <= text.scalarCount else { return false }
      let ahead = range.start - scalar
      byte =
        ahead >= 0 && ahead < UTF8Text.stride
        ? text.byteOffset(ahead, scalarsAfter: byte) : text.byteOffset(ofScalar: range.start)
      scalar = range.start
      let end =
        range.end - range.start < UTF8Text.stride
        ? text.byteOffset(range.end - range.start, scalarsAfter: byte) : text.byteOffset(ofScalar: range.end)
      return text.has(a.pointee.quote.exact, atBytes: byte..<end)
    }
  }

  /// Makes sure this session may write the document's sidecar: takes the
  /// lock the first time, and re-reads the sidecar if another session
  /// changed it meanwhile. Returns a notice when it re-read.
  func prepareToWrite(_ document: Document) throws(StoreError) -> StoreNotice? {
    let state = annotations(for: document)
    if let error = state.readOnly { throw error }
    if state.lock != nil {
      if let i = openDocuments.firstIndex(where: { $0.id == ObjectIdentifier(document) }), i != openDocuments.count - 1
      {
        openDocuments.append(openDocuments.remove(at: i))
      }
      return nil
    }
    closeLeastRecent(keeping: Self.openLimit - 1)
    let path = sidecarPath(for: document)
    let folderPath = String(path[..<path.lastIndex(of: "/")!])
    // A symbolic link must not carry writes (or new folders) out of the
    // annotations folder: every part of the path that exists is checked
    // before anything is created.
    var prefix = folder
    for part in document.id.split(separator: "/") {
      prefix += "/" + part
      guard FileSystem.exists(prefix) else { break }
      guard FileSystem.isInside(prefix, root: folder) else { throw .outsideFolder(path: prefix, folder: folder) }
    }
    do {
      try FileSystem.makeDirectories(folderPath)
    } catch {
      throw .cannotCreateFolder(path: folderPath, reason: error.reason)
    }
    if !ignoreFileKept {
      ignoreFileKept = true
      Self.keepIgnoreFile(in: folder)
    }
    do {
      state.lock = try FileLock(path: folderPath + "/." + annotator + ".json.lock")
    } catch {
      switch error {
      case .held(let pid): state.readOnly = .locked(annotator: annotator, pid: pid)
      case .cannotOpen(let reason): state.readOnly = .cannotLock(reason: reason)
      }
      throw state.readOnly!
    }
    // Another session may have written since we read.
    var notice: StoreNotice?
    if diskState(document) != state.diskBytes {
      let lock = state.lock
      load(document, into: state)
      state.lock = lock
      if let error = state.readOnly {
        state.lock = nil
        throw error
      }
      notice = .reread(document: document.id, annotator: annotator)
    }
    do {
      let journal = try JournalFile(path: Journal.path(forSidecar: path))
      if state.tornJournalBytes > 0 {
        try journal.cut(to: journal.size - state.tornJournalBytes)
        state.tornJournalBytes = 0
        state.diskBytes?.journal = journal.size
      }
      state.journal = journal
    } catch {
      state.lock = nil
      throw .cannotOpenJournal(reason: error.reason)
    }
    FileSystem.removeTemporaries(of: path)
    openDocuments.append((ObjectIdentifier(document), document))
    return notice
  }

  /// Makes one change durable: appends it to the journal and syncs. The
  /// whole sidecar is rewritten instead when the journal has grown, or when
  /// earlier changes are not on disk yet.
  func record(_ document: Document, put: [Annotation], remove: [Int], level: DocumentLevel? = nil)
    throws(WriteError)
  {
    let state = annotations(for: document)
    // The first change to a document writes its sidecar whole, so the file
    // is there at once; later changes go to the journal.
    guard let journal = state.journal, !state.dirty, state.diskBytes?.sidecar != nil else {
      try save(document)
      return
    }
    var sentences: [Int: ClosedRange<Int>] = [:]
    for a in put where !a.orphaned { sentences[a.id] = document.unitNumbers(of: a.range) }
    let bytes = Journal.record(
      put: put, sentences: sentences, remove: remove, nextID: state.set.nextID, level: level)
    do {
      try journal.append(bytes)
    } catch {
      state.dirty = true
      throw error
    }
    var disk = state.diskBytes ?? DiskState(sidecar: nil, journal: nil)
    disk.journal = (disk.journal ?? 0) + bytes.count
    state.diskBytes = disk
    if Self.journalFull(journal, annotations: state.set.count) {
      try save(document)
    }
  }

  /// Whether this store made sure of the folder's `.gitignore`.
  private var ignoreFileKept = false

  /// What git should not take from an annotations folder: annotate's working
  /// files. Written once, when absent (a user's own is left alone), so a
  /// team that commits the folder commits sidecars, never a journal or a lock.
  static let ignoreFile = """
    # annotate's working files: never commit them (sidecars *.json and the
    # assignments are what a team shares).
    .*.lock
    .*.journal
    .*.tmp-*

    """

  static func keepIgnoreFile(in folder: String) {
    let path = folder + "/.gitignore"
    guard !FileSystem.exists(path) else { return }
    try? FileSystem.writeAtomically(Array(ignoreFile.utf8), to: path)
  }

  /// When the journal is folded into the sidecar.
  static let journalLimit = (records: 500, bytes: 4 << 20)
  /// Above this many annotations a document's encoded annotations are not kept.
  static let encodedCacheLimit = 20_000

  /// When a document's journal is folded into its sidecar: after 500
  /// records or 4 MiB, or in a large document after a twentieth of its
  /// annotations' worth (a rewrite there takes seconds; a replay of the
  /// journal on the next read takes far less).
  static func journalFull(_ journal: JournalFile, annotations: Int) -> Bool {
    journal.records >= max(journalLimit.records, annotations / 20)
      || journal.size >= max(journalLimit.bytes, annotations * 64)
  }

  /// The sidecar for the document as it is in memory.
  func sidecar(for document: Document, sentences withSentences: Bool = true) -> Sidecar {
    let state = annotations(for: document)
    var sentences: [Int: ClosedRange<Int>] = [:]
    if withSentences {
      for a in state.set.annotations where !a.orphaned { sentences[a.id] = document.unitNumbers(of: a.range) }
    }
    return Sidecar(
      document: SidecarDocument(
        id: document.id, path: document.path, sha256: document.sha256, length: document.text.scalarCount,
        newline: document.newline, language: document.language.code, segmenter: Segmenter.rulesVersion),
      annotator: annotator, codebook: codebook.names, set: state.set, sentences: sentences)
  }

  /// Writes the document's sidecar durably. The in-memory state is kept
  /// whatever happens; on failure the old file is untouched.
  @discardableResult
  func save(_ document: Document) throws(WriteError) -> (path: String, bytes: Int) {
    let state = annotations(for: document)
    let path = sidecarPath(for: document)
    var written = 0
    do {
      try FileSystem.writeAtomically(to: path) { file in
        encode(document, state: state, to: file)
        written = file.count
      }
    } catch {
      state.dirty = true
      throw error
    }
    if let journal = state.journal {
      try journal.reset()
    }
    state.diskBytes = DiskState(
      sidecar: FileSystem.identity(path), journal: state.journal == nil ? state.diskBytes?.journal : 0)
    state.dirty = false
    return (path, written)
  }

  /// `Sidecar.encoded()`, written a megabyte at a time, reusing the bytes of
  /// unchanged annotations.
  func encode(_ document: Document, state: DocumentAnnotations, to file: FileSystem.Pieces) {
    let annotations = state.set.annotations
    var out: [UInt8] = []
    out.reserveCapacity(1 << 20 + 65_536)
    sidecar(for: document, sentences: false).encodeHead(into: &out)
    // Each annotation's bytes are kept for the next save, except in a very
    // large document: there they would double its memory, and writing them
    // again is fast.
    if annotations.count <= Self.encodedCacheLimit {
      var cache: [Int: (annotation: Annotation, sentences: ClosedRange<Int>?, bytes: [UInt8])] = [:]
      cache.reserveCapacity(annotations.count)
      for (i, a) in annotations.enumerated() {
        out.append(contentsOf: (i == 0 ? "\n" : ",\n").utf8)
        let sentences = a.orphaned ? nil : document.unitNumbers(of: a.range)
        if let hit = state.encodedCache[a.id], hit.annotation == a, hit.sentences == sentences {
          out.append(contentsOf: hit.bytes)
          cache[a.id] = hit
        } else {
          var bytes: [UInt8] = []
          Sidecar.encode(a, sentences: sentences, into: &bytes)
          out.append(contentsOf: bytes)
          cache[a.id] = (a, sentences, bytes)
        }
        if out.count >= 1 << 20 { file.write(&out) }
      }
      state.encodedCache = cache
    } else {
      // On every core, a batch at a time (memory stays a few megabytes).
      state.encodedCache = [:]
      file.write(&out)
      let units = document.units(.sentence)
      let (batch, part) = (65_536, 4_096)
      for first in stride(from: 0, to: annotations.count, by: batch) {
        let end = min(first + batch, annotations.count)
        let parts = Parallel.map(Array(stride(from: first, to: end, by: part))) { from -> [UInt8] in
          var bytes: [UInt8] = []
          bytes.reserveCapacity(part * 450)
          for i in from..<min(from + part, end) {
            let a = annotations[i]
            bytes.append(contentsOf: (i == 0 ? "\n" : ",\n").utf8)
            let sentences = a.orphaned ? nil : Document.unitNumbers(of: a.range, in: units)
            Sidecar.encode(a, sentences: sentences, into: &bytes)
          }
          return bytes
        }
        for var bytes in parts { file.write(&bytes) }
      }
    }
    Sidecar.encodeTail(empty: annotations.isEmpty, into: &out)
    file.write(&out)
  }
}

extension AnnotationStore {
  /// Folds the journals of the least recently written documents into their
  /// sidecars and closes their files until at most `keeping` stay open. A
  /// document whose sidecar cannot be written now (a full disk) stays open,
  /// its changes safe in its journal. Writing it again re-takes the lock and
  /// re-reads the sidecar if another session changed it meanwhile.
  func closeLeastRecent(keeping: Int) {
    var i = 0
    while openDocuments.count > keeping && i < openDocuments.count {
      let (_, document) = openDocuments[i]
      let state = annotations(for: document)
      if state.dirty || (state.journal?.records ?? 0) > 0 || (state.journal?.size ?? 0) > 0 {
        guard (try? save(document)) != nil else {
          i += 1
          continue
        }
      }
      state.journal = nil
      state.lock = nil
      openDocuments.remove(at: i)
    }
  }

  /// Gives up every lock this store holds (the session is ending).
  public func releaseLocks() {
    for state in states.values {
      state.journal = nil
      state.lock = nil
    }
    openDocuments.removeAll()
  }

  /// At the end of a session: folds every journal this session wrote into its
  /// sidecar, then lets go of the locks. Returns the writes that failed.
  public func close(_ documents: [Document]) -> [WriteError] {
    var failures: [WriteError] = []
    for document in documents where isLoaded(document) {
      let state = annotations(for: document)
      guard state.lock != nil, state.dirty || (state.journal?.records ?? 0) > 0 || (state.journal?.size ?? 0) > 0
      else { continue }
      do {
        try save(document)
      } catch {
        failures.append(error)
      }
    }
    releaseLocks()
    return failures
  }
}
