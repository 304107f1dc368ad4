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

  @OptionGroup var language: LanguageOption

  /// Gives a workspace its languages: the languages file, then `--lang` over it.
  func configureLanguages(_ workspace: Workspace) throws {
    try loadLanguages(workspace)
    workspace.languageOverride = language.chosen
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

/// `--lang CODE`, for the shell, the subcommands that read annotations, and `segment`.
struct LanguageOption: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Segment every document as this language (default: languages.json beside the annotations folder, else detected).",
      valueName: "code"),
    completion: .list(Language.supported.map(\.code)))
  var lang: String?

  /// It must name a language annotate has rules for: one line listing them when not.
  func validate() throws {
    guard let lang, Language(lang) == nil else { return }
    throw ValidationError(
      "'\(lang)' is not a language annotate segments — valid: " + Language.supported.map(\.code).joined(separator: ", ")
    )
  }

  var chosen: Language? { lang.flatMap { Language($0) } }
}

/// Reads the languages file beside the workspace's annotations folder; a
/// broken one is one line naming file and problem, and exit status 2 (as a
/// broken codebook is).
func loadLanguages(_ workspace: Workspace) throws {
  do {
    try workspace.loadLanguageSettings()
  } catch {
    Terminal.writeError(Renderer().render(error: "invalid languages file: \(error.message)"))
    throw ExitCode(2)
  }
}
