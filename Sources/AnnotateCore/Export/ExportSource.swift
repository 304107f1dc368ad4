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
  public func annotators(of document: Document) -> [String] { taken(workspace.annotators(of: document)) }

  /// The annotators the filter takes.
  private func taken(_ all: [String]) -> [String] {
    filter.annotators.isEmpty ? all : all.filter { filter.annotators.contains($0) }
  }

  /// Calls `body` for each (document, annotator) with annotations, in
  /// corpus order then annotator order. Problems (damaged sidecars) are
  /// collected, not fatal.
  public func forEach(_ body: (AnnotatedDocument) throws -> Void) rethrows -> [StoreProblem] {
    try forEachBlock { block in
      for item in block { try body(item) }
    }
  }

  /// ``forEach(_:)`` a block of items at a time (up to 64 documents'). The
  /// block is the only holder of the annotations read from disk for it:
  /// `body` may take them (leave the block empty), and they are gone when
  /// it has.
  public func forEachBlock(_ body: (inout [AnnotatedDocument]) throws -> Void) rethrows -> [StoreProblem] {
    var problems: [StoreProblem] = []
    // Sidecars are decoded on every core a block of documents at a time, so
    // memory stays bounded by the block.
    let block = 64
    let documents = corpus.documents
    // What this session decoded already (agree, compare) is used as it is.
    var kept: [String: AnnotationStore?] = [:]
    func keptReader(_ annotator: String) -> AnnotationStore? {
      if let reader = kept[annotator] { return reader }
      let reader = workspace.keptReader(for: annotator)
      kept[annotator] = reader
      return reader
    }
    for first in stride(from: 0, to: documents.count, by: block) {
      let slice = documents[first..<min(first + block, documents.count)]
      let pairs = zip(slice, workspace.annotators(of: Array(slice))).flatMap { document, all in
        taken(all).map { (document, $0) }
      }
      // Live stores (the session's own, gold being edited) are read from memory, not disk.
      let stores = pairs.map { document, annotator -> AnnotationStore? in
        if workspace.hasLiveStore(for: annotator) { return workspace.reader(for: annotator) }
        if let reader = keptReader(annotator), reader.isLoaded(document) { return reader }
        return nil
      }
      let work = zip(pairs, stores).compactMap { pair, store in
        store == nil
          ? (
            path: AnnotationStore.sidecarPath(folder: workspace.folder, documentID: pair.0.id, annotator: pair.1),
            id: pair.0.id, annotator: pair.1, contents: pair.0.contents
          ) : nil
      }
      // Taken from the back, so that each decoded sidecar leaves the array
      // as its store takes it (a slice's `popFirst` would keep every one).
      let counting = workspace.tagLedger.wanted
      var ahead = Array(
        Parallel.map(work) {
          Prefetched.settled(
            $0.path, documentID: $0.id, annotator: $0.annotator, for: $0.contents, countingTags: counting)
        }.reversed())
      var items: [AnnotatedDocument] = []
      for ((document, annotator), known) in zip(pairs, stores) {
        // Otherwise a store of its own for each sidecar read, dropped after
        // it: nothing accumulates, so memory stays flat however many rows go out.
        let store: AnnotationStore
        if let known {
          store = known
        } else {
          store = AnnotationStore(folder: workspace.folder, annotator: annotator, codebook: workspace.codebook)
          store.tagLedger = workspace.tagLedger
          store.prefetched[ObjectIdentifier(document)] = ahead.popLast()
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
        items.append(AnnotatedDocument(document: document, annotator: annotator, set: set))
      }
      try body(&items)
    }
    return problems
  }
}
