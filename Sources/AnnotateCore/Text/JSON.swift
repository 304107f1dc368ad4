/// Small JSON helpers for streaming output (JSONL) without an encoder.
public enum JSON {
  /// A JSON string literal for `text`, control characters escaped.
  public static func quote(_ text: String) -> String {
    var text = text
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count + 2)
    text.withUTF8 { appendQuoted($0, to: &out) }
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends the JSON string literal of valid UTF-8 `bytes` to `out`:
  /// `"` and `\` escaped, C0 and C1 controls, DEL and U+2028/U+2029 as
  /// `\uXXXX` (`\n`, `\r`, `\t` by name); with `terminalSafe`, also the
  /// scalars a terminal must not get raw (BiDi controls, see
  /// ``TerminalSafe/isUnsafe(_:)``). Runs of ordinary bytes are copied whole.
  public static func appendQuoted(
    _ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], terminalSafe: Bool = false
  ) {
    quote(bytes, into: &out, terminalSafe: terminalSafe)
  }

  /// ``appendQuoted(_:to:terminalSafe:)`` into any output: a ``ByteCursor``
  /// must have room for ``quotedBound(_:)`` bytes.
  @inline(__always)
  static func quote<Output: ByteOutput>(
    _ bytes: UnsafeBufferPointer<UInt8>, into out: inout Output, terminalSafe: Bool
  ) {
    out.append(0x22)
    appendEscaping(
      bytes, to: &out, except: 0x22, 0x5C,
      special: { escaped(bytes, at: $0, terminalSafe: terminalSafe) },
      replace: { value, out in
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 6) { escape in
          out.append(run: UnsafeBufferPointer(rebasing: escape[..<writeEscape(value, to: escape.baseAddress!)]))
        }
      })
    out.append(0x22)
  }

  /// The most bytes the literal of `count` bytes of text takes: each byte
  /// escaped as `\u00XX`, and the quotes.
  static func quotedBound(_ count: Int) -> Int { 6 * count + 2 }

  /// The character at `i` a JSON literal escapes (its value and length in
  /// bytes), or nil.
  @inline(__always)
  private static func escaped(
    _ bytes: UnsafeBufferPointer<UInt8>, at i: Int, terminalSafe: Bool
  ) -> (scalar: UInt32, length: Int)? {
    let b = bytes[i]
    if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F { return (UInt32(b), 1) }
    guard b >= 0xC2, let unsafe = TerminalSafe.unsafeScalar(bytes, at: i) else { return nil }
    // JSON itself escapes C1 and the line separators; the rest only for a terminal.
    let scalar = unsafe.scalar
    return terminalSafe || scalar <= 0x9F || scalar == 0x2028 || scalar == 0x2029 ? unsafe : nil
  }

  /// Writes the escape of `value` at `out` (2 or 6 bytes) and returns its length.
  @inline(__always)
  private static func writeEscape(_ value: UInt32, to out: UnsafeMutablePointer<UInt8>) -> Int {
    out[0] = 0x5C
    switch value {
    case 0x22, 0x5C:
      out[1] = UInt8(value)
      return 2
    case 0x0A:
      out[1] = 0x6E
      return 2
    case 0x0D:
      out[1] = 0x72
      return 2
    case 0x09:
      out[1] = 0x74
      return 2
    default:
      out[1] = 0x75
      for k in 0..<4 {
        let digit = UInt8(truncatingIfNeeded: value >> UInt32(12 - 4 * k)) & 0xF
        out[2 + k] = digit < 10 ? 0x30 + digit : 0x57 + digit
      }
      return 6
    }
  }
}
