import Glibc
import PTY
import Testing

/// libedit behaviour through a real pseudo-terminal.
@Suite(.timeLimit(.minutes(10))) struct LineEditingTests {
  let prompt = "/19]> "

  /// A private home and state folder, LANG unset, so nothing of the machine leaks in.
  func start(_ home: String, editrc: String? = nil) -> PseudoTerminal {
    if let editrc { writeFile(home + "/editrc", editrc) }
    return PseudoTerminal(
      ["seeds"],
      env: [
        "HOME": home, "XDG_STATE_HOME": home + "/state", "LANG": nil, "LC_ALL": nil, "LC_CTYPE": nil,
        "TERM": "xterm", "EDITRC": home + "/editrc", "NO_COLOR": "1",
      ], in: home)
  }

  /// A file name holding an escape sequence is listed visibly by Tab, never
  /// sent raw (it would clear the screen).
  @Test func tabListsHostileFileNamesVisibly() {
    let home = makeTemporaryFolder()
    defer { removeTree(home) }
    writeFile(home + "/esc\u{1B}[2Jx.txt", "Hostile name.")
    writeFile(home + "/esc-other.txt", "Plain name.")
    let pty = start(home)
    #expect(pty.wait(for: prompt))
    let mark = pty.mark
    pty.type("open \(home)/esc\t\t")
    #expect(pty.wait(for: "esc\\x1b[2Jx.txt", from: mark))
    #expect(!pty.text(from: mark).contains("\u{1B}[2J"))
    pty.type("\u{15}\u{04}")
    #expect(pty.exitStatus() == 0)
  }

  @Test func tabCompletesCommandsAndPaths() {
    let home = makeTemporaryFolder()
    defer { removeTree(home) }
    writeFile(home + "/longname-article.txt", "Completed by Tab.")
    let pty = start(home)
    #expect(pty.wait(for: prompt))
    var mark = pty.mark
    pty.type("uni\t")
    #expect(pty.wait(for: "ts ", from: mark))
    pty.type("\u{15}")
    // Only completion can turn "lon" into the file's name.
    mark = pty.mark
    pty.type("open \(home)/lon\t\r")
    #expect(pty.waitForPrompt(after: "opened 1 document; current: longname-article.txt", from: mark))
    // Two candidates: Tab lists both.
    let listMark = pty.mark
    pty.type("do\t\t")
    #expect(pty.wait(for: "docs", from: listMark))
    #expect(pty.wait(for: "]> do", from: listMark))
    pty.type("\u{15}\u{04}")  // Ctrl-U, Ctrl-D
    #expect(pty.exitStatus() == 0)
  }

  @Test func upRecallsHistoryAndCtrlDSavesIt() throws {
    let home = makeTemporaryFolder()
    defer { removeTree(home) }
    let pty = start(home)
    #expect(pty.wait(for: prompt))
    pty.type("show 14\r")
    #expect(pty.waitForPrompt(after: "By Andrew Korybko"))
    let mark = pty.mark
    pty.type("\u{1B}[A")  // Up
    #expect(pty.wait(for: "show 14", from: mark))
    pty.type("\u{15}\u{04}")
    #expect(pty.exitStatus() == 0)
    let history = try #require(readFile(home + "/state/annotate/history"))
    #expect(history.contains("show\\04014") || history.contains("show 14"))
    var info = stat()
    #expect(stat(home + "/state/annotate/history", &info) == 0)
    #expect(info.st_mode & 0o777 == 0o600)
  }

  @Test func ctrlCCancelsTheLineAndKeepsTheShell() {
    let home = makeTemporaryFolder()
    defer { removeTree(home) }
    let pty = start(home)
    #expect(pty.wait(for: prompt))
    pty.type("show 1")
    #expect(pty.wait(for: "show 1"))
    let mark = pty.mark
    pty.type("\u{03}")  // Ctrl-C
    #expect(pty.waitForPrompt(after: "^C", from: mark))
    pty.type("show 15\r")
    #expect(pty.waitForPrompt(after: "Source: Oriental Review", from: mark))
    // The cancelled line did not run.
    #expect(!pty.text(from: mark).contains("Who’s to Blame"))
    pty.type("quit\r")
    #expect(pty.exitStatus() == 0)
  }

  @Test func nonASCIIInputReachesTheHandlerWithLangUnset() {
    let home = makeTemporaryFolder()
    defer { removeTree(home) }
    let pty = start(home)
    #expect(pty.wait(for: prompt))
    let mark = pty.mark
    pty.type("open \"é 中\"\r")
    #expect(pty.waitForPrompt(after: "é 中: no such file or folder", from: mark))
    pty.type("\u{04}")
    #expect(pty.exitStatus() == 0)
  }

  @Test func editrcBindingsAndCtrlRSearch() {
    let home = makeTemporaryFolder()
    defer { removeTree(home) }
    // A key bound in ~/.editrc (here $EDITRC) to type a whole command.
    let pty = start(home, editrc: "annotate:bind -s ^T \"show 16\"\n")
    #expect(pty.wait(for: prompt))
    pty.type("\u{14}\r")
    #expect(pty.waitForPrompt(after: "Similar Posts"))
    pty.type("show 17\r")
    #expect(pty.waitForPrompt(after: "Leave a Reply"))
    // Ctrl-R searches history backwards.
    let mark = pty.mark
    pty.type("\u{12}16\r")
    #expect(pty.waitForPrompt(after: "Similar Posts", from: mark), "\(pty.text(from: mark).debugDescription)")
    pty.type("quit\r")
    #expect(pty.exitStatus() == 0)
  }

  @Test func sigtermSavesHistory() throws {
    let home = makeTemporaryFolder()
    defer { removeTree(home) }
    let pty = start(home)
    #expect(pty.wait(for: prompt))
    pty.type("show 18\r")
    #expect(pty.waitForPrompt(after: "Your email address"))
    kill(pty.pid, SIGTERM)
    #expect(pty.exitStatus() == 128 + SIGTERM)
    let history = try #require(readFile(home + "/state/annotate/history"))
    #expect(history.contains("18"))
  }
}
