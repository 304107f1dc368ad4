/// Why words could not be found inside a unit.
public enum QuoteError: Error, Equatable, Sendable {
  case empty
  /// The quote, the unit's number, its text (shown so the user can copy
  /// from it), and the closest text there is, if any is close.
  case notFound(String, unit: Int, text: String, closest: String?)
  /// The quote occurs several times: each occurrence with a little context.
  case ambiguous(String, unit: Int, occurrences: [String])
  case noOccurrence(Int, count: Int)
  case positionsOutOfRange(start: Int, end: Int, length: Int, unit: Int)
  /// Positions that would cut a character (a letter with its accents, an
  /// emoji sequence, CRLF) in two, and the nearest that do not.
  case splitsCharacter(start: Int, end: Int, nearest: (start: Int, end: Int), unit: Int)

  public static func == (a: QuoteError, b: QuoteError) -> Bool {
    switch (a, b) {
    case (.empty, .empty): return true
    case (.notFound(let q, let u, let t, let c), .notFound(let q2, let u2, let t2, let c2)):
      return q == q2 && u == u2 && t == t2 && c == c2
    case (.ambiguous(let q, let u, let o), .ambiguous(let q2, let u2, let o2)): return q == q2 && u == u2 && o == o2
    case (.noOccurrence(let n, let c), .noOccurrence(let n2, let c2)): return n == n2 && c == c2
    case (.positionsOutOfRange(let s, let e, let l, let u), .positionsOutOfRange(let s2, let e2, let l2, let u2)):
      return s == s2 && e == e2 && l == l2 && u == u2
    case (.splitsCharacter(let s, let e, let n, let u), .splitsCharacter(let s2, let e2, let n2, let u2)):
      return s == s2 && e == e2 && n == n2 && u == u2
    default: return false
    }
  }
}

/// How the words found differ from the words typed, when they were found
/// only after forgiving what keyboards get wrong.
public enum QuoteDifference: Equatable, Sendable {
  /// Straight quotes or apostrophes typed for typographic ones (or the other way).
  case quotes(typed: Character, found: Character)
  /// A hyphen typed for a dash (or the other way).
  case dashes(typed: Character, found: Character)
  case letterCase
  /// Spaces, tabs or line breaks differ.
  case whiteSpace
  /// The same letters in another Unicode form (é as one code point or as e + accent).
  case unicodeForm
}

/// Words found inside a unit, and what had to be forgiven to find them.
public struct QuoteMatch: Equatable, Sendable {
  public var range: TextRange
  public var differences: [QuoteDifference]
  /// Found only inside longer words (no whole-word occurrence exists).
  public var insideWord: Bool
}

/// Finds the words a user names inside one unit of a document: by a quote
/// (and which occurrence), or by positions. A match never starts or ends
/// inside a character (a grapheme cluster: a letter with its combining
/// marks, an emoji sequence, CRLF). Occurrences are counted over whole-word
/// matches; a quote found only inside words is found there, and said so.
/// When the quote is not in the unit as typed, it is matched again after
/// forgiving quotes, dashes, Unicode form, case and runs of white space.
public enum QuoteLocator {
  /// The range of `START:END` positions inside unit `n` (code points from
  /// the unit's start, end excluded).
  public static func positions(
    _ start: Int, _ end: Int, inUnit n: Int, units: [TextRange], document: Document
  ) throws(QuoteError) -> TextRange {
    let unit = units[n - 1]
    guard start >= 0, end <= unit.count, start < end else {
      throw .positionsOutOfRange(start: start, end: end, length: unit.count, unit: n)
    }
    let characters = UnitCharacters(document.string(in: unit))
    let boundaries = Set(characters.offsets)
    if !boundaries.contains(start) || !boundaries.contains(end) {
      let nearestStart = characters.offsets.last { $0 <= start } ?? 0
      var nearestEnd = characters.offsets.first { $0 >= end } ?? unit.count
      if nearestEnd <= nearestStart { nearestEnd = characters.offsets.first { $0 > nearestStart } ?? unit.count }
      throw .splitsCharacter(start: start, end: end, nearest: (nearestStart, nearestEnd), unit: n)
    }
    return TextRange(start: unit.start + start, end: unit.start + end)
  }

