/// Runs lines of commands against a session, the way a script or piped
/// input is run: output to one sink, `error: …` lines to another, going on
/// after an error unless `bail` is set.
public struct ScriptRunner {
  public var session: Session
  public var renderer: Renderer
  /// Renders error lines (stderr may differ from stdout in colour).
  public var errorRenderer: Renderer
  public var bail: Bool
  public var write: (String) -> Void
  public var writeError: (String) -> Void
  /// Whether any command failed so far.
  public private(set) var failed = false
  /// Whether a command asked to quit, or `bail` stopped the run.
  public private(set) var finished = false
  /// Where the lines come from (`FILE`, or `-` for standard input): errors
  /// then start with `FILE:LINE:`, as psql and compilers say them.
  public var source: String?
  /// The number of the line being run (from 1).
  public private(set) var lineNumber = 0

  public init(
    session: Session, renderer: Renderer, bail: Bool = false,
    write: @escaping (String) -> Void, writeError: @escaping (String) -> Void
  ) {
    self.session = session
    self.renderer = renderer
    self.errorRenderer = Renderer(color: renderer.color)
    self.bail = bail
    self.write = write
    self.writeError = writeError
  }

  /// Runs one line; returns false once the run should stop.
  @discardableResult
  public mutating func run(line: String) -> Bool {
    guard !finished else { return false }
    lineNumber += 1
    let place = source.map { "\($0):\(lineNumber): " } ?? ""
    for outcome in session.execute(line) {
      switch outcome {
      case .output(let output):
        if !output.lines.isEmpty { write(renderer.render(output)) }
        if output.quit {
          finished = true
          return false
        }
      case .failure(let error):
        failed = true
        let notes = session.noticeLines()
        if !notes.isEmpty { write(renderer.render(CommandOutput(notes))) }
        for (i, line) in error.message.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
          writeError((i == 0 ? place : "") + errorRenderer.render(error: String(line)))
        }
        if bail {
          finished = true
          return false
        }
      }
    }
    return true
  }
}
