/// What an offset counts, in other tools' files. annotate itself counts
/// Unicode code points (``TextRange``); these are for the edges only.
public enum OffsetUnit: String, CaseIterable, Sendable {
  /// Unicode scalars: Python's `str`, Label Studio, brat, Prodigy, W3C selectors.
  case codepoint
  /// UTF-16 code units: JavaScript strings (doccano's default), Java (INCEpTION).
  case utf16
  /// Extended grapheme clusters: doccano's grapheme mode.
  case grapheme
}

/// Converts offsets into one text between code points and another unit. An
/// offset of the other unit that falls inside a code point (half a
/// surrogate pair) or, converting from code points, inside a unit, has no
/// counterpart (nil).
public struct OffsetConverter: Sendable {
  public let unit: OffsetUnit
  /// For each boundary of the unit, in order, its code point offset (-1
  /// inside a code point); empty for code points themselves.
  private let codePoints: [Int]
  /// For each code point offset, the unit's offset there, or -1 inside a
  /// unit; empty for code points themselves. Arrays, not dictionaries: a
  /// six-megabyte article has six million offsets.
  private let unitIndex: [Int]
  /// The length of the text in the unit.
  public let length: Int

  public init(text: String, unit: OffsetUnit) {
    self.unit = unit
    let scalars = text.unicodeScalars.count
    var boundaries: [Int] = []
    switch unit {
    case .codepoint:
      codePoints = []
      unitIndex = []
      length = scalars
      return
    case .utf16:
      // A UTF-16 offset inside a surrogate pair has no code point: it maps to nothing.
      boundaries.reserveCapacity(text.utf16.count + 1)
      boundaries.append(0)
      var codePoint = 0
      for scalar in text.unicodeScalars {
        codePoint += 1
        if scalar.utf16.count == 2 { boundaries.append(-1) }
        boundaries.append(codePoint)
      }
    case .grapheme:
      boundaries.reserveCapacity(scalars + 1)
      boundaries.append(0)
      var codePoint = 0
      for character in text {
        codePoint += character.unicodeScalars.count
        boundaries.append(codePoint)
      }
    }
    var index = [Int](repeating: -1, count: scalars + 1)
    for (i, cp) in boundaries.enumerated() where cp >= 0 { index[cp] = i }
    codePoints = boundaries
    unitIndex = index
    length = boundaries.count - 1
  }

  /// The code point offset of an offset in the unit; nil when it is not a
  /// boundary (past the end, or inside a surrogate pair).
  public func codePoint(_ offset: Int) -> Int? {
    guard offset >= 0, offset <= length else { return nil }
    guard unit != .codepoint else { return offset }
    return codePoints[offset] >= 0 ? codePoints[offset] : nil
  }

  /// The offset in the unit of a code point offset; nil when it falls inside
  /// a unit (a grapheme cluster).
  public func offset(_ codePoint: Int) -> Int? {
    guard codePoint >= 0, codePoint < (unit == .codepoint ? length + 1 : unitIndex.count) else { return nil }
    guard unit != .codepoint else { return codePoint }
    return unitIndex[codePoint] >= 0 ? unitIndex[codePoint] : nil
  }
}
