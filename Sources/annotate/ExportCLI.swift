import AnnotateCore
import ArgumentParser

/// `annotate export`: every document's annotations in one format, streamed.
struct ExportCLI: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export annotations: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")).",
    discussion: """
      Offsets are code points, half-open (Python's text[start:end]), except doccano (UTF-16 units by default, \
      as its browser counts) and where --offsets says otherwise. brat and html write a folder, sqlite a database.
      """
  )

  @Option(
    help: "\(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")).",
    completion: .list(ExportFormat.allCases.map(\.rawValue)))
  var format: String = "csv"

  @Option(help: "Output file (a folder for brat); - for standard output.")
  var out: String = "-"

  @OptionGroup var workspace: WorkspaceOptions

  @Option(
    name: .customLong("annotator"), help: "Only this annotator (repeatable; default: all).",
    completion: .custom { words, _, _ in annotatorNames(words) })
  var annotators: [String] = []

  @Option(name: .customLong("tag"), help: "Only this tag (repeatable; default: all).")
  var tags: [String] = []

  @Option(
    help: "doccano, labelstudio: offsets in codepoint, utf16 or grapheme units (default: the tool's own).",
    completion: .list(OffsetUnit.allCases.map(\.rawValue)))
  var offsets: String?

  @Option(name: .customLong("base-iri"), help: "w3c: the IRI documents go under (default: file: URIs of their paths).")
  var baseIRI: String?

  @Flag(help: "tsv: CRLF line ends, as the SemEval propaganda corpus has.")
  var crlf = false

  @Flag(help: "Start the CSV with a UTF-8 byte-order mark (for Excel).")
  var bom = false

  @Flag(name: .customLong("excel-safe"), help: "Neutralise CSV cells starting with = + - @ (formula injection).")
  var excelSafe = false

  @Argument(help: "Documents (files or folders; default ./seeds).")
  var paths: [String] = []

  func run() throws {
    let errors = Renderer(color: false)
    func refuse(_ message: String, _ status: Int32) -> ExitCode {
      Terminal.writeError(errors.render(error: message))
      return ExitCode(status)
    }
    var formatName = format
    var paths = self.paths
    // `annotate export csv`, the shell's word order: the format, when no file has that name.
    if let first = paths.first, ExportFormat(name: first) != nil, !Terminal.fileExists(first) {
      formatName = first
      paths.removeFirst()
    }
    guard let format = ExportFormat(name: formatName) else {
      throw refuse(
        "'\(formatName)' is not a format; valid: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))", 2)
    }
    if ExportFormat.isOldName(formatName) {
      Terminal.writeError("note: 'webanno' is now called 'w3c' (W3C Web Annotation)\n")
    }
    var unit: OffsetUnit?
    if let offsets {
      guard let given = OffsetUnit(rawValue: offsets) else {
        throw refuse(
          "'\(offsets)' is not a unit: \(OffsetUnit.allCases.map(\.rawValue).joined(separator: ", "))", 2)
      }
      unit = given
    }
    let options = ExportOptions(
      csv: CSVOptions(byteOrderMark: bom, excelSafe: excelSafe), offsets: unit, baseIRI: baseIRI, crlf: crlf)
    let workspace = try self.workspace.open(paths)
    guard !workspace.corpus.isEmpty else { throw refuse("no documents to export: none of the paths opened", 1) }
    workspace.corpus.segment(.sentence)  // the sentence column, on every core
    let source = ExportSource(
      workspace: workspace, filter: ExportFilter(annotators: Set(annotators), tags: Set(tags)))
    var known = workspace.codebook.names
    if tags.contains(where: { !known.contains($0) }) { known += workspace.tagsMissingFromCodebook().map(\.tag) }
    let unknownTags = tags.filter { !known.contains($0) }
    if !unknownTags.isEmpty {
      throw refuse(
        "unknown tag \(unknownTags.map { "'\($0)'" }.joined(separator: ", ")) — valid: \(known.joined(separator: ", "))",
        1)
    }
    // On a terminal the export is shown made safe; to a pipe or file it streams as it is.
    let toScreen = out == "-" && Terminal.stdoutIsTerminal && !format.needsPath
    let bar = progressBar("documents", enabled: !toScreen)
    do {
      let (summary, problems, output) = try Exporter.run(
        format: format, source: source, destination: toScreen ? nil : out, options: options,
        codebook: workspace.codebook, progress: bar?.update)
      bar?.finish()
      if toScreen { Terminal.write(TerminalSafe.escapeKeepingLines(String(decoding: output, as: UTF8.self))) }
      for problem in problems { Terminal.writeError(errors.render(warning: problem.message)) }
      if out != "-" {
        Terminal.writeError(TerminalSafe.escape(summary.message(format: format) + " to " + out) + "\n")
        if let skipped = summary.skippedMessage(format: format) { Terminal.writeError(skipped + "\n") }
      }
    } catch {
      bar?.finish()
      Terminal.writeError(errors.render(error: ShellError.export(error).message))
      throw ExitCode(1)
    }
    Terminal.flush()
  }
}

/// A progress bar on standard error when it is a terminal, else nothing.
func progressBar(_ what: String, enabled: Bool = true) -> ProgressBar? {
  enabled && Terminal.stderrIsTerminal ? ProgressBar(what) { Terminal.writeError($0) } : nil
}
