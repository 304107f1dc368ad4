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
  /// How many sentences `find` lists before counting the rest (a screenful on a terminal).
  public var findLimit = 200
  /// Long output goes through `$PAGER` on a terminal (`pager off` turns it off).
  public var pager = true
  /// The user's state folder (history, where each annotator stopped); nil: none kept.
  public var stateFolder: String?

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

/// The state of one annotate shell — the current document, where reading
/// stopped, the selection — and the command table. Commands parse their
/// words, call the workspace, the editor or the adjudicator, and describe
/// what they returned; the session never prints.
public final class Session {
  /// The documents, the annotations folder, the codebook and the stores.
  public let workspace: Workspace
  /// Every change to annotations goes through it; it keeps the undo history.
  public let editor: Editor
  public private(set) lazy var adjudicator = Adjudicator(editor: editor)
  public var options: SessionOptions
  /// Index into the corpus's documents of the document commands work on.
  public internal(set) var currentIndex: Int?
  /// Per document index: the last unit `show` printed (0 before the first).
  var readTo: [Int: Int] = [:]
  /// What a bare `tag`, `untag` or `note` acts on, in one document: the
  /// one sentence on screen, or a span the user chose (`hl`, `tag #ID`,
  /// `select`). Navigation moves it; nil means there is no target.
  var focus: (document: Int, target: Focus)?
  /// What the shell remembers of each change, by its history serial.
  var changeNotes: [Int: ChangeNote] = [:]
  public private(set) var commands = CommandTable([])
  /// Makes a progress bar for long work (export, import, `agree
  /// --bootstrap`) naming what it counts: set by the executable when
  /// standard error is a terminal and a person is at it; nil in scripts.
  public var makeProgress: ((String) -> ProgressBar?)?
  /// Runs the coding mode on a terminal (set by the executable when there is
  /// one): what `code` does; nil in scripts.
  public var startCoding: ((Session) throws(ShellError) -> CommandOutput)?

  /// What a bare command acts on.
  enum Focus: Equatable {
    /// A unit (sentence) by number.
    case unit(Int)
    /// A span by id.
    case span(Int)
  }

  /// The words that made a change, and the focus around it, so undo and
  /// redo can say what they did and put the focus back.
  struct ChangeNote {
    var words: String
    var focusBefore: Focus?
    var focusAfter: Focus?
  }

  public init(options: SessionOptions = SessionOptions(), codebook: Codebook = .standard) {
    self.options = options
    self.workspace = Workspace(folder: options.annotationsPath, annotator: options.annotator, codebook: codebook)
    self.editor = Editor(workspace: workspace)
    self.commands = CommandTable(Self.standardCommands)
  }

  public var corpus: Corpus { workspace.corpus }
  /// This session's annotator's store.
  public var store: AnnotationStore { workspace.own }
  /// The time stamp of new and changed annotations.
  public var clock: () -> String {
    get { editor.clock }
    set { editor.clock = newValue }
  }

  public var currentDocument: Document? { currentIndex.map { corpus.documents[$0] } }

  /// Opens paths; the first document opened becomes current if none is.
  @discardableResult
  public func open(_ paths: [String]) -> (opened: [Document], problems: [OpenProblem]) {
    let bar = makeProgress?("files read")
    let result = workspace.open(paths, progress: bar?.update)
    bar?.finish()
    if currentIndex == nil, let first = result.opened.first {
      currentIndex = corpus.index(ofID: first.id)
    }
    // The sidecars are looked at before the next command that reads them.
    if !result.opened.isEmpty { sidecarsLookedAt = false }
    return result
  }

  /// Whether the sidecars of the open documents were looked at since the
  /// last `open`: annotations under an old id (moved files).
  private var sidecarsLookedAt = true

