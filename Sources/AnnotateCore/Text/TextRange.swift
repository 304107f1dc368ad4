/// A half-open range `[start, end)` of **Unicode scalar (code point) offsets**
/// into a document's text, counted after a leading byte-order mark is removed.
///
/// This is exactly what Python's `text[start:end]` uses, and the one offset
/// unit annotate stores, prints and exports. Conversions to other units (bytes,
/// UTF-16) happen only at the edges that need them.
public struct TextRange: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// First code point in the range.
  public var start: Int
  /// One past the last code point in the range.
  public var end: Int

  public init(start: Int, end: Int) {
    precondition(start <= end, "TextRange start \(start) is after end \(end)")
    self.start = start
    self.end = end
  }

  public var count: Int { end - start }
  public var isEmpty: Bool { start == end }

  public func contains(_ other: TextRange) -> Bool { start <= other.start && other.end <= end }
  public func overlaps(_ other: TextRange) -> Bool { start < other.end && other.start < end }

  public static func < (lhs: TextRange, rhs: TextRange) -> Bool {
    (lhs.start, lhs.end) < (rhs.start, rhs.end)
  }

  public var description: String { "\(start)..<\(end)" }
}
