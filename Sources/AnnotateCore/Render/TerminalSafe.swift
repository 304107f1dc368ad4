/// Makes text safe to print on a terminal: no byte of it can start an escape
/// sequence, move the cursor, or reorder what follows.
public enum TerminalSafe {
  /// A piece of sanitised text: ordinary text, or a visible stand-in for a
  /// control character (rendered dimmed when colour is on).
  public enum Piece: Equatable, Sendable {
    case text(String)
    case escaped(String)
  }

  /// Whether a scalar must not reach the terminal raw.
  @inline(__always)
  public static func isUnsafe(_ v: UInt32) -> Bool {
    if v < 0x20 || v == 0x7F { return true }
    if v < 0x80 { return false }
    if v <= 0x9F { return true }  // C1 controls, including CSI (U+009B)
    switch v {
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
    default: return false
    }
  }

  /// The visible form of an unsafe scalar: `\x1b`, `\x9b`, `<U+202E>`.
  public static func visible(_ v: UInt32) -> String {
    if v <= 0xFF {
      let hex = String(v, radix: 16)
      return "\\x" + (hex.count == 1 ? "0" + hex : hex)
    }
    var hex = String(v, radix: 16, uppercase: true)
    while hex.count < 4 { hex = "0" + hex }
    return "<U+\(hex)>"
  }

  /// Whether any scalar of the text is unsafe, judged on its UTF-8 bytes.
  @inline(__always)
  static func needsEscaping(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { b in
      var i = 0
      let n = b.count
      while i < n {
        let c = b[i]
        if c < 0x20 || c == 0x7F { return true }
        if c >= 0xC2, unsafeScalar(b, at: i) != nil { return true }
        i += 1
      }
      return false
    }
  }

  /// The unsafe non-ASCII scalar (C1 control, BiDi control, line or
  /// paragraph separator) whose UTF-8 starts at `i`, with its length in
  /// bytes; nil for any other byte. `bytes` is valid UTF-8.
  @inline(__always)
  public static func unsafeScalar(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: UInt32, length: Int)? {
    let n = b.count
    switch b[i] {
    case 0xC2:
      if i + 1 < n, b[i + 1] <= 0x9F { return (UInt32(b[i + 1]), 2) }  // C1: C2 80…9F is U+0080…U+009F
    case 0xD8:
      if i + 1 < n, b[i + 1] == 0x9C { return (0x061C, 2) }
    case 0xE2:
      guard i + 2 < n else { return nil }
      let c1 = b[i + 1]
      let c2 = b[i + 2]
      let scalar = 0x2000 | (UInt32(c1 & 0x3F) << 6) | UInt32(c2 & 0x3F)
      if c1 == 0x80 && (c2 == 0x8E || c2 == 0x8F || (0xA8...0xAE).contains(c2)) { return (scalar, 3) }
      if c1 == 0x81 && (0xA6...0xA9).contains(c2) { return (scalar, 3) }
    default: break
    }
    return nil
  }

  /// Appends valid UTF-8 `bytes` as one safe line: line breaks (CRLF as
  /// one) and tabs become spaces, as ``oneLine(_:)`` makes them, and every
  /// other unsafe scalar its visible form, as ``escape(_:)`` does.
  public static func appendOneLine(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    appendEscaping(
      bytes, to: &out, except: 0x7F, 0x7F,
      special: { (i: Int) -> (scalar: UInt32, length: Int)? in
        let b = bytes[i]
        // CRLF is one space.
        if b == 0x0D { return (0x20, i + 1 < bytes.count && bytes[i + 1] == 0x0A ? 2 : 1) }
        if b == 0x0A || b == 0x09 { return (0x20, 1) }
        if b < 0x20 || b == 0x7F { return (UInt32(b), 1) }
        return b >= 0xC2 ? unsafeScalar(bytes, at: i) : nil
      },
      replace: { value, out in
        if value == 0x20 { out.append(0x20) } else { out.append(contentsOf: visible(value).utf8) }
      })
  }

  /// Splits text into safe runs and visible stand-ins.
  public static func pieces(_ text: String) -> [Piece] {
    // The common case: nothing to escape.
    if !needsEscaping(text) { return [.text(text)] }
    var pieces: [Piece] = []
    var run = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if isUnsafe(scalar.value) {
        if !run.isEmpty {
          pieces.append(.text(String(run)))
          run = String.UnicodeScalarView()
        }
        pieces.append(.escaped(visible(scalar.value)))
      } else {
        run.append(scalar)
      }
    }
    if !run.isEmpty { pieces.append(.text(String(run))) }
    return pieces
  }

  /// Like ``escape(_:)`` but keeps line breaks and tabs (for multi-line output).
  public static func escapeKeepingLines(_ text: String) -> String {
    guard needsEscaping(text) else { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if scalar == "\n" || scalar == "\t" || scalar == "\r" || !isUnsafe(scalar.value) {
        out.append(scalar)
      } else {
        out.append(contentsOf: visible(scalar.value).unicodeScalars)
      }
    }
    return String(out)
  }

  /// The text with every unsafe scalar replaced by its visible form.
  public static func escape(_ text: String) -> String {
    pieces(text).map {
      switch $0 {
      case .text(let s), .escaped(let s): return s
      }
    }.joined()
  }
}
