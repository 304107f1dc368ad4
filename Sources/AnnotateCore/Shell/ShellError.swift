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
  case unknownTag(String, valid: [String], suggestion: String?)
  case ambiguousTag(String, candidates: [String])
  case unknownSpan(Int, valid: [Int])
  case noSelection
  case quoteEmpty
  /// The quote, the unit number, and the unit's text (shown so the user can copy from it).
  case quoteNotFound(String, unit: Int, text: String)
  case quoteAmbiguous(String, unit: Int, count: Int)
  case occurrenceOutOfRange(Int, count: Int)
  case positionsOutOfRange(start: Int, end: Int, length: Int, unit: Int)
  /// The annotations of this document cannot be changed, and why.
  case readOnly(document: String, reason: String)
  /// The change is kept in memory but could not be written.
  case notSaved(WriteError)
  case nothingToUndo
  /// An answer to adjudicate before a disagreement was shown.
  case noOpenDisagreement
  case nothingToRedo
  case orphan(Int)
  case badPattern(String, reason: String)
  case exportFailed(WriteError)
  /// Every problem found in the import files; nothing was imported.
  case importRefused([String])
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
    case .unknownTag(let tag, let valid, let suggestion):
      let hint = suggestion.map { " — did you mean '\($0)'?" } ?? ""
      return "unknown tag '\(tag)'\(hint) (valid: \(valid.joined(separator: ", ")); codebook shows them)"
    case .ambiguousTag(let tag, let candidates):
      return "tag '\(tag)' is ambiguous — it could be \(candidates.map { "'\($0)'" }.joined(separator: ", "))"
    case .unknownSpan(let id, let valid):
      if valid.isEmpty { return "there is no span #\(id) — this document has no spans yet" }
      return "there is no span #\(id) — valid: \(Self.describe(ids: valid)) (spans lists them)"
    case .noSelection:
      return "nothing is selected — give a target: a sentence N, a range N-M or a span #ID (or highlight first)"
    case .quoteEmpty:
      return "the quote is empty — put the words to highlight in quotes, e.g. hl 3 \"rightly felt\""
    case .quoteNotFound(let quote, let unit, let text):
      return "\"\(quote)\" is not in sentence \(unit): \(Self.elide(text, to: 160))"
    case .quoteAmbiguous(let quote, let unit, let count):
      return "\"\(quote)\" occurs \(count) times in sentence \(unit) — say which: hl \(unit) \"\(quote)\" 1…\(count)"
    case .occurrenceOutOfRange(let n, let count):
      return "there is no occurrence \(n) — valid: 1-\(count)"
    case .positionsOutOfRange(let start, let end, let length, let unit):
      return "\(start):\(end) is not inside sentence \(unit) — valid positions: 0 to \(length), start before end"
    case .readOnly(let document, let reason):
      return "\(document) is read-only here: \(reason)"
    case .notSaved(let error):
      return "not saved — \(error.message); the change is kept in memory, save retries"
    case .nothingToUndo: return "nothing to undo"
    case .noOpenDisagreement:
      return "no disagreement is open — type adjudicate to see the next one, then answer with its numbers"
    case .nothingToRedo: return "nothing to redo"
    case .orphan(let id):
      return
        "span #\(id) is an orphan (its text is gone from the document) — reattach #\(id) N \"quote\" or delete #\(id)"
    case .importRefused(let problems):
      let shown = problems.prefix(50).joined(separator: "\n")
      let more = problems.count > 50 ? "\n… and \(problems.count - 50) more" : ""
      return "nothing imported: \(plural(problems.count, "problem")) —\n" + shown + more
    case .exportFailed(let error):
      return "export failed — \(error.message)"
    case .badPattern(let pattern, let reason):
      return "/\(pattern)/ is not a valid regular expression: \(reason)"
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
    case .tooLarge(let path, let bytes):
      return
        "\(path): \(bytes >> 20) MiB is more than annotate opens as one document (\(Corpus.maximumDocumentBytes >> 20) MiB) — split it into articles"
    }
  }
}

extension ShellError {
  /// `#1-#5, #9` style list of ids.
  static func describe(ids: [Int]) -> String {
    let sorted = ids.sorted()
    var parts: [String] = []
    var i = 0
    while i < sorted.count {
      var j = i
      while j + 1 < sorted.count && sorted[j + 1] == sorted[j] + 1 { j += 1 }
      parts.append(i == j ? "#\(sorted[i])" : "#\(sorted[i])-#\(sorted[j])")
      i = j + 1
      if parts.count == 6 && i < sorted.count {
        parts.append("…")
        break
      }
    }
    return parts.joined(separator: ", ")
  }

  /// Shortens text in the middle: "The first words … the last words".
  static func elide(_ text: String, to limit: Int) -> String {
    guard text.count > limit else { return text }
    let half = (limit - 3) / 2
    return String(text.prefix(half)) + " … " + String(text.suffix(half))
  }
}