  /// Where a quote is inside unit `n`: occurrence `k` (from 1) when given,
  /// else the only one.
  public static func quote(
    _ quote: String, occurrence k: Int?, inUnit n: Int, units: [TextRange], document: Document
  ) throws(QuoteError) -> QuoteMatch {
    let unit = units[n - 1]
    guard !quote.isEmpty else { throw .empty }
    let text = document.string(in: unit)
    let characters = UnitCharacters(text)
    let typed = Array(quote)
    // Exactly as typed first, then forgiving; whole words before parts of words.
    var found = characters.find(typed, folded: false)
    var forgiven = false
    if found.whole.isEmpty && found.inside.isEmpty {
      found = characters.find(typed, folded: true)
      forgiven = true
    }
    let insideWord = found.whole.isEmpty
    let hits = insideWord ? found.inside : found.whole
    guard !hits.isEmpty else {
      throw .notFound(quote, unit: n, text: oneLine(text), closest: characters.closest(to: typed))
    }
    var pick = 0
    if let k {
      guard k >= 1 && k <= hits.count else { throw .noOccurrence(k, count: hits.count) }
      pick = k - 1
    } else if hits.count > 1 {
      throw .ambiguous(quote, unit: n, occurrences: hits.map { characters.excerpt($0) })
    }
    let hit = hits[pick]
    let range = TextRange(start: unit.start + hit.start, end: unit.start + hit.end)
    let differences = forgiven ? Self.differences(typed: quote, found: document.string(in: range)) : []
    return QuoteMatch(range: range, differences: differences, insideWord: insideWord)
  }

  /// What differs between the words typed and the words found.
  static func differences(typed: String, found: String) -> [QuoteDifference] {
    guard typed.unicodeScalars.elementsEqual(found.unicodeScalars) == false else { return [] }
    var result: [QuoteDifference] = []
    let a = Array(typed)
    let b = Array(found)
    func add(_ d: QuoteDifference) { if !result.contains(d) { result.append(d) } }
    var i = 0
    var j = 0
    while i < a.count && j < b.count {
      if a[i].isWhitespace || b[j].isWhitespace {
        if !(a[i].isWhitespace && b[j].isWhitespace && a[i] == b[j]) { add(.whiteSpace) }
        while i < a.count && a[i].isWhitespace { i += 1 }
        while j < b.count && b[j].isWhitespace { j += 1 }
        continue
      }
      let (x, y) = (a[i], b[j])
      if x != y {
        if UnitCharacters.quoteClass(x) != nil && UnitCharacters.quoteClass(x) == UnitCharacters.quoteClass(y) {
          add(.quotes(typed: x, found: y))
        } else if UnitCharacters.isDash(x) && UnitCharacters.isDash(y) {
          add(.dashes(typed: x, found: y))
        } else if x.lowercased() == y.lowercased() {
          add(.letterCase)
        }
      } else if !String(x).unicodeScalars.elementsEqual(String(y).unicodeScalars) {
        add(.unicodeForm)
      }
      i += 1
      j += 1
    }
    return result
  }
}

/// A unit's text as characters (grapheme clusters), each with its offset in
/// code points from the unit's start, for searching on character and word
/// boundaries.
struct UnitCharacters {
  let characters: [Character]
  /// `offsets[i]` is where character i starts; the last entry is the unit's length.
  let offsets: [Int]

  init(_ text: String) {
    var characters: [Character] = []
    var offsets: [Int] = [0]
    var offset = 0
    for c in text {
      characters.append(c)
      offset += c.unicodeScalars.count
      offsets.append(offset)
    }
    self.characters = characters
    self.offsets = offsets
  }

  /// A range of code points from the unit's start.
  struct Hit: Equatable {
    var start: Int
    var end: Int
    /// Characters, for context.
    var first: Int
    var last: Int
  }

  /// Occurrences of `needle` (as characters), split into whole-word ones
  /// and ones inside longer words. Folded: quotes, dashes and case are
  /// forgiven, and a run of white space matches any other.
  func find(_ needle: [Character], folded: Bool) -> (whole: [Hit], inside: [Hit]) {
    var whole: [Hit] = []
    var inside: [Hit] = []
    let keys =
      folded
      ? Self.foldedRuns(characters) : characters.indices.map { (key: String(characters[$0]), from: $0, to: $0 + 1) }
    let wanted = folded ? Self.foldedRuns(needle).map(\.key) : needle.map { String($0) }
    guard !wanted.isEmpty, wanted.count <= keys.count else { return ([], []) }
    for i in 0...(keys.count - wanted.count) {
      var k = 0
      while k < wanted.count && Self.same(keys[i + k].key, wanted[k], exact: !folded) { k += 1 }
      guard k == wanted.count else { continue }
      let first = keys[i].from
      let last = keys[i + wanted.count - 1].to - 1
      let hit = Hit(start: offsets[first], end: offsets[last + 1], first: first, last: last)
      if isWordStart(first) && isWordEnd(last) { whole.append(hit) } else { inside.append(hit) }
    }
    return (whole, inside)
  }

  /// Exact means the same code points; otherwise canonically equivalent text.
  static func same(_ a: String, _ b: String, exact: Bool) -> Bool {
    exact ? a.unicodeScalars.elementsEqual(b.unicodeScalars) : a == b
  }

