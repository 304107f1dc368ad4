import Glibc
import Testing

/// The real binary driven by pipes, `-c` and `--script`, as a researcher's script would.
@Suite(.timeLimit(.minutes(10))) struct ScriptTests {
  @Test func pipedStdinRunsLikeAScript() {
    let result = runAnnotate(["seeds"], stdin: "docs\nshow 14-15\nquit\nshow 1\n")
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    #expect(result.stdout.contains("* 1  seeds/000_9c83e067df388347.txt  0/19 coded"))
    #expect(result.stdout.contains(" 14  By Andrew Korybko\n 15  Source: Oriental Review\n"))
    // No prompt, no colour on a pipe, nothing after quit.
    #expect(!result.stdout.contains("annotate ["))
    #expect(!result.stdout.contains("\u{1B}"))
    #expect(!result.stdout.contains("Who’s to Blame"))
  }

  @Test func errorsGoToStderrAndTheScriptGoesOn() {
    let result = runAnnotate(["-c", "show 1; bogus; show 99; show 2"])
    #expect(result.status == 1)
    #expect(result.stdout.contains("  1  Who’s to Blame"))
    #expect(result.stdout.contains("  2  The Taliban just announced"))
    #expect(
      result.stderr
        == "error: unknown command 'bogus' — type help for the list of commands\nerror: there is no sentence 99 — valid: 1-19\n"
    )
  }

  @Test func bailStopsAtTheFirstFailure() {
    let result = runAnnotate(["--bail", "-c", "show 1; show 0; show 2"])
    #expect(result.status == 1)
    #expect(result.stdout.contains("  1  Who’s to Blame"))
    #expect(!result.stdout.contains("  2  The Taliban"))
  }

  @Test func scriptFilesRunLineByLine() {
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    writeFile(folder + "/s.txt", "units paragraph\r\nshow 7\n\nquit\n")
    let result = runAnnotate(["--script", folder + "/s.txt"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("\n 7  Your email address will not be published. Required fields are marked *"))
    let missing = runAnnotate(["--script", folder + "/nope.txt"])
    #expect(missing.status != 0)
    #expect(missing.stderr.contains("cannot read script"))
  }

  @Test func badPathsAreNamedAndTheRestOpens() {
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    writeFile(folder + "/bad.txt", "caf\u{E9}")
    _ = system("printf 'caf\\351 ok' > '\(folder)/latin1.txt'")
    let result = runAnnotate(["-c", "docs", folder, "/no/such/folder", "seeds"])
    #expect(result.status == 0)
    #expect(result.stderr.contains("warning: \(folder)/latin1.txt: not valid UTF-8 at byte 3"))
    #expect(result.stderr.contains("warning: /no/such/folder: no such file or folder"))
    #expect(result.stdout.contains("bad.txt"))
    #expect(result.stdout.contains("000_9c83e067df388347.txt"))
  }

  @Test func hostileDocumentsNeverReachTheTerminalRaw() {
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    writeFile(
      folder + "/evil.txt",
      "Copy \u{1B}]52;c;cm0gLXJmIH4=\u{07} this. Title \u{1B}]0;owned\u{1B}\\ here. \u{202E}reversed\u{202C}.")
    let result = runAnnotate(["-c", "show all", folder])
    #expect(result.status == 0)
    #expect(!result.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
    #expect(result.stdout.contains("\\x1b]52;c;cm0gLXJmIH4=\\x07"))
    #expect(result.stdout.contains("<U+202E>reversed<U+202C>"))
  }

  @Test func segmentPrintsCodePointOffsets() {
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    let text = "“Emoji 👍🏽 first.” Then e\u{301}.\r\n\r\nLast 中文 unit."
    writeFile(folder + "/u.txt", text)
    let result = runAnnotate(["segment", "--format", "jsonl", folder])
    #expect(result.status == 0)
    let scalars = Array(text.unicodeScalars)
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 3)
    for line in lines {
      // Crude field extraction is enough for these known lines.
      let start = Int(line.firstMatch(of: /"start":(\d+)/)!.1)!
      let end = Int(line.firstMatch(of: /"end":(\d+)/)!.1)!
      var slice = String.UnicodeScalarView()
      slice.append(contentsOf: scalars[start..<end])
      #expect(line.contains("\"text\":\"\(String(slice))\""))
    }
    let plain = runAnnotate(["segment", "--units", "paragraph", folder])
    #expect(plain.stdout == "# u.txt\n1\t“Emoji 👍🏽 first.” Then e\u{301}.\n2\tLast 中文 unit.\n")
  }

  @Test func flagsAndVersion() {
    #expect(runAnnotate(["--version"]).stdout == "0.1.0\n")
    let bad = runAnnotate(["--annotator", "../evil", "-c", "quit"])
    #expect(bad.status != 0)
    #expect(bad.stderr.contains("annotator '../evil' is not a valid name"))
    let help = runAnnotate(["--help"])
    #expect(help.status == 0)
    #expect(help.stdout.contains("segment"))
  }
}
