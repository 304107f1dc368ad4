import AnnotateCore
import ArgumentParser

/// `annotate agree`: the shell's `agree` on the command line, for scripts.
struct AgreeCLI: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "agree",
    abstract: "Inter-annotator agreement: percent, Cohen's/Fleiss' κ, Krippendorff's α, span F1.",
    discussion: """
      Reads every annotator's sidecars for the documents (gold is left out unless named).
      --format csv is tidy: unit,tag,measure,annotators,value,items; an undefined value is empty.
      """
  )

  @Option(help: "sentence (a sentence has tag T or not) or span (exact and overlap F1).")
  var unit: String = "sentence"

  @Option(help: "Only this tag.")
  var tag: String?

  @Option(help: "table, csv or json.")
  var format: String = "table"

  @Option(
    name: .customLong("annotator"), help: "Only these annotators (repeatable; default: all but gold).",
    completion: .custom { words, _, _ in annotatorNames(words) })
  var annotators: [String] = []

  @Option(help: "Write to this file instead of standard output.")
  var out: String?

  @Flag(name: .customLong("all-documents"), help: "Every document, not only the assignments' overlap sample.")
  var allDocuments = false

  @Option(help: "Resample the sentences N times for 95% intervals of α (Hayes & Krippendorff 2007).")
  var bootstrap: String?

  @Option(help: "The bootstrap's random seed (default 1).")
  var seed: String?

  @Option(help: "Report the probability that α is below this (default 0.667).")
  var threshold: String?

  @Option(
    parsing: .upToNextOption,
    help: ArgumentHelp("The tag confusion matrix of two annotators (A B) instead of the report.", valueName: "A B"))
  var confusion: [String] = []

  @OptionGroup var workspace: WorkspaceOptions

  @Option(help: "What a sentence-level item is: sentence, paragraph or line.")
  var units: UnitKind = .sentence

  @Argument(help: "Documents (files or folders; default ./seeds).")
  var paths: [String] = []

  func run() throws {
    let renderer = Renderer(color: false)
    func refuse(_ message: String, status: Int32) -> ExitCode {
      Terminal.writeError(renderer.render(error: message))
      return ExitCode(status)
    }
    var options = AgreeOptions()
    guard let unit = AgreementUnit(rawValue: unit.lowercased()) else {
      throw refuse("agree: '\(unit)' is not a unit; valid: sentence, span", status: 2)
    }
    guard let format = AgreementFormat(rawValue: format.lowercased()) else {
      throw refuse("agree: '\(format)' is not a format; valid: table, csv, json", status: 2)
    }
    options.unit = unit
    options.format = format
    options.tag = tag
    options.annotators = annotators
    options.allDocuments = allDocuments
    do throws(AgreementError) {
      try options.setBootstrap(resamples: bootstrap, seed: seed, threshold: threshold)
    } catch {
      throw refuse("agree: " + error.message, status: 2)
    }
    // `--confusion alice bob docs/`: two names, and what follows them is documents.
    var paths = self.paths
    if !confusion.isEmpty {
      options.confusion = Array(confusion.prefix(2))
      paths = Array(confusion.dropFirst(2)) + paths
    }
    let workspace = try self.workspace.open(paths)
    if options.confusion != nil {
      let matrix: TagConfusion
      let problems: [StoreProblem]
      do throws(AgreementError) {
        (matrix, problems) = try workspace.confusion(options)
      } catch {
        throw refuse("agree: " + error.message, status: error == .confusionNeedsTwo(options.confusion ?? []) ? 2 : 1)
      }
      for problem in problems { Terminal.writeError(renderer.render(warning: problem.message)) }
      let text = format == .table ? renderer.render(CommandOutput(matrix.lines())) : matrix.text(format)
      try write(text, file: format == .table ? matrix.text(.table) : text, what: "tag confusion matrix")
      return
    }
    workspace.corpus.segment(units)
    let report: AgreementReport
    let problems: [StoreProblem]
    let sample: Int?
    do throws(AgreementError) {
      let bar = options.bootstrap == nil ? nil : progressBar("resamples")
      defer { bar?.finish() }
      (report, problems, sample) = try workspace.agreement(options, unitKind: units, progress: bar?.update)
    } catch {
      throw refuse("agree: " + error.message, status: 1)
    }
    for problem in problems { Terminal.writeError(renderer.render(warning: problem.message)) }
    if let sample { Terminal.writeError(overlapSampleNote(sample) + "\n") }
    let text = format == .table ? renderer.render(CommandOutput(report.lines())) : report.text(format)
    try write(text, file: format == .table ? report.tableText() : text, what: "agreement figures")
  }

  /// To the screen, or to `--out` (the table without colour).
  func write(_ text: String, file: String, what: String) throws {
    guard let out else {
      Terminal.write(text)
      Terminal.flush()
      return
    }
    do throws(WriteError) {
      let sink = try OutputSink(path: out)
      try sink.write(file)
      try sink.commit()
    } catch {
      Terminal.writeError(Renderer(color: false).render(error: ShellError.exportFailed(error).message))
      throw ExitCode(1)
    }
    Terminal.writeError("wrote \(format.lowercased()) \(what) to \(TerminalSafe.escape(out))\n")
  }
}
