/// What re-anchoring did to one document's annotations.
public struct ReanchorReport: Equatable, Sendable {
  /// At the same place, same words.
  public var kept = 0
  /// The same words, at a new place.
  public var moved = 0
  /// Words edited a little (a typo fixed, a word changed): placed on the edited words.
  public var changed = 0
  /// Not placed: the words are gone, or the evidence does not say where they went.
  public var orphaned = 0
  /// Of the orphans, those with two places fitting alike.
  public var ambiguous = 0

  public var summary: String {
    var parts = ["\(kept) kept", "\(moved) moved"]
    if changed > 0 { parts.append("\(changed) changed") }
    parts.append("\(orphaned) orphaned" + (ambiguous > 0 ? " (\(ambiguous) ambiguous)" : ""))
    return parts.joined(separator: ", ")
  }
}

/// Finds annotations again in a document that changed after they were made,
/// and never guesses: a span goes where its words are and where the text
/// around it agrees; when the words are gone, or two places fit alike, it
/// becomes an orphan that keeps its quote (listed by `orphans`, kept in the
/// sidecar and in exports) rather than a code on the wrong words.
///
/// The evidence, per span: its quote, the 32 code points before and after it
/// (`Quote`), and where it was. Text is compared after forgiving what edits
/// do to text without changing its words (runs of white space and line ends,
/// typographic quotes and dashes, invisible characters), with a map back to
/// code points. Every candidate place must pass gates before it is scored:
/// the quote within a few edits, the same word boundaries, and context that
/// agrees next to the span (not merely nearby). Where the document moved is
/// learnt from the spans that are certain (quote and context found once)
/// and interpolated for the others, so a far-away copy of the same words
/// does not win over the right place.
public enum Anchoring {
  public static func reanchor(_ set: AnnotationSet, in text: UTF8Text) -> (AnnotationSet, ReanchorReport) {
    let anchorer = Anchorer(text: text)
    var report = ReanchorReport()
    var result: [Annotation] = []
    let placements = anchorer.place(Array(set.annotations))
    for (var a, placement) in zip(set.annotations, placements) {
      switch placement {
      case .kept:
        report.kept += 1
        // Its words are where they were; the text around them may not be.
        a.quote = Quote(of: a.range, in: text)
      case .moved(let range), .changed(let range):
        if case .moved = placement { report.moved += 1 } else { report.changed += 1 }
        a.range = range
        a.quote = Quote(of: range, in: text)
        a.orphaned = false
      case .orphan(let ambiguous):
        report.orphaned += 1
        if ambiguous { report.ambiguous += 1 }
        a.orphaned = true
      }
      result.append(a)
    }
    var anchored = AnnotationSet(annotations: result, nextID: set.nextID)
    anchored.level = set.level
    return (anchored, report)
  }

  /// Where `quote` is in `text` now, having been at `stored`; nil when it
  /// cannot be placed without guessing.
  public static func locate(_ quote: Quote, near position: Int, in text: UTF8Text, stored: TextRange? = nil)
    -> TextRange?
  {
    let range = stored ?? TextRange(start: position, end: position + quote.exact.unicodeScalars.count)
    let probe = Annotation(id: 1, range: range, created: "", modified: "", quote: quote)
    switch Anchorer(text: text).place([probe])[0] {
    case .kept: return range
    case .moved(let found), .changed(let found): return found
    case .orphan: return nil
    }
  }
}

/// Text as re-anchoring compares it: white space runs as one space,
/// typographic quotes and dashes as their plain forms, invisible characters
/// dropped; with each character's place in the original code points.
struct NormalizedText {
  var scalars: [UInt32] = []
  /// Where normalized character i starts and ends, in original code points.
  var rawStart: [Int] = []
  var rawEnd: [Int] = []

