/// What re-anchoring did to one document's annotations.
public struct ReanchorReport: Equatable, Sendable {
  public var kept = 0
  public var moved = 0
  public var orphaned = 0
  public var summary: String { "\(kept) kept, \(moved) moved, \(orphaned) orphaned" }
}

/// Finds annotations again in a document that changed after they were made:
/// the stored position if its text is still there, else the exact quote
/// nearest the old position, else a fuzzy match of the quote (with its
/// prefix and suffix to choose between candidates), else an orphan that
/// keeps its quote so it can be reattached by hand.
public enum Anchoring {
  public static func reanchor(_ set: AnnotationSet, in text: UTF8Text) -> (AnnotationSet, ReanchorReport) {
    var report = ReanchorReport()
    var result: [Annotation] = []
    for var a in set.annotations {
      let stillThere = !a.orphaned && a.range.end <= text.scalarCount && text.string(in: a.range) == a.quote.exact
      if let range = locate(a.quote, near: a.range.start, in: text, stored: a.range) {
        if stillThere { report.kept += 1 } else { report.moved += 1 }
        a.range = range
        a.quote = Quote(of: range, in: text)
        a.orphaned = false
      } else {
        report.orphaned += 1
        a.orphaned = true
      }
      result.append(a)
    }
    return (AnnotationSet(annotations: result, nextID: set.nextID), report)
  }

  /// Where `quote` is in `text`, looking near `position` first.
  public static func locate(_ quote: Quote, near position: Int, in text: UTF8Text, stored: TextRange? = nil)
    -> TextRange?
  {
    let length = text.scalarCount
    if let stored, stored.end <= length, text.string(in: stored) == quote.exact { return stored }
    let exact = Array(quote.exact.utf8)
    if exact.isEmpty {
      // An empty span sits between its prefix and suffix.
      let context = Array((quote.prefix + quote.suffix).utf8)
      guard !context.isEmpty, let hit = nearestOccurrence(context, near: position, in: text) else { return nil }
      let at = hit + quote.prefix.unicodeScalars.count
      return TextRange(start: at, end: at)
    }
    if let start = nearestOccurrence(exact, near: position, in: text) {
      return TextRange(start: start, end: start + quote.exact.unicodeScalars.count)
    }
    return fuzzy(quote, near: position, in: text)
  }

  /// The code point offset of the occurrence of `needle` nearest `position`.
  static func nearestOccurrence(_ needle: [UInt8], near position: Int, in text: UTF8Text) -> Int? {
    let bytes = text.bytes
    guard needle.count <= bytes.count, let first = needle.first else { return nil }
    let target = text.byteOffset(ofScalar: min(max(0, position), text.scalarCount))
    var best: Int?
    bytes.withUnsafeBufferPointer { hay in
      var i = 0
      let last = hay.count - needle.count
      while i <= last {
        if hay[i] == first {
          var k = 1
          while k < needle.count && hay[i + k] == needle[k] { k += 1 }
          if k == needle.count {
            if best.map({ abs(i - target) < abs($0 - target) }) ?? true { best = i }
            // Past the target, later hits are only farther.
            if i >= target { break }
          }
        }
        i += 1
      }
    }
    return best.map { text.scalarOffset(ofByte: $0) }
  }

  /// Approximate search (Sellers' edit-distance DP) for the quote in a
  /// window around `position`; accepts at most one edit per five characters.
  static func fuzzy(_ quote: Quote, near position: Int, in text: UTF8Text) -> TextRange? {
    let pattern = Array(quote.exact.unicodeScalars)
    let m = pattern.count
    guard m >= 4 else { return nil }
    let maxErrors = max(1, m / 5)
    let radius = max(2000, 4 * m)
    let windowStart = max(0, min(position, text.scalarCount) - radius)
    let windowEnd = min(text.scalarCount, position + m + radius)
    guard windowEnd > windowStart else { return nil }
    let window = Array(text.string(in: TextRange(start: windowStart, end: windowEnd)).unicodeScalars)
    let prefix = Array(quote.prefix.unicodeScalars)
    let suffix = Array(quote.suffix.unicodeScalars)
    // Forward pass: candidate ends, the one whose following text best matches the suffix.
    let ends = candidateEnds(of: pattern, in: window)
    guard let bestErrors = ends.map(\.errors).min(), bestErrors <= maxErrors else { return nil }
    let expectedEnd = position - windowStart + m
    guard
      let end = ends.filter({ $0.errors <= bestErrors + 2 }).max(by: { x, y in
        let cx = commonPrefix(window[x.end...], suffix)
        let cy = commonPrefix(window[y.end...], suffix)
        if cx != cy { return cx < cy }
        if x.errors != y.errors { return x.errors > y.errors }
        return abs(x.end - expectedEnd) > abs(y.end - expectedEnd)
      })?.end
    else { return nil }
    // Backward pass from that end: candidate starts, scored by the prefix.
    let reversedWindow = Array(window[0..<end].reversed())
    let lengths = candidateEnds(of: pattern.reversed(), in: reversedWindow)
    guard let backErrors = lengths.map(\.errors).min() else { return nil }
    let reversedPrefix = Array(prefix.reversed())
    guard
      let length = lengths.filter({ $0.errors <= backErrors + 2 }).max(by: { x, y in
        let cx = commonPrefix(reversedWindow[x.end...], reversedPrefix)
        let cy = commonPrefix(reversedWindow[y.end...], reversedPrefix)
        if cx != cy { return cx < cy }
        if x.errors != y.errors { return x.errors > y.errors }
        return abs(x.end - m) > abs(y.end - m)
      })?.end
    else { return nil }
    let start = max(0, end - length)
    return TextRange(start: windowStart + start, end: windowStart + end)
  }

  /// How many leading characters two sequences share.
  static func commonPrefix(_ a: ArraySlice<Unicode.Scalar>, _ b: [Unicode.Scalar]) -> Int {
    var n = 0
    var i = a.startIndex
    while n < b.count && i < a.endIndex && a[i] == b[n] {
      n += 1
      i += 1
    }
    return n
  }

  /// Sellers' DP: for every end offset in `text`, the fewest edits with
  /// which `pattern` matches a substring ending there.
  static func candidateEnds(of pattern: [Unicode.Scalar], in text: [Unicode.Scalar]) -> [(end: Int, errors: Int)] {
    let m = pattern.count
    guard m > 0, !text.isEmpty else { return [] }
    var column = Array(0...m)
    var result: [(end: Int, errors: Int)] = []
    result.reserveCapacity(text.count)
    for (j, c) in text.enumerated() {
      var diagonal = column[0]
      column[0] = 0
      for i in 1...m {
        let above = column[i]
        let cost = pattern[i - 1] == c ? 0 : 1
        column[i] = min(diagonal + cost, above + 1, column[i - 1] + 1)
        diagonal = above
      }
      result.append((j + 1, column[m]))
    }
    return result
  }
}
