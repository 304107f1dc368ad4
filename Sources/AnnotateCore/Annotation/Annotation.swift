/// The exact text of a span and the text around it, kept so a span can be
/// found again when its document changes (the W3C TextQuoteSelector idea).
public struct Quote: Equatable, Sendable, Codable {
  public var exact: String
  public var prefix: String
  public var suffix: String

  /// How many code points of context are kept on each side.
  public static let contextLength = 32

  public init(exact: String, prefix: String, suffix: String) {
    self.exact = exact
    self.prefix = prefix
    self.suffix = suffix
  }

  /// The quote of `range` in `text`.
  public init(of range: TextRange, in text: UTF8Text) {
    // Two lookups: the context is counted out from the span's own bytes.
    let span = text.byteRange(of: range)
    exact = text.string(bytes: span)
    prefix = text.string(bytes: text.byteOffset(Self.contextLength, scalarsBefore: span.lowerBound)..<span.lowerBound)
    suffix = text.string(bytes: span.upperBound..<text.byteOffset(Self.contextLength, scalarsAfter: span.upperBound))
  }
}

/// One annotation: a span of a document with tags and an optional note.
///
/// Invariants: `range` lies inside the document when `orphaned` is false;
/// `tags` are codebook names, unique, in codebook order; `id` is unique per
/// document and annotator and never reused.
public struct Annotation: Equatable, Sendable, Identifiable {
  public var id: Int
  /// Code points, half-open. For an orphan, where it last was.
  public var range: TextRange
  /// The text the span had when it was last anchored.
  public var quote: Quote
  public var tags: [String]
  public var note: String?
  /// UTC, ISO 8601 (`2026-11-25T07:30:00Z`).
  public var created: String
  public var modified: String
  /// The span's text could not be found in the changed document.
  public var orphaned: Bool
  /// Qualities of the span, by attribute name (`checkworthy` → `yes`).
  public var attributes: [String: String]
}

extension Annotation {
  // Declared here, beside the memberwise initializer (`quote` comes second
  // there), and made by it: an initializer that set each property itself
  // made the optimizer copy every annotation once more as it returned —
  // a retain and a release of each string, 8% of the instructions of
  // exporting 100,000 spans (BENCHMARKS.md, issue 19).
  public init(
    id: Int, range: TextRange, tags: [String] = [], note: String? = nil, created: String, modified: String,
    quote: Quote, orphaned: Bool = false, attributes: [String: String] = [:]
  ) {
    self.init(
      id: id, range: range, quote: quote, tags: tags, note: note, created: created, modified: modified,
      orphaned: orphaned, attributes: attributes)
  }
}

/// How far one annotator is with one document, beyond its spans: whether
/// they marked it done, and the units they looked at and found nothing to
/// code in (a unit with a tagged span is coded anyway).
public struct DocumentProgress: Equatable, Sendable {
  /// When the document was marked done (UTC), nil while it is not.
  public var done: String?
  /// The ranges of units marked "nothing to code here", sorted, unique.
  public private(set) var nothingToCode: [TextRange] = []

  public init(done: String? = nil, nothingToCode: [TextRange] = []) {
    self.done = done
    self.nothingToCode = Array(Set(nothingToCode)).sorted { ($0.start, $0.end) < ($1.start, $1.end) }
  }

  public var isEmpty: Bool { done == nil && nothingToCode.isEmpty }

  /// Marks a unit's range as having nothing to code, or takes that back.
  public mutating func setNothingToCode(_ range: TextRange, _ on: Bool) {
    let present = nothingToCode.contains(range)
    if on && !present {
      nothingToCode = (nothingToCode + [range]).sorted { ($0.start, $0.end) < ($1.start, $1.end) }
    } else if !on && present {
      nothingToCode.removeAll { $0 == range }
    }
  }
}

/// A typed link between two spans of one annotator's document (`#3
/// attributed-to #5`). One of each (type, from, to).
public struct Relation: Hashable, Sendable {
  public var type: String
  public var from: Int
  public var to: Int
  public var created: String

  public init(type: String, from: Int, to: Int, created: String) {
    self.type = type
    self.from = from
    self.to = to
    self.created = created
  }

  /// What identifies a relation: its type and ends (not when it was made).
  public var key: String { "\(type)\u{0}\(from)\u{0}\(to)" }
}

/// What an annotator recorded about a document beyond its spans: progress,
/// the relations between spans, the document-level codes. Journalled,
/// undone and compared as one value.
public struct DocumentLevel: Equatable, Sendable {
  public var progress = DocumentProgress()
  /// Sorted by (from, to, type).
  public var relations: [Relation] = []
  /// Variable → its values (one, or several for a multiple-choice variable).
  public var codes: [String: [String]] = [:]

  public init(
    progress: DocumentProgress = DocumentProgress(), relations: [Relation] = [], codes: [String: [String]] = [:]
  ) {
    self.progress = progress
    self.relations = relations.sorted { ($0.from, $0.to, $0.type) < ($1.from, $1.to, $1.type) }
    self.codes = codes
  }

  public var isEmpty: Bool { progress.isEmpty && relations.isEmpty && codes.isEmpty }
}