  init<S: Sequence>(_ source: S) where S.Element == Unicode.Scalar {
    var offset = 0
    var inSpace = false
    for scalar in source {
      defer { offset += 1 }
      switch Self.fold(scalar) {
      case nil:
        if !rawEnd.isEmpty { rawEnd[rawEnd.count - 1] = offset + 1 }
      case 0x20?:
        if inSpace {
          rawEnd[rawEnd.count - 1] = offset + 1
        } else {
          scalars.append(0x20)
          rawStart.append(offset)
          rawEnd.append(offset + 1)
          inSpace = true
        }
      case let folded?:
        scalars.append(folded)
        rawStart.append(offset)
        rawEnd.append(offset + 1)
        inSpace = false
      }
    }
  }

  var count: Int { scalars.count }

  /// A character as compared: nil for those left out.
  static func fold(_ s: Unicode.Scalar) -> UInt32? {
    switch s.value {
    case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD: return nil
    case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x00B4: return 0x27
    case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033: return 0x22
    case 0x2010...0x2015, 0x2212: return 0x2D
    default: return s.properties.isWhitespace ? 0x20 : s.value
    }
  }

  /// The normalized index of the first character at or after raw offset `raw`.
  func index(atRaw raw: Int) -> Int {
    var lo = 0
    var hi = rawStart.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if rawEnd[mid] <= raw { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// All places `needle` occurs, at most `limit`.
  func occurrences(of needle: ArraySlice<UInt32>, limit: Int = .max) -> [Int] {
    guard let first = needle.first, needle.count <= scalars.count else { return [] }
    var found: [Int] = []
    scalars.withUnsafeBufferPointer { hay in
      needle.withUnsafeBufferPointer { pin in
        let last = hay.count - pin.count
        var i = 0
        while i <= last && found.count < limit {
          if hay[i] == first {
            var k = 1
            while k < pin.count && hay[i + k] == pin[k] { k += 1 }
            if k == pin.count { found.append(i) }
          }
          i += 1
        }
      }
    }
    return found
  }
}

/// How one span was placed.
enum Placement: Equatable {
  case kept
  case moved(TextRange)
  case changed(TextRange)
  case orphan(ambiguous: Bool)
}

/// The re-anchoring of one document's spans (see ``Anchoring``).
struct Anchorer {
  let text: UTF8Text
  let normalized: NormalizedText

  init(text: UTF8Text) {
    self.text = text
    self.normalized = NormalizedText(text.string.unicodeScalars)
  }

  /// One span's evidence, normalized.
  struct Evidence {
    var quote: [UInt32]
    var prefix: [UInt32]
    var suffix: [UInt32]
    /// The stored context was cut by the document's start or end.
    var atStart: Bool
    var atEnd: Bool
    var old: TextRange
    /// Whether the old span began and ended on word boundaries.
    var boundaryBefore: Bool
    var boundaryAfter: Bool

    init(_ a: Annotation) {
      quote = NormalizedText(a.quote.exact.unicodeScalars).scalars
      prefix = NormalizedText(a.quote.prefix.unicodeScalars).scalars
      suffix = NormalizedText(a.quote.suffix.unicodeScalars).scalars
      atStart = a.quote.prefix.unicodeScalars.count < Quote.contextLength
      atEnd = a.quote.suffix.unicodeScalars.count < Quote.contextLength
      old = a.range
      boundaryBefore = Anchorer.isBoundary(prefix.last, quote.first)
      boundaryAfter = Anchorer.isBoundary(quote.last, suffix.first)
    }
  }

  /// A place a span could go, with what speaks for it.
  struct Candidate {
    var start: Int
    var end: Int
    var errors: Int
    var before: Side
    var after: Side
    /// Context characters that agree, less what the quote's errors and the distance cost.
    var score = 0.0
  }

  /// How the text on one side of a candidate compares with the stored context.
  struct Side {
    /// Characters next to the span that agree exactly.
    var adjacent: Int
    /// Similarity of the whole stored side (1 = the same).
    var similarity: Double
    var verdict: Verdict
    enum Verdict: Int, Comparable {
      case disagrees, neutral, agrees, strong
      static func < (a: Verdict, b: Verdict) -> Bool { a.rawValue < b.rawValue }
    }
  }

  // MARK: Placing

  func place(_ annotations: [Annotation]) -> [Placement] {
    var placements = [Placement?](repeating: nil, count: annotations.count)
    var evidence: [Evidence?] = Array(repeating: nil, count: annotations.count)
    // Spans still where they were, with the text around them: kept.
    for (i, a) in annotations.enumerated() {
      if isStillThere(a) {
        placements[i] = .kept
      } else {
        evidence[i] = Evidence(a)
      }
    }
    // Where the document moved, learnt from the spans that are certain.
    var model = ShiftModel(anchors: [])
    var anchors: [(old: Int, new: Int)] = []
    for (i, a) in annotations.enumerated() {
      if placements[i] == .kept {
        anchors.append((a.range.start, a.range.start))
      } else if let e = evidence[i], let new = uniquePlace(e) {
        anchors.append((e.old.start, normalized.rawStart[new]))
      }
    }
    model = ShiftModel(anchors: anchors)
    for i in annotations.indices where placements[i] == nil {
      placements[i] = decide(evidence[i]!, model: model)
    }
    return placements.map { $0! }
  }

  /// The old range still holds the same words, with the same text on at
  /// least one side, and nothing forgiven.
  func isStillThere(_ a: Annotation) -> Bool {
    guard !a.orphaned, a.range.end <= text.scalarCount, text.has(a.quote.exact, at: a.range) else { return false }
    let before = TextRange(start: max(0, a.range.start - a.quote.prefix.unicodeScalars.count), end: a.range.start)
    let after = TextRange(
      start: a.range.end, end: min(text.scalarCount, a.range.end + a.quote.suffix.unicodeScalars.count))
    let prefixSame = text.string(in: before) == a.quote.prefix
    let suffixSame = text.string(in: after) == a.quote.suffix
    return (prefixSame && suffixSame) || ((prefixSame || suffixSame) && a.quote.exact.unicodeScalars.count >= 12)
  }

  /// Where prefix + quote + suffix occur exactly once (normalized), if they do.
  func uniquePlace(_ e: Evidence) -> Int? {
    guard e.prefix.count + e.quote.count + e.suffix.count >= 24 else { return nil }
    let whole = e.prefix + e.quote + e.suffix
    let found = normalized.occurrences(of: whole[...], limit: 2)
    guard found.count == 1 else { return nil }
    return found[0] + e.prefix.count
  }

  /// The placement of one span that is not where it was.
  func decide(_ e: Evidence, model: ShiftModel) -> Placement {
    guard !e.quote.isEmpty else { return decideEmpty(e, model: model) }
    let predicted = model.predict(e.old.start)
    let tolerance = model.tolerance(at: e.old.start)
    var candidates = self.candidates(e, predicted: predicted)
    var accepted: [Candidate] = []
    let exactCount = candidates.filter { $0.errors == 0 }.count
    for var c in candidates {
      let distance = abs(normalized.rawStart[c.start] - predicted)
      guard accept(c, e, exactOccurrences: exactCount, distance: distance, tolerance: tolerance, model: model)
      else { continue }
      let penalty =
        model.isConfident && distance > tolerance
        ? min(12, 12 * Double(distance - tolerance) / Double(3 * tolerance)) : 0
      c.score =
        Double(e.prefix.count) * c.before.similarity + Double(e.suffix.count) * c.after.similarity
        - 4 * Double(c.errors) - penalty
      accepted.append(c)
    }
    candidates = []
    guard !accepted.isEmpty else { return .orphan(ambiguous: false) }
    accepted.sort { $0.score > $1.score }
    var best = accepted[0]
    if let first = accepted.first(where: { $0.start < best.start && isDuplicate($0, of: best) }) {
      // A duplicated block (a paragraph pasted twice): the first copy, as a
      // diff would align it, so the codes of one paragraph stay together.
      best = first
    } else if accepted.count > 1 && best.score - accepted[1].score < 8 {
      guard isDuplicate(best, of: accepted[1]) else { return .orphan(ambiguous: true) }
      best = best.start < accepted[1].start ? best : accepted[1]
    }
    let range = TextRange(start: normalized.rawStart[best.start], end: normalized.rawEnd[best.end - 1])
    if best.errors > 0 { return .changed(range) }
    return range == e.old ? .kept : .moved(range)
  }

  /// A span of no characters sits between its prefix and suffix: placed
  /// only where they occur together exactly once.
  func decideEmpty(_ e: Evidence, model: ShiftModel) -> Placement {
    guard e.prefix.count + e.suffix.count >= 12 else { return .orphan(ambiguous: false) }
    let found = normalized.occurrences(of: (e.prefix + e.suffix)[...], limit: 2)
    guard found.count == 1 else { return .orphan(ambiguous: found.count > 1) }
    let at = found[0] + e.prefix.count
    let raw = at < normalized.count ? normalized.rawStart[at] : text.scalarCount
    let range = TextRange(start: raw, end: raw)
    return range == e.old ? .kept : .moved(range)
  }

  /// Whether two candidates with the same words sit at the same place in
  /// two adjacent copies of one block of text (at least a short paragraph
  /// long): a paragraph duplicated, not a phrase that repeats.
  func isDuplicate(_ a: Candidate, of b: Candidate) -> Bool {
    let (first, second) = a.start < b.start ? (a, b) : (b, a)
    let gap = second.start - first.start
    guard first.errors == 0, second.errors == 0, gap >= 64 else { return false }
    let s = normalized.scalars
    // The stretch around the first candidate that repeats `gap` later.
    var lo = first.start
    while lo > 0 && s[lo - 1] == s[lo - 1 + gap] { lo -= 1 }
    var hi = first.start
    while hi + gap < s.count && s[hi] == s[hi + gap] { hi += 1 }
    return hi - lo >= gap
  }

  // MARK: Candidates

  /// How many edits a quote of `length` characters may have and still be found.
  static func allowedErrors(_ length: Int) -> Int {
    length < 5 ? 0 : length < 12 ? 1 : min(25, length / 10)
  }

  /// Every place the quote is, exactly or within its allowed edits.
  func candidates(_ e: Evidence, predicted: Int) -> [Candidate] {
    var found: [(start: Int, end: Int, errors: Int)] = []
    let exact = normalized.occurrences(of: e.quote[...], limit: 5000)
    found += exact.map { ($0, $0 + e.quote.count, 0) }
    let k = Self.allowedErrors(e.quote.count)
    if k > 0 {
      // Fuzzy matches, even when exact ones exist elsewhere (an exact copy
      // of the old words elsewhere must not hide the edited words here):
      // around where the span should be, and right after its prefix or right
      // before its suffix wherever those occur.
      var windows: [Range<Int>] = []
      let center = normalized.index(atRaw: predicted)
      let reach = 2000 + 4 * e.quote.count
      windows.append(max(0, center - reach)..<min(normalized.count, center + e.quote.count + reach))
      let tail = e.prefix.suffix(12)
      if tail.count == 12 {
        for at in normalized.occurrences(of: tail, limit: 50) {
          let from = at + 12
          windows.append(from..<min(normalized.count, from + e.quote.count + k))
        }
      }
      let head = e.suffix.prefix(12)
      if head.count == 12 {
        for at in normalized.occurrences(of: head, limit: 50) {
          windows.append(max(0, at - e.quote.count - k)..<at)
        }
      }
      for window in merged(windows) {
        for match in approximate(e.quote, in: window, maxErrors: k) where match.errors > 0 {
          found.append(match)
        }
      }
    }
    // One candidate per place: the fewest errors.
    found.sort { ($0.start, $0.errors, $0.end) < ($1.start, $1.errors, $1.end) }
    var result: [Candidate] = []
    for f in found {
      if let last = result.last, last.start == f.start { continue }
      result.append(
        Candidate(
          start: f.start, end: f.end, errors: f.errors, before: side(before: f.start, e),
          after: side(after: f.end, e)))
    }
    return result
  }

  /// Overlapping windows joined.
  func merged(_ windows: [Range<Int>]) -> [Range<Int>] {
    var result: [Range<Int>] = []
    for w in windows.filter({ !$0.isEmpty }).sorted(by: { $0.lowerBound < $1.lowerBound }) {
      if let last = result.last, w.lowerBound <= last.upperBound {
        result[result.count - 1] = last.lowerBound..<max(last.upperBound, w.upperBound)
      } else {
        result.append(w)
      }
    }
    return result
  }

  /// Approximate matches of `pattern` inside `window` with at most
  /// `maxErrors` edits: each end whose error count is a local minimum, with
  /// the start that gives it.
  func approximate(_ pattern: [UInt32], in window: Range<Int>, maxErrors: Int) -> [(
    start: Int, end: Int, errors: Int
  )] {
    let text = normalized.scalars[window]
    let ends = Self.editsEnding(pattern[...], in: text)
    var matches: [(start: Int, end: Int, errors: Int)] = []
    for (j, errors) in ends.enumerated() where errors <= maxErrors {
      // A local minimum: no neighbour within reach does better.
      let lo = max(0, j - maxErrors)
      let hi = min(ends.count - 1, j + maxErrors)
      guard !(lo...hi).contains(where: { ends[$0] < errors || (ends[$0] == errors && $0 < j) }) else { continue }
      let end = window.lowerBound + j + 1
      let from = max(window.lowerBound, end - pattern.count - maxErrors - 1)
      let back = Self.editsEnding(
        pattern.reversed()[...], in: normalized.scalars[from..<end].reversed()[...])
      guard let best = back.min(), best <= maxErrors else { continue }
      // The longest match with the fewest edits: its first character.
      let length = back.lastIndex(of: best)! + 1
      matches.append((end - length, end, best))
    }
    return matches
  }

  /// Sellers' dynamic programme: for each position of `text`, the fewest
  /// edits with which `pattern` matches a piece of text ending there.
  /// Two letters swapped count as one edit (a typo's usual shape).
  static func editsEnding(_ pattern: ArraySlice<UInt32>, in text: ArraySlice<UInt32>) -> [Int] {
    let p = Array(pattern)
    let m = p.count
    var before = Array(0...m)  // the column two characters back
    var previous = Array(0...m)
    var column = Array(0...m)
    var last: UInt32 = 0
    var result: [Int] = []
    result.reserveCapacity(text.count)
    for (j, c) in text.enumerated() {
      column[0] = 0
      for i in 1...m {
        var best = Swift.min(previous[i - 1] + (p[i - 1] == c ? 0 : 1), previous[i] + 1, column[i - 1] + 1)
        if i > 1 && j > 0 && p[i - 1] == last && p[i - 2] == c { best = Swift.min(best, before[i - 2] + 1) }
        column[i] = best
      }
      result.append(column[m])
      (before, previous, column) = (previous, column, before)
      last = c
    }
    return result
  }

  // MARK: Context

  /// The text before a candidate against the stored prefix.
  func side(before start: Int, _ e: Evidence) -> Side {
    let s = normalized.scalars
    var adjacent = 0
    while adjacent < e.prefix.count && start - adjacent - 1 >= 0
      && s[start - adjacent - 1] == e.prefix[e.prefix.count - adjacent - 1]
    {
      adjacent += 1
    }
    let similarity = Self.anchoredSimilarity(
      Array(e.prefix.reversed()), s[max(0, start - e.prefix.count - 8)..<start].reversed())
    return Self.verdict(
      adjacent: adjacent, similarity: similarity, stored: e.prefix.count, edge: e.atStart, atEdge: start == 0)
  }

  /// The text after a candidate against the stored suffix.
  func side(after end: Int, _ e: Evidence) -> Side {
    let s = normalized.scalars
    var adjacent = 0
    while adjacent < e.suffix.count && end + adjacent < s.count && s[end + adjacent] == e.suffix[adjacent] {
      adjacent += 1
    }
    let similarity = Self.anchoredSimilarity(e.suffix, s[end..<min(s.count, end + e.suffix.count + 8)][...])
    return Self.verdict(
      adjacent: adjacent, similarity: similarity, stored: e.suffix.count, edge: e.atEnd, atEdge: end == s.count)
  }

  /// How one side compares: strong, agrees, neutral (too little stored to
  /// say) or disagrees.
  static func verdict(adjacent: Int, similarity: Double, stored: Int, edge: Bool, atEdge: Bool) -> Side {
    var verdict: Side.Verdict
    if stored == 0 {
      verdict = edge && atEdge ? .agrees : .neutral
    } else if adjacent >= 24 || (adjacent == stored && stored >= 12) || (similarity >= 0.9 && stored >= 16) {
      verdict = .strong
    } else if adjacent >= 12 || (adjacent == stored && stored >= 4) || (similarity >= 0.8 && stored >= 12) {
      verdict = .agrees
    } else if stored < 4 {
      verdict = .neutral
    } else {
      verdict = .disagrees
    }
    if edge && adjacent == stored && atEdge { verdict = max(verdict, .agrees) }
    return Side(adjacent: adjacent, similarity: similarity, verdict: verdict)
  }

  /// How much of `stored` the text matches when aligned from its first
  /// character on (the text may run on): 1 − edits / length.
  static func anchoredSimilarity<T: Collection>(_ stored: [UInt32], _ text: T) -> Double where T.Element == UInt32 {
    guard !stored.isEmpty else { return 1 }
    let t = Array(text)
    // Edits to turn all of `stored` into a prefix of `t`.
    var previous = Array(0...t.count)
    var current = previous
    for i in 1...stored.count {
      current[0] = i
      for j in stride(from: 1, through: t.count, by: 1) {
        current[j] = Swift.min(
          previous[j - 1] + (stored[i - 1] == t[j - 1] ? 0 : 1), previous[j] + 1, current[j - 1] + 1)
      }
      swap(&previous, &current)
    }
    let edits = previous.min() ?? stored.count
    return max(0, 1 - Double(edits) / Double(stored.count))
  }

  // MARK: Gates

  /// Whether a candidate may be a span's place at all.
  func accept(
    _ c: Candidate, _ e: Evidence, exactOccurrences: Int, distance: Int, tolerance: Int, model: ShiftModel
  ) -> Bool {
    guard c.errors <= Self.allowedErrors(e.quote.count) else { return false }
    // The same word boundaries: "he" inside "the" is not "he".
    let s = normalized.scalars
    let before = c.start > 0 ? s[c.start - 1] : nil
    let after = c.end < s.count ? s[c.end] : nil
    guard Self.isBoundary(before, s[c.start]) == e.boundaryBefore,
      Self.isBoundary(s[c.end - 1], after) == e.boundaryAfter
    else { return false }
    let sides = [c.before.verdict, c.after.verdict]
    let agreeing = sides.filter { $0 >= .agrees }.count
    let strong = sides.contains(.strong)
    // Far from where the document's other spans say it should be: a move
    // only when spans next to it moved the same way, or its words are long
    // and unmistakable; else it is a copy of the words elsewhere, and the
    // span's own words were cut or edited.
    let new = normalized.rawStart[c.start]
    let far =
      model.isConfident && !model.window(around: e.old.start).contains(new)
      && !model.corroborates(old: e.old.start, new: new)
      && !(c.errors == 0 && e.quote.count >= 40 && sides.allSatisfy { $0 >= .agrees })
    if c.errors == 0 {
      // Short words are everywhere: their context must agree in full on one
      // side (a phrase that merely starts the same is not their place).
      if e.quote.count < 24 && !strong && !sides.contains(where: { $0 == .agrees && isWholeSide($0, c, e) }) {
        return false
      }
      // A side that disagrees must be explained: its stored text is just
      // past something inserted (a line of boilerplate, a note). Else the
      // words are another sentence's that starts or ends alike.
      if e.quote.count < 24
        && ((c.before.verdict == .disagrees
          && !shifted(before: c.start, e, adjacent: c.before.adjacent, insertedOnly: e.quote.count < 12))
          || (c.after.verdict == .disagrees
            && !shifted(after: c.end, e, adjacent: c.after.adjacent, insertedOnly: e.quote.count < 12)))
      {
        return false
      }
      if agreeing == 0 {
        // The quote alone: only when it is long, found once, and not far off.
        let words = e.quote.split(separator: 0x20).count
        guard exactOccurrences == 1, e.quote.count >= 24, words >= 4, !far,
          !sides.contains(.disagrees) || e.quote.count >= 40
        else { return false }
      }
      return !far
    }
    // Edited words: the text on both sides must agree, one side strongly, and not far off.
    let bothAgree = sides.allSatisfy { $0 >= .agrees || $0 == .neutral } && agreeing >= 1
    return bothAgree && strong && !far
  }

  /// Whether the stored prefix, past the characters that agree next to
  /// the candidate, goes on a little further back: text was inserted into
  /// it or a word of it replaced (12 characters of it found within 96).
  /// For short quotes (`insertedOnly`) only an insertion explains it: the
  /// characters next to those that agree are found, further back.
  func shifted(before start: Int, _ e: Evidence, adjacent: Int, insertedOnly: Bool) -> Bool {
    var rest = Array(e.prefix.dropLast(adjacent))
    if insertedOnly { rest = Array(rest.suffix(12)) }
    let end = start - adjacent
    return findsChunk(of: rest, in: max(0, end - 96)..<end)
  }

  /// The same for the stored suffix, forwards.
  func shifted(after end: Int, _ e: Evidence, adjacent: Int, insertedOnly: Bool) -> Bool {
    var rest = Array(e.suffix.dropFirst(adjacent))
    if insertedOnly { rest = Array(rest.prefix(12)) }
    let start = end + adjacent
    return findsChunk(of: rest, in: start..<min(normalized.count, start + 96))
  }

  /// Whether 12 consecutive characters of `stored` occur inside `region`.
  func findsChunk(of stored: [UInt32], in region: Range<Int>) -> Bool {
    guard stored.count >= 12, region.count >= 12 else { return false }
    let s = normalized.scalars
    for from in stride(from: 0, through: stored.count - 12, by: 4) {
      let chunk = stored[from..<(from + 12)]
      var i = region.lowerBound
      while i + 12 <= region.upperBound {
        if s[i] == chunk.first!, s[i..<(i + 12)].elementsEqual(chunk) { return true }
        i += 1
      }
    }
    return false
  }

  /// Whether a side agrees in full: all of a short stored side (cut by the
  /// document's start or end) matches.
  func isWholeSide(_ verdict: Side.Verdict, _ c: Candidate, _ e: Evidence) -> Bool {
    (c.before.verdict == verdict && c.before.adjacent == e.prefix.count && e.atStart)
      || (c.after.verdict == verdict && c.after.adjacent == e.suffix.count && e.atEnd)
  }

  /// Whether there is a word boundary between two characters.
  static func isBoundary(_ a: UInt32?, _ b: UInt32?) -> Bool {
    guard let a, let b else { return true }
    return !isWordCharacter(a) || !isWordCharacter(b)
  }

  static func isWordCharacter(_ value: UInt32) -> Bool {
    guard let scalar = Unicode.Scalar(value) else { return false }
    if (0x2E80...0x9FFF).contains(value) || (0xF900...0xFAFF).contains(value) { return false }
    let p = scalar.properties
    return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark || value == 0x5F
  }
}

/// Where the document moved: from spans placed with certainty (old start →
/// new start), in order, interpolated between them.
struct ShiftModel {
  /// Increasing in both old and new positions.
  let anchors: [(old: Int, new: Int)]
  /// Every certain placement, in old order, those out of order included (moved blocks).
  let all: [(old: Int, new: Int)]

  init(anchors raw: [(old: Int, new: Int)]) {
    all = raw.sorted { ($0.old, $0.new) < ($1.old, $1.new) }
    // The longest run increasing in both: anchors out of order are moved
    // blocks or false, and left out.
    let sorted = raw.sorted { ($0.old, $0.new) < ($1.old, $1.new) }
    var tails: [Int] = []
    var previous = [Int](repeating: -1, count: sorted.count)
    var tailIndex: [Int] = []
    for (i, a) in sorted.enumerated() {
      var lo = 0
      var hi = tails.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if tails[mid] < a.new { lo = mid + 1 } else { hi = mid }
      }
      if lo > 0 { previous[i] = tailIndex[lo - 1] }
      if lo == tails.count {
        tails.append(a.new)
        tailIndex.append(i)
      } else {
        tails[lo] = a.new
        tailIndex[lo] = i
      }
    }
    var chain: [(old: Int, new: Int)] = []
    var k = tailIndex.last ?? -1
    while k >= 0 {
      chain.append(sorted[k])
      k = previous[k]
    }
    anchors = chain.reversed()
  }

  /// Whether a span that was at `old` going to `new` moves with a certain
  /// placement near it (another span of the same moved block).
  func corroborates(old: Int, new: Int) -> Bool {
    let shift = new - old
    var lo = 0
    var hi = all.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if all[mid].old < old - 800 { lo = mid + 1 } else { hi = mid }
    }
    while lo < all.count && all[lo].old <= old + 800 {
      let a = all[lo]
      if a.old != old && abs((a.new - a.old) - shift) <= 8 { return true }
      lo += 1
    }
    return false
  }

