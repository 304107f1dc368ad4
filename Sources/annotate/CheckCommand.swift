import AnnotateCore
import ArgumentParser

/// `annotate check`: validate every sidecar against its document.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Validate every sidecar in the annotations folder against its document.",
    discussion: "Exits 1 if any sidecar is damaged, belongs to no open document, or does not match its text."
  )

  @OptionGroup var workspace: WorkspaceOptions

  @Argument(help: "The documents the sidecars annotate (files or folders; default ./seeds).")
  var paths: [String] = []

  func run() throws {
    let workspace = try self.workspace.open(paths)
    let renderer = Renderer(color: false)
    let bar = progressBar("sidecars")
    let (checked, problems) = SidecarCheck.run(
      folder: workspace.folder, corpus: workspace.corpus, codebook: workspace.codebook, progress: bar?.update)
    bar?.finish()
    for problem in problems { Terminal.writeError(renderer.render(error: problem.message)) }
    Terminal.write(
      CheckProblem.summary(checked: checked, documents: workspace.corpus.count, problems: problems.count) + "\n")
    Terminal.flush()
    if !problems.isEmpty { throw ExitCode(1) }
  }
}
