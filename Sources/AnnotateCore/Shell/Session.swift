/// Settings a session starts with.
public struct SessionOptions: Sendable {
  /// Whose annotations the session edits.
  public var annotator: String
  /// The folder of JSON sidecars.
  public var annotationsPath: String
  /// What numbered units are.
  public var unitKind: UnitKind
  /// How many units `show` prints before paging.
  public var pageSize: Int

  public init(
    annotator: String = "anonymous", annotationsPath: String = "Annotations",
    unitKind: UnitKind = .sentence, pageSize: Int = 20
  ) {
    self.annotator = annotator
    self.annotationsPath = annotationsPath
    self.unitKind = unitKind
    self.pageSize = pageSize
  }
}

/// What running one command gave.
public enum Outcome: Equatable, Sendable {
  case output(CommandOutput)
  case failure(ShellError)
}

/// The state of one annotate shell: open documents, the current one, where
/// reading stopped. Commands read and change it; it never prints.
public final class Session {
  public internal(set) var corpus = Corpus()
  /// Index into `corpus.documents` of the document commands work on.
  public internal(set) var currentIndex: Int?
  public var options: SessionOptions
  /// Per document index: the last unit `show` printed (0 before the first).
  var readTo: [Int: Int] = [:]
  public private(set) var commands = CommandTable([])
  /// This annotator's sidecars.
  public let store: AnnotationStore
  /// The span the last highlight or tag made or touched.
  var selection: (document: Int, id: Int)?
  var selectionBeforeChange: Int?
  var undoStack: [Change] = []
  var redoStack: [Change] = []
  /// Messages to show with the next command's output (re-anchoring, damage).
  var notices: [String] = []
  /// The time stamps of new and changed annotations.
  public var clock: () -> String = Session.utcNow
  /// Adjudication: the store of the gold sidecars (the session's own when it
  /// edits gold), the question last shown, and those skipped for now.
  var goldStoreCache: AnnotationStore?
  var openDisagreement: String?
  var skippedDisagreements: Set<String> = []
  /// Long commands (export) report (done, total) here; the executable draws a bar.
  public var progress: ((Int, Int) -> Void)?

  public init(options: SessionOptions = SessionOptions(), codebook: Codebook = .standard) {
    self.options = options
    self.store = AnnotationStore(folder: options.annotationsPath, annotator: options.annotator, codebook: codebook)
    self.commands = CommandTable(Self.standardCommands)
  }

  public var currentDocument: Document? { currentIndex.map { corpus.documents[$0] } }

  /// Opens paths; the first document opened becomes current if none is.
  @discardableResult
  public func open(_ paths: [String]) -> (opened: [Document], problems: [OpenProblem]) {
    let result = corpus.open(paths)
    if currentIndex == nil, let first = result.opened.first {
      currentIndex = corpus.index(ofID: first.id)
    }
    return result
  }

  /// The current document, or the error a command should give without one.
  func requireDocument() throws(ShellError) -> (index: Int, document: Document) {
    guard let index = currentIndex else { throw .noDocument }
    return (index, corpus.documents[index])
  }

  /// Units of the session's kind in a document.
  public func units(of document: Document) -> [TextRange] { document.units(options.unitKind) }

  // MARK: Running commands

  /// Runs every command on a line (`;` separates commands).
  public func execute(_ line: String) -> [Outcome] {
    let commandWords: [[String]]
    do {
      commandWords = try Tokenizer.commands(line)
    } catch {
      return [.failure(.badQuote(error))]
    }
    var outcomes: [Outcome] = []
    for words in commandWords {
      let outcome = run(words)
      outcomes.append(outcome)
      if case .output(let output) = outcome, output.quit { break }
    }
    return outcomes
  }

  /// Runs one command given as words.
  public func run(_ words: [String]) -> Outcome {
    guard let name = words.first else { return .output(CommandOutput()) }
    switch commands.resolve(name) {
    case .found(let command):
      selectionBeforeChange = selection.flatMap { $0.document == currentIndex ? $0.id : nil }
      do {
        var output = try command.run(self, Array(words.dropFirst()))
        if !notices.isEmpty {
          output.lines.insert(
            contentsOf: notices.map { OutputLine([Span("note: ", .warning), Span($0, .quoted)]) }, at: 0)
          notices.removeAll()
        }
        return .output(output)
      } catch {
        return .failure(error)
      }
    case .ambiguous(let candidates):
      return .failure(.ambiguousCommand(name, candidates: candidates))
    case .unknown(let suggestion):
      return .failure(.unknownCommand(name, suggestion: suggestion))
    }
  }

  // MARK: Completion

  /// Completions for the text before the cursor: how many characters they
  /// replace, and the candidates, quoted for the command line.
  public func complete(_ before: String) -> (replacing: Int, candidates: [String]) {
    let (words, current, start) = Tokenizer.partial(before)
    let replacing = before.count - start
    let candidates: [String]
    if words.isEmpty {
      candidates = commands.names.filter { $0.hasPrefix(current.lowercased()) }.sorted()
    } else if case .found(let command) = commands.resolve(words[0]) {
      let context = CompletionContext(arguments: Array(words.dropFirst()), partial: current)
      candidates = command.complete(self, context).filter { $0.hasPrefix(current) }
    } else {
      candidates = []
    }
    return (
      replacing,
      candidates.map { $0.hasSuffix("/") ? Tokenizer.quote(String($0.dropLast())) + "/" : Tokenizer.quote($0) }
    )
  }

  // MARK: Prompt

  /// `annotate [000_9c83… 3/19]> `, coloured when asked.
  public func prompt(color: Bool) -> String {
    func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    guard let index = currentIndex else { return paint("annotate", "1") + "> " }
    let document = corpus.documents[index]
    let total = units(of: document).count
    let label = TerminalSafe.escape(Self.elide(document.id, to: 14))
    let position = "\(readTo[index] ?? 0)/\(total)"
    return paint("annotate", "1") + " [" + paint(label, "36") + " " + paint(position, "2") + "]> "
  }

  /// Shortens a name to `limit` characters with a trailing ellipsis.
  static func elide(_ name: String, to limit: Int) -> String {
    name.count <= limit ? name : String(name.prefix(limit - 1)) + "…"
  }
}
