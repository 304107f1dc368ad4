#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Rule-based segmentation of English news and opinion text into numbered units.
///
/// A pure function of the bytes: paragraphs (blank-line separated blocks) are
/// always boundaries; inside a block, line breaks are told apart as hard
/// (headlines, bylines, list items, short lines) or soft (hard-wrapped prose);
/// inside a stretch of prose, terminal punctuation ends a sentence unless the
/// word before it is an abbreviation, an initial, a list number, or the next
/// word starts in lower case. Units exclude surrounding white space.
public enum Segmenter {
  /// Units of `kind` as code point ranges, in order, by the rules of `language`.
  public static func units(of text: UTF8Text, kind: UnitKind, language: Language = .english) -> [TextRange] {
    let rules = SegmentationRules.rules(for: language)
    let ranges = text.bytes.withUnsafeBufferPointer { byteUnits(in: $0, kind: kind, rules: rules) }
    return scalarRanges(ranges, in: text.bytes)
  }

  /// The version of the rules: sidecars record it with the language.
  public static var rulesVersion: Int { SegmentationRules.version }

  /// Units of `kind` as byte ranges of UTF-8 text, in order.
  public static func byteUnits(in bytes: UnsafeBufferPointer<UInt8>, kind: UnitKind, language: Language = .english)
    -> [Range<Int>]
  {
    byteUnits(in: bytes, kind: kind, rules: SegmentationRules.rules(for: language))
  }

  /// `parts`: how many runs of blocks to segment in parallel (default:
  /// every core for a text over ``parallelThreshold``, else one).
  static func byteUnits(
    in bytes: UnsafeBufferPointer<UInt8>, kind: UnitKind, rules: SegmentationRules, parts: Int? = nil
  ) -> [Range<Int>] {
    let runs = byteUnitRuns(in: bytes, kind: kind, rules: rules, parts: parts)
    return runs.count == 1 ? runs[0] : Array(runs.joined())
  }

  /// ``byteUnits(in:kind:rules:parts:)`` as segmented: the units of each
  /// run of blocks, in order (one array for a text not split), for a
  /// writer that takes them a run at a time, not joined into one.
  static func byteUnitRuns(
    in bytes: UnsafeBufferPointer<UInt8>, kind: UnitKind, rules: SegmentationRules, parts: Int? = nil
  ) -> [[Range<Int>]] {
    let scanner = Scanner(b: bytes, rules: rules)
    // Blocks (paragraphs) are segmented independently of each other: a
    // large text's are shared out over the cores in runs of similar size,
    // eight a core, taken by whichever core is free (with one a core, a core
    // slowed by other work left the other idle for a tenth of the time).
    // Each run is cut at the start of a blank line and split into lines on
    // its core.
    let parts = parts ?? (bytes.count >= parallelThreshold ? 8 * Parallel.width : 1)
    guard parts > 1 else { return [units(ofLines: scanner.lines()[...], kind: kind, scanner: scanner)] }
    var cuts = [0]
    for k in 1..<parts {
      guard let cut = scanner.blankLineStart(from: max(cuts.last! + 1, bytes.count * k / parts)) else { break }
      if cut > cuts.last! { cuts.append(cut) }
    }
    cuts.append(bytes.count)
    nonisolated(unsafe) let shared = scanner
    return Parallel.map(Array(zip(cuts, cuts.dropFirst()))) { range in
      units(ofLines: shared.lines(in: range.0..<range.1)[...], kind: kind, scanner: shared)
    }
  }

  /// Texts this large are segmented on every core.
  package static let parallelThreshold = 4 << 20

  /// The units of whole blocks of lines, in order.
  private static func units(ofLines lines: ArraySlice<LineSpan>, kind: UnitKind, scanner: Scanner) -> [Range<Int>] {
    var scanner = scanner
    var out: [Range<Int>] = []
    out.reserveCapacity((lines.last.map { $0.end - lines.first!.start } ?? 0) / 100 + 1)
    var k = lines.startIndex
    while k < lines.endIndex {
      if lines[k].blank {
        k += 1
        continue
      }
      var end = k
      while end < lines.endIndex && !lines[end].blank { end += 1 }
      let block = lines[k..<end]
      switch kind {
      case .paragraph: scanner.emit(block.first!.start, block.last!.end, into: &out)
      case .line: for line in block { scanner.emit(line.start, line.end, into: &out) }
      case .sentence: scanner.sentences(inBlock: block, into: &out)
      }
      k = end
    }
    return out
  }

  /// Converts sorted byte ranges to code point ranges in one forward pass.
  package static func scalarRanges(_ ranges: [Range<Int>], in bytes: [UInt8]) -> [TextRange] {
    var counter = ScalarCounter(bytes)
    return ranges.map { range in
      let start = counter.scalarOffset(ofByte: range.lowerBound)
      return TextRange(start: start, end: counter.scalarOffset(ofByte: range.upperBound))
    }
  }
}

/// A line's content bytes (without its line break).
struct LineSpan: Sendable {
  var start: Int
  var end: Int
  var blank: Bool
}

/// The byte-level machinery behind ``Segmenter``.
struct Scanner {
  let b: UnsafeBufferPointer<UInt8>
  var rules: SegmentationRules = .english

  // MARK: Lines and blocks

  func lines() -> [LineSpan] { lines(in: 0..<b.count) }

  /// The lines of `range`, which starts where a line does (the text's
  /// start, or just after a line feed) and ends at the text's end or where
  /// a line starts: the text's lines that lie in it.
  func lines(in range: Range<Int>) -> [LineSpan] {
    var lines: [LineSpan] = []
    let n = range.upperBound
    guard n > range.lowerBound else { return lines }
    let base = b.baseAddress!
    let hasCR = memchr(base + range.lowerBound, 0x0D, range.count) != nil
    var start = range.lowerBound
    while start <= n {
      var end: Int
      if hasCR {
        end = start
        while end < n && b[end] != 0x0A && b[end] != 0x0D { end += 1 }
      } else if let hit = memchr(base + start, 0x0A, n - start) {
        end = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
      } else {
        end = n
      }
      lines.append(LineSpan(start: start, end: end, blank: isBlank(start, end)))
      if end >= n { break }
      start = end + ((b[end] == 0x0D && end + 1 < n && b[end + 1] == 0x0A) ? 2 : 1)
      if start == n { break }
    }
    return lines
  }

