import AnnotateCore
import ArgumentParser

/// `annotate check`: validate every sidecar against its document.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Validate every sidecar in the annotations folder against its document.",
    discussion: "Exits 1 if any sidecar is damaged, belongs to no open document, or does not match its text."
  )

  @Option(help: "Folder of annotation sidecars.")
  var annotations: String = "Annotations"

  @Argument(help: "The documents the sidecars annotate (files or folders; default ./seeds).")
  var paths: [String] = []

  func run() throws {
    var corpus = Corpus()
    let (_, openProblems) = corpus.open(paths.isEmpty ? ["seeds"] : paths)
    let renderer = Renderer(color: false)
    for problem in openProblems { Terminal.writeError(renderer.render(warning: problem.message)) }
    let (checked, problems) = SidecarCheck.run(folder: annotations, corpus: corpus)
    for problem in problems { Terminal.writeError(renderer.render(error: problem.message)) }
    Terminal.write(
      "checked \(plural(checked, "sidecar")) against \(plural(corpus.count, "document")): \(problems.isEmpty ? "all good" : plural(problems.count, "problem"))\n"
    )
    Terminal.flush()
    if !problems.isEmpty { throw ExitCode(1) }
  }
}
