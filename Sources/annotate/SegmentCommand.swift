import AnnotateCore
import ArgumentParser

/// `annotate segment`: print documents' units, for researchers and for checking.
struct SegmentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "segment",
    abstract: "Print the numbered units of documents.",
    discussion: """
      text: a '# DOCUMENT' line per document, then 'N<TAB>text' per unit (line
      breaks inside a unit shown as spaces, control characters made visible).
      jsonl: one object per unit: document, n, start, end, text (code point offsets).
      """
  )

  @Option(help: "What a unit is: sentence, paragraph or line.")
  var units: UnitKind = .sentence

  @Option(help: "Output format: text or jsonl.")
  var format: UnitListing.Format = .text

  @OptionGroup var language: LanguageOption

  @Argument(help: "Files or folders of .txt/.md files.")
  var paths: [String]

  func validate() throws {
    if paths.isEmpty { throw ValidationError("name at least one file or folder") }
  }

  func run() throws {
    let workspace = Workspace(folder: Project.discover(from: paths).annotations, annotator: "anonymous")
    try loadLanguages(workspace)
    workspace.languageOverride = language.chosen
    let (documents, problems) = workspace.open(paths)
    let out = try OutputSink(path: "-")
    try UnitListing.write(
      documents, kind: units, format: format, terminalSafe: Terminal.stdoutIsTerminal, to: out)
    let renderer = Renderer(color: false)
    for problem in problems { Terminal.writeError(renderer.render(error: problem.message)) }
    if !problems.isEmpty { throw ExitCode(1) }
  }
}

extension UnitKind: ExpressibleByArgument {}
extension UnitListing.Format: ExpressibleByArgument {}
