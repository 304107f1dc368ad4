import AnnotateCore
import ArgumentParser

/// `annotate export`: every document's annotations in one format, streamed.
struct ExportCLI: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export annotations: csv, doccano, prodigy, brat or webanno (W3C JSON-LD).",
    discussion: "Offsets are code points, half-open: Python's text[start:end]. brat writes a folder."
  )

  @Option(help: "csv, doccano, prodigy, brat or webanno.")
  var format: String = "csv"

  @Option(help: "Output file (a folder for brat); - for standard output.")
  var out: String = "-"

  @OptionGroup var workspace: WorkspaceOptions

  @Option(name: .customLong("annotator"), help: "Only this annotator (repeatable; default: all).")
  var annotators: [String] = []

  @Option(name: .customLong("tag"), help: "Only this tag (repeatable; default: all).")
  var tags: [String] = []

  @Flag(help: "Start the CSV with a UTF-8 byte-order mark (for Excel).")
  var bom = false

  @Flag(name: .customLong("excel-safe"), help: "Neutralise CSV cells starting with = + - @ (formula injection).")
  var excelSafe = false

  @Argument(help: "Documents (files or folders; default ./seeds).")
  var paths: [String] = []

  func run() throws {
    let errors = Renderer(color: false)
    guard let format = ExportFormat(rawValue: format.lowercased()) else {
      Terminal.writeError(
        errors.render(
          error: "'\(format)' is not a format; valid: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
      )
      throw ExitCode(2)
    }
    let workspace = try self.workspace.open(paths)
    workspace.corpus.segment(.sentence)  // the sentence column, on every core
    let source = ExportSource(
      workspace: workspace, filter: ExportFilter(annotators: Set(annotators), tags: Set(tags)))
    // On a terminal the export is shown made safe; to a pipe or file it streams as it is.
    let toScreen = out == "-" && Terminal.stdoutIsTerminal
    let bar = ProgressBar(enabled: Terminal.stderrIsTerminal && !toScreen)
    do {
      let (summary, problems, output) = try Exporter.run(
        format: format, source: source, destination: toScreen ? nil : out,
        csv: CSVOptions(byteOrderMark: bom, excelSafe: excelSafe), codebook: workspace.codebook, progress: bar.update)
      bar.finish()
      if toScreen { Terminal.write(TerminalSafe.escapeKeepingLines(String(decoding: output, as: UTF8.self))) }
      for problem in problems { Terminal.writeError(errors.render(warning: problem.message)) }
      if out != "-" {
        Terminal.writeError(TerminalSafe.escape(summary.message(format: format) + " to " + out) + "\n")
        if let skipped = summary.skippedMessage(format: format) { Terminal.writeError(skipped + "\n") }
      }
    } catch {
      bar.finish()
      Terminal.writeError(errors.render(error: ShellError.exportFailed(error).message))
      throw ExitCode(1)
    }
    Terminal.flush()
  }
}

/// `[#####     ] 512/10000 documents` on stderr, redrawn in place.
final class ProgressBar {
  let enabled: Bool
  private var last = -1
  init(enabled: Bool) { self.enabled = enabled }

  func update(_ done: Int, _ total: Int) {
    guard enabled, total > 0 else { return }
    let percent = done * 100 / total
    guard percent != last else { return }
    last = percent
    let filled = percent * 30 / 100
    Terminal.writeError(
      "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: 30 - filled)
        + "] \(done)/\(total) documents")
  }

  func finish() {
    if enabled && last >= 0 { Terminal.writeError("\r\u{1B}[K") }
  }
}