  /// Looks at the open documents' sidecars now (once after each `open`):
  /// annotations left under a moved file's old id become notices. Commands
  /// that read annotations do it first; a `find` does not wait for it.
  public func lookAtSidecars() {
    guard !sidecarsLookedAt else { return }
    sidecarsLookedAt = true
    for moved in workspace.movedAnnotations() {
      workspace.notice(.annotationsElsewhere(document: moved.document, from: moved.from))
    }
  }

  /// The current document, or the error a command should give without one.
  func requireDocument() throws(ShellError) -> (index: Int, document: Document) {
    guard let index = currentIndex else { throw .noDocument }
    return (index, corpus.documents[index])
  }

  /// Units of the session's kind in a document.
  public func units(of document: Document) -> [TextRange] { document.units(options.unitKind) }

  /// This session's annotator's annotations of a document.
  func annotations(_ index: Int) -> DocumentAnnotations {
    workspace.annotations(of: corpus.documents[index])
  }

  // MARK: Running commands

  /// Run once, after the first command that reads annotations and before
  /// its output is given back (a script warns there of tags the codebook
  /// lacks: a census of every sidecar, which takes what that command
  /// decoded rather than reading it again, and which a `find` over a large
  /// corpus does not wait for).
  public var afterFirstAnnotationCommand: ((Session) -> Void)?

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
      if !command.textOnly { lookAtSidecars() }
      let focusBefore = focus.flatMap { $0.document == currentIndex ? $0.target : nil }
      let lastSerial = editor.history.undoable.last?.serial ?? 0
      let outcome: Outcome
      do {
        outcome = .output(try command.run(self, Array(words.dropFirst())))
      } catch {
        outcome = .failure(error)
      }
      if !command.textOnly, let hook = afterFirstAnnotationCommand {
        afterFirstAnnotationCommand = nil
        hook(self)
      }
      workspace.keepHashes()
      // Changes this command made: remembered for undo and redo.
      for entry in editor.history.undoable.reversed() where entry.serial > lastSerial {
        let index = corpus.index(ofID: entry.documentID)
        changeNotes[entry.serial] = ChangeNote(
          words: ([command.name] + words.dropFirst()).map(displayWord).joined(separator: " "),
          focusBefore: focusBefore,
          focusAfter: focus.flatMap { $0.document == index ? $0.target : nil })
      }
      // Notices go before what the command printed; after a failure they
      // wait for whoever shows output next (see ``noticeLines()``).
      guard case .output(var output) = outcome else { return outcome }
      output.lines.insert(contentsOf: noticeLines(), at: 0)
      return .output(output)
    case .ambiguous(let candidates):
      return .failure(.ambiguousCommand(name, candidates: candidates))
    case .unknown(let suggestion):
      return .failure(.unknownCommand(name, suggestion: suggestion))
    }
  }

  /// What reading and writing sidecars found and nobody showed yet, as "note:" lines.
  public func noticeLines() -> [OutputLine] {
    workspace.takeNotices().map {
      OutputLine([TextRun("note: ", .warning), TextRun($0.message, .quoted)], wrapIndent: 2)
    }
  }

  /// Ends the session: folds journals into sidecars and releases locks.
  public func close() -> [WriteError] { workspace.close() }

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
  public func prompt(color: Bool, width: Int = 80) -> String {
    func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    guard let index = currentIndex else { return paint("annotate", "1") + "> " }
    let document = corpus.documents[index]
    let total = units(of: document).count
    // Cut in the middle, so names that differ at the end (article_001 …
    // article_100) stay apart; a third of the terminal at most.
    let label = TerminalSafe.escape(elidingMiddle(document.id, to: max(14, width / 3), tight: true))
    var position = "\(readTo[index] ?? 0)/\(total)"
    switch focusTarget(in: index) {
    case .unit(let n)?: position += " \(options.unitKind.rawValue.prefix(1))\(n)"
    case .span(let id)?: position += " #\(id)"
    case nil: break
    }
    return paint("annotate", "1") + " [" + paint(label, "36") + " " + paint(position, "2") + "]> "
  }
}
