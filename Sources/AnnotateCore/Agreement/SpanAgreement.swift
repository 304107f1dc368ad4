/// One labelled span as span-level agreement sees it: a tag on a code point
/// range of one document (an annotation with two tags is two of these).
public struct LabelledSpan: Hashable, Sendable {
  public var document: Int
  public var range: TextRange
  public var tag: String

  public init(document: Int, range: TextRange, tag: String) {
    self.document = document
    self.range = range
    self.tag = tag
  }
}

/// How two annotators' spans of one tag match.
public struct SpanMatch: Equatable, Sendable {
  /// Spans each annotator made.
  public var countA = 0
  public var countB = 0
  /// Spans with exactly the same range in both (as multisets).
  public var exact = 0
  /// A's spans that overlap one of B's, and B's that overlap one of A's.
  public var overlappingA = 0
  public var overlappingB = 0

  public init() {}

  /// Exact-match F1: `2·exact / (|A| + |B|)`; nan when neither made a span.
  public var exactF1: Double {
    countA + countB == 0 ? .nan : 2 * Double(exact) / Double(countA + countB)
  }

  /// Overlap F1: precision = A's overlapping share, recall = B's, their
  /// harmonic mean (symmetric in A and B); nan when neither made a span.
  public var overlapF1: Double {
    guard countA + countB > 0 else { return .nan }
    guard countA > 0, countB > 0 else { return 0 }
    let p = Double(overlappingA) / Double(countA)
    let r = Double(overlappingB) / Double(countB)
    return p + r == 0 ? 0 : 2 * p * r / (p + r)
  }

  static func + (a: SpanMatch, b: SpanMatch) -> SpanMatch {
    var sum = SpanMatch()
    sum.countA = a.countA + b.countA
    sum.countB = a.countB + b.countB
    sum.exact = a.exact + b.exact
    sum.overlappingA = a.overlappingA + b.overlappingA
    sum.overlappingB = a.overlappingB + b.overlappingB
    return sum
  }
}

extension Agreement {
  /// Matches two annotators' spans tag by tag. Spans only match spans of the
  /// same tag in the same document. Runs in O(n log n).
  public static func matchSpans(_ a: [LabelledSpan], _ b: [LabelledSpan]) -> [String: SpanMatch] {
    // A document at a time (the lists in document order, as a team's spans
    // come), each tag's spans in a bucket of their own. Tags are numbered as
    // met: a handful, compared, with no hash of each span's tag.
    let a = a.isInDocumentOrder ? a : a.sorted { $0.document < $1.document }
    let b = b.isInDocumentOrder ? b : b.sorted { $0.document < $1.document }
    var tags: [String] = []
    var matches: [SpanMatch] = []
    var xs: [[TextRange]] = []
    var ys: [[TextRange]] = []
    func number(_ tag: String) -> Int {
      if let t = tags.firstIndex(of: tag) { return t }
      tags.append(tag)
      matches.append(SpanMatch())
      xs.append([])
      ys.append([])
      return tags.count - 1
    }
    var i = 0
    var j = 0
    while i < a.count || j < b.count {
      let document = min(i < a.count ? a[i].document : .max, j < b.count ? b[j].document : .max)
      while i < a.count && a[i].document == document {
        xs[number(a[i].tag)].append(a[i].range)
        i += 1
      }
      while j < b.count && b[j].document == document {
        ys[number(b[j].tag)].append(b[j].range)
        j += 1
      }
      for t in tags.indices where !xs[t].isEmpty || !ys[t].isEmpty {
        let x = xs[t].sorted()
        let y = ys[t].sorted()
        matches[t].countA += x.count
        matches[t].countB += y.count
        matches[t].exact += exactMatches(x, y)
        matches[t].overlappingA += overlapping(x, among: y)
        matches[t].overlappingB += overlapping(y, among: x)
        xs[t].removeAll(keepingCapacity: true)
        ys[t].removeAll(keepingCapacity: true)
      }
    }
    return Dictionary(uniqueKeysWithValues: zip(tags, matches))
  }

  /// Size of the multiset intersection of two sorted lists.
  static func exactMatches(_ x: [TextRange], _ y: [TextRange]) -> Int {
    var i = 0
    var j = 0
    var n = 0
    while i < x.count && j < y.count {
      if x[i] == y[j] {
        n += 1
        i += 1
        j += 1
      } else if x[i] < y[j] {
        i += 1
      } else {
        j += 1
      }
    }
    return n
  }

  /// How many of `x` overlap at least one of `y` (sorted by start). An empty
  /// span overlaps a span it sits inside, or an empty span at its place.
  static func overlapping(_ x: [TextRange], among y: [TextRange]) -> Int {
    guard !y.isEmpty else { return 0 }
    // The largest end among y[0...i], so "some y starting before e ends after s" is one lookup.
    var maxEnd: [Int] = []
    maxEnd.reserveCapacity(y.count)
    for r in y { maxEnd.append(max(maxEnd.last ?? Int.min, r.end)) }
    let empties = Set(y.filter(\.isEmpty).map(\.start))
    var n = 0
    for r in x {
      // y's starting before max(r.end, r.start + 1).
      let limit = max(r.end, r.start + 1)
      var lo = 0
      var hi = y.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if y[mid].start < limit { lo = mid + 1 } else { hi = mid }
      }
      // An empty y at r.start is the one case the end test misses.
      if (lo > 0 && maxEnd[lo - 1] > r.start) || empties.contains(r.start) { n += 1 }
    }
    return n
  }
}

extension [LabelledSpan] {
  /// Whether the spans are in document order.
  fileprivate var isInDocumentOrder: Bool {
    indices.dropFirst().allSatisfy { self[$0 - 1].document <= self[$0].document }
  }
}
