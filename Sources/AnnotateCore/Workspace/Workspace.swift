#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A project's documents and annotations, as every command sees them: the
/// open documents, the annotations folder, the codebook, and one store per
/// annotator opened on demand — the session's own, `gold`, and any other
/// whose sidecars are read or written. It never prints.
///
/// Stores that were written, or that hold the session's own work, are kept
/// (their locks and journals stay open until ``close()``). Other
/// annotators' sidecars read for a whole-corpus command (`agree`,
/// `compare`) are kept too, in read-only stores, so that each sidecar is
/// decoded once a session; a sidecar changed on disk since is read again.
/// An export that starts from nothing reads each sidecar into a store of
/// its own and drops it, so its memory stays flat; the codebook check
/// counts tags without decoding (``tagsMissingFromCodebook()``).
public final class Workspace {
  /// The folder of sidecars: `FOLDER/DOCUMENT-ID/ANNOTATOR.json`.
  public let folder: String
  /// The folder document ids are paths from (see ``Project``).
  public let root: String
  /// Whose annotations this workspace edits by default.
  public let annotator: String
  public var codebook: Codebook {
    didSet { for store in Array(stores.values) + Array(readers.values) { store.codebook = codebook } }
  }
  public private(set) var corpus = Corpus()
  /// Live stores by annotator.
  var stores: [String: AnnotationStore] = [:]
  /// Read-only stores of other annotators, kept for the session.
  private var readers: [String: AnnotationStore] = [:]
  /// Tags counted from sidecars decoded before the census (given to every store).
  let tagLedger = TagLedger()
  /// Who has a sidecar or journal in each document's folder, as last listed.
  private var listings: [String: AnnotatorListing] = [:]
  /// Documents whose annotations are under an old id, found for this many open documents.
  var movedCache: (documents: Int, found: [MovedAnnotations])?

  /// A workspace on an annotations folder; document ids are paths from
  /// the folder holding it.
  public init(folder: String, annotator: String, codebook: Codebook = .standard) {
    self.folder = folder
    self.root = Project(annotations: folder).root
    self.annotator = annotator
    self.codebook = codebook
    corpus.unitCache = UnitCache(folder: folder)
  }

  /// The team's assignments, read once (nil: there are none).
  private var loadedAssignments: Assignments??

  /// Who codes which document (`assignments.json` in the annotations folder).
  public func assignments() throws(AssignmentError) -> Assignments? {
    if let loadedAssignments { return loadedAssignments }
    let read = try Assignments.load(folder: folder)
    loadedAssignments = .some(read)
    return read
  }

  /// This workspace's annotator's work queue (their assignment, else every document).
  public func queue(kind: UnitKind, annotator: String? = nil) throws(AssignmentError) -> WorkQueue {
    WorkQueue(workspace: self, annotator: annotator, kind: kind, assignments: try assignments())
  }

  /// Opens files and folders of documents (see ``Corpus/open(_:root:)``);
  /// each gets its language from `--lang` or the languages file, else
  /// detection decides when first needed.
  @discardableResult
  public func open(
    _ paths: [String], progress: ((Int, Int) -> Void)? = nil
  ) -> (opened: [Document], problems: [OpenProblem]) {
    // A folder of documents: the unit cache is read beside them.
    if paths.contains(where: FileSystem.isFolder) { corpus.unitCache?.startReading() }
    let result = corpus.open(paths, root: root, progress: progress)
    for document in result.opened { applyLanguage(to: document) }
    corpus.unitCache?.recallHashes(of: result.opened)
    return result
  }

  /// Keeps the SHA-256s of files hashed so far, by their stamps, for the
  /// next session (see ``UnitCache/keepHashes(of:)``): after each command.
  public func keepHashes() { corpus.unitCache?.keepHashes(of: corpus.documents) }

  /// The language for every document of this run (`--lang`), above the languages file.
  public var languageOverride: Language? {
    didSet { for document in corpus.documents { applyLanguage(to: document) } }
  }

  /// The corpus's languages file (read with `loadLanguageSettings`).
  public private(set) lazy var languageSettings = LanguageSettings(
    path: LanguageSettings.defaultPath(forAnnotations: folder))

  /// Reads the languages file beside the annotations folder (or `path`).
  public func loadLanguageSettings(path: String? = nil) throws(LanguageSettingsError) {
    languageSettings = try LanguageSettings.load(path: path ?? LanguageSettings.defaultPath(forAnnotations: folder))
    for document in corpus.documents { applyLanguage(to: document) }
  }

