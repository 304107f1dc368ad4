import AnnotateCore
import ArgumentParser

/// `annotate import`: other tools' annotations into sidecars, all or nothing.
struct ImportCLI: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import brat, doccano, Prodigy, CSV or TSV annotations into sidecars.",
    discussion: "Offsets are checked against the documents first; any problem means nothing is imported."
  )

  @Option(help: "brat, doccano, prodigy, csv or tsv.")
  var format: String

  @Option(help: "Whose sidecars receive them (CSV: default each row's annotator).")
  var annotator: String?

  @Option(help: "Folder of annotation sidecars.")
  var annotations: String = "Annotations"

  @Option(name: .customLong("docs"), help: "The documents annotated (files or folders; repeatable; default ./seeds).")
  var documents: [String] = []

  @Option(help: "Codebook file.")
  var codebook: String?

  @Argument(help: "Files (or brat folders) to import.")
  var sources: [String]

  func run() throws {
    let errors = Renderer(color: Terminal.stderrIsTerminal)
    guard let format = ImportFormat(rawValue: format.lowercased()) else {
      Terminal.writeError(
        errors.render(
          error: "'\(format)' is not a format; valid: \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
      )
      throw ExitCode(2)
    }
    if let annotator, !ShellCommand.isValidAnnotator(annotator) {
      Terminal.writeError(errors.render(error: "annotator '\(annotator)' is not a valid name"))
      throw ExitCode(2)
    }
    var corpus = Corpus()
    let (_, problems) = corpus.open(documents.isEmpty ? ["seeds"] : documents)
    for problem in problems { Terminal.writeError(errors.render(warning: problem.message)) }
    let importer = Importer(
      corpus: corpus, codebook: try loadCodebook(codebook, annotations: annotations), annotator: annotator)
    let (spans, refused) = importer.read(format, paths: sources)
    if !refused.isEmpty {
      for problem in refused { Terminal.writeError(errors.render(error: problem.message)) }
      Terminal.writeError("nothing imported: \(plural(refused.count, "problem"))\n")
      throw ExitCode(1)
    }
    do {
      let summary = try importer.apply(spans, folder: annotations, liveStore: nil, now: Session.utcNow())
      Terminal.write("imported \(plural(summary.spans, "span")) into \(plural(summary.documents, "sidecar"))\n")
    } catch {
      Terminal.writeError(errors.render(error: error.message))
      throw ExitCode(1)
    }
  }
}