/// One annotator's annotations on one document, sorted by (start, end, id),
/// and what they recorded about the document besides.
public struct AnnotationSet: Equatable, Sendable {
  public private(set) var annotations = AnnotationList()
  /// Done, and the units with nothing to code (journalled with the spans).
  public var progress = DocumentProgress()
  /// Links between spans, sorted by (from, to, type).
  public var relations: [Relation] = [] {
    didSet { relations.sort { ($0.from, $0.to, $0.type) < ($1.from, $1.to, $1.type) } }
  }
  /// Document-level codes: variable → values.
  public var codes: [String: [String]] = [:]

  /// Progress, relations and codes together.
  public var level: DocumentLevel {
    get { DocumentLevel(progress: progress, relations: relations, codes: codes) }
    set {
      progress = newValue.progress
      relations = newValue.relations
      codes = newValue.codes
    }
  }
  /// The id the next annotation gets; ids are never reused.
  public private(set) var nextID = 1
  /// Ids added, changed or removed since `clearTouched()`: what a journal
  /// record and an undo step need, without copying the whole set.
  public private(set) var touched: Set<Int> = []

  public static func == (a: AnnotationSet, b: AnnotationSet) -> Bool {
    a.nextID == b.nextID && a.level == b.level && a.annotations == b.annotations
  }

  public mutating func clearTouched() { touched.removeAll(keepingCapacity: true) }

  /// Puts annotations in (replacing those with the same id), removes ids, and
  /// raises `nextID` to at least `nextID` (it never goes down).
  public mutating func apply(put: [Annotation], remove ids: [Int], nextID: Int) {
    for id in ids { remove(id) }
    for annotation in put { update(annotation) }
    self.nextID = max(self.nextID, nextID, (put.map(\.id).max() ?? 0) + 1)
  }

  public init(annotations: [Annotation] = [], nextID: Int = 1) {
    // Sidecars are written sorted: check before sorting. A sort moves
    // positions, not annotations (a million of them are large to move).
    let sorted = zip(annotations, annotations.dropFirst()).allSatisfy { Self.order($0, $1) }
    if sorted {
      self.annotations = AnnotationList(sorted: annotations)
    } else {
      let keys = annotations.map { ($0.range.start, $0.range.end, $0.id) }
      self.annotations = AnnotationList(annotations, order: keys.indices.sorted { keys[$0] < keys[$1] })
    }
    self.nextID = max(nextID, (annotations.lazy.map(\.id).max() ?? 0) + 1)
  }

  /// A set of annotations already in chunks, in (start, end, id) order.
  init(sortedChunks: [[Annotation]], nextID: Int) {
    annotations = AnnotationList(chunks: sortedChunks)
    self.nextID = max(nextID, (annotations.lazy.map(\.id).max() ?? 0) + 1)
  }

  static func order(_ a: Annotation, _ b: Annotation) -> Bool { AnnotationList.order(a, b) }

  public var isEmpty: Bool { annotations.isEmpty }
  public var count: Int { annotations.count }

  public func annotation(_ id: Int) -> Annotation? { annotations.annotation(id) }

  /// How many spans (orphans too) carry each tag.
  func tagCounts() -> [String: Int] {
    var counts: [String: Int] = [:]
    annotations.forEachInPlace { a in
      for tag in a.pointee.tags { counts[tag, default: 0] += 1 }
    }
    return counts
  }

  /// The live (not orphaned) annotation with exactly this range, if any.
  public func annotation(covering range: TextRange) -> Annotation? {
    // Sorted by (start, end, id): the first with this range, then on.
    var lo = annotations.firstPosition(atOrAfter: range)
    while lo < annotations.count && annotations[lo].range == range {
      if !annotations[lo].orphaned { return annotations[lo] }
      lo += 1
    }
    return nil
  }

  /// Adds an annotation with the next id and returns it.
  public mutating func add(
    range: TextRange, tags: [String], quote: Quote, at time: String, note: String? = nil
  ) -> Annotation {
    let annotation = Annotation(
      id: nextID, range: range, tags: tags, note: note, created: time, modified: time, quote: quote)
    nextID += 1
    insert(annotation)
    touched.insert(annotation.id)
    return annotation
  }

  /// Replaces the annotation with the same id.
  public mutating func update(_ annotation: Annotation) {
    remove(annotation.id)
    insert(annotation)
  }

  @discardableResult
  public mutating func remove(_ id: Int) -> Annotation? {
    touched.insert(id)
    return annotations.remove(id)
  }

  private mutating func insert(_ annotation: Annotation) { annotations.insert(annotation) }

  /// Live annotations overlapping `range` (empty spans count when inside it).
  public func overlapping(_ range: TextRange) -> [Annotation] {
    annotations.touching(range).filter { !$0.orphaned }
  }

  public var orphans: [Annotation] { annotations.filter(\.orphaned) }

  /// Checks the invariants against a document length; the first problem, or nil.
  public func invariantViolation(length: Int) -> String? {
    var seen = Set<Int>()
    for a in annotations {
      if !seen.insert(a.id).inserted { return "id \(a.id) is used twice" }
      if a.id >= nextID { return "id \(a.id) is not below next_id \(nextID)" }
      if a.range.start < 0 || a.range.end > length && !a.orphaned {
        return "annotation #\(a.id) [\(a.range.start), \(a.range.end)) is outside the document (length \(length))"
      }
      if Set(a.tags).count != a.tags.count { return "annotation #\(a.id) repeats a tag" }
    }
    return nil
  }
}
