import AnnotateCore
import LineEditor

/// The coding mode on a terminal: the alternate screen, raw keys, the
/// core's ``CodingMode`` deciding what each key does, a redraw after each.
/// The terminal is restored on every way out: Esc, Ctrl-C, end of input,
/// SIGTERM/SIGHUP (the shell then ends as it would at its prompt).
enum CodingScreen {
  static func run(_ session: Session, renderer: Renderer, lineEditor: LineEditor) throws(ShellError) -> CommandOutput {
    let mode = try CodingMode(session: session)
    guard let keys = RawKeys() else { throw .needsTerminal("code") }
    Terminal.write("\u{1B}[?1049h")
    defer {
      keys.restore()
      Terminal.write("\u{1B}[?25h\u{1B}[?1049l")
      Terminal.flush()
    }
    var renderer = renderer
    func draw() {
      renderer.width = LineEditor.terminalWidth()
      let lines = mode.screen(width: renderer.width ?? 80, height: LineEditor.terminalRows())
      Terminal.write("\u{1B}[?25l\u{1B}[H\u{1B}[2J" + renderer.render(CommandOutput(lines)))
      Terminal.flush()
    }
    draw()
    while true {
      let key: KeyPress
      switch keys.read() {
      case .character(" "): key = .space
      case .character(let c): key = .character(c)
      case .enter: key = .enter
      case .escape: key = .escape
      case .backspace: key = .backspace
      case .left: key = .left
      case .right: key = .right
      case .up: key = .up
      case .down: key = .down
      case .control("c"), .control("d"), .endOfInput, .terminated: key = .interrupt
      case .tab, .control: continue
      }
      switch mode.handle(key) {
      case .redraw: draw()
      case .leave(let message): return CommandOutput(message, .dim)
      case .readCommand(let prefix):
        // A line with editing for the rest of the command, then raw keys again.
        keys.restore()
        Terminal.write("\u{1B}[?25h\n")
        lineEditor.prompt = prefix
        if case .line(let rest) = lineEditor.readLine(), !rest.allSatisfy(\.isWhitespace) {
          mode.commandRan(session.execute(prefix + rest))
        }
        keys.enable()
        draw()
      }
    }
  }
}
