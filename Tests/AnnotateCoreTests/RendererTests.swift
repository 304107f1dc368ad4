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
}
