/// The annotator whose sidecars hold the adjudicated gold standard.
public let goldAnnotator = "gold"

/// Every annotator's work on the documents of a corpus, read from their
/// sidecars: what agreement, comparison and adjudication look at.
public struct Team {
  public let corpus: Corpus
  /// Annotators with a sidecar for at least one open document, sorted.
  public let annotators: [String]
  /// `sets[document][annotator]`: nil when that annotator has no sidecar
  /// for the document (their values are missing, not "no tag").
  public let sets: [[AnnotationSet?]]
  /// Sidecars that could not be read (damaged, another document's…).
  public let problems: [StoreProblem]

  /// Reads every annotator's sidecars for the workspace's documents. With
  /// `only`, just those annotators (in that order); otherwise everyone but
  /// `excluding`. A live store (the session's own) supplies its
  /// annotator's work as it is in memory.
  public static func load(
    _ workspace: Workspace, only: [String] = [], excluding: Set<String> = [goldAnnotator]
  ) -> Team {
    let corpus = workspace.corpus
    // Who coded which document, then each annotator's sidecars read together
    // (decoded on every core).
    var documentsBy: [String: [Int]] = [:]
    for (d, found) in workspace.annotators(of: corpus.documents).enumerated() {
      for annotator in found {
        guard only.isEmpty ? !excluding.contains(annotator) : only.contains(annotator) else { continue }
        documentsBy[annotator, default: []].append(d)
      }
    }
    // A column for each annotator in the order the team takes them, the
    // sets put straight in their place (a row by name, mapped into columns
    // afterwards, was two copies of every set).
    let columns = only.isEmpty ? documentsBy.keys.sorted() : only.filter { documentsBy[$0] != nil }
    var sets = [[AnnotationSet?]](
      repeating: [AnnotationSet?](repeating: nil, count: columns.count), count: corpus.count)
    var readable = [Bool](repeating: false, count: columns.count)
    var problems: [StoreProblem] = []
    for (column, annotator) in columns.enumerated() {
      let indices = documentsBy[annotator]!
      let store = workspace.reader(for: annotator)
      // Spans on the same words as an annotator's read before share their strings.
      store.preload(
        indices.map { corpus.documents[$0] },
        alongside: column == 0 ? [] : indices.map { d in sets[d][..<column].first { $0 != nil } ?? nil })
      for d in indices {
        let document = corpus.documents[d]
        let state = store.annotations(for: document)
        if let error = state.readOnly, state.set.isEmpty {
          problems.append(StoreProblem(document: document.id, annotator: annotator, error: error))
          continue
        }
        sets[d][column] = state.set
        readable[column] = true
      }
    }
    problems.sort { ($0.document, $0.annotator) < ($1.document, $1.annotator) }
    // Annotators none of whose sidecars could be read are not in the team.
    let kept = columns.indices.filter { readable[$0] }
    if kept.count < columns.count { sets = sets.map { row in kept.map { row[$0] } } }
    return Team(corpus: corpus, annotators: kept.map { columns[$0] }, sets: sets, problems: problems)
  }

  public init(corpus: Corpus, annotators: [String], sets: [[AnnotationSet?]], problems: [StoreProblem] = []) {
    precondition(sets.count == corpus.count && sets.allSatisfy { $0.count == annotators.count })
    self.corpus = corpus
    self.annotators = annotators
    self.sets = sets
    self.problems = problems
  }

  /// Tags in use: the codebook's first, in its order, then any others found, sorted.
  public func tags(codebook: Codebook) -> [String] {
    // Blocks of documents on every core (a walk over a million annotations
    // waits on memory more than it computes).
    let sets = sets
    let found = Parallel.map(Parallel.blocks(sets.count, of: 256)) { block in
      var seen = Set<String>()
      // A list met lately adds nothing: compared, not hashed again.
      var recent = RecentTagLists<Void>()
      for row in sets[block] {
        for set in row.compactMap({ $0 }) {
          set.annotations.forEachInPlace { a in
            guard !a.pointee.orphaned, recent.value(for: a.pointee.tags) == nil else { return }
            seen.formUnion(a.pointee.tags)
            recent.keep(a.pointee.tags, ())
          }
        }
      }
      return seen
    }
    let seen = found.reduce(into: Set<String>()) { $0.formUnion($1) }
    return codebook.names + seen.subtracting(codebook.names).sorted()
  }

  /// Documents with work by at least two of the annotators.
  public var sharedDocuments: [Int] {
    // By position: a loop over a row's sets copies each one.
    sets.indices.filter { d in sets[d].indices.count { sets[d][$0] != nil } >= 2 }
  }

  /// Per unit of a document, the indices (into `tags`) of the tags whose
  /// spans touch it in one annotator's set, sorted.
  static func unitTags(_ set: AnnotationSet, document: Document, kind: UnitKind, tags: [String: Int]) -> [[Int]] {
    unitTags(set, units: document.units(kind), tags: tags)
  }

  /// ``unitTags(_:document:kind:tags:)`` among given units (on any thread).
  static func unitTags(_ set: AnnotationSet, units: [TextRange], tags: [String: Int]) -> [[Int]] {
    let bits = UnitTagBits(set, units: units, tags: tags)
    return units.indices.map { bits.tags(of: $0) }
  }

