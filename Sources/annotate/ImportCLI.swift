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

  @OptionGroup var workspace: WorkspaceOptions

  @Option(name: .customLong("docs"), help: "The documents annotated (files or folders; repeatable; default ./seeds).")
  var documents: [String] = []

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
    if let annotator, !isValidAnnotatorName(annotator) {
      Terminal.writeError(errors.render(error: ImportProblem.Issue.invalidAnnotatorName(annotator).message))
      throw ExitCode(2)
    }
    let workspace = try self.workspace.open(documents)
    let importer = Importer(workspace: workspace, annotator: annotator)
    let (spans, refused) = importer.read(format, paths: sources)
    if !refused.isEmpty {
      for problem in refused { Terminal.writeError(errors.render(error: problem.message)) }
      Terminal.writeError("nothing imported: \(plural(refused.count, "problem"))\n")
      throw ExitCode(1)
    }
    do throws(EditError) {
      let summary = try importer.apply(spans, now: utcNow())
      Terminal.write(summary.message + "\n")
    } catch {
      Terminal.writeError(errors.render(error: error.message))
      throw ExitCode(1)
    }
    _ = workspace.close()
  }
}
