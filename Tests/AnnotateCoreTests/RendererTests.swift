import Testing

@testable import AnnotateCore

@Suite struct RendererTests {
  @Test(arguments: [
    ("plain", "plain"),
    ("a\u{1B}]52;c;SGVsbG8=\u{07}b", "a\\x1b]52;c;SGVsbG8=\\x07b"),
    ("title\u{1B}]0;pwned\u{1B}\\", "title\\x1b]0;pwned\\x1b\\"),
    ("csi\u{9B}31m", "csi\\x9b31m"),
    ("del\u{7F}", "del\\x7f"),
    ("bidi \u{202E}evil\u{202C}", "bidi <U+202E>evil<U+202C>"),
    ("isolate \u{2066}x\u{2069}", "isolate <U+2066>x<U+2069>"),
    ("tab\tnl\n", "tab\\x09nl\\x0a"),
    ("emoji 😀 中文 é", "emoji 😀 中文 é"),
  ])
  func controlCharactersBecomeVisible(_ input: String, _ expected: String) {
    #expect(TerminalSafe.escape(input) == expected)
    let rendered = Renderer(color: true).render(CommandOutput(input, .quoted))
    // The only escapes left are the renderer's own SGR sequences.
    let withoutSGR = rendered.replacing(/\x1B\[[0-9;]*m/, with: "")
    #expect(!withoutSGR.unicodeScalars.contains { TerminalSafe.isUnsafe($0.value) && $0 != "\n" })
  }

  @Test func plainOutputHasNoEscapes() {
    let output = CommandOutput([OutputLine([TextRun("3", .number), TextRun(" text", .quoted)])])
    #expect(Renderer(color: false).render(output) == "3 text\n")
    #expect(Renderer(color: true).render(output) == "\u{1B}[36m3\u{1B}[0m text\n")
  }

  @Test func wrapsWithAHangingIndentByDisplayWidth() {
    let line = OutputLine([TextRun("  1  "), TextRun("aaa bbb ccc ddd eee fff ggg hhh iii jjj")], wrapIndent: 5)
    let text = Renderer(width: 20).render(line)
    #expect(text == "  1  aaa bbb ccc ddd\n     eee fff ggg hhh\n     iii jjj")
    // Wide characters take two columns each.
    let cjk = OutputLine([TextRun("1 "), TextRun("中文中文中文中文中文 ab")], wrapIndent: 2)
    #expect(Renderer(width: 14).render(cjk) == "1 中文中文中文\n  中文中文 ab")
  }

  /// Regression: a span that starts with a space right after the prefix lost
  /// its space when wrapping ("claim(whole)", "file.txt· alice").
  @Test func theSpaceAfterThePrefixIsKept() {
    let line = OutputLine(
      [TextRun("    "), TextRun("alice  "), TextRun("claim"), TextRun(" (whole); opinion")], wrapIndent: 13)
    #expect(Renderer(width: 80).render(line) == "    alice  claim (whole); opinion")
    let joined = OutputLine(
      [TextRun("    "), TextRun("alice  "), TextRun("claim"), TextRun("(whole)")], wrapIndent: 13)
    #expect(Renderer(width: 80).render(joined) == "    alice  claim(whole)")
    let header = OutputLine([TextRun("a.txt"), TextRun(" · alice, bob")], wrapIndent: 2)
    #expect(Renderer(width: 80).render(header) == "a.txt · alice, bob")
  }

  @Test func displayWidths() {
    #expect(DisplayWidth.of("abc") == 3)
    #expect(DisplayWidth.of("中文") == 4)
    #expect(DisplayWidth.of("e\u{301}") == 1)
    #expect(DisplayWidth.of("😀") == 2)
    #expect(DisplayWidth.of("👍🏽") == 2)
    #expect(DisplayWidth.of("\u{200B}") == 0)
    #expect(DisplayWidth.of("“Peace”—soft\u{AD}hyphen…") == 19)
  }

  /// The count made without finding where characters end takes only
  /// scalars that are a character of their own and gives each the width
  /// a character of it has; text of them measures as its characters do.
  @Test func textOfSimpleScalarsMeasuresAsItsCharactersDo() {
    let simple =
      (0x20...0x7E).map { UInt32($0) } + (0xA0...0x2FF).map { UInt32($0) }
      + (0x2010...0x2027).map { UInt32($0) } + (0x2030...0x205E).map { UInt32($0) }
    for value in simple {
      let scalar = Unicode.Scalar(value)!
      let bytes = Array(String(scalar).utf8)
      let columns = bytes.withUnsafeBufferPointer { DisplayWidth.simpleColumns($0) }
      #expect(columns == DisplayWidth.of(Character(scalar)), "U+\(String(value, radix: 16))")
      #expect(!scalar.properties.isGraphemeExtend && !scalar.properties.isJoinControl)
      #expect(![.nonspacingMark, .spacingMark, .enclosingMark].contains(scalar.properties.generalCategory))
    }
    // Anything else, or a control character, is left to the count by characters.
    for value: UInt32 in [
      0x0A, 0x1B, 0x7F, 0x85, 0x9B, 0x300, 0x301, 0x2000, 0x200B, 0x200D, 0x2028, 0x202E, 0x205F, 0x20AC, 0xFE0F,
      0x4E2D, 0x1F600,
    ] {
      let bytes = Array(String(Unicode.Scalar(value)!).utf8)
      #expect(bytes.withUnsafeBufferPointer { DisplayWidth.simpleColumns($0) } == nil, "U+\(String(value, radix: 16))")
    }
    var random = SplitMix64(state: 7)
    for _ in 0..<2_000 {
      let text = String(
        String.UnicodeScalarView((0..<(1 + random.below(12))).map { _ in Unicode.Scalar(random.pick(simple))! }))
      #expect(text.count == text.unicodeScalars.count, "\(text)")
      #expect(DisplayWidth.of(text) == text.reduce(0) { $0 + DisplayWidth.of($1) }, "\(text)")
    }
  }
}

/// Every message wraps at word boundaries at any width from 40: no line is
/// wider, no word is cut, nothing is lost.
@Suite struct MessageWrappingTests {
  @Test func errorsAndWarningsWrapAtWordsAtEveryWidth() {
    var random = SplitMix64(state: 11)
    let words = ["the", "sentence", "'claim'", "is", "not", "valid:", "1-19", "—", "Zoë", "北京", "documents", "a", "x"]
    for width in 40...120 {
      let message = (0..<(20 + random.below(30))).map { _ in random.pick(words) }.joined(separator: " ")
      let renderer = Renderer(color: false, width: width)
      for rendered in [renderer.render(error: message), renderer.render(warning: message)] {
        let lines = rendered.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= width }, "width \(width): \(lines)")
        let rejoined = lines.map { $0.drop { $0 == " " } }.joined(separator: " ")
        #expect(rejoined.hasSuffix(message), "width \(width): words kept whole")
      }
    }
  }

  /// The renderer writes bytes; what it writes is what the String
  /// renderer it replaced wrote (`StringRenderer`, below), for random
  /// lines: runs in every style, spaces leading, trailing and doubled,
  /// emoji, CJK, combining marks, control characters, words longer than a
  /// row; with and without colour, indents and widths.
  @Test func renderingBytesMatchesTheStringRendererItReplaced() {
    var random = SplitMix64(state: 19)
    let words = [
      "the", "said", "Taliban", "peace", "talks", "“quoted”", "—", "Zoe\u{308}", "北京", "👍🏽", "🇫🇷", "e\u{301}\u{302}",
      "a\u{1B}[31mb", "bidi\u{202E}x", "tab\there", "x\u{9B}y", "supercalifragilisticexpialidocious-and-then-some",
      "長い長い長い長い長い長い長い長い", "ok", "", " ", "  ",
    ]
    let styles: [Style] = [
      .plain, .quoted, .bold, .dim, .number, .accent, .warning, .error, .tag(.yellow), .tag(.indexed(208)),
      .plainOnly, .colorOnly(TagColor.named(.cyan)),
    ]
    for _ in 0..<3_000 {
      var runs: [TextRun] = []
      for _ in 0..<(1 + random.below(6)) {
        let text = (0..<random.below(6)).map { _ in random.pick(words) }.joined(
          separator: random.pick([" ", "", "  "]))
        runs.append(TextRun(random.below(5) == 0 ? " " + text : text, random.pick(styles)))
      }
      let line = OutputLine(runs, wrapIndent: random.below(4) == 0 ? nil : random.below(7))
      let color = random.below(2) == 0
      let width: Int? = random.below(6) == 0 ? nil : 8 + random.below(60)
      let renderer = Renderer(color: color, width: width, extendedColors: random.below(2) == 0)
      let reference = StringRenderer(renderer: renderer)
      #expect(renderer.render(line) == reference.render(line), "\(line)")
      #expect(
        renderer.render(CommandOutput([line, line])) == reference.render(line) + "\n" + reference.render(line) + "\n")
    }
  }
}

