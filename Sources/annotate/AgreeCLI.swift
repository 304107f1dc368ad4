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

  @Option(name: .customLong("annotator"), help: "Only these annotators (repeatable; default: all but gold).")
  var annotators: [String] = []

  @Option(help: "Write to this file instead of standard output.")
  var out: String?

  @Option(help: "Folder of annotation sidecars.")
  var annotations: String = "Annotations"

  @Option(help: "What a sentence-level item is: sentence, paragraph or line.")
  var units: UnitKind = .sentence

  @Option(help: "Codebook file (default: codebook.json beside the annotations folder).")
  var codebook: String?

  @Argument(help: "Documents (files or folders; default ./seeds).")
  var paths: [String] = []

  func run() throws {
    let session = Session(
      options: SessionOptions(annotator: "anonymous", annotationsPath: annotations, unitKind: units),
      codebook: try loadCodebook(codebook, annotations: annotations))
    let renderer = Renderer(color: false)
    for problem in session.open(paths.isEmpty ? ["seeds"] : paths).problems {
      Terminal.writeError(renderer.render(warning: problem.message))
    }
    var words = ["agree", "--unit", unit, "--format", format]
    if let tag { words += ["--tag", tag] }
    for name in annotators { words += ["--annotator", name] }
    if let out { words += ["--out", out] }
    switch session.run(words) {
    case .output(let output):
      let text = renderer.render(output)
      if out == nil { Terminal.write(text) } else { Terminal.writeError(text) }
      Terminal.flush()
    case .failure(let error):
      Terminal.writeError(renderer.render(error: error.message))
      if case .usage = error { throw ExitCode(2) }
      throw ExitCode(1)
    }
  }
}
