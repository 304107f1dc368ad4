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

/// Walks a workspace's documents and every annotator's sidecar of each, one
/// document at a time, so exports stream in bounded memory.
public struct ExportSource {
  public let workspace: Workspace
  public var filter: ExportFilter

  public init(workspace: Workspace, filter: ExportFilter = ExportFilter()) {
    self.workspace = workspace
    self.filter = filter
  }

  public var corpus: Corpus { workspace.corpus }

  /// Annotators with annotations of a document that the filter takes, sorted.
  public func annotators(of document: Document) -> [String] {
    let all = workspace.annotators(of: document)
    return filter.annotators.isEmpty ? all : all.filter { filter.annotators.contains($0) }
  }

  /// Calls `body` for each (document, annotator) with annotations, in
  /// corpus order then annotator order. Problems (damaged sidecars) are
  /// collected, not fatal.
  public func forEach(_ body: (AnnotatedDocument) throws -> Void) rethrows -> [StoreProblem] {
    var problems: [StoreProblem] = []
    // Sidecars are decoded on every core a block of documents at a time, so
    // memory stays bounded by the block.
    let block = 64
    let documents = corpus.documents
    for first in stride(from: 0, to: documents.count, by: block) {
      let slice = documents[first..<min(first + block, documents.count)]
      let pairs = slice.flatMap { document in annotators(of: document).map { (document, $0) } }
      // Live stores (the session's own, gold being edited) are read from memory, not disk.
      let fromDisk = pairs.filter { !workspace.hasLiveStore(for: $0.1) }
      let paths = fromDisk.map {
        AnnotationStore.sidecarPath(folder: workspace.folder, documentID: $0.0.id, annotator: $0.1)
      }
      var ahead = Parallel.map(paths) { path in Prefetched.read(path) }[...]
      for (document, annotator) in pairs {
        // A store of its own for each sidecar read, dropped after it: nothing
        // accumulates, so memory stays flat however many rows go out.
        let store = workspace.reader(for: annotator)
        if !workspace.hasLiveStore(for: annotator) {
          store.prefetched[ObjectIdentifier(document)] = ahead.popFirst()
        }
        let state = store.annotations(for: document)
        if let error = state.readOnly, state.set.isEmpty {
          problems.append(StoreProblem(document: document.id, annotator: annotator, error: error))
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
