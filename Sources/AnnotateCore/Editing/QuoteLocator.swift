/// Why words could not be found inside a unit.
public enum QuoteError: Error, Equatable, Sendable {
  case empty
  /// The quote, the unit's number, and the unit's text (shown so the user can copy from it).
  case notFound(String, unit: Int, text: String)
  case ambiguous(String, unit: Int, count: Int)
  case noOccurrence(Int, count: Int)
  case positionsOutOfRange(start: Int, end: Int, length: Int, unit: Int)
}

/// Finds the words a user names inside one unit of a document: by a quote
/// (and which occurrence), or by positions.
public enum QuoteLocator {
  /// The range of `START:END` positions inside unit `n` (code points from
  /// the unit's start, end excluded).
  public static func positions(_ start: Int, _ end: Int, inUnit n: Int, units: [TextRange]) throws(QuoteError)
    -> TextRange
  {
    let unit = units[n - 1]
    guard start >= 0, end <= unit.count, start < end else {
      throw .positionsOutOfRange(start: start, end: end, length: unit.count, unit: n)
    }
    return TextRange(start: unit.start + start, end: unit.start + end)
  }

  /// The range of a quote inside unit `n`: occurrence `k` (from 1) when
  /// given, else the only one.
  public static func quote(
    _ quote: String, occurrence k: Int?, inUnit n: Int, units: [TextRange], document: Document
  ) throws(QuoteError) -> TextRange {
    let unit = units[n - 1]
    guard !quote.isEmpty else { throw .empty }
    let text = Array(document.string(in: unit).unicodeScalars)
    let needle = Array(quote.unicodeScalars)
    var hits: [Int] = []
    if needle.count <= text.count {
      for i in 0...(text.count - needle.count)
      where text[i] == needle[0] && Array(text[i..<(i + needle.count)]) == needle {
        hits.append(i)
      }
    }
    guard !hits.isEmpty else { throw .notFound(quote, unit: n, text: oneLine(document.string(in: unit))) }
    var pick = 1
    if let k {
      guard k >= 1 && k <= hits.count else { throw .noOccurrence(k, count: hits.count) }
      pick = k
    } else if hits.count > 1 {
      throw .ambiguous(quote, unit: n, count: hits.count)
    }
    let start = unit.start + hits[pick - 1]
    return TextRange(start: start, end: start + needle.count)
  }
}
