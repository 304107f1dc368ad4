import AnnotateCore
import ArgumentParser

/// The options every subcommand that reads annotations shares: where the
/// sidecars are, the codebook, and the documents.
struct WorkspaceOptions: ParsableArguments {
  @Option(help: "Folder of annotation sidecars.")
  var annotations: String = "Annotations"

  @Option(help: "Codebook file (default: codebook.json beside the annotations folder, else claim/opinion/source).")
  var codebook: String?

  /// Opens the documents (default ./seeds) into a workspace; problems with
  /// them are warnings on stderr.
  func open(_ paths: [String], annotator: String = "anonymous") throws -> Workspace {
    let workspace = Workspace(
      folder: annotations, annotator: annotator, codebook: try loadCodebook(codebook, annotations: annotations))
    let renderer = Renderer(color: false)
    for problem in workspace.open(paths.isEmpty ? ["seeds"] : paths).problems {
      Terminal.writeError(renderer.render(warning: problem.message))
    }
    return workspace
  }
}
