/// Terminal column widths of characters (grapheme clusters).
public enum DisplayWidth {
  /// East Asian Wide and Fullwidth ranges, and emoji blocks, that take two columns.
  static let wide: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
    0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
    0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
    0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F5, 0x26FA...0x26FD,
    0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728, 0x274C...0x274C, 0x2753...0x2755,
    0x2757...0x2757, 0x2795...0x2797, 0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C,
    0x2B50...0x2B50, 0x2B55...0x2B55, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
    0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
    0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4,
    0x17000...0x18AFF, 0x1B000...0x1B2FF, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF,
    0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F,
    0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF,
    0x20000...0x2FFFD, 0x30000...0x3FFFD,
  ]

  static func isWide(_ v: UInt32) -> Bool {
    var lo = 0
    var hi = wide.count - 1
    while lo <= hi {
      let mid = (lo + hi) / 2
      if v < wide[mid].lowerBound {
        hi = mid - 1
      } else if v > wide[mid].upperBound {
        lo = mid + 1
      } else {
        return true
      }
    }
    return false
  }

  /// Columns a character takes: 0 for marks and format characters, 2 for
  /// wide and emoji-presentation characters, 1 otherwise.
  public static func of(_ c: Character) -> Int {
    if c.isASCII { return 1 }
    let scalars = c.unicodeScalars
    let first = scalars.first!
    // An emoji variation selector makes the cluster wide.
    if scalars.contains(where: { $0.value == 0xFE0F }) && first.properties.isEmoji { return 2 }
    if isWide(first.value) { return 2 }
    switch first.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: return 1
    }
  }

  /// Columns a string takes (ASCII is counted by bytes).
  public static func of<S: StringProtocol>(_ s: S) -> Int {
    if let columns = s.utf8.withContiguousStorageIfAvailable({ of(utf8: $0) }) { return columns }
    if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.utf8.count }
    var total = 0
    for c in s { total += of(c) }
    return total
  }

  /// Columns valid UTF-8 text takes: by ``simpleColumns(_:)`` when it can
  /// say, ASCII by bytes, else a character at a time.
  static func of(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int {
    if let columns = simpleColumns(bytes) { return columns }
    if bytes.allSatisfy({ $0 < 0x80 }) { return bytes.count }
    var total = 0
    for c in String(decoding: bytes, as: UTF8.self) { total += of(c) }
    return total
  }

  /// Columns of UTF-8 text made only of scalars that are each a character
  /// of their own, whatever stands beside them, and one column wide (none
  /// for the soft hyphen): printable ASCII, U+00A0–U+02FF (Latin-1 and the
  /// Latin extensions, IPA, spacing modifiers) and the general punctuation
  /// of news text, U+2010–U+2027 and U+2030–U+205E (dashes, curly quotes,
  /// bullets, ellipsis, primes). Nil when another scalar (or a control
  /// character) is there: the text is then measured a character at a time.
  /// The same count as ``of(_:)-(Character)`` summed over the characters,
  /// without finding where they end.
  static func simpleColumns(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
    var columns = 0
    var i = 0
    let n = b.count
    while i < n {
      let c = b[i]
      if c < 0x80 {
        guard c >= 0x20 && c != 0x7F else { return nil }
        columns += 1
        i += 1
      } else if c >= 0xC2 && c <= 0xCB {
        // U+0080–U+02FF; U+0080–U+009F are controls.
        guard i + 1 < n, c != 0xC2 || b[i + 1] >= 0xA0 else { return nil }
        columns += c == 0xC2 && b[i + 1] == 0xAD ? 0 : 1
        i += 2
      } else if c == 0xE2 {
        guard i + 2 < n else { return nil }
        let (c1, c2) = (b[i + 1], b[i + 2])
        guard c1 == 0x80 && ((0x90...0xA7).contains(c2) || c2 >= 0xB0) || c1 == 0x81 && c2 <= 0x9E else { return nil }
        columns += 1
        i += 3
      } else {
        return nil
      }
    }
    return columns
  }
}