  /// With fewer than two anchors, where a span went is not known: distance counts for nothing.
  var isConfident: Bool { anchors.count >= 2 }

  /// The new position of old position `old`.
  func predict(_ old: Int) -> Int {
    guard let first = anchors.first, let last = anchors.last else { return old }
    if old <= first.old { return old + first.new - first.old }
    if old >= last.old { return old + last.new - last.old }
    // The shift, interpolated between the anchors on either side.
    let (a, b) = neighbours(old)
    let fraction = b.old == a.old ? 0 : Double(old - a.old) / Double(b.old - a.old)
    let shift = Double(a.new - a.old) + Double((b.new - b.old) - (a.new - a.old)) * fraction
    return old + Int(shift.rounded())
  }

  /// Where a span that was at `old` can be without having moved: between
  /// the new places of the certain spans before and after it (order is
  /// kept by every edit but a move), give or take a little.
  func window(around old: Int) -> ClosedRange<Int> {
    var lo = 0
    var hi = anchors.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if anchors[mid].old <= old { lo = mid + 1 } else { hi = mid }
    }
    let from = lo > 0 ? anchors[lo - 1].new - 64 : Int.min
    let to = lo < anchors.count ? anchors[lo].new + 64 : Int.max
    return min(from, to)...max(from, to)
  }

  /// How far from the prediction a span may be and count as where expected.
  func tolerance(at old: Int) -> Int {
    guard anchors.count >= 2 else { return 64 }
    let (a, b) = neighbours(old)
    let jump = abs((b.new - b.old) - (a.new - a.old))
    return 64 + jump + abs(b.old - a.old) / 100
  }

  private func neighbours(_ old: Int) -> ((old: Int, new: Int), (old: Int, new: Int)) {
    var lo = 0
    var hi = anchors.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if anchors[mid].old <= old { lo = mid + 1 } else { hi = mid }
    }
    let after = min(max(lo, 1), anchors.count - 1)
    return (anchors[after - 1], anchors[after])
  }
}
