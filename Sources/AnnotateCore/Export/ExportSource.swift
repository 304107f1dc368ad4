#if canImport(Glibc)
  import Glibc
#endif

/// One annotator's annotations of one document, as exporters see them.
public struct AnnotatedDocument {
  public var document: Document
  public var annotator: String
  public var set: AnnotationSet

  public init(document: Document, annotator: String, set: AnnotationSet) {
    self.document = document
    self.annotator = annotator
    self.set = set
  }
}

/// Which annotations an export takes.
public struct ExportFilter: Sendable {
  /// Only these annotators (all when empty).
  public var annotators: Set<String> = []
  /// Only annotations with one of these tags (all when empty).
  public var tags: Set<String> = []

  public init(annotators: Set<String> = [], tags: Set<String> = []) {
    self.annotators = annotators
    self.tags = tags
  }
}

/// Walks a corpus's documents and every annotator's sidecar of each, one
/// document at a time, so exports stream in bounded memory.
public struct ExportSource {
  public var corpus: Corpus
  public var folder: String
  public var filter: ExportFilter
  /// The session's own store, whose in-memory state is used for its annotator.
  public var liveStore: AnnotationStore?

  public init(corpus: Corpus, folder: String, filter: ExportFilter = ExportFilter(), liveStore: AnnotationStore? = nil)
  {
    self.corpus = corpus
    self.folder = folder
    self.filter = filter
    self.liveStore = liveStore
  }

  /// Annotators with a sidecar (or a journal) for a document, sorted.
  public func annotators(of document: Document) -> [String] {
    var names = Set<String>()
    if let live = liveStore, live.isLoaded(document), !live.annotations(for: document).set.isEmpty {
      names.insert(live.annotator)
    }
    let path = folder + "/" + document.id
    if let dir = opendir(path) {
      while let entry = readdir(dir) {
        let name = directoryEntryName(entry)
        if name.hasSuffix(".json") && !name.hasPrefix(".") { names.insert(String(name.dropLast(5))) }
        if name.hasPrefix(".") && name.hasSuffix(".journal") { names.insert(String(name.dropFirst().dropLast(8))) }
      }
      closedir(dir)
    }
    let sorted = names.sorted()
    return filter.annotators.isEmpty ? sorted : sorted.filter { filter.annotators.contains($0) }
  }

  /// Calls `body` for each (document, annotator) with annotations, in
  /// corpus order then annotator order. Problems (damaged sidecars) are
  /// collected, not fatal.
  public func forEach(_ body: (AnnotatedDocument) throws -> Void) rethrows -> [String] {
    var problems: [String] = []
    // Sidecars are decoded on every core a block of documents at a time, so
    // memory stays bounded by the block.
    let block = 64
    for first in stride(from: 0, to: corpus.documents.count, by: block) {
      let documents = corpus.documents[first..<min(first + block, corpus.documents.count)]
      let pairs = documents.flatMap { document in annotators(of: document).map { (document, $0) } }
      // The session's own annotator is read from its store, not from disk.
      let fromDisk = pairs.filter { $0.1 != liveStore?.annotator }
      let paths = fromDisk.map { AnnotationStore.sidecarPath(folder: folder, documentID: $0.0.id, annotator: $0.1) }
      var ahead = Parallel.map(paths) { path in Prefetched.read(path) }[...]
      for (document, annotator) in pairs {
        // A store of its own for each sidecar read, dropped after it: nothing
        // accumulates, so memory stays flat however many rows go out.
        let store: AnnotationStore
        if let live = liveStore, live.annotator == annotator {
          store = live
        } else {
          store = AnnotationStore(folder: folder, annotator: annotator)
          store.prefetched[ObjectIdentifier(document)] = ahead.popFirst()
        }
        let state = store.annotations(for: document)
        if let reason = state.readOnlyReason, state.set.isEmpty {
          problems.append("\(document.id) (\(annotator)): \(reason)")
          continue
        }
        var set = state.set
        if !filter.tags.isEmpty {
          let kept = set.annotations.compactMap { a -> Annotation? in
            var a = a
            a.tags = a.tags.filter { filter.tags.contains($0) }
            return a.tags.isEmpty ? nil : a
          }
          set = AnnotationSet(annotations: kept, nextID: set.nextID)
        }
        try body(AnnotatedDocument(document: document, annotator: annotator, set: set))
      }
    }
    return problems
  }
}

/// Where export output goes: a file (written through a buffer) or stdout.
public final class OutputSink {
  private let fd: Int32
  private let ownsFD: Bool
  private var buffer: [UInt8] = []
  public let path: String
  public private(set) var bytesWritten = 0
  /// Keeps everything in memory (for output shown on screen through the renderer).
  public let inMemory: Bool
  public private(set) var memory: [UInt8] = []

  /// An in-memory sink.
  public init() {
    path = "(screen)"
    fd = -1
    ownsFD = false
    inMemory = true
  }

  /// `-` is standard output.
  public init(path: String) throws(WriteError) {
    self.path = path
    inMemory = false
    if path == "-" {
      fd = STDOUT_FILENO
      ownsFD = false
    } else {
      let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
      guard fd >= 0 else { throw WriteError(path: path, step: "creating the file", reason: errorString()) }
      self.fd = fd
      ownsFD = true
    }
    buffer.reserveCapacity(1 << 16)
  }

  deinit { if ownsFD { close(fd) } }

  public func write(_ text: String) throws(WriteError) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 16 { try flush() }
  }

  public func write(_ bytes: [UInt8]) throws(WriteError) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 16 { try flush() }
  }

  public func flush() throws(WriteError) {
    guard !buffer.isEmpty else { return }
    if inMemory {
      memory += buffer
      buffer.removeAll(keepingCapacity: true)
      return
    }
    if let reason = FileSystem.writeAll(fd, buffer) { throw WriteError(path: path, step: "writing", reason: reason) }
    bytesWritten += buffer.count
    buffer.removeAll(keepingCapacity: true)
  }
}