  /// Characters as search keys with the characters each covers: a run of
  /// white space is one key, quotes and dashes are one kind each, letters
  /// are lowercased.
  static func foldedRuns(_ characters: [Character]) -> [(key: String, from: Int, to: Int)] {
    var runs: [(key: String, from: Int, to: Int)] = []
    var i = 0
    while i < characters.count {
      let c = characters[i]
      if c.isWhitespace {
        var j = i
        while j < characters.count && characters[j].isWhitespace { j += 1 }
        runs.append((" ", i, j))
        i = j
        continue
      }
      let key: String
      if let quote = quoteClass(c) {
        key = quote
      } else if isDash(c) {
        key = "-"
      } else {
        key = c.lowercased()
      }
      runs.append((key, i, i + 1))
      i += 1
    }
    return runs
  }

  /// `'` for single quotes and apostrophes, `"` for double quotes.
  static func quoteClass(_ c: Character) -> String? {
    switch c {
    case "'", "‘", "’", "‚", "‛", "′", "`", "´": return "'"
    case "\"", "“", "”", "„", "‟", "″": return "\""
    default: return nil
    }
  }

  static func isDash(_ c: Character) -> Bool { "-‐‑‒–—―−".contains(c) }

  /// Whether a character is part of a word: letters (with their marks),
  /// digits and connectors. Scripts written without spaces (Han, kana,
  /// Thai…) have a word boundary at every character.
  static func isWordCharacter(_ c: Character) -> Bool {
    guard let scalar = c.unicodeScalars.first else { return false }
    if isSpaceless(scalar) { return false }
    return c.isLetter || c.isNumber || c == "_"
  }

  static func isSpaceless(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x2E80...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: return true  // CJK, kana, Han
    case 0x0E00...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF: return true  // Thai, Lao, Myanmar, Khmer
    default: return false
    }
  }

  func isWordStart(_ i: Int) -> Bool {
    i == 0 || !Self.isWordCharacter(characters[i - 1]) || !Self.isWordCharacter(characters[i])
  }

  func isWordEnd(_ i: Int) -> Bool {
    i == characters.count - 1 || !Self.isWordCharacter(characters[i + 1]) || !Self.isWordCharacter(characters[i])
  }

  /// An occurrence with a few words around it: `…said the US envoy…`.
  func excerpt(_ hit: Hit) -> String {
    let before = String(characters[max(0, hit.first - 12)..<hit.first])
    let after = String(characters[(hit.last + 1)..<min(characters.count, hit.last + 13)])
    let words = String(characters[hit.first...hit.last])
    return oneLine(
      (hit.first > 12 ? "…" : "") + before + "[" + words + "]" + after + (hit.last + 13 < characters.count ? "…" : ""))
  }

  /// The text in the unit closest to `needle` (folded), if it is close:
  /// at most a third of its characters differ.
  func closest(to needle: [Character]) -> String? {
    let text = Self.foldedRuns(characters)
    let pattern = Self.foldedRuns(needle).map(\.key)
    let m = pattern.count
    guard m >= 3, !text.isEmpty else { return nil }
    // The fewest edits with which the pattern matches text ending at each key.
    let keys = text.map(\.key)
    let ends = Self.approximateEnds(pattern, in: keys[...])
    guard let fewest = ends.min(), fewest > 0, fewest * 3 <= m else { return nil }
    // Of the best ends, the one whose match is closest to the pattern's length.
    var best: (from: Int, to: Int, gap: Int)?
    for (end, errors) in ends.enumerated() where errors == fewest {
      // The start: the same search run backwards from that end.
      let back = Self.approximateEnds(pattern.reversed(), in: keys[0..<(end + 1)].reversed()[...])
      guard let length = back.firstIndex(of: back.min()!).map({ $0 + 1 }) else { continue }
      let gap = abs(length - m)
      if best == nil || gap < best!.gap { best = (end + 1 - length, end + 1, gap) }
    }
    guard let best else { return nil }
    return String(characters[text[best.from].from..<text[best.to - 1].to])
  }

  /// Sellers' DP: for each position of `text`, the fewest edits with which
  /// `pattern` matches a piece of it ending there.
  static func approximateEnds(_ pattern: [String], in text: ArraySlice<String>) -> [Int] {
    let m = pattern.count
    var column = Array(0...m)
    var result: [Int] = []
    result.reserveCapacity(text.count)
    for key in text {
      var diagonal = column[0]
      column[0] = 0
      for i in 1...m {
        let above = column[i]
        column[i] = Swift.min(diagonal + (pattern[i - 1] == key ? 0 : 1), above + 1, column[i - 1] + 1)
        diagonal = above
      }
      result.append(column[m])
    }
    return result
  }
}
