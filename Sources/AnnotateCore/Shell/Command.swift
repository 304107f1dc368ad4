/// Where a completer is asked to complete.
public struct CompletionContext {
  /// The finished arguments before the word being completed.
  public var arguments: [String]
  /// The unfinished word (unquoted).
  public var partial: String
}

/// One command of the shell: everything dispatch, `help` and completion need.
public struct Command {
  public var name: String
  public var aliases: [String] = []
  /// `show [N | N-M | all]`
  public var usage: String
  /// One line for the `help` list.
  public var summary: String
  /// Longer help, with an example.
  public var help: String
  /// Candidates for the word being completed (unquoted, full words).
  public var complete: (Session, CompletionContext) -> [String] = { _, _ in [] }
  /// Whether the command reads only the documents' text, never anyone's
  /// annotations (`find`, `help`): the session's first look at the
  /// sidecars (see ``Session/afterFirstAnnotationCommand``) can wait for another.
  public var textOnly = false
  /// Runs the command on its arguments (the command name not included).
  public var run: (Session, [String]) throws(ShellError) -> CommandOutput

  func usageError(_ problem: String) -> ShellError {
    .usage(command: name, problem: problem, usage: usage)
  }

  /// An agreement request refused, worded as this command's usage error
  /// (an unknown tag keeps its own words).
  func failure(_ error: AgreementError) -> ShellError {
    if case .tag(let lookup) = error { return .tag(lookup) }
    return usageError(error.message)
  }
}

/// The one table that drives dispatch, help, completion and suggestions.
public struct CommandTable {
  public private(set) var commands: [Command]

  public init(_ commands: [Command]) {
    self.commands = commands
  }

  public enum Resolution {
    case found(Command)
    case ambiguous([String])
    case unknown(suggestion: String?)
  }

  /// Exact name, then alias, then a unique prefix of the names.
  public func resolve(_ word: String) -> Resolution {
    let key = word.lowercased()
    if let command = commands.first(where: { $0.name == key }) { return .found(command) }
    if let command = commands.first(where: { $0.aliases.contains(key) }) { return .found(command) }
    let matches = commands.filter { $0.name.hasPrefix(key) }
    if matches.count == 1 { return .found(matches[0]) }
    if matches.count > 1 { return .ambiguous(matches.map(\.name)) }
    return .unknown(suggestion: closest(to: key, in: commands.map(\.name)))
  }

  public var names: [String] { commands.map(\.name) }
}
