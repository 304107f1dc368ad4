/// The manual page, made from the command table itself: every shell
/// command's usage, summary, help and examples are the ones `help COMMAND`
/// shows, so `man annotate` and the shell cannot disagree.
public enum Manual {
  /// A subcommand of the executable, as its own `--help` describes it.
  public struct Subcommand: Sendable {
    public var name: String
    public var help: String
    public init(name: String, help: String) {
      self.name = name
      self.help = help
    }
  }

  /// The page, in roff (`man -l` renders it).
  public static func roff(version: String, date: String, subcommands: [Subcommand]) -> String {
    var page = ".TH ANNOTATE 1 \"\(date)\" \"annotate \(version)\" \"User Commands\"\n"
    func section(_ title: String) { page += ".SH " + title + "\n" }
    func text(_ s: String) { page += escape(s) + "\n" }
    /// Terms in bold, each with its meaning indented below.
    func definitions(_ items: [(String, String)]) {
      for (term, meaning) in items {
        page += ".TP\n.B " + term + "\n"
        text(meaning)
      }
    }
    func literal(_ s: String) {
      page += ".nf\n"
      for line in s.split(separator: "\n", omittingEmptySubsequences: false) { page += escape(String(line)) + "\n" }
      page += ".fi\n"
    }
    section("NAME")
    text("annotate - a terminal workbench for coding text: claims, opinions, sources")
    section("SYNOPSIS")
    literal(
      """
      annotate [PATH...] [--annotator NAME] [--annotations DIR] [--codebook FILE]
               [--units sentence|paragraph|line] [--lang CODE] [--no-color] [--no-pager]
               [-c 'cmd; cmd' | --script FILE] [--bail]
      annotate SUBCOMMAND [OPTIONS]  (\(subcommands.map(\.name).joined(separator: ", ")))
      """)
    section("DESCRIPTION")
    text(
      "annotate opens text documents (UTF-8 .txt and .md files, or folders of them) as numbered sentences and "
        + "starts a line-editing shell (libedit: history, Tab completion, Ctrl-R, ~/.editrc) in which spans are "
        + "highlighted, tagged with the codebook's tags, linked, qualified and exported. Every change is on disk "
        + "before the prompt returns. With -c, --script or piped input, the commands run as a script: no prompt, "
        + "no colour, no pager; an error is printed as FILE:LINE: error: ... and the script goes on (--bail stops).")
    section("SHELL COMMANDS")
    text("The same text as help COMMAND in the shell.")
    for command in Session.standardCommands {
      page += ".TP\n"
      page +=
        "\\fB" + escape(command.usage) + "\\fR"
        + escape(command.aliases.isEmpty ? "" : " (" + command.aliases.joined(separator: ", ") + ")") + "\n"
      text(command.summary + ".")
      for line in helpLines(command.help) {
        let content = line.runs.map(\.text).joined()
        if content == "examples:" {
          page += ".br\nExamples:\n"
        } else if content.hasPrefix("  ") {
          page += ".br\n\\ \\ \\fB" + escape(String(content.drop { $0 == " " })) + "\\fR\n"
        } else {
          page += ".br\n" + escape(content) + "\n"
        }
      }
    }
    section("SUBCOMMANDS")
    for sub in subcommands {
      page += ".SS " + escape(sub.name) + "\n"
      literal(sub.help.trimmingTrailingNewlines)
    }
    section("FILES")
    literal(
      """
      Annotations/                         the nearest at or above the documents (--annotations DIR)
        DOCUMENT-ID/ANNOTATOR.json         one annotator's sidecar of one document (JSON, versioned)
        DOCUMENT-ID/.ANNOTATOR.journal     changes since the sidecar was written whole
        DOCUMENT-ID/gold.json              the adjudicated gold standard
        assignments.json                   who codes which document (annotate assign)
        .gitignore                         keeps git away from journals, locks, unfinished writes
      codebook.json                        beside the annotations folder (--codebook FILE)
      languages.json                       beside it: documents' languages (lang CODE writes it)
      $XDG_STATE_HOME/annotate/history     the shell's history (mode 0600)
      $XDG_STATE_HOME/annotate/resume/     where each annotator stopped, per annotations folder
      """)
    section("OFFSETS")
    text(
      "Every offset annotate stores, prints or exports is a Unicode code point offset, half-open [start, end): "
        + "Python's text[start:end] on the file read as UTF-8 (a byte-order mark removed) without newline "
        + "translation. Other units appear only in the formats that count in them (doccano: UTF-16 units by "
        + "default; --offsets).")
    section("ENVIRONMENT")
    let environment: [(String, String)] = [
      ("ANNOTATE_ANNOTATOR", "whose annotations the shell edits when --annotator is not given (then USER)"),
      ("NO_COLOR", "when set and not empty, no colour"),
      ("PAGER", "the pager for long output on a terminal (default less -FRX; empty or cat: none)"),
      ("EDITRC", "libedit's settings file instead of ~/.editrc"),
      ("XDG_STATE_HOME", "where history and resume points are kept (default ~/.local/state)"),
      ("TERM", "256-colour terminals get more tag colours"),
    ]
    definitions(environment)
    section("EXIT STATUS")
    let statuses: [(String, String)] = [
      ("0", "success"),
      ("1", "a command failed (in a script), nothing was exported or imported, or a check found problems"),
      ("2", "the command line was wrong (an unknown option or format, an invalid codebook)"),
      ("128+N", "ended by signal N (143 for SIGTERM), after saving what it could"),
    ]
    definitions(statuses)
    section("SEE ALSO")
    text("The README and docs/ (formats.md, sidecar.md, architecture.md) of the source tree.")
    return page
  }

  /// Text made safe for roff: backslashes, hyphens (options are `\-`),
  /// characters beyond ASCII, and a line starting with . or '.
  static func escape(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\\": out += "\\e"
      case "-": out += "\\-"
      // Beyond ASCII as groff's named code points: no preprocessor needed.
      case _ where scalar.value > 0x7E:
        let hex = String(scalar.value, radix: 16, uppercase: true)
        out += "\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
      default: out.unicodeScalars.append(scalar)
      }
    }
    if out.hasPrefix(".") || out.hasPrefix("'") { out = "\\&" + out }
    return out
  }
}

extension String {
  fileprivate var trimmingTrailingNewlines: String {
    var s = self
    while s.hasSuffix("\n") { s.removeLast() }
    return s
  }
}
