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
  /// For each boundary of the unit, in order, its code point offset.
  private let codePoints: [Int]
  /// The unit index of each code point boundary, or nil inside a unit.
  private let unitIndex: [Int: Int]

  public init(text: String, unit: OffsetUnit) {
    self.unit = unit
    var boundaries: [Int] = [0]
    switch unit {
    case .codepoint:
      boundaries = Array(0...text.unicodeScalars.count)
    case .utf16:
      // A UTF-16 offset inside a surrogate pair has no code point: it maps to nothing.
      var codePoint = 0
      var map: [Int] = [0]
      for scalar in text.unicodeScalars {
        codePoint += 1
        if scalar.utf16.count == 2 { map.append(-1) }
        map.append(codePoint)
      }
      boundaries = map
    case .grapheme:
      var codePoint = 0
      for character in text {
        codePoint += character.unicodeScalars.count
        boundaries.append(codePoint)
      }
    }
    codePoints = boundaries
    var index: [Int: Int] = [:]
    index.reserveCapacity(boundaries.count)
    for (i, cp) in boundaries.enumerated() where cp >= 0 { index[cp] = i }
    unitIndex = index
  }

  /// The code point offset of an offset in the unit; nil when it is not a
  /// boundary (past the end, or inside a surrogate pair).
  public func codePoint(_ offset: Int) -> Int? {
    guard offset >= 0, offset < codePoints.count, codePoints[offset] >= 0 else { return nil }
    return codePoints[offset]
  }

  /// The offset in the unit of a code point offset; nil when it falls inside
  /// a unit (a grapheme cluster).
  public func offset(_ codePoint: Int) -> Int? { unitIndex[codePoint] }

  /// The length of the text in the unit.
  public var length: Int { codePoints.count - 1 }
}
