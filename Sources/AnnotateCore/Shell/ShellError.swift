/// Everything a command can refuse, as data; ``message`` (Messages.swift)
/// turns it into one line. Errors of the layers below are carried as they are.
public enum ShellError: Error, Equatable, Sendable {
  case unknownCommand(String, suggestion: String?)
  case ambiguousCommand(String, candidates: [String])
  case badQuote(TokenizeError)
  /// Wrong arguments: what was wrong and the command's usage.
  case usage(command: String, problem: String, usage: String)
  case noDocument
  case unitOutOfRange(Int, count: Int, kind: UnitKind)
  case unknownDocument(String, suggestion: String?, count: Int)
  case open([OpenProblem])
  case unknownHelpTopic(String, suggestion: String?)
  case tag(TagLookupError)
  case noSelection
  case quote(QuoteError)
  case edit(EditError)
  case adjudication(Adjudicator.Failure)
  /// A `find /…/` pattern PCRE2 did not compile.
  case badPattern(String, RegexPattern.CompileError)
  /// A `find /…/` that gave up on a document (backtracking or stack limit).
  case searchStopped(SearchError)
  case exportFailed(WriteError)
  /// An export refused or failed.
  case export(ExportError)
  /// Every problem found in the import files; nothing was imported.
  case importRefused([ImportProblem])
  case assignments(AssignmentError)
  case languages(LanguageSettingsError)
  /// A command that needs a terminal, run from a script or a pipe.
  case needsTerminal(String)
  /// `doc next` at the last document, `doc prev` at the first.
  case noDocumentThere(String, count: Int)
}
