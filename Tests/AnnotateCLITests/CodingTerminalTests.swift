import Glibc
import PTY
import Testing

/// The coding loop on a real pseudo-terminal: keys in, screen and sidecar
/// out; the terminal given back on every way out of the coding mode; the
/// pager; the completion prompt; resume.
@Suite(.timeLimit(.minutes(10))) struct CodingTerminalTests {
  let footer = "?: keys · Esc"

  func start(_ home: String, _ extra: [String: String?] = [:], rows: UInt16 = 40) -> PseudoTerminal {
    var env: [String: String?] = [
      "HOME": home, "XDG_STATE_HOME": home + "/state", "TERM": "xterm", "NO_COLOR": "1", "PAGER": "cat",
      "LANG": "C.UTF-8",
    ]
    env.merge(extra) { _, given in given }
    return PseudoTerminal(["--annotations", home + "/Annotations", "seeds"], env: env, in: home, rows: rows)
  }

  @Test func keysCodeSentencesDurablyAndEscGivesThePromptBack() {
    let home = makeTemporaryFolder()
    defer { removeTree(home) }
    let pty = start(home)
    #expect(pty.waitForPrompt(after: "help"))
    var mark = pty.mark
    pty.type("code\n")
    #expect(pty.wait(for: footer, from: mark))
    #expect(pty.text(from: mark).contains("doc 1/1 · sentence 1/19"))
    mark = pty.mark
    pty.type("c")
    #expect(pty.wait(for: "tagged claim", from: mark))
    mark = pty.mark
    pty.type(" ")
    #expect(pty.wait(for: "sentence 2/19", from: mark))
    mark = pty.mark
    pty.type(" ")  // sentence 2: no tag, so nothing to code
    #expect(pty.wait(for: "sentence 3/19", from: mark))
    // Durable before the screen changed: another process sees it now.
    let seen = runAnnotate(
      ["--annotations", home + "/Annotations", "--annotator", "tester", "-c", "spans; docs", "seeds"],
      env: ["USER": "tester"], directory: home)
    #expect(seen.stdout.contains("#1 [claim] sentence 1"), "\(seen.stdout)\(seen.stderr)")
    #expect(seen.stdout.contains("2/19 coded"))
    mark = pty.mark
    pty.type("\u{1B}")
    #expect(pty.waitForPrompt(after: "back at sentence 3", from: mark))
    mark = pty.mark
    pty.type("spans\n")
    #expect(pty.wait(for: "#1 [claim] sentence 1", from: mark), "\(pty.text(from: mark))")
    // Ctrl-C leaves the coding mode too, and the shell stays.
    mark = pty.mark
    pty.type("code\n")
    #expect(pty.wait(for: footer, from: mark))
    mark = pty.mark
    pty.type("\u{03}")
    #expect(pty.waitForPrompt(after: "back at sentence 3", from: mark))
    pty.type("quit\n")
    #expect(pty.exitStatus() == 0)
  }

  @Test func sigtermInTheCodingModeRestoresTheTerminalAndEnds() {
    let home = makeTemporaryFolder()
    defer { removeTree(home) }
    let pty = start(home)
    #expect(pty.waitForPrompt(after: "help"))
    pty.type("code\n")
    #expect(pty.wait(for: footer))
    #expect(!pty.isCooked(), "raw keys while coding")
    kill(pty.pid, SIGTERM)
    #expect(pty.exitStatus() == 128 + SIGTERM)
    #expect(pty.isCooked(), "the terminal's modes are given back")
    #expect(pty.text().contains("\u{1B}[?1049l"), "the alternate screen is left")
  }

  @Test func aTerminalThatGoesAwayEndsTheCodingMode() {
    let home = makeTemporaryFolder()
    defer { removeTree(home) }
    let pty = start(home)
    #expect(pty.waitForPrompt(after: "help"))
    pty.type("code\n")
    #expect(pty.wait(for: footer))
    pty.hangUp()
    #expect(pty.waitForExit(seconds: 10) != nil, "annotate does not hang on a dead terminal")
  }

  @Test func longOutputGoesThroughThePager() throws {
    let home = makeTemporaryFolder()
    defer { removeTree(home) }
    let paged = home + "/paged.txt"
    let pty = start(home, ["PAGER": "sh -c 'cat > \(paged)'"], rows: 12)
    #expect(pty.waitForPrompt(after: "help"))
    var mark = pty.mark
    pty.type("show all\n")
    #expect(pty.waitForPrompt(after: "show all", from: mark), "\(pty.text(from: mark))")
    let text = String(decoding: try #require(readBytes(paged)), as: UTF8.self)
    #expect(text.contains(" 19  "), "\(text)")
    #expect(!pty.text(from: mark).contains(" 19  "), "the pager got it, not the screen")
    // Off, it goes to the screen; short output never goes to the pager.
    mark = pty.mark
    pty.type("pager off\n")
    #expect(pty.waitForPrompt(after: "pager: off", from: mark))
    mark = pty.mark
    pty.type("show all\n")
    #expect(pty.wait(for: " 19  ", from: mark))
  }

  @Test func manyCompletionsAreListedOnlyWhenAskedFor() {
    let home = makeTemporaryFolder()
    defer { removeTree(home) }
    _ = system("mkdir -p '\(home)/many'")
    for i in 1...120 { writeFile(home + "/many/article\(i).txt", "Text \(i).") }
    var env: [String: String?] = ["HOME": home, "XDG_STATE_HOME": home + "/state", "TERM": "xterm", "NO_COLOR": "1"]
    env["PAGER"] = "cat"
    let pty = PseudoTerminal(["--annotations", home + "/Annotations", home + "/many"], env: env, in: home)
    #expect(pty.waitForPrompt(after: "help"))
    var mark = pty.mark
    pty.type("doc \t\t")
    #expect(pty.wait(for: "Display all 122 possibilities? (y or n)", from: mark), "\(pty.text(from: mark))")
    mark = pty.mark
    pty.type("n")
    usleep(300_000)
    pty.drain(milliseconds: 200)
    #expect(!pty.text(from: mark).contains("article57.txt"))
  }

  @Test func theShellStartsWhereYouStopped() {
    let home = makeTemporaryFolder()
    defer { removeTree(home) }
    var pty = start(home)
    #expect(pty.waitForPrompt(after: "help"))
    let mark = pty.mark
    pty.type("show 5\n")
    #expect(pty.waitForPrompt(after: "  5  ", from: mark))
    pty.type("quit\n")
    #expect(pty.exitStatus() == 0)
    pty = start(home)
    #expect(pty.wait(for: "resuming where you stopped: seeds/000_9c83e067df388347.txt, sentence 5 of 19"))
  }
}