  func applyLanguage(to document: Document) {
    if let languageOverride {
      document.choose(languageOverride, source: .option)
    } else if let set = languageSettings.language(for: document.id) {
      document.choose(set.language, source: .config)
    } else {
      document.choose(nil, source: .detected)
    }
  }

  /// Sets a document's language in the languages file (nil: removes its
  /// own entry, so a folder's entry or detection decides again), and
  /// applies it. Returns the file written.
  @discardableResult
  public func setLanguage(_ language: Language?, for document: Document) throws(LanguageSettingsError) -> String {
    let changed = languageSettings.setting(language, for: document.id)
    do {
      try FileSystem.writeAtomically(changed.encoded(), to: changed.path)
    } catch {
      throw .notSaved(error)
    }
    languageSettings = changed
    applyLanguage(to: document)
    return changed.path
  }

  /// Notices from reading and writing sidecars (recovery, re-anchoring,
  /// damage), kept until someone shows them.
  private var notices: [StoreNotice] = []

  /// Takes the notices gathered so far.
  public func takeNotices() -> [StoreNotice] {
    defer { notices = [] }
    return notices
  }

  func notice(_ notice: StoreNotice?) {
    if let notice { notices.append(notice) }
  }

  /// An annotator's annotations of a document (this workspace's own by
  /// default), read the first time; what reading found is kept as notices.
  public func annotations(of document: Document, by annotator: String? = nil) -> DocumentAnnotations {
    let state = store(for: annotator ?? self.annotator).annotations(for: document)
    if !state.pendingNotices.isEmpty {
      notices += state.pendingNotices
      state.pendingNotices = []
    }
    return state
  }

  /// The store of this workspace's own annotator.
  public var own: AnnotationStore { store(for: annotator) }

  /// The live store of an annotator, made and kept if there is none: for
  /// writing (edits, imports, gold) and for the session's own work.
  public func store(for annotator: String) -> AnnotationStore {
    if let store = stores[annotator] { return store }
    let store = AnnotationStore(folder: folder, annotator: annotator, codebook: codebook)
    store.tagLedger = tagLedger
    stores[annotator] = store
    return store
  }

  /// A store to read an annotator's sidecars through: the live one when
  /// there is one (its state in memory is the truth; the session's own
  /// annotator always gets it), else a read-only one kept for the session,
  /// from which documents whose sidecar or journal changed on disk since
  /// they were read are forgotten first.
  public func reader(for annotator: String) -> AnnotationStore {
    if let store = stores[annotator] { return store }
    if annotator == self.annotator { return store(for: annotator) }
    if let reader = readers[annotator] {
      reader.forgetChangedOnDisk()
      return reader
    }
    let reader = AnnotationStore(folder: folder, annotator: annotator, codebook: codebook)
    reader.tagLedger = tagLedger
    readers[annotator] = reader
    return reader
  }

  /// The read-only store kept for an annotator, if a command read their
  /// sidecars this session and no live store stands in front of it (for
  /// an export, which uses what is already decoded and reads the rest
  /// without keeping it).
  func keptReader(for annotator: String) -> AnnotationStore? {
    guard stores[annotator] == nil, let reader = readers[annotator] else { return nil }
    reader.forgetChangedOnDisk()
    return reader
  }

  /// Lets go of an annotator's store (and its locks) after a one-off write;
  /// the workspace's own store is kept.
  func release(_ annotator: String) {
    guard annotator != self.annotator else { return }
    stores.removeValue(forKey: annotator)?.releaseLocks()
  }

  /// Whether a live store is open for an annotator.
  public func hasLiveStore(for annotator: String) -> Bool { stores[annotator] != nil }

  /// Annotators with annotations of a document — a sidecar, a journal, or
  /// changes in a live store not written yet — sorted.
  public func annotators(of document: Document) -> [String] {
    annotators(of: [document])[0]
  }

  /// ``annotators(of:)`` of many documents, their folders looked at on every core.
  public func annotators(of documents: [Document]) -> [[String]] {
    let (folder, known) = (folder, listings)
    let found = Parallel.map(documents.map(\.id)) { id in
      AnnotatorListing.of(folder + "/" + id, known: known[id])
    }
    for (document, listing) in zip(documents, found) where listing.keep { listings[document.id] = listing }
    return zip(documents, found).map { annotators(of: $0, onDisk: $1.names) }
  }

  /// The annotators on disk, with the live stores' that have annotations of the document.
  private func annotators(of document: Document, onDisk: [String]) -> [String] {
    var names = onDisk
    for (name, store) in stores
    where !names.contains(name) && isValidAnnotatorName(name) && store.isLoaded(document)
      && !store.annotations(for: document).set.isEmpty
    {
      names.append(name)
      names.sort()
    }
    return names
  }

