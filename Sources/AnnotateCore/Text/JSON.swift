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
    out.append(0x22)
    appendEscaping(
      bytes, to: &out, except: 0x22, 0x5C,
      special: { (i: Int) -> (scalar: UInt32, length: Int)? in
        let b = bytes[i]
        if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F { return (UInt32(b), 1) }
        guard b >= 0xC2, let unsafe = TerminalSafe.unsafeScalar(bytes, at: i) else { return nil }
        // JSON itself escapes C1 and the line separators; the rest only for a terminal.
        let scalar = unsafe.scalar
        return terminalSafe || scalar <= 0x9F || scalar == 0x2028 || scalar == 0x2029 ? unsafe : nil
      },
      replace: { value, out in
        switch value {
        case 0x22: out += [0x5C, 0x22]
        case 0x5C: out += [0x5C, 0x5C]
        case 0x0A: out += [0x5C, 0x6E]
        case 0x0D: out += [0x5C, 0x72]
        case 0x09: out += [0x5C, 0x74]
        default:
          out += [0x5C, 0x75]
          for shift: UInt32 in [12, 8, 4, 0] { out.append(hexDigits[Int((value >> shift) & 0xF)]) }
        }
      })
    out.append(0x22)
  }

  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