/// The renderer as it was before it wrote bytes (2026-12-03), kept as the
/// oracle its output is checked against: String pieces painted and joined.
struct StringRenderer {
  let renderer: Renderer
  var color: Bool { renderer.color }

  func paint(_ text: String, _ style: Style) -> String {
    if style == .plainOnly && color { return "" }
    if case .colorOnly = style, !color { return "" }
    guard color, let code = renderer.sgr(style), !text.isEmpty else { return text }
    return "\u{1B}[\(code)m" + text + "\u{1B}[0m"
  }

  func safe(_ text: String, _ style: Style = .plain) -> String {
    TerminalSafe.pieces(text).map {
      switch $0 {
      case .text(let s): return paint(s, style)
      case .escaped(let s): return paint(s, .dim)
      }
    }.joined()
  }

  func render(_ line: OutputLine) -> String {
    guard let indent = line.wrapIndent, let width = renderer.width, width > indent + 10 else {
      return line.runs.map { safe($0.text, $0.style) }.joined()
    }
    return wrap(line, width: width, indent: indent)
  }

  struct Fragment {
    var text: Substring
    var style: Style
    var width: Int
  }

  func wrap(_ line: OutputLine, width: Int, indent: Int) -> String {
    var runs: [(String, Style)] = []
    for span in line.runs {
      if span.style == .plainOnly && color { continue }
      if case .colorOnly = span.style, !color { continue }
      for piece in TerminalSafe.pieces(span.text) {
        switch piece {
        case .text(let s): runs.append((s, span.style))
        case .escaped(let s): runs.append((s, .dim))
        }
      }
    }
    var out = ""
    var column = 0
    var k = 0
    while k < runs.count && column < indent && column + DisplayWidth.of(runs[k].0) <= indent {
      out += paint(runs[k].0, runs[k].1)
      column += DisplayWidth.of(runs[k].0)
      k += 1
    }
    var words: [[Fragment]] = []
    var current: [Fragment] = []
    for (text, style) in runs[k...] {
      var start = text.startIndex
      var i = text.utf8.startIndex
      let utf8 = text.utf8
      while i < utf8.endIndex {
        if utf8[i] == 0x20 {
          if start < i {
            let piece = text[start..<i]
            current.append(Fragment(text: piece, style: style, width: DisplayWidth.of(piece)))
          }
          if !current.isEmpty {
            words.append(current)
            current = []
          }
          start = utf8.index(after: i)
        }
        i = utf8.index(after: i)
      }
      if start < text.endIndex {
        let piece = text[start...]
        current.append(Fragment(text: piece, style: style, width: DisplayWidth.of(piece)))
      }
    }
    if !current.isEmpty { words.append(current) }
    let margin = "\n" + String(repeating: " ", count: indent)
    var pending = ""
    var pendingStyle = Style.plain
    func emit(_ text: String, _ style: Style) {
      if style != pendingStyle && !pending.isEmpty {
        out += paint(pending, pendingStyle)
        pending = ""
      }
      pendingStyle = style
      pending += text
    }
    func newRow() {
      out += paint(pending, pendingStyle)
      pending = ""
      out += margin
    }
    let bodyStartsWithSpace = runs[k...].first?.0.utf8.first == 0x20
    let prefixEndsWithSpace = runs[..<k].last.map { $0.0.utf8.last == 0x20 } ?? true
    var rowHasWord = bodyStartsWithSpace && !prefixEndsWithSpace
    for word in words {
      let wordWidth = word.reduce(0) { $0 + $1.width }
      if rowHasWord && column + 1 + wordWidth > width {
        newRow()
        column = indent
        rowHasWord = false
      }
      if rowHasWord {
        emit(" ", word.first!.style == pendingStyle ? pendingStyle : .plain)
        column += 1
      }
      for fragment in word {
        if column + fragment.width <= width || column <= indent && fragment.width <= width - indent {
          emit(String(fragment.text), fragment.style)
          column += fragment.width
          continue
        }
        for c in fragment.text {
          let w = DisplayWidth.of(c)
          if column + w > width && column > indent {
            newRow()
            column = indent
          }
          emit(String(c), fragment.style)
          column += w
        }
      }
      rowHasWord = true
    }
    out += paint(pending, pendingStyle)
    return out
  }
}
