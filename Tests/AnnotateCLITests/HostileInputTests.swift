import Glibc
import Testing

/// Terminal and path safety with hostile documents, notes, tag names and
/// file names: nothing reaches the terminal as a control sequence, and
/// nothing is written outside its folder.
@Suite(.timeLimit(.minutes(10))) struct HostileInputTests {
  /// OSC 52 (clipboard), a title change, CSI, C1 CSI, BiDi overrides and isolates, DEL.
  static let hostile =
    "Headline \u{1B}]52;c;SGVsbG8=\u{07} here.\n\nA \u{1B}]0;pwned\u{1B}\\ title and \u{1B}[2J clear. "
    + "C1 \u{9B}31m red and \u{202E}evil\u{202C} text. Isolate \u{2066}x\u{2069} and del\u{7F}. Normal end.\n"

  /// Every byte sequence that would act on a terminal: ESC, C1 controls
  /// (UTF-8 C2 80-9F), BiDi controls, other C0 controls but LF.
  static func controlSequences(in text: String) -> [String] {
    var found: [String] = []
    for scalar in text.unicodeScalars {
      let v = scalar.value
      // A tab or line feed annotate writes itself cannot start a sequence.
      if (v < 0x20 && v != 0x0A && v != 0x09) || v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v)
        || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
      {
        found.append(String(v, radix: 16))
      }
    }
    return found
  }

  func folder() -> String {
    let folder = makeTemporaryFolder()
    _ = system("mkdir -p '\(folder)/docs' '\(folder)/docs/ann'")
    writeFile(folder + "/docs/hostile.txt", Self.hostile)
    // File names with an escape sequence, a newline, spaces and non-ASCII.
    writeFile(folder + "/docs/esc\u{1B}[2Jname.txt", "Named badly. Still text.\n")
    writeFile(folder + "/docs/new\nline and spaces ü.txt", "A line. Another.\n")
    return folder
  }

  @Test func nothingFromADocumentANoteOrAFileNameReachesTheTerminal() {
    let folder = folder()
    defer { removeTree(folder) }
    let codebook = folder + "/codebook.json"
    writeFile(
      codebook,
      #"{"tags": [{"name": "claim", "definition": "Bad \u001b[31m def \u202e", "color": "red", "key": "c"}, {"name": "opinion", "definition": "ok", "color": "blue"}]}"#
    )
    let script = [
      "docs", "show all", "tag 1 c", "note #1 \"\u{1B}]52;c;SGVsbG8=\u{07}note \u{202E}x\"", "spans", "find pwned",
      "find /red/", "codebook", "stats", "doc 2", "show", "tag 1 opinion", "doc 3", "show", "hl 1 \"line\" opinion",
      "export csv", "export webanno", "export doccano", "annotators", "compare", "agree", "adjudicate",
      "open '\(folder)/docs/missing\u{1B}[2J.txt'", "doc \u{1B}[2J", "tag 99 \u{1B}[31m", "help \u{1B}[2J",
    ]
    let run = runAnnotate(
      ["--annotations", folder + "/docs/ann", "--annotator", "alice", "--codebook", codebook, folder + "/docs"],
      stdin: script.joined(separator: "\n") + "\n")
    #expect(run.stdout.contains("\\x1b]52;c;SGVsbG8=\\x07"), "the sequence is shown, escaped")
    #expect(run.stdout.contains("<U+202E>evil<U+202C>"))
    #expect(run.stdout.contains("esc\\x1b[2Jname.txt"))
    #expect(run.stdout.contains("new\\x0aline and spaces ü.txt"))
    #expect(Self.controlSequences(in: run.stdout).isEmpty, "stdout: \(Self.controlSequences(in: run.stdout))")
    #expect(Self.controlSequences(in: run.stderr).isEmpty, "stderr: \(Self.controlSequences(in: run.stderr))")
    // A second annotator, so compare and adjudicate show document text too.
    let second = runAnnotate(
      ["--annotations", folder + "/docs/ann", "--annotator", "bob", "--codebook", codebook, folder + "/docs"],
      stdin: "tag 2 opinion\ncompare\nadjudicate\nadj 1\n")
    #expect(second.stdout.contains("disagreement 1 of"))
    #expect(Self.controlSequences(in: second.stdout + second.stderr).isEmpty)
  }

  @Test func aTagNameWithControlCharactersIsRefusedVisibly() {
    let folder = folder()
    defer { removeTree(folder) }
    writeFile(
      folder + "/codebook.json", #"{"tags": [{"name": "claim\u001b]0;x\u0007", "definition": "d", "color": "red"}]}"#)
    let run = runAnnotate(["--codebook", folder + "/codebook.json", "-c", "codebook", folder + "/docs"])
    #expect(run.status != 0)
    #expect(run.stderr.contains("tags[0].name: 'claim\\x1b]0;x\\x07' is not a tag name"))
    #expect(Self.controlSequences(in: run.stdout + run.stderr).isEmpty)
  }

  @Test func subcommandsAreSafeOnTheirOwnToo() {
    let folder = folder()
    defer { removeTree(folder) }
    _ = runAnnotate(
      ["--annotations", folder + "/docs/ann", "--annotator", "alice", folder + "/docs"], stdin: "tag 1 claim\n")
    for arguments in [
      ["segment", folder + "/docs"], ["check", "--annotations", folder + "/docs/ann", folder + "/docs"],
      ["export", "--annotations", folder + "/docs/ann", "--out", folder + "/x\u{1B}[2J.csv", folder + "/docs"],
      ["agree", "--annotations", folder + "/docs/ann", folder + "/docs"],
      [
        "import", "--format", "tsv", "--annotator", "x", "--annotations", folder + "/docs/ann",
        folder + "/nope\u{1B}[2J",
      ],
    ] {
      let run = runAnnotate(arguments)
      #expect(Self.controlSequences(in: run.stdout + run.stderr).isEmpty, "\(arguments[0]): \(run.stdout + run.stderr)")
    }
  }

  /// Sidecars of documents whose names hold newlines, spaces and non-ASCII
  /// are written inside the annotations folder and read back.
  @Test func oddFileNamesWorkEndToEnd() {
    let folder = folder()
    defer { removeTree(folder) }
    let run = runAnnotate(
      ["--annotations", folder + "/docs/ann", "--annotator", "alice", "--bail", folder + "/docs"],
      stdin: "doc 3\ntag 1 claim\ndoc 1\ntag 1 source\n")
    #expect(run.status == 0, "\(run.stderr)")
    #expect(access(folder + "/docs/ann/new\nline and spaces ü.txt/alice.json", F_OK) == 0)
    let again = runAnnotate(
      ["--annotations", folder + "/docs/ann", "--annotator", "alice", folder + "/docs"], stdin: "doc 3\nspans\n")
    #expect(again.stdout.contains("#1 [claim] sentence 1: “A line.”"))
    let check = runAnnotate(["check", "--annotations", folder + "/docs/ann", folder + "/docs"])
    #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
  }
}