  /// Tags used in the open documents' sidecars (anyone's) that the codebook
  /// lacks, with how many spans use each, most used first: codebook drift.
  /// Counted where they were not read yet from the files, or from the
  /// cache for a file unchanged since an earlier session counted it (see
  /// ``AnnotationStore/tagCounts(_:known:)``), or from what commands
  /// decoded before it this session (``TagLedger``): the check at the start
  /// of a session does not make every annotator's annotations, and the
  /// check after a script's first command does not read again what that
  /// command read.
  public func tagsMissingFromCodebook() -> [(tag: String, spans: Int)] {
    var documentsBy: [String: [Document]] = [:]
    for (document, found) in zip(corpus.documents, annotators(of: corpus.documents)) {
      for annotator in found { documentsBy[annotator, default: []].append(document) }
    }
    let decoded = tagLedger.close()
    let known = (corpus.unitCache?.knownTagCounts() ?? [:]).merging(decoded) { $1 }
    var census = AnnotationStore.TagCensus()
    for annotator in documentsBy.keys.sorted() {
      census.add(reader(for: annotator).tagCounts(documentsBy[annotator]!, known: known))
    }
    census.counted += decoded.map { ($0.key, $0.value) }
    // Sidecars decoded and kept count from memory: their stamps were seen too.
    corpus.unitCache?.keepTagCounts(
      counted: census.counted, seen: Set(census.seen).union(decoded.keys), hits: census.hits)
    let names = Set(codebook.names)
    return census.counts.filter { !names.contains($0.key) }
      .sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ($0.key, $0.value) }
  }

  /// Counts the tags of every sidecar decoded from now until the next
  /// census (``tagsMissingFromCodebook()``), which takes them: for a
  /// session whose census comes after its first command.
  public func countTagsUntilCensus() { tagLedger.wanted = true }

  /// Everyone with annotations of any open document, sorted.
  public func annotatorsOfCorpus() -> [String] {
    var names = Set<String>()
    for found in annotators(of: corpus.documents) { names.formUnion(found) }
    return names.sorted()
  }

  /// Adds tags to the codebook and writes it where it is read from: its own
  /// JSON file, or `codebook.json` beside the annotations folder when it is
  /// the built-in one. Returns the path written. brat's `annotation.conf`
  /// is the user's brat project: it is not rewritten.
  public func addTags(_ names: [String]) throws(EditError) -> String {
    let grown = codebook.adding(names)
    let path = codebook.source ?? Codebook.defaultPath(forAnnotations: folder)
    if path.hasSuffix(".conf") { throw .codebookIsBratConfiguration(path) }
    do {
      try FileSystem.writeAtomically(grown.encoded(), to: path)
    } catch {
      throw .codebookNotSaved(error)
    }
    var saved = grown
    saved.source = path
    codebook = saved
    return path
  }

  /// Ends the work: folds every journal written into its sidecar and lets
  /// go of the locks. Returns the writes that failed (their changes stay
  /// safe in the journals).
  public func close() -> [WriteError] {
    keepHashes()
    var failures: [WriteError] = []
    for name in stores.keys.sorted() { failures += stores[name]!.close(corpus.documents) }
    return failures
  }
}

/// The annotators with a sidecar or a journal in a document's folder
/// (valid names, sorted), and the folder's identity (its modification time
/// among it) when listed. A listing is kept for the session only once the
/// folder is two seconds older than the listing: a file added or removed
/// later moves the folder's time past it, even on a file system whose clock
/// ticks coarsely, so a folder whose identity is unchanged still holds what
/// was listed.
struct AnnotatorListing: Sendable {
  var folder: FileIdentity?
  var names: [String]
  /// Whether the listing may stand for the folder while its time is unchanged.
  var keep = false

  /// The listing of `folder`: `known` when its identity is unchanged (on any thread).
  static func of(_ folder: String, known: AnnotatorListing?) -> AnnotatorListing {
    guard let identity = FileSystem.identity(folder) else { return AnnotatorListing(folder: nil, names: []) }
    if let known, known.folder == identity { return AnnotatorListing(folder: identity, names: known.names) }
    var names = Set<String>()
    for name in FileSystem.names(in: folder) {
      if name.hasSuffix(".json") && !name.hasPrefix(".") { names.insert(String(name.dropLast(5))) }
      if name.hasPrefix(".") && name.hasSuffix(".journal") { names.insert(String(name.dropFirst().dropLast(8))) }
    }
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return AnnotatorListing(
      folder: identity, names: names.filter(isValidAnnotatorName).sorted(),
      keep: Int64(now.tv_sec) - identity.seconds > 2)
  }
}
