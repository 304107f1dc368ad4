import Testing

@testable import AnnotateCore

/// The byte-level writers (`segment`, exports) against the scalar-by-scalar
/// definitions they replace, on random text full of what must be escaped.
@Suite struct StreamingWriterTests {
  static let alphabet: [String] = [
    "a", "Z", " ", ".", "\"", "\\", "\n", "\r", "\r\n", "\t", "\u{1B}", "\u{7F}", "\u{80}", "\u{9B}", "\u{9F}",
    "\u{A0}",
    "é", "e\u{301}", "\u{61C}", "\u{200E}", "\u{202E}", "\u{2028}", "\u{2029}", "\u{2066}", "\u{2069}", "“", "…", "北",
    "😀", "👍🏽", "\u{FEFF}", "\u{0}", "abcdefgh", "0123456789",
  ]

  /// JSON as the scalar-by-scalar writer made it (C0, DEL, C1, U+2028/9 as \u).
  static func referenceQuote(_ text: String, terminalSafe: Bool) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        let v = scalar.value
        if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || v == 0x2028 || v == 0x2029
          || (terminalSafe && TerminalSafe.isUnsafe(v))
        {
          let hex = String(v, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  @Test func byteWritersEqualTheirDefinitions() {
    var random = SplitMix64(state: 7)
    for _ in 0..<3000 {
      var text = ""
      for _ in 0..<random.below(40) { text += random.pick(Self.alphabet) }
      var copy = text
      for terminalSafe in [false, true] {
        var json: [UInt8] = []
        copy.withUTF8 { JSON.appendQuoted($0, to: &json, terminalSafe: terminalSafe) }
        #expect(String(decoding: json, as: UTF8.self) == Self.referenceQuote(text, terminalSafe: terminalSafe))
      }
      var line: [UInt8] = []
      copy.withUTF8 { TerminalSafe.appendOneLine($0, to: &line) }
      #expect(String(decoding: line, as: UTF8.self) == TerminalSafe.escape(oneLine(text)), "\(text.debugDescription)")
    }
  }

  @Test(arguments: [0, 1, 9, 10, 99, 100, 12345, Int.max, -1, -42, Int.min])
  func decimalsAreWrittenAsSwiftWritesThem(_ value: Int) {
    var out: [UInt8] = [0x41]
    out.appendDecimal(value)
    #expect(String(decoding: out, as: UTF8.self) == "A\(value)")
  }

  @Test func codePointsCountedForwardEqualTheCheckpointedOnes() throws {
    var random = SplitMix64(state: 11)
    var text = ""
    // Text as a document holds it: no NUL (a document with one is binary).
    let letters = Self.alphabet.filter { $0 != "\u{0}" }
    for _ in 0..<3000 { text += random.pick(letters) }
    let utf8 = try UTF8Text(validating: Array(text.utf8))
    var counter = ScalarCounter(utf8.bytes)
    var offset = 0
    while offset <= utf8.scalarCount {
      #expect(counter.scalarOffset(ofByte: utf8.byteOffset(ofScalar: offset)) == offset)
      offset += 1 + random.below(20)
    }
  }
}