  /// The start of the first blank line that begins after a line feed at or
  /// after `from` (a place to cut the text between blocks), or nil.
  func blankLineStart(from: Int) -> Int? {
    let n = b.count
    let base = b.baseAddress!
    var at = from
    while at < n, let feed = memchr(base + at, 0x0A, n - at) {
      let start = UnsafeRawPointer(feed) - UnsafeRawPointer(base) + 1
      guard start < n else { return nil }
      let end = memchr(base + start, 0x0A, n - start).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? n
      if isBlank(start, end) { return start }
      at = start
    }
    return nil
  }

  func isBlank(_ s: Int, _ e: Int) -> Bool {
    var i = s
    while i < e {
      let w = spaceLength(i, e)
      if w == 0 { return false }
      i += w
    }
    return true
  }

  /// Length of the white-space character at `i`, or 0.
  @inline(__always)
  func spaceLength(_ i: Int, _ e: Int) -> Int {
    let c = b[i]
    if c == 0x20 || (c >= 0x09 && c <= 0x0D) { return 1 }
    if c < 0x80 { return 0 }
    if c == 0xC2, i + 1 < e, b[i + 1] == 0xA0 { return 2 }  // NBSP
    if c == 0xE2, i + 2 < e {
      let c1 = b[i + 1]
      let c2 = b[i + 2]
      if c1 == 0x80 && (c2 <= 0x8B || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF) { return 3 }
      if c1 == 0x81 && c2 == 0x9F { return 3 }
    }
    if c == 0xE3, i + 2 < e, b[i + 1] == 0x80, b[i + 2] == 0x80 { return 3 }
    if c == 0xEF, i + 2 < e, b[i + 1] == 0xBB, b[i + 2] == 0xBF { return 3 }
    return 0
  }

  /// Appends `[s, e)` without its leading and trailing white space, if anything is left.
  func emit(_ s: Int, _ e: Int, into out: inout [Range<Int>]) {
    var start = s
    while start < e {
      let w = spaceLength(start, e)
      if w == 0 { break }
      start += w
    }
    var end = e
    while end > start {
      // Step back over one character, then test it.
      var p = end - 1
      while p > start && b[p] & 0xC0 == 0x80 { p -= 1 }
      if spaceLength(p, end) == 0 { break }
      end = p
    }
    if start < end { out.append(start..<end) }
  }

  func firstNonSpace(_ s: Int, _ e: Int) -> Int {
    var i = s
    while i < e {
      let w = spaceLength(i, e)
      if w == 0 { return i }
      i += w
    }
    return e
  }

  func lastNonSpaceEnd(_ s: Int, _ e: Int) -> Int {
    var end = e
    while end > s {
      var p = end - 1
      while p > s && b[p] & 0xC0 == 0x80 { p -= 1 }
      if spaceLength(p, end) == 0 { return end }
      end = p
    }
    return s
  }

  func scalarCount(_ s: Int, _ e: Int) -> Int {
    var n = 0
    for i in s..<e where b[i] & 0xC0 != 0x80 { n += 1 }
    return n
  }

  // MARK: Sentences

  mutating func sentences(inBlock block: ArraySlice<LineSpan>, into out: inout [Range<Int>]) {
    if block.count == 1 {
      split(block.first!.start, block.first!.end, into: &out)
      return
    }
    var width = 0
    for line in block {
      let s = firstNonSpace(line.start, line.end)
      width = max(width, scalarCount(s, lastNonSpaceEnd(s, line.end)))
    }
    var segmentStart = block.first!.start
    var previous = block.first!
    for line in block.dropFirst() {
      if isHardBreak(after: previous, before: line, width: width) {
        split(segmentStart, previous.end, into: &out)
        segmentStart = line.start
      }
      previous = line
    }
    split(segmentStart, block.last!.end, into: &out)
  }

