import Glibc
import Testing

/// What `make install` puts beside the binary: the manual page made from the
/// command table, and completion scripts that ask the binary for annotator
/// names. (`make install-check` installs them and the .deb for real.)
@Suite(.timeLimit(.minutes(5))) struct InstallTests {
  @Test func theManualHasEveryShellCommandAsHelpGivesIt() {
    let page = runAnnotate(["manual", "--date", "2026-01-01"])
    #expect(page.status == 0)
    #expect(page.stdout.hasPrefix(".TH ANNOTATE 1 \"2026-01-01\""))
    let help = runAnnotate(["-c", "help"])
    // Usage lines are indented by two spaces, their wrapped summaries by more.
    let usages = help.stdout.split(separator: "\n").filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
    #expect(usages.count > 30)
    for line in usages {
      let name = String(line.dropFirst(2).prefix { $0 != " " })
      #expect(page.stdout.contains("\\fB" + name), "the manual has no \(name)")
    }
    // The long help of one command, word for word (roff escapes a hyphen).
    let link = runAnnotate(["-c", "help link"]).stdout
    let lines = link.split(separator: "\n").map(String.init)
    #expect(lines.first == "usage: link [FROM] TO TYPE")
    #expect(page.stdout.contains("\\fBlink [FROM] TO TYPE\\fR\n" + lines[1] + ".\n"))
    for name in ["ANNOTATE_ANNOTATOR", "NO_COLOR", "PAGER", "EDITRC", "XDG_STATE_HOME"] {
      #expect(page.stdout.contains(".B " + name))
    }
    for section in ["SHELL COMMANDS", "SUBCOMMANDS", "FILES", "OFFSETS", "ENVIRONMENT", "EXIT STATUS"] {
      #expect(page.stdout.contains(".SH " + section))
    }
    // No line of the page starts a roff request by accident.
    for line in page.stdout.split(separator: "\n") where line.hasPrefix(".") || line.hasPrefix("'") {
      let request = line.dropFirst().prefix { $0 != " " }
      #expect(["TH", "SH", "SS", "TP", "B", "br", "nf", "fi"].contains(String(request)), "\(line)")
    }
    guard access("/usr/bin/groff", X_OK) == 0 else { return }
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    writeFile(folder + "/annotate.1", page.stdout)
    let rendered = runProgram("groff", ["-man", "-Tutf8", "-ww", "-P-cbou", folder + "/annotate.1"])
    #expect(rendered.stderr.isEmpty, "groff warns: \(rendered.stderr)")
    #expect(rendered.stdout.contains("link [FROM] TO TYPE"))
  }

  @Test func bashCompletesSubcommandsFormatsAndTheFolderAnnotators() {
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    let script = runAnnotate(["--generate-completion-script", "bash"])
    #expect(script.status == 0)
    writeFile(folder + "/annotate.bash", script.stdout)
    // bash calls _annotate with the command, the word being completed and the one before.
    writeFile(
      folder + "/complete.sh",
      """
      source "$1"; shift
      COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
      _annotate annotate "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
      printf '%s\\n' "${COMPREPLY[@]}"
      """)
    mkdir(folder + "/Annotations", 0o755)
    mkdir(folder + "/Annotations/doc.txt", 0o755)
    for name in ["alice", "bob", "gold"] { writeFile(folder + "/Annotations/doc.txt/\(name).json", "{}") }
    writeFile(folder + "/Annotations/doc.txt/.alice.journal", "")
    let binFolder = String(annotateBinary[..<annotateBinary.lastIndex(of: "/")!])
    func complete(_ words: [String]) -> [String] {
      let result = runProgram(
        "bash", [folder + "/complete.sh", folder + "/annotate.bash"] + words,
        env: ["PATH": binFolder + ":/usr/bin:/bin"], directory: folder)
      #expect(result.stderr.isEmpty, "bash: \(result.stderr)")
      return result.stdout.split(separator: "\n").map(String.init)
    }
    #expect(complete(["annotate", "exp"]) == ["export"])
    #expect(complete(["annotate", "export", "--format", "d"]) == ["doccano"])
    #expect(complete(["annotate", "export", "--offsets", ""]) == ["codepoint", "utf16", "grapheme"])
    #expect(complete(["annotate", "export", "--annotator", ""]) == ["alice", "bob", "gold"])
    #expect(complete(["annotate", "agree", "--annotator", "a"]) == ["alice"])
  }
}