  /// The labelled spans of one annotator (by index) across the corpus, in
  /// the documents `documents` takes (all when nil).
  public func labelledSpans(_ annotator: Int, tags: Set<String>? = nil, documents: [Bool]? = nil) -> [LabelledSpan] {
    Self.labelledSpans(sets, annotator, tags: tags, documents: documents)
  }

  /// ``labelledSpans(_:tags:documents:)`` of given sets (on any thread).
  static func labelledSpans(
    _ sets: [[AnnotationSet?]], _ annotator: Int, tags: Set<String>?, documents: [Bool]?
  ) -> [LabelledSpan] {
    var spans: [LabelledSpan] = []
    // The tags kept of a list met lately serve again (not hashed again).
    var recent = RecentTagLists<[String]>()
    for (d, row) in sets.enumerated() where documents?[d] ?? true {
      guard let set = row[annotator] else { continue }
      set.annotations.forEachInPlace { a in
        guard !a.pointee.orphaned else { return }
        var kept = recent.value(for: a.pointee.tags)
        if kept == nil {
          kept = tags.map { tags in a.pointee.tags.filter { tags.contains($0) } } ?? a.pointee.tags
          recent.keep(a.pointee.tags, kept!)
        }
        for tag in kept! { spans.append(LabelledSpan(document: d, range: a.pointee.range, tag: tag)) }
      }
    }
    return spans
  }

  /// Which documents every annotator coded, by position.
  public var codedByAll: [Bool] { sets.map { row in row.indices.allSatisfy { row[$0] != nil } } }
}

/// The last few distinct tag lists met in a walk over annotations, each
/// with what was made of it. A sidecar has a handful of distinct lists, and
/// the reader shares equal lists' storage, so a list met before mostly
/// compares at once and what was made of it serves again: no hashing and
/// no new array per span.
struct RecentTagLists<Value> {
  private var lists: [[String]] = []
  private var values: [Value] = []
  /// The list to give way next once all places are taken.
  private var oldest = 0
  private static var places: Int { 8 }

  /// What was made of a list equal to `tags` met lately.
  func value(for tags: [String]) -> Value? {
    for k in lists.indices where lists[k] == tags { return values[k] }
    return nil
  }

  /// Keeps what was made of `tags`, in place of the oldest when all places are taken.
  mutating func keep(_ tags: [String], _ value: Value) {
    if lists.count < Self.places {
      lists.append(tags)
      values.append(value)
    } else {
      lists[oldest] = tags
      values[oldest] = value
      oldest = (oldest + 1) % Self.places
    }
  }
}

/// Which tags touch each unit of a document in one annotator's set, as
/// bits: tag `t` of unit `u` is bit `t % 64` of word `u * words + t / 64`.
/// One flat array, not a list per unit (a corpus has a million units).
struct UnitTagBits: Sendable {
  /// Words per unit: enough for every tag index.
  let words: Int
  private(set) var bits: [UInt64]

  /// The bits of `set` among `units` (on any thread).
  init(_ set: AnnotationSet, units: [TextRange], tags: [String: Int]) {
    let words = ((tags.values.max() ?? -1) + 64) / 64
    var bits = [UInt64](repeating: 0, count: units.count * words)
    var indexer = TagIndexer(tags)
    set.annotations.forEachInPlace { a in
      guard !a.pointee.orphaned, !a.pointee.tags.isEmpty,
        let numbers = Document.unitNumbers(of: a.pointee.range, in: units)
      else { return }
      for t in indexer.indices(a.pointee.tags) {
        for n in numbers { bits[(n - 1) * words + t >> 6] |= 1 << UInt64(t & 63) }
      }
    }
    self.words = words
    self.bits = bits
  }

  /// The bits of each unit's tag list, among `tagCount` tags.
  init(lists: [[Int]], tagCount: Int) {
    words = (tagCount + 63) / 64
    bits = [UInt64](repeating: 0, count: lists.count * words)
    for (u, list) in lists.enumerated() {
      for t in list { bits[u * words + t >> 6] |= 1 << UInt64(t & 63) }
    }
  }

  /// Whether tag `t` touches unit `u`.
  func has(_ u: Int, _ t: Int) -> Bool { bits[u * words + t >> 6] >> UInt64(t & 63) & 1 == 1 }

  /// The tags touching unit `u`, sorted.
  func tags(of u: Int) -> [Int] {
    var list: [Int] = []
    for w in 0..<words {
      var word = bits[u * words + w]
      while word != 0 {
        list.append(w * 64 + word.trailingZeroBitCount)
        word &= word - 1
      }
    }
    return list
  }
}

/// The positions of annotations' tags in a list of tags, looked up once for
/// each distinct list met lately.
struct TagIndexer {
  private let index: [String: Int]
  private var recent = RecentTagLists<[Int]>()

  init(_ index: [String: Int]) { self.index = index }

  /// The positions of `tags` that the list has, in their order.
  mutating func indices(_ tags: [String]) -> [Int] {
    if let known = recent.value(for: tags) { return known }
    let positions = tags.compactMap { index[$0] }
    recent.keep(tags, positions)
    return positions
  }
}
