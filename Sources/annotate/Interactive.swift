import AnnotateCore
import LineEditor

#if canImport(Glibc)
  @preconcurrency import Glibc
#endif

/// The interactive loop: libedit in, rendered output out, history kept.
struct Interactive {
  let session: Session
  var renderer: Renderer
  let colorAllowed: Bool

  /// `$XDG_STATE_HOME/annotate/history`, else `~/.local/state/annotate/history`.
  static var historyPath: String? {
    if let state = Terminal.environment("XDG_STATE_HOME"), state.hasPrefix("/") {
      return state + "/annotate/history"
    }
    guard let home = Terminal.environment("HOME"), !home.isEmpty else { return nil }
    return home + "/.local/state/annotate/history"
  }

  func run(opened: Int) {
    let editor = LineEditor(program: "annotate", historyPath: Self.historyPath)
    editor.completer = { [session] before in
      let (replacing, candidates) = session.complete(before)
      return LineCompletion(
        replacing: replacing, candidates: candidates, display: candidates.map(TerminalSafe.escape))
    }
    var renderer = self.renderer
    let greeting: String
    if let document = session.currentDocument {
      greeting =
        "annotate \(Annotate.version) — \(plural(session.corpus.count, "document")) open, current \(TerminalSafe.escape(document.id)). Type help; Tab completes."
    } else {
      greeting = "annotate \(Annotate.version) — no documents open; open PATH opens some. Type help."
    }
    var lines = [OutputLine([TextRun(greeting, .dim)], wrapIndent: 0)]
    lines.append(OutputLine([TextRun(session.workspace.codebook.banner, .dim)], wrapIndent: 2))
    if let drift = codebookDriftMessage(session.workspace.tagsMissingFromCodebook()) {
      lines.append(OutputLine([TextRun("warning: ", .warning), TextRun(drift, .quoted)], wrapIndent: 2))
    }
    for notice in session.workspace.takeNotices() {
      lines.append(OutputLine([TextRun("note: ", .warning), TextRun(notice.message, .quoted)], wrapIndent: 2))
    }
    Terminal.write(renderer.render(CommandOutput(lines)))
    loop: while true {
      editor.prompt = session.prompt(color: renderer.color)
      Terminal.flush()
      switch editor.readLine() {
      case .line(let line):
        editor.addHistory(line)
        renderer.width = LineEditor.terminalWidth()
        var runner = ScriptRunner(
          session: session, renderer: renderer, write: Terminal.write, writeError: Terminal.writeError)
        runner.errorRenderer = renderer
        let goOn = runner.run(line: line)
        Terminal.flush()
        if !goOn { break loop }
      case .interrupted:
        continue
      case .endOfInput:
        break loop
      case .terminated(let signal):
        editor.saveHistory()
        ShellCommand.close(session, Renderer(color: false))
        exit(128 + signal)
      }
    }
    editor.saveHistory()
  }
}
