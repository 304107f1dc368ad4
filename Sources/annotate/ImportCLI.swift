import AnnotateCore
import ArgumentParser

/// `annotate import`: other tools' annotations into sidecars, all or nothing.
struct ImportCLI: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", ")) annotations into sidecars.",
    discussion: """
      Offsets are checked against the documents first; any problem means nothing is imported. Each record's own \
      annotator is kept (doccano, Prodigy, Label Studio, W3C, CSV, a brat annotator folder); --annotator names \
      the annotator of files that name none, or renames the one they name.
      """
  )

  @Option(
    help: "\(ImportFormat.allCases.map(\.rawValue).joined(separator: ", ")).",
    completion: .list(ImportFormat.allCases.map(\.rawValue)))
  var format: String

  @Option(
    help: "Whose sidecars receive them (default: each record's own annotator).",
    completion: .custom { words, _, _ in annotatorNames(words) })
  var annotator: String?

  @Option(
    help:
      "doccano, labelstudio: the unit of the file's offsets, codepoint, utf16 or grapheme (default: the tool's own).")
  var offsets: String?

  @Option(name: .customLong("base-iri"), help: "w3c: the IRI the documents were exported under.")
  var baseIRI: String?

  @Flag(name: .customLong("add-tags"), help: "Add labels the codebook lacks to the codebook file.")
  var addTags = false

  @OptionGroup var workspace: WorkspaceOptions

  @Option(name: .customLong("docs"), help: "The documents annotated (files or folders; repeatable; default ./seeds).")
  var documents: [String] = []

  @Argument(help: "Files (or brat and TSV folders) to import.")
  var sources: [String]

  func run() throws {
    let errors = Renderer(color: Terminal.stderrIsTerminal)
    func refuse(_ message: String) -> ExitCode {
      Terminal.writeError(errors.render(error: message))
      return ExitCode(2)
    }
    guard let format = ImportFormat(name: format) else {
      throw refuse(
        "'\(format)' is not a format; valid: \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    if ImportFormat.isOldName(self.format) {
      Terminal.writeError("note: 'webanno' is now called 'w3c' (W3C Web Annotation)\n")
    }
    var options = ImportOptions(annotator: annotator, addTags: addTags)
    options.baseIRI = baseIRI
    if let offsets {
      guard let unit = OffsetUnit(rawValue: offsets) else {
        throw refuse("'\(offsets)' is not a unit: \(OffsetUnit.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      options.offsets = unit
    }
    if let problem = options.problem(for: format) { throw refuse(problem.message) }
    let workspace = try self.workspace.open(documents)
    let importer = Importer(workspace: workspace, options: options)
    let (spans, refused, findings) = importer.readAll(format, paths: sources)
    if !refused.isEmpty {
      for problem in refused { Terminal.writeError(errors.render(error: problem.message)) }
      Terminal.writeError("nothing imported: \(plural(refused.count, "problem"))\n")
      throw ExitCode(1)
    }
    let bar = progressBar("documents")
    do throws(EditError) {
      let summary = try importer.apply(spans, findings: findings, now: utcNow(), progress: bar?.update)
      bar?.finish()
      Terminal.write(summary.message + "\n")
    } catch {
      bar?.finish()
      Terminal.writeError(errors.render(error: error.message))
      throw ExitCode(1)
    }
    _ = workspace.close()
  }
}
