import AnnotateCore
import ArgumentParser
import LineEditor

/// The annotate shell: interactive with line editing on a terminal, a script
/// runner for `-c`, `--script` and piped input.
struct ShellCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "shell",
    abstract: "Start the annotate shell (the default)."
  )

  @Argument(help: "Files or folders to open (default: ./seeds when it exists).")
  var paths: [String] = []

  @OptionGroup var workspace: WorkspaceOptions

  @Option(
    help: "Whose annotations to edit (default: $ANNOTATE_ANNOTATOR, then $USER).",
    completion: .custom { words, _, _ in annotatorNames(words) })
  var annotator: String?

  @Option(help: "What numbered units are: sentence, paragraph or line.")
  var units: UnitKind = .sentence

  @Flag(name: .customLong("no-color"), help: "No colour (NO_COLOR is honoured too).")
  var noColor = false

  @Option(name: .customShort("c"), help: "Run these commands (separated by ;) and exit.")
  var commands: String?

  @Option(help: "Run the commands in FILE, one per line, and exit.")
  var script: String?

  @Flag(help: "In scripts, stop at the first command that fails.")
  var bail = false

  @Flag(name: .customLong("no-pager"), help: "Never send long output through $PAGER (scripts and pipes never are).")
  var noPager = false

  func validate() throws {
    if commands != nil && script != nil { throw ValidationError("give either -c or --script, not both") }
    if let name = resolvedAnnotator, !Self.isValidAnnotator(name) {
      throw ValidationError(
        "annotator '\(name)' is not a valid name — use letters, digits, '-', '_' or '.', starting with a letter or digit"
      )
    }
  }

  var resolvedAnnotator: String? {
    annotator ?? Terminal.environment("ANNOTATE_ANNOTATOR").flatMap { $0.isEmpty ? nil : $0 }
      ?? Terminal.environment("USER").flatMap { $0.isEmpty ? nil : $0 }
  }

  static func isValidAnnotator(_ name: String) -> Bool { isValidAnnotatorName(name) }

  func run() throws {
    try runShell()
  }

  func runShell() throws {
    let interactive = commands == nil && script == nil && Terminal.stdinIsTerminal && Terminal.stdoutIsTerminal
    var paths = self.paths
    if paths.isEmpty && Terminal.fileExists("seeds") { paths = ["seeds"] }
    let annotations = workspace.annotationsFolder(for: paths)
    let session = Session(
      options: SessionOptions(
        annotator: resolvedAnnotator ?? "anonymous", annotationsPath: annotations, unitKind: units,
        pageSize: interactive ? max(5, Terminal.rows() - 4) : 20),
      codebook: try loadCodebook(workspace.codebook, annotations: annotations))
    try workspace.configureLanguages(session.workspace)
    if interactive { session.options.findLimit = max(5, Terminal.rows() - 6) }
    session.options.pager = interactive && !noPager
    session.options.stateFolder = Interactive.stateFolder
    let colorAllowed = !noColor && (Terminal.environment("NO_COLOR") ?? "").isEmpty
    let renderer = Renderer(
      color: colorAllowed && Terminal.stdoutIsTerminal,
      width: Terminal.stdoutIsTerminal ? LineEditor.terminalWidth() : nil)
    let errorRenderer = Renderer(color: colorAllowed && Terminal.stderrIsTerminal)

    if interactive { session.makeProgress = { what in progressBar(what) } }
    let (opened, problems) = session.open(paths)
    for problem in problems { Terminal.writeError(errorRenderer.render(warning: problem.message)) }
    if !interactive {
      session.workspace.countTagsUntilCensus()
      session.afterFirstAnnotationCommand = { session in
        if let drift = codebookDriftMessage(session.workspace.tagsMissingFromCodebook()) {
          Terminal.writeError(errorRenderer.render(warning: drift))
        }
      }
    }

    if interactive {
      // A person sees the notices about sidecars in the banner.
      session.lookAtSidecars()
      Interactive(session: session, renderer: renderer, colorAllowed: colorAllowed).run(opened: opened.count)
      Self.close(session, errorRenderer)
      return
    }
    // Each command's output is flushed as soon as it is done: what a script
    // reads as acknowledged is on disk already.
    var runner = ScriptRunner(
      session: session, renderer: renderer, bail: bail,
      write: {
        Terminal.write($0)
        Terminal.flush()
      }, writeError: Terminal.writeError)
    runner.errorRenderer = errorRenderer
    if let commands {
      runner.run(line: commands)
    } else if let script {
      guard let fd = Terminal.openForReading(script) else {
        throw ValidationError("cannot read script '\(script)': \(Terminal.lastError())")
      }
      defer { Terminal.close(fd) }
      runner.source = script
      for line in LineReader(fd: fd) where !runner.run(line: line) { break }
    } else {
      runner.source = "-"
      for line in LineReader(fd: 0) where !runner.run(line: line) { break }
    }
    Terminal.flush()
    let closed = Self.close(session, errorRenderer)
    Terminal.finish(status: runner.failed || !closed ? 1 : 0)
  }

  /// Folds journals into sidecars; says so if a write fails (the journal keeps the changes).
  @discardableResult
  static func close(_ session: Session, _ renderer: Renderer) -> Bool {
    let failures = session.close()
    for failure in failures {
      Terminal.writeError(
        renderer.render(error: "\(failure.message) — the changes are safe in the journal and load next time"))
    }
    return failures.isEmpty
  }
}

/// The codebook named by --codebook, or the one beside the annotations
/// folder, or the standard one. A broken file is an error naming file and field.
func loadCodebook(_ path: String?, annotations: String) throws -> Codebook {
  let file = path ?? Codebook.defaultPath(forAnnotations: annotations)
  guard path != nil || Terminal.fileExists(file) else { return .standard }
  do {
    return try Codebook.load(path: file)
  } catch {
    Terminal.writeError(Renderer().render(error: "invalid codebook: \(error.message)"))
    throw ExitCode(2)
  }
}
