/// One annotator's work across documents: which documents, in which order
/// (their assignment when there is one, else every open document), which
/// units are coded (a tagged span touches them, or they were marked
/// "nothing to code"), and where the next uncoded unit is.
public struct WorkQueue {
  public let workspace: Workspace
  public let annotator: String
  public let kind: UnitKind
  /// Indices into the corpus, in the order they are worked through.
  public let documents: [Int]
  /// Whether the queue follows an assignment.
  public let assigned: Bool

  public init(workspace: Workspace, annotator: String? = nil, kind: UnitKind, assignments: Assignments?) {
    self.workspace = workspace
    let annotator = annotator ?? workspace.annotator
    self.annotator = annotator
    self.kind = kind
    let corpus = workspace.corpus
    if let assignments, assignments.annotators.contains(annotator) {
      let mine = Set(assignments.documents(of: annotator))
      documents = corpus.documents.indices.filter { mine.contains(corpus.documents[$0].id) }
      assigned = true
    } else {
      documents = Array(corpus.documents.indices)
      assigned = false
    }
  }

  /// What coding one document has reached.
  public struct Progress: Equatable, Sendable {
    public var coded: Int
    public var total: Int
    public var done: Bool
  }

  /// The numbers of the units that count as coded.
  public func codedUnits(_ index: Int) -> Set<Int> {
    let document = workspace.corpus.documents[index]
    return Self.codedUnits(workspace.annotations(of: document, by: annotator).set, units: document.units(kind))
  }

  /// The numbers of the units of `units` that count as coded in a set.
  static func codedUnits(_ set: AnnotationSet, units: [TextRange]) -> Set<Int> {
    var coded = Set<Int>()
    set.annotations.forEachInPlace { a in
      guard !a.pointee.orphaned, !a.pointee.tags.isEmpty,
        let numbers = Document.unitNumbers(of: a.pointee.range, in: units)
      else { return }
      for n in numbers { coded.insert(n) }
    }
    for range in set.progress.nothingToCode {
      if let n = Self.unitNumber(of: range, in: units) { coded.insert(n) }
    }
    return coded
  }

  /// The unit exactly at a range, by number.
  static func unitNumber(of range: TextRange, in units: [TextRange]) -> Int? {
    var lo = 0
    var hi = units.count - 1
    while lo <= hi {
      let mid = (lo + hi) / 2
      if units[mid].start < range.start {
        lo = mid + 1
      } else if units[mid].start > range.start {
        hi = mid - 1
      } else {
        return units[mid] == range ? mid + 1 : nil
      }
    }
    return nil
  }

  public func progress(_ index: Int) -> Progress {
    let document = workspace.corpus.documents[index]
    let set = workspace.annotations(of: document, by: annotator).set
    let units = document.units(kind)
    return Progress(
      coded: Self.codedUnits(set, units: units).count, total: units.count, done: set.progress.done != nil)
  }

  /// ``progress(_:)`` of many documents: the sidecars not read yet are
  /// read on every core first, and the coded units counted on every core.
  public func progress(of indices: [Int]) -> [Progress] {
    let documents = indices.map { workspace.corpus.documents[$0] }
    workspace.store(for: annotator).preload(documents)
    let work = documents.map { (set: workspace.annotations(of: $0, by: annotator).set, units: $0.units(kind)) }
    return Parallel.map(work) {
      Progress(
        coded: Self.codedUnits($0.set, units: $0.units).count, total: $0.units.count,
        done: $0.set.progress.done != nil)
    }
  }

  /// Coded units and all units over the whole queue.
  public func overall() -> (coded: Int, total: Int) { Self.overall(progress(of: documents)) }

  /// Coded units and all units over documents' progress (a document
  /// marked done counts every unit).
  public static func overall(_ progress: [Progress]) -> (coded: Int, total: Int) {
    var coded = 0
    var total = 0
    for p in progress {
      total += p.total
      coded += p.done ? p.total : p.coded
    }
    return (coded, total)
  }

  /// The next uncoded unit after `unit` of document `index` (unit 0: from
  /// its start): later in that document, then in the documents after it in
  /// the queue that are not done, then from the queue's start. Nil when
  /// every unit of the queue is coded.
  public func next(after unit: Int, in index: Int) -> (document: Int, unit: Int)? {
    // This document after `unit`, the queue's documents after it, those
    // before it, and this document up to `unit`; done ones are passed by. A
    // document outside the queue is left for the queue's first.
    var stops: [(document: Int, units: ClosedRange<Int>?)] = []
    func count(_ d: Int) -> Int { workspace.corpus.documents[d].units(kind).count }
    if let position = documents.firstIndex(of: index) {
      if unit + 1 <= count(index) { stops.append((index, (unit + 1)...count(index))) }
      for d in documents[(position + 1)...] + documents[..<position] { stops.append((d, nil)) }
      if unit >= 1 { stops.append((index, 1...min(unit, count(index)))) }
    } else {
      for d in documents { stops.append((d, nil)) }
    }
    for (d, range) in stops {
      let total = count(d)
      guard total > 0, !progress(d).done else { continue }
      let units = range ?? 1...total
      let coded = codedUnits(d)
      if let n = units.first(where: { !coded.contains($0) }) { return (d, n) }
    }
    return nil
  }
}
