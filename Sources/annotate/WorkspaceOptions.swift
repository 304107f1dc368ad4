import AnnotateCore
import ArgumentParser

/// The options every subcommand that reads annotations shares: where the
/// sidecars are, the codebook, and the documents.
struct WorkspaceOptions: ParsableArguments {
  @Option(
    help:
      "Folder of annotation sidecars (default: the nearest Annotations folder at or above the documents, else ./Annotations)."
  )
  var annotations: String?

  @Option(help: "Codebook file (default: codebook.json beside the annotations folder, else claim/opinion/source).")
  var codebook: String?

  @Option(
    help: ArgumentHelp(
      "Segment every document as this language (default: languages.json beside the annotations folder, else detected).",
      valueName: "code"),
    completion: .list(Language.supported.map(\.code)))
  var lang: String?

  /// `--lang` checked: a language annotate has rules for.
  func languageOverride() throws -> Language? { try lang.map(parseLanguage) }

  /// Gives a workspace its languages: the languages file, then `--lang` over it.
  func configureLanguages(_ workspace: Workspace) throws {
    do {
      try workspace.loadLanguageSettings()
    } catch {
      throw ValidationError(error.message)
    }
    workspace.languageOverride = try languageOverride()
  }

  /// Opens the documents (default ./seeds) into a workspace; problems with
  /// them are warnings on stderr.
  func open(_ paths: [String], annotator: String = "anonymous") throws -> Workspace {
    let paths = paths.isEmpty ? ["seeds"] : paths
    let folder = annotationsFolder(for: paths)
    let workspace = Workspace(
      folder: folder, annotator: annotator, codebook: try loadCodebook(codebook, annotations: folder))
    try configureLanguages(workspace)
    let renderer = Renderer(color: false)
    for problem in workspace.open(paths).problems {
      Terminal.writeError(renderer.render(warning: problem.message))
    }
    return workspace
  }

  /// The annotations folder: as named, or the project's the paths are in.
  func annotationsFolder(for paths: [String]) -> String {
    annotations ?? Project.discover(from: paths).annotations
  }
}

/// Annotators with sidecars in the annotations folder a command line names
/// (`--annotations DIR`), else the one found from here: for completion.
@Sendable func annotatorNames(_ words: [String]) -> [String] {
  var folder: String?
  if let i = words.firstIndex(of: "--annotations"), i + 1 < words.count { folder = words[i + 1] }
  return Project.annotatorNames(in: folder ?? Project.discover(from: ["."]).annotations)
}

/// A `--lang` value: a language annotate has rules for.
func parseLanguage(_ code: String) throws -> Language {
  guard let language = Language(code) else {
    throw ValidationError(
      "'\(code)' is not a language annotate segments — valid: " + Language.supported.map(\.code).joined(separator: ", ")
    )
  }
  return language
}