  /// Whether the line break between two lines of one block ends a unit.
  func isHardBreak(after prev: LineSpan, before cur: LineSpan, width: Int) -> Bool {
    let curStart = firstNonSpace(cur.start, cur.end)
    if isListMarker(curStart, cur.end) { return true }
    if startsLowercase(curStart, cur.end) { return false }
    let prevStart = firstNonSpace(prev.start, prev.end)
    let prevEnd = lastNonSpaceEnd(prevStart, prev.end)
    if endsWithTerminal(prevStart, prevEnd) { return false }
    if width < 40 { return true }
    let length = scalarCount(prevStart, prevEnd)
    if length * 10 < width * 8 && isTitleCase(prevStart, prevEnd) { return true }
    if prevEnd > prevStart {
      let last = b[prevEnd - 1]
      if [
        UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "-"),
        UInt8(ascii: "("), UInt8(ascii: "/"), UInt8(ascii: "&"),
      ].contains(last) {
        return false
      }
      // En and em dashes.
      if prevEnd - prevStart >= 3, b[prevEnd - 3] == 0xE2, b[prevEnd - 2] == 0x80,
        b[prevEnd - 1] == 0x93 || b[prevEnd - 1] == 0x94
      {
        return false
      }
    }
    return length * 10 < width * 6
  }

  /// `- `, `* `, `• `, `1. `, `2) `, `(a) `, `a) ` at the start of a line.
  func isListMarker(_ s: Int, _ e: Int) -> Bool {
    guard s < e else { return false }
    func spaceAt(_ i: Int) -> Bool { i < e && (b[i] == 0x20 || b[i] == 0x09) }
    let c = b[s]
    if c == UInt8(ascii: "-") || c == UInt8(ascii: "*") || c == UInt8(ascii: "+") { return spaceAt(s + 1) }
    if c == 0xE2, s + 2 < e, b[s + 1] == 0x80, [0xA2, 0xA3, 0x93, 0x94].contains(b[s + 2]) {
      return spaceAt(s + 3)
    }
    if c == 0xE2, s + 2 < e, b[s + 1] == 0x97, b[s + 2] == 0x8F { return spaceAt(s + 3) }  // ●
    var i = s
    if isDigit(c) {
      while i < e && i - s < 3 && isDigit(b[i]) { i += 1 }
      return i < e && (b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ")")) && spaceAt(i + 1)
    }
    if c == UInt8(ascii: "(") {
      i += 1
      while i < e && i - s <= 3 && isAlnum(b[i]) { i += 1 }
      return i > s + 1 && i < e && b[i] == UInt8(ascii: ")") && spaceAt(i + 1)
    }
    if isLower(c) && s + 1 < e && (b[s + 1] == UInt8(ascii: ")") || b[s + 1] == UInt8(ascii: ".")) {
      return spaceAt(s + 2)
    }
    if isUpper(c) && s + 1 < e && b[s + 1] == UInt8(ascii: ")") { return spaceAt(s + 2) }
    return false
  }

  /// Whether the text ends in `.`, `?`, `!` or `…`, possibly followed by closing quotes or brackets.
  func endsWithTerminal(_ s: Int, _ e: Int) -> Bool {
    var end = e
    while end > s {
      let c = b[end - 1]
      if c == UInt8(ascii: ".") || c == UInt8(ascii: "?") || c == UInt8(ascii: "!") { return true }
      if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") || c == UInt8(ascii: ")")
        || c == UInt8(ascii: "]")
      {
        end -= 1
        continue
      }
      if end - s >= 3 && b[end - 3] == 0xE2 && b[end - 2] == 0x80 {
        let t = b[end - 1]
        if t == 0xA6 { return true }  // …
        if t == 0x9D || t == 0x99 {  // ” ’
          end -= 3
          continue
        }
      }
      if end - s >= 2 && b[end - 2] == 0xC2 && c == 0xBB {  // »
        end -= 2
        continue
      }
      return false
    }
    return false
  }

  func isTitleCase(_ s: Int, _ e: Int) -> Bool {
    var significant = 0
    var capitalised = 0
    var i = s
    while i < e {
      while i < e && (b[i] == 0x20 || b[i] == 0x09) { i += 1 }
      let start = i
      while i < e && b[i] != 0x20 && b[i] != 0x09 { i += 1 }
      guard start < i else { continue }
      let first = b[start]
      if isUpper(first) {
        significant += 1
        capitalised += 1
      } else if isLower(first) {
        let word = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
        if !Abbreviations.titleCaseMinor.contains(word.lowercased()) { significant += 1 }
      }
    }
    return significant > 0 && capitalised * 4 >= significant * 3
  }

  /// Splits a stretch of running text (soft line breaks are just white space).
  func split(_ s: Int, _ e: Int, into out: inout [Range<Int>]) { split(s, e, markers: nil, into: &out) }

  /// ``split(_:_:into:)`` with the stretch's inline list markers, or nil
  /// when they have not been looked for. Most text has none: a list needs
  /// two markers, so they are looked for (a second pass) only once the scan
  /// meets a second possible one, and if there are any the stretch is split
  /// again with them.
  func split(_ s: Int, _ e: Int, markers known: [Range<Int>]?, into out: inout [Range<Int>]) {
    let first = out.count
    var looked = known != nil
    // Possible markers met so far.
    var possible = 0
    let markers = known ?? []
    var nextMarker = 0
    var unitStart = s
    var i = s
    while i < e {
      if nextMarker < markers.count && i == markers[nextMarker].lowerBound {
        // An enumeration inside the text: each item is a unit of its own.
        emit(unitStart, i, into: &out)
        unitStart = i
        i = markers[nextMarker].upperBound
        nextMarker += 1
        continue
      }
      if nextMarker == markers.count || markers[nextMarker].lowerBound > i + 8 {
        i = min(nextInteresting(i, e), nextMarker < markers.count ? markers[nextMarker].lowerBound : e)
        guard i < e else { break }
        if nextMarker < markers.count && i == markers[nextMarker].lowerBound { continue }
      }
      let c = b[i]
      if !looked && (c == UInt8(ascii: ".") || c == UInt8(ascii: ")") || c == 0xE2)
        && (c == 0xE2 ? bulletAt(i, s, e) != nil : mayCloseMarker(i, s, e) && markerCandidate(i, s, e) != nil)
      {
        possible += 1
        if possible == 2 {
          looked = true
          let found = inlineListMarkers(s, e)
          if !found.isEmpty {
            out.removeSubrange(first...)
            split(s, e, markers: found, into: &out)
            return
          }
        }
      }
      // Letters, digits and continuation bytes are never terminal.
      if c >= 0x40 && c < 0xC0 {
        i += 1
        continue
      }
      let isTerminal: Bool
      if c == UInt8(ascii: ".") || c == UInt8(ascii: "?") || c == UInt8(ascii: "!") {
        isTerminal = true
      } else if c >= 0xC0 {
        isTerminal = terminalLength(i, e) > 0
      } else if c == rules.extraASCII {
        // Greek `;`, Armenian `:`: a sentence mark before white space.
        isTerminal = i + 1 >= e || spaceLength(i + 1, e) > 0
      } else {
        isTerminal = false
      }
      guard isTerminal else {
        i += 1
        continue
      }
      let run = consumeRun(i, e)
      if run.end >= e { break }
      if run.fullWidth && spaceLength(run.end, e) == 0 {
        // Chinese and Japanese sentences are not separated by spaces; but a
        // quotation closed before hiragana (「…。」と述べた) goes on.
        if run.closed && isHiragana(run.end, e) {
          i = run.end
          continue
        }
        emit(unitStart, run.end, into: &out)
        unitStart = run.end
        i = run.end
        continue
      }
      if spaceLength(run.end, e) == 0 {
        i = run.end
        continue
      }
      let next = firstNonSpace(run.end, e)
      if next >= e { break }
      if run.spaced && !run.closed && i > s && spaceLength(i - 1, i) == 0 && !startsLowercase(next, e)
        && b[i + 1] == 0x20
      {
        // "word. . . . Next": the period ends the sentence; the spaced
        // ellipsis opens the next one.
        emit(unitStart, i + 1, into: &out)
        unitStart = i + 2
        i = next
        continue
      }
      if isBoundary(run: run, at: i, next: next, segmentStart: s, unitStart: unitStart) {
        emit(unitStart, run.end, into: &out)
        unitStart = next
      }
      i = next
    }
    emit(unitStart, e, into: &out)
  }

  /// The first position at or after `i` whose byte may matter to sentence
  /// or list detection (`.`, `?`, `!`, `)` or a lead byte of U+0800 and
  /// above), eight bytes at a time. Exact where a byte is matched whole; a
  /// little early where a script's mark is known by a later byte.
  @inline(__always)
  func nextInteresting(_ i: Int, _ e: Int) -> Int {
    let start = i
    var i = i
    let base = UnsafeRawPointer(b.baseAddress!)
    while i + 8 <= e {
      let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      // The high bit of each byte equal to `byte` (the lowest exact).
      @inline(__always) func equal(_ byte: UInt8) -> UInt64 { equalBytes(w, byte) }
      @inline(__always) func has(_ byte: UInt8) -> Bool { equal(byte) != 0 }
      var found = equal(0x2E) | equal(0x3F) | equal(0x21) | equal(0x29)
      switch rules.scan {
      case .plain:
        // Lead bytes E0…FF: bits 7, 6 and 5 of one byte.
        found |= w & (w << 1) & (w << 2) & 0x8080_8080_8080_8080
      case .marks, .danda:
        if has(rules.scanA) || has(rules.scanB) || has(rules.scanC) || has(rules.extraASCII) {
          // A mark's later byte: its first may be just before.
          return max(start, i - 2)
        }
        if rules.scan == .danda {
          @inline(__always) func exactly(_ byte: UInt8) -> UInt64 {
            let v = w ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
            return ~(((v & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | v) & 0x8080_8080_8080_8080
          }
          let a5 = exactly(0xA5)
          // A5 then A4 or A5 in the next byte (a byte on, little-endian), or A5 last.
          if a5 != 0 && ((a5 << 8) & (exactly(0xA4) | exactly(0xA5)) != 0 || a5 >> 56 != 0) {
            return max(start, i - 1)
          }
        }
        // Punctuation beyond ASCII leads with E2 (…, quotes, bullets), E3
        // (。「」) or EF (！？); letters of other scripts are skipped whole.
        found |= equal(0xE2) | equal(0xE3) | equal(0xEF)
      }
      if found != 0 { return i + found.trailingZeroBitCount >> 3 }
      i += 8
    }
    return i
  }

  /// Enumerations written inline (`1) … 2) …`, `a. … b. …`, `• … • …`):
  /// the byte ranges of their markers, when at least two follow in sequence.
  func inlineListMarkers(_ s: Int, _ e: Int) -> [Range<Int>] {
    // Cheap test first: most text has no candidate.
    var candidates: [(range: Range<Int>, kind: UInt8, value: Int)] = []
    var bullets: [Range<Int>] = []
    var i = s
    while i < e {
      i = nextInteresting(i, e)
      guard i < e else { break }
      let c = b[i]
      // Letters and continuation bytes cannot end a marker: skip them fast.
      if c >= 0x40 && c < 0xE2 {
        i += 1
        continue
      }
      if c == UInt8(ascii: ".") || c == UInt8(ascii: ")") {
        if let candidate = markerCandidate(i, s, e) {
          candidates.append(candidate)
          i = candidate.range.upperBound
          continue
        }
      } else if c == 0xE2, let length = bulletAt(i, s, e) {
        bullets.append(i..<(i + length))
        i += length
        continue
      }
      i += 1
    }
    var markers: [Range<Int>] = bullets.count >= 2 ? bullets : []
    // Keep candidates that continue or are continued by the next number of their kind.
    for (n, candidate) in candidates.enumerated() {
      let continues = candidates[..<n].contains { $0.kind == candidate.kind && $0.value == candidate.value - 1 }
      let continued = candidates[(n + 1)...].contains { $0.kind == candidate.kind && $0.value == candidate.value + 1 }
      if continues || continued {
        // A number right after a bullet belongs to the bullet's marker.
        if let bullet = markers.firstIndex(where: { $0.upperBound == candidate.range.lowerBound }) {
          markers[bullet] = markers[bullet].lowerBound..<candidate.range.upperBound
        } else {
          markers.append(candidate.range)
        }
      }
    }
    return markers.sorted { $0.lowerBound < $1.lowerBound }
  }

  /// A list marker (`3.`, `b)`) whose punctuation is at `i`, in the
  /// stretch `s..<e`: a number of one or two digits or a single lowercase
  /// letter starting a word before it, and what follows as a marker needs.
  func markerCandidate(_ i: Int, _ s: Int, _ e: Int) -> (range: Range<Int>, kind: UInt8, value: Int)? {
    // Look back for the number or letter the punctuation closes.
    var t = i
    var value = 0
    var scale = 1
    while t > s && i - t < 3 && isDigit(b[t - 1]) {
      t -= 1
      value += Int(b[t] - 0x30) * scale
      scale *= 10
    }
    var kind: UInt8 = 0
    if t < i && i - t <= 2 && (t == s || !isAlnum(b[t - 1])) {
      kind = UInt8(ascii: "1")
    } else if i > s && isLower(b[i - 1]) && (i - 1 == s || !isAlnum(b[i - 2])) {
      t = i - 1
      value = Int(b[t] - 0x61) + 1
      kind = UInt8(ascii: "a")
    }
    guard kind != 0 && isWordStart(t, s) else { return nil }
    return listCandidate(t, e, kind: kind, value: value, after: i)
  }

  /// Whether the punctuation at `i` may close a marker: a digit or a lone
  /// lowercase letter before it, a space (or the `)` of `.)`) after it. The
  /// quick test before ``markerCandidate(_:_:_:)``: false after most words
  /// and inside numbers.
  @inline(__always)
  func mayCloseMarker(_ i: Int, _ s: Int, _ e: Int) -> Bool {
    i > s && i + 1 < e && (b[i + 1] == 0x20 || b[i + 1] == UInt8(ascii: ")"))
      && (isDigit(b[i - 1]) || (isLower(b[i - 1]) && (i - 1 == s || !isAlnum(b[i - 2]))))
  }

  /// The length of a bullet (`•`, `‣`, `⁃`) starting a word at `i`, with
  /// text after it.
  func bulletAt(_ i: Int, _ s: Int, _ e: Int) -> Int? {
    guard b[i] == 0xE2, isWordStart(i, s), let length = bulletLength(i, e), i + length < e else { return nil }
    return length
  }

  func isWordStart(_ i: Int, _ s: Int) -> Bool {
    i == s || b[i - 1] == 0x20 || spaceLength(i - 1, i) > 0 || (i >= s + 3 && isBulletEnd(i))
      || (i >= s + 2 && spaceLength(i - 2, i) == 2) || (i >= s + 3 && spaceLength(i - 3, i) == 3)
  }

  /// A list marker `N.`, `N)`, `N.)` (or with a letter) whose number or letter ends at `after`.
  func listCandidate(_ i: Int, _ e: Int, kind: UInt8, value: Int, after j: Int) -> (
    range: Range<Int>, kind: UInt8, value: Int
  )? {
    guard j < e else { return nil }
    var k = j
    var punct: UInt8 = 0
    if b[k] == UInt8(ascii: ".") && k + 1 < e && b[k + 1] == UInt8(ascii: ")") {
      punct = UInt8(ascii: "]")
      k += 2
    } else if b[k] == UInt8(ascii: ")") || b[k] == UInt8(ascii: ".") {
      punct = b[k]
      k += 1
    }
    // Numbered items may start in lower case; lettered ones must not.
    guard punct != 0, k + 1 < e, b[k] == 0x20,
      kind == UInt8(ascii: "1") || !startsLowercase(k + 1, e)
    else { return nil }
    return (i..<k, kind &+ punct, value)
  }

  /// `•`, `⁃`, `‣` (optionally followed by a space) at `i`: its length.
  func bulletLength(_ i: Int, _ e: Int) -> Int? {
    guard i + 2 < e, b[i] == 0xE2 else { return nil }
    let isBullet =
      (b[i + 1] == 0x80 && (b[i + 2] == 0xA2 || b[i + 2] == 0xA3)) || (b[i + 1] == 0x81 && b[i + 2] == 0x83)
    guard isBullet else { return nil }
    return i + 3 < e && b[i + 3] == 0x20 ? 4 : 3
  }

  func isBulletEnd(_ i: Int) -> Bool {
    b[i - 3] == 0xE2
      && ((b[i - 2] == 0x80 && (b[i - 1] == 0xA2 || b[i - 1] == 0xA3)) || (b[i - 2] == 0x81 && b[i - 1] == 0x83))
  }

  /// Byte length of a non-ASCII terminal at `i`, or 0: `…`, the marks
  /// of scripts written without spaces between sentences (`。！？．｡`,
  /// Devanagari `।॥`, Ethiopic `።፧`, Burmese `။`, Khmer `។`), `‼⁇⁈⁉`,
  /// and where the language says so `؟` `۔` `։` and the Greek `;`.
  @inline(__always)
  func terminalLength(_ i: Int, _ e: Int) -> Int {
    let c0 = b[i]
    if (c0 == 0xE0 || c0 == 0xE1) && !rules.threeByteMarks { return 0 }
    if c0 < 0xE0 {
      guard c0 == rules.leadA || c0 == rules.leadB, i + 1 < e else { return 0 }
      switch (c0, b[i + 1]) {
      case (0xD8, 0x9F), (0xDB, 0x94), (0xD6, 0x89), (0xCD, 0xBE): return 2
      default: return 0
      }
    }
    guard i + 2 < e else { return 0 }
    let c1 = b[i + 1]
    let c2 = b[i + 2]
    switch (c0, c1, c2) {
    case (0xE2, 0x80, 0xA6), (0xE2, 0x80, 0xBC), (0xE2, 0x81, 0x87), (0xE2, 0x81, 0x88), (0xE2, 0x81, 0x89),
      (0xE3, 0x80, 0x82), (0xEF, 0xBC, 0x81), (0xEF, 0xBC, 0x9F), (0xEF, 0xBC, 0x8E), (0xEF, 0xBD, 0xA1),
      (0xE0, 0xA5, 0xA4), (0xE0, 0xA5, 0xA5), (0xE1, 0x8D, 0xA2), (0xE1, 0x8D, 0xA7), (0xE1, 0x81, 0x8B),
      (0xE1, 0x9F, 0x94):
      return 3
    default: return 0
    }
  }

  /// Whether a hiragana letter is at `i`.
  func isHiragana(_ i: Int, _ e: Int) -> Bool {
    i + 2 < e && b[i] == 0xE3 && ((b[i + 1] == 0x81 && b[i + 2] >= 0x81) || (b[i + 1] == 0x82 && b[i + 2] <= 0x96))
  }

  /// Byte length of a closing quote or bracket at `i`, or 0.
  @inline(__always)
  func closerLength(_ i: Int, _ e: Int) -> Int {
    let c = b[i]
    if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") || c == UInt8(ascii: ")")
      || c == UInt8(ascii: "]")
    {
      return 1
    }
    if c == 0xE2, i + 2 < e, b[i + 1] == 0x80, b[i + 2] == 0x9D || b[i + 2] == 0x99 || b[i + 2] == 0xBA { return 3 }
    if c == 0xC2, i + 1 < e, b[i + 1] == 0xBB { return 2 }
    // 」』〉》】 and full-width ）.
    if c == 0xE3, i + 2 < e, b[i + 1] == 0x80, [0x8D, 0x8F, 0x89, 0x8B, 0x91].contains(b[i + 2]) { return 3 }
    if c == 0xEF, i + 2 < e, b[i + 1] == 0xBC, b[i + 2] == 0x89 { return 3 }
    return 0
  }

  /// A quote that opens in one language and closes in another (`“` ends
  /// German „…“, `«` ends Danish »…«): a closer right after a sentence
  /// mark when white space or the end follows.
  func reversedCloserLength(_ i: Int, _ e: Int) -> Int {
    let length: Int
    if b[i] == 0xE2, i + 2 < e, b[i + 1] == 0x80, b[i + 2] == 0x9C || b[i + 2] == 0x98 {
      length = 3
    } else if b[i] == 0xC2, i + 1 < e, b[i + 1] == 0xAB {
      length = 2
    } else {
      return 0
    }
    return i + length >= e || spaceLength(i + length, e) > 0 || closerLength(i + length, e) > 0 ? length : 0
  }

  /// Byte length of an opening quote or bracket at `i`, or 0.
  @inline(__always)
  func openerLength(_ i: Int, _ e: Int) -> Int {
    let c = b[i]
    if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") || c == UInt8(ascii: "(")
      || c == UInt8(ascii: "[")
    {
      return 1
    }
    if c == 0xE2, i + 2 < e, b[i + 1] == 0x80, [0x9C, 0x98, 0x9E, 0x9A, 0xB9].contains(b[i + 2]) { return 3 }
    // « ¿ ¡
    if c == 0xC2, i + 1 < e, b[i + 1] == 0xAB || b[i + 1] == 0xBF || b[i + 1] == 0xA1 { return 2 }
    // 「『〈《【 and full-width （.
    if c == 0xE3, i + 2 < e, b[i + 1] == 0x80, [0x8C, 0x8E, 0x88, 0x8A, 0x90].contains(b[i + 2]) { return 3 }
    if c == 0xEF, i + 2 < e, b[i + 1] == 0xBC, b[i + 2] == 0x88 { return 3 }
    return 0
  }

  struct Run {
    var end: Int
    var periods = 0
    var questionOrExclamation = false
    var ellipsis = false
    var closed = false
    var fullWidth = false
    /// A spaced ellipsis (`. . .`) is part of the run.
    var spaced = false
    /// The run follows `[` (an omission mark such as `[...]`).
    var bracketed = false
  }

  /// A run of terminal punctuation with the closing quotes and brackets after it.
  func consumeRun(_ i: Int, _ e: Int) -> Run {
    var run = Run(end: i)
    var j = i
    while j < e {
      let c = b[j]
      if c == UInt8(ascii: ".") {
        run.periods += 1
        j += 1
      } else if c == UInt8(ascii: "?") || c == UInt8(ascii: "!") {
        run.questionOrExclamation = true
        j += 1
      } else if c >= 0xC0, case let length = terminalLength(j, e), length > 0 {
        if c == 0xE2 && b[j + 2] == 0xA6 {
          run.ellipsis = true
        } else {
          run.questionOrExclamation = true
          // Marks of other scripts end a sentence with or without a space after.
          run.fullWidth = c != 0xE2
        }
        j += length
      } else if c == rules.extraASCII, c != UInt8(ascii: "."), j + 1 >= e || spaceLength(j + 1, e) > 0 {
        run.questionOrExclamation = true
        j += 1
      } else if closerLength(j, e) > 0 {
        run.closed = true
        j += closerLength(j, e)
      } else if !rules.isEnglish, case let length = reversedCloserLength(j, e), length > 0 {
        run.closed = true
        j += length
      } else if !rules.isEnglish, case let space = spaceLength(j, e), space > 0, j + space < e,
        case let closer = closerLength(j + space, e), closer > 0, b[j + space] != UInt8(ascii: "\""),
        b[j + space] != UInt8(ascii: "'"), b[j + space] != UInt8(ascii: ")"),
        j + space + closer >= e || spaceLength(j + space + closer, e) > 0
          || !(scalar(at: j + space + closer, e).map(Self.isWordScalar) ?? false)
      {
        // French « … » : a space inside the closing guillemet.
        run.closed = true
        j += space + closer
      } else if c == 0x20, run.periods > 0, !run.closed, j + 1 < e, b[j + 1] == UInt8(ascii: "."),
        j + 2 >= e || b[j + 2] == 0x20 || b[j + 2] == UInt8(ascii: ".") || closerLength(j + 2, e) > 0
      {
        // A spaced ellipsis: ". . ."
        run.spaced = true
        j += 1
      } else {
        break
      }
    }
    if run.periods >= 2 { run.ellipsis = true }
    run.bracketed = i > 0 && b[i - 1] == UInt8(ascii: "[")
    run.end = j
    return run
  }

  func isBoundary(run: Run, at i: Int, next: Int, segmentStart: Int, unitStart: Int) -> Bool {
    let e = b.count
    if !rules.caseless && startsLowercase(next, e) { return false }
    if run.bracketed { return false }
    if !rules.isEnglish && continuesAfterDash(next, e) { return false }
    if run.ellipsis && !run.questionOrExclamation {
      // "... I mean": an ellipsis before the pronoun I marks a pause, not an end,
      // unless a fourth period ends the sentence first.
      let fourDots = run.periods >= 4
      if rules.isEnglish && !fourDots && b[next] == UInt8(ascii: "I") && (next + 1 >= e || !isAlpha(b[next + 1])) {
        return false
      }
      return true
    }
    if run.questionOrExclamation { return true }
    if run.closed { return true }
    if !rules.isEnglish {
      return isBoundaryInAnyScript(at: i, next: next, segmentStart: segmentStart, unitStart: unitStart)
    }
    // A single period: look at the word before it.
    var wordStart = i
    while wordStart > segmentStart {
      let c = b[wordStart - 1]
      if isAlnum(c) || c == UInt8(ascii: ".") { wordStart -= 1 } else { break }
    }
    if wordStart == i { return isBoundaryWithoutWord(at: i, next: next) }
    if wordStart > segmentStart {
      // A word glued to non-ASCII letters, an apostrophe or a hyphen is an ordinary word.
      var p = wordStart - 1
      while p > segmentStart && b[p] & 0xC0 == 0x80 { p -= 1 }
      let before = b[wordStart - 1]
      if before >= 0x80 && spaceLength(p, wordStart) == 0 && openerLength(p, wordStart) == 0 {
        return true
      }
      if before == UInt8(ascii: "'") || before == UInt8(ascii: "-") { return true }
    }
    let wordBytes = UnsafeBufferPointer(rebasing: b[wordStart..<i])
    if wordBytes.allSatisfy(isDigit) {
      // "1." opening a numbered line is a list marker.
      return !(wordBytes.count <= 3 && atLineStart(wordStart, segmentStart))
    }
    // The lists the word is on, in one lookup.
    let lists = Abbreviations.lists(of: wordBytes)
    if isDigit(b[next]) && !lists.isDisjoint(with: [.beforeNumber, .month]) { return false }
    if lists.contains(.title) || lists.contains(.neverFinal) { return false }
    // Never final in any case ("E.g."): the word is ASCII, so lower case
    // differs only when it has a capital.
    if wordBytes.count <= Abbreviations.longestNeverFinal, wordBytes.contains(where: isUpper),
      Abbreviations.lists(of: wordBytes, lowercased: true).contains(.neverFinal)
    {
      return false
    }
    if wordBytes.count == 1 && isAlpha(wordBytes[0]) { return isSentenceStart(next, e) }
    let isAbbreviation =
      wordBytes.contains(UInt8(ascii: ".")) || !lists.isDisjoint(with: [.ambiguous, .month])
    if isAbbreviation && isIntroductoryPhrase(unitStart, wordStart) { return false }
    if lists.contains(.timeOfDay) {
      if isSentenceStart(next, e) { return true }
      let following = wordAt(next, e)
      return !following.isEmpty && isUpper(b[next]) && !Abbreviations.afterTime.contains(following)
    }
    if isAbbreviation { return isSentenceStart(next, e) }
    return true
  }

  /// A period with no word before it ends the sentence, unless it is
  /// "N°. 5" or "Nº. 5": a number sign before a number.
  func isBoundaryWithoutWord(at i: Int, next: Int) -> Bool {
    if i >= 3, b[i - 2] == 0xC2, b[i - 1] == 0xB0 || b[i - 1] == 0xBA,
      b[i - 3] == UInt8(ascii: "N") || b[i - 3] == UInt8(ascii: "n")
    {
      return !isDigit(b[next])
    }
    return true
  }

  func atLineStart(_ i: Int, _ segmentStart: Int) -> Bool {
    var p = i
    while p > segmentStart && (b[p - 1] == 0x20 || b[p - 1] == 0x09) { p -= 1 }
    return p == segmentStart || b[p - 1] == 0x0A || b[p - 1] == 0x0D
  }

  /// "At 5 a.m.", "In the U.S.": a preposition and at most two more words,
  /// too short to be a sentence of its own.
  func isIntroductoryPhrase(_ s: Int, _ e: Int) -> Bool {
    let first = wordAt(s, e)
    guard Abbreviations.introductoryPrepositions.contains(first) else { return false }
    var words = 1
    var i = s + first.utf8.count
    while i < e {
      if b[i] == 0x20 && i + 1 < e && b[i + 1] != 0x20 { words += 1 }
      i += 1
    }
    return words <= 3
  }

  /// A word that clearly starts a sentence: a common sentence opener, or a
  /// quote or bracket before a capital letter.
  func isSentenceStart(_ i: Int, _ e: Int) -> Bool {
    let opener = openerLength(i, e)
    if opener > 0 {
      return i + opener < e && (isUpper(b[i + opener]) || isDigit(b[i + opener]))
    }
    let word = wordAt(i, e)
    return !word.isEmpty && Abbreviations.sentenceStarters.contains(word)
  }

  /// The ASCII letters starting at `i`.
  func wordAt(_ i: Int, _ e: Int) -> String {
    var j = i
    while j < e && isAlpha(b[j]) { j += 1 }
    return String(decoding: UnsafeBufferPointer(rebasing: b[i..<j]), as: UTF8.self)
  }

  /// Whether the character at `i` is a lower-case letter (any script).
  func startsLowercase(_ i: Int, _ e: Int) -> Bool {
    guard i < e else { return false }
    if b[i] < 0x80 { return isLower(b[i]) }
    return scalar(at: i, e)?.properties.isLowercase ?? false
  }
}

@inline(__always) func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
@inline(__always) func isUpper(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }
@inline(__always) func isLower(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }
@inline(__always) func isAlpha(_ c: UInt8) -> Bool { isUpper(c) || isLower(c) }
@inline(__always) func isAlnum(_ c: UInt8) -> Bool { isAlpha(c) || isDigit(c) }

// MARK: Languages other than English

extension Scanner {
  /// `¿Vienes? —preguntó él.`, `— Готовы? — спросил он.`: a dash and a
  /// lower-case word after a question continue the sentence.
  func continuesAfterDash(_ i: Int, _ e: Int) -> Bool {
    guard isDash(i, e) else { return false }
    return startsLowercase(firstNonSpace(i + 3, e), e)
  }

  /// An em or en dash at `i`.
  func isDash(_ i: Int, _ e: Int) -> Bool {
    i + 2 < e && b[i] == 0xE2 && b[i + 1] == 0x80 && (b[i + 2] == 0x94 || b[i + 2] == 0x93)
  }

  /// The scalar ending at byte `end` and where it starts.
  func scalar(before end: Int, from s: Int) -> (Unicode.Scalar, Int)? {
    guard end > s else { return nil }
    var p = end - 1
    while p > s && b[p] & 0xC0 == 0x80 { p -= 1 }
    return scalar(at: p, end).map { ($0, p) }
  }

  func scalar(at i: Int, _ e: Int) -> Unicode.Scalar? {
    guard i < e else { return nil }
    if b[i] < 0x80 { return Unicode.Scalar(b[i]) }
    var iterator = UnsafeBufferPointer(rebasing: b[i..<min(e, i + 4)]).makeIterator()
    var decoder = UTF8()
    if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
    return nil
  }

  /// Letters, digits and marks of any script; beyond ASCII, by ranges of
  /// punctuation and spaces (cheaper than Unicode properties, and the same
  /// for the scripts the segmenter knows).
  static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0..<0x80: return isAlnum(UInt8(s.value))
    case 0x80...0xBF, 0xD7, 0xF7, 0x37E, 0x387, 0x55A...0x55F, 0x589, 0x58A, 0x5BE, 0x5C0, 0x5C3, 0x5C6, 0x5F3,
      0x5F4, 0x600...0x60F, 0x61B...0x61F, 0x66A...0x66D, 0x6D4, 0x964, 0x965, 0x970, 0x104A...0x104F,
      0x1360...0x1368, 0x17D4...0x17DA, 0x2000...0x206F, 0x20A0...0x20CF, 0x2100...0x2BFF, 0x3000...0x3004,
      0x3008...0x3020, 0x30FB, 0xFE10...0xFE6F, 0xFF00...0xFF0F, 0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF65,
      0x1F000...0x1FAFF:
      return false
    default: return true
    }
  }

  /// The word before byte `end` (letters of any script, digits, marks, and
  /// inner periods and hyphens: `z.B`, `c.-à-d`, `д-р`).
  func word(before end: Int, from s: Int) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: b[wordStart(before: end, from: s)..<end]), as: UTF8.self)
  }

  /// Where the word before byte `end` starts (`end` when there is none).
  func wordStart(before end: Int, from s: Int) -> Int {
    var start = end
    while let (scalar, p) = self.scalar(before: start, from: s) {
      if Self.isWordScalar(scalar) {
        start = p
      } else if (scalar == "." || scalar == "-"), p > s, let (previous, _) = self.scalar(before: p, from: s),
        Self.isWordScalar(previous)
      {
        start = p
      } else {
        break
      }
    }
    return start
  }

  /// The letters starting at `i`, in any script.
  func letters(at i: Int, _ e: Int) -> String {
    var j = i
    while j < e, let scalar = scalar(at: j, e), Self.isWordScalar(scalar), scalar.value >= 0x80 || isAlpha(b[j]) {
      j += UTF8.width(scalar)
    }
    return String(decoding: UnsafeBufferPointer(rebasing: b[i..<j]), as: UTF8.self)
  }

  /// A single period in a language other than English: the word before it
  /// decides, by the language's lists.
  func isBoundaryInAnyScript(at i: Int, next: Int, segmentStart: Int, unitStart: Int) -> Bool {
    let e = b.count
    let wordStart = self.wordStart(before: i, from: segmentStart)
    if wordStart == i { return isBoundaryWithoutWord(at: i, next: next) }
    let wordBytes = UnsafeBufferPointer(rebasing: b[wordStart..<i])
    if wordBytes.allSatisfy(isDigit) {
      if wordBytes.count <= 3 && atLineStart(wordStart, segmentStart) { return false }
      guard rules.ordinalDates else { return capitalFollows(next, e) }
      // "am 12. Juni", "der 2. Weltkrieg", "1. 1. 1993", and "1. Dünya
      // Savaşı" opening a sentence: ordinals, not sentence ends.
      if rules.months.contains(letters(at: next, e).lowercased()) { return false }
      if wordBytes.count <= 2 && isDigit(b[next]) { return false }
      if wordBytes.count <= 3 {
        if firstNonSpace(unitStart, e) == wordStart { return false }
        let before = self.word(before: lastNonSpaceEnd(segmentStart, wordStart), from: segmentStart)
        if rules.beforeOrdinal.contains(before.lowercased()) { return false }
      }
      return capitalFollows(next, e)
    }
    // Most words are on no list, longer than three letters and without
    // periods: an ordinary word ends the sentence, decided from its bytes.
    let listed = rules.listedHashes.contains(SegmentationRules.hash(wordBytes))
    let short = wordBytes.lazy.filter { $0 & 0xC0 != 0x80 }.count <= 3
    if !listed && !short && !wordBytes.contains(UInt8(ascii: ".")) { return true }
    let word = String(decoding: wordBytes, as: UTF8.self)
    let lower = word.lowercased()
    if listed {
      if rules.titles.contains(lower) || rules.never.contains(lower) { return false }
      if rules.months.contains(lower) && isDigit(b[next]) { return false }
    }
    // Abbreviations written with spaces: "z. B.", "d. h.", "EE. UU.", "т. е.".
    if let previous = shortDotted(before: wordStart, from: segmentStart) {
      let joined = previous.lowercased() + "." + lower
      if rules.never.contains(joined) || rules.titles.contains(joined) { return false }
      if rules.ambiguous.contains(joined) { return capitalFollows(next, e) }
    }
    if word.unicodeScalars.count <= 3, let following = shortDotted(after: next, e) {
      let joined = lower + "." + following.lowercased()
      if rules.never.contains(joined) || rules.ambiguous.contains(joined) || rules.titles.contains(joined) {
        return false
      }
    }
    if word.count == 1, let letter = word.unicodeScalars.first {
      if letter.properties.isUppercase {
        // An initial: "A. Merkel", "В. В. Путин".
        if let following = shortDotted(after: next, e), following.count == 1 { return false }
        return isSentenceStartInAnyScript(next, e)
      }
      return capitalFollows(next, e)
    }
    if listed && rules.ambiguous.contains(lower) {
      // "им. Е. Вахтангова": an initial after it starts a name, not a sentence.
      if let following = shortDotted(after: next, e), following.count == 1, following.first!.isUppercase {
        return false
      }
      return capitalFollows(next, e)
    }
    if word.contains(".") {
      // Letters with periods ("u.a", "U.S"): an abbreviation, ended only
      // before a clear start; a domain or a number ("www.dst.dk", "11.30"):
      // ended before any capital.
      let parts = word.split(separator: ".")
      if parts.allSatisfy({ $0.count == 1 && $0.first!.isLetter }) { return isSentenceStartInAnyScript(next, e) }
      return capitalFollows(next, e)
    }
    return true
  }

  /// Whether a sentence may start at `i`: in a script with case, a capital
  /// (after a quote, bracket or dash, if any); in one without, always.
  func capitalFollows(_ i: Int, _ e: Int) -> Bool {
    if rules.caseless { return true }
    return scalar(at: afterOpener(i, e), e)?.properties.isUppercase ?? false
  }

  /// Where the words start after an opening quote or bracket, or a
  /// dialogue dash and its space, at `i` (`i` when there is none).
  func afterOpener(_ i: Int, _ e: Int) -> Int {
    let opener = openerLength(i, e)
    if opener > 0 { return i + opener }
    return isDash(i, e) ? firstNonSpace(i + 3, e) : i
  }

  /// A short word and its period right before `end` (`z. `, `EE. `): the word.
  func shortDotted(before end: Int, from s: Int) -> String? {
    let dotEnd = lastNonSpaceEnd(s, end)
    guard dotEnd < end, dotEnd > s, b[dotEnd - 1] == UInt8(ascii: ".") else { return nil }
    let word = self.word(before: dotEnd - 1, from: s)
    return !word.isEmpty && word.unicodeScalars.count <= 3 && !word.contains(".") ? word : nil
  }

  /// A short word and its period starting at `i` (`B.`, `UU.`): the word.
  func shortDotted(after i: Int, _ e: Int) -> String? {
    let word = letters(at: i, e)
    let end = i + word.utf8.count
    guard !word.isEmpty, word.unicodeScalars.count <= 3, end < e, b[end] == UInt8(ascii: ".") else { return nil }
    return word
  }

  /// A quote, bracket or dash before a capital or digit, or a word the
  /// language opens sentences with.
  func isSentenceStartInAnyScript(_ i: Int, _ e: Int) -> Bool {
    let j = afterOpener(i, e)
    if j > i {
      guard let scalar = scalar(at: j, e) else { return false }
      return scalar.properties.isUppercase || scalar.properties.numericType != nil
    }
    return rules.sentenceStarters.contains(letters(at: i, e))
  }
}
