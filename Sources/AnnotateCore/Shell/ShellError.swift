/// Everything a command can refuse, as data; ``message`` turns it into one line.
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
}

extension ShellError {
  /// One line saying what is wrong and what is valid.
  public var message: String {
    switch self {
    case .unknownCommand(let name, let suggestion):
      if let suggestion { return "unknown command '\(name)' — did you mean '\(suggestion)'? (help lists commands)" }
      return "unknown command '\(name)' — type help for the list of commands"
    case .ambiguousCommand(let name, let candidates):
      return "'\(name)' is ambiguous — it could be \(candidates.map { "'\($0)'" }.joined(separator: ", "))"
    case .badQuote(.unterminatedQuote(let quote)):
      return "unterminated quote — add the closing \(quote)"
    case .usage(let command, let problem, let usage):
      return "\(command): \(problem) — usage: \(usage)"
    case .noDocument:
      return "no document is open — open PATH opens files or folders of .txt/.md files"
    case .unitOutOfRange(let n, let count, let kind):
      if count == 0 { return "this document has no \(kind.rawValue)s" }
      return "there is no \(kind.rawValue) \(n) — valid: 1-\(count)"
    case .unknownDocument(let name, let suggestion, let count):
      let valid = count == 0 ? "no documents are open" : "valid: 1-\(count) or a document id (docs lists them)"
      if let suggestion { return "no document '\(name)' — did you mean '\(suggestion)'? (\(valid))" }
      return "no document '\(name)' — \(valid)"
    case .open(let problems):
      return problems.map(\.message).joined(separator: "\n")
    case .unknownHelpTopic(let topic, let suggestion):
      if let suggestion { return "no command '\(topic)' — did you mean '\(suggestion)'?" }
      return "no command '\(topic)' — help lists the commands"
    }
  }
}

extension OpenProblem {
  /// One line naming the file and what is wrong with it.
  public var message: String {
    switch self {
    case .notFound(let path): return "\(path): no such file or folder"
    case .unreadable(let path, let reason): return "\(path): cannot be read (\(reason))"
    case .invalidUTF8(let path, let offset):
      return "\(path): not valid UTF-8 at byte \(offset) — convert it, e.g. iconv -f latin1 -t utf-8"
    case .binary(let path, let offset): return "\(path): binary content (NUL byte at byte \(offset)), not text"
    case .noTextFiles(let folder): return "\(folder): no .txt or .md files in this folder"
    case .notText(let path): return "\(path): not a regular file"
    case .duplicate(let id, let path): return "\(path): a document with id '\(id)' is open already"
    }
  }
}
