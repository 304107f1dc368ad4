import AnnotateCore
import LineEditor

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// The interactive loop: libedit in, rendered output out, history kept.
struct Interactive {
  let session: Session
  var renderer: Renderer
  let colorAllowed: Bool

  /// `$XDG_STATE_HOME/annotate`, else `~/.local/state/annotate`: history, and where each annotator stopped.
  static var stateFolder: String? {
    if let state = Terminal.environment("XDG_STATE_HOME"), state.hasPrefix("/") { return state + "/annotate" }
    guard let home = Terminal.environment("HOME"), !home.isEmpty else { return nil }
    return home + "/.local/state/annotate"
  }

  static var historyPath: String? { stateFolder.map { $0 + "/history" } }

  func run(opened: Int) {
    let editor = LineEditor(program: "annotate", historyPath: Self.historyPath)
    editor.completer = { [session] before in
      let (replacing, candidates) = session.complete(before)
      return LineCompletion(
        replacing: replacing, candidates: candidates, display: candidates.map(TerminalSafe.escape))
    }
    var renderer = self.renderer
    session.startCoding = { [renderer] session throws(ShellError) in
      try CodingScreen.run(session, renderer: renderer, lineEditor: editor)
    }
    let lines = Self.firstScreen(session)
    Terminal.write(renderer.render(CommandOutput(lines)))
    loop: while true {
      editor.prompt = session.prompt(color: renderer.color, width: LineEditor.terminalWidth())
      Terminal.flush()
      switch editor.readLine() {
      case .line(let line):
        editor.addHistory(line)
        renderer.width = LineEditor.terminalWidth()
        // Output is gathered and, when longer than the screen, paged.
        var shown = ""
        var runner = ScriptRunner(
          session: session, renderer: renderer, write: { shown += $0 },
          writeError: {
            Terminal.write(shown)
            shown = ""
            Terminal.writeError($0)
          })
        runner.errorRenderer = renderer
        let goOn = runner.run(line: line)
        Pager.show(shown, enabled: session.options.pager, rows: LineEditor.terminalRows())
        Terminal.flush()
        if !goOn { break loop }
      case .interrupted:
        continue
      case .endOfInput:
        break loop
      case .terminated(let signal):
        editor.saveHistory()
        session.rememberPosition()
        ShellCommand.close(session, Renderer(color: false))
        exit(128 + signal)
      }
    }
    editor.saveHistory()
    session.rememberPosition()
  }

  /// The first screen: where you are, and the handful of commands that code
  /// a sentence, find one and export.
  static func firstScreen(_ session: Session) -> [OutputLine] {
    var lines: [OutputLine] = []
    let who = "\(session.workspace.annotator)'s annotations in \(session.workspace.folder)"
    if session.corpus.isEmpty {
      lines.append(
        OutputLine("annotate \(Annotate.version) — no documents open; open PATH opens some. Type help.", .dim))
      return lines
    }
    lines.append(
      OutputLine(
        [TextRun("annotate \(Annotate.version) — \(plural(session.corpus.count, "document")) open, " + who, .dim)],
        wrapIndent: 2))
    lines.append(OutputLine([TextRun(session.workspace.codebook.banner, .dim)], wrapIndent: 2))
    let resumed = session.resume()
    // The document you start on is read now, as its first `show` would:
    // the census below counts it from memory rather than reading it twice.
    if let document = session.currentDocument { _ = session.workspace.annotations(of: document) }
    if let drift = codebookDriftMessage(session.workspace.tagsMissingFromCodebook()) {
      lines.append(OutputLine([TextRun("warning: ", .warning), TextRun(drift, .quoted)], wrapIndent: 2))
    }
    for notice in session.workspace.takeNotices() {
      lines.append(OutputLine([TextRun("note: ", .warning), TextRun(notice.message, .quoted)], wrapIndent: 2))
    }
    if let resumed {
      lines.append(resumed)
    } else if let document = session.currentDocument {
      lines.append(OutputLine([TextRun("current: ", .dim), TextRun(document.id, .quoted)]))
    }
    let key = session.workspace.codebook.tags.first.map { $0.key.map(String.init) ?? $0.name } ?? "claim"
    let commands: [(String, String)] = [
      ("show", "read the current document, a page at a time"),
      ("code", "code sentence by sentence: a tag's key, Space for the next"),
      ("todo", "the next sentence you have not coded"),
      ("tag 3 \(key)", "tag sentence 3 (hl 3 \"some words\" \(key): only those words)"),
      ("find TEXT", "search every document"),
      ("export csv out.csv", "your work for pandas and R"),
      ("help", "every command; Tab completes, ↑ and Ctrl-R recall"),
    ]
    let width = commands.map(\.0.count).max()!
    for (command, what) in commands {
      lines.append(
        OutputLine([
          TextRun("  "), TextRun(command, .bold), TextRun(String(repeating: " ", count: width - command.count + 2)),
          TextRun(what, .dim),
        ]))
    }
    return lines
  }
}
