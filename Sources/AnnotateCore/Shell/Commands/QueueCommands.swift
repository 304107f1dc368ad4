/// Working through a corpus: the next uncoded sentence across documents,
/// moving between documents, progress per document, done, and sentences
/// with nothing to code.
extension Session {
  /// Your work queue: your assignment's documents when there is one, else every open document.
  func queue() throws(ShellError) -> WorkQueue {
    do throws(AssignmentError) {
      return try workspace.queue(kind: options.unitKind)
    } catch {
      throw .assignments(error)
    }
  }

  /// Where a bare `todo` starts from: the focused unit, else where reading stopped.
  func position(in index: Int) -> Int {
    if case .unit(let n)? = focusTarget(in: index) { return n }
    return readTo[index] ?? 0
  }

  /// Moves to a unit of a document, focused, as `todo` and the coding mode do.
  func go(to unit: Int, in index: Int) {
    currentIndex = index
    readTo[index] = unit
    setFocus(.unit(unit), in: index)
  }

  static var todoCommand: Command {
    Command(
      name: "todo", aliases: ["next"], usage: "todo",
      summary: "show the next sentence you have not coded, across documents",
      help: """
        Jumps from where you are to the next sentence that is not coded — no
        tagged span touches it and it is not marked nothing to code — in this
        document, then in the next documents of your queue (your assignment
        when there is one) that are not done, and shows it.
        Example: todo
        """,
      run: { session, args throws(ShellError) in
        try session.command("todo").expectAtMost(0, args)
        let (index, _) = try session.requireDocument()
        let queue = try session.queue()
        guard let (next, unit) = queue.next(after: session.position(in: index), in: index) else {
          let kind = session.options.unitKind.rawValue
          let scope = queue.assigned ? "your assignment" : "the open documents"
          return CommandOutput(
            "every \(kind) of \(scope) is coded (\(plural(queue.documents.count, "document"))) — export when you are ready",
            .dim)
        }
        session.go(to: unit, in: next)
        let document = session.corpus.documents[next]
        var output = session.render(units: unit...unit, of: document, units: session.units(of: document))
        if next != index {
          let place = queue.documents.firstIndex(of: next).map { " (\($0 + 1) of \(queue.documents.count))" } ?? ""
          output.lines.insert(
            OutputLine([TextRun("→ next document: ", .dim), TextRun(document.id, .quoted), TextRun(place, .dim)]), at: 0
          )
        }
        return output
      })
  }

  static var docsCommand: Command {
    Command(
      name: "docs", aliases: ["ls"], usage: "docs [PATTERN]",
      summary: "list the open documents with your coding progress",
      help: """
        One line per document: its number, id, sentences coded of all, its
        language (? when detection was unsure; see lang), and whether you
        marked it done (* marks the current one). With a pattern,
        only documents whose id contains it (or matches it, with * and ?).
        With assignments, documents that are not yours are marked ·.
        Example: docs 2019/
        """,
      run: { session, args throws(ShellError) in
        try session.command("docs").expectAtMost(1, args)
        guard !session.corpus.isEmpty else { throw .noDocument }
        session.corpus.segment(session.options.unitKind)
        let queue = try session.queue()
        let mine = Set(queue.documents)
        let documents = session.corpus.documents
        let shown = documents.indices.filter { i in args.first.map { matches(documents[i].id, $0) } ?? true }
        guard !shown.isEmpty else {
          return CommandOutput(
            "no open document matches '\(args[0])' (\(plural(documents.count, "document")) open)", .dim)
        }
        let numberWidth = String(documents.count).count
        let idWidth = min(60, shown.map { documents[$0].id.count }.max() ?? 0)
        // Each document's progress worked out once, for its line and for the total.
        let needed = Set(shown).union(queue.documents).sorted()
        let known = Dictionary(uniqueKeysWithValues: zip(needed, queue.progress(of: needed)))
        let totals = shown.map { known[$0]! }
        let countWidth = totals.map { "\($0.coded)/\($0.total)".count }.max() ?? 0
        var lines: [OutputLine] = []
        for (i, p) in zip(shown, totals) {
          let number = String(i + 1)
          let id = elidingMiddle(documents[i].id, to: idWidth, tight: true)
          let count = "\(p.coded)/\(p.total)"
          lines.append(
            OutputLine([
              TextRun(i == session.currentIndex ? "* " : queue.assigned && !mine.contains(i) ? "· " : "  ", .accent),
              TextRun(String(repeating: " ", count: numberWidth - number.count) + number, .number),
              TextRun("  "), TextRun(id, .quoted), TextRun(String(repeating: " ", count: max(0, idWidth - id.count))),
              TextRun("  " + String(repeating: " ", count: countWidth - count.count) + count + " coded", .dim),
              TextRun("  " + languageLabel(documents[i], padded: p.done), .dim),
              TextRun(p.done ? "  done" : "", .accent),
            ]))
        }
        let (coded, total) = WorkQueue.overall(queue.documents.map { known[$0]! })
        let percent = total == 0 ? 100 : coded * 100 / total
        lines.append(
          OutputLine(
            "\(queue.assigned ? "your assignment" : "all"): \(coded)/\(total) \(session.options.unitKind.rawValue)s coded (\(percent)%)",
            .dim))
        return CommandOutput(lines)
      })
  }

  static var docCommand: Command {
    Command(
      name: "doc", aliases: ["use"], usage: "doc [N | ID | next | prev | +N | -N]",
      summary: "show or change the current document",
      help: """
        Without an argument, names the current document. With a number from
        docs, a document id (or a unique prefix of one), next, prev, or +N/-N
        (documents after or before this one), makes it current.
        Example: doc next
        """,
      complete: { session, context in
        context.arguments.isEmpty ? ["next", "prev"] + session.corpus.documents.map(\.id) : []
      },
      run: { session, args throws(ShellError) in
        let command = session.command("doc")
        try command.expectAtMost(1, args)
        let kind = session.options.unitKind.rawValue
        guard let name = args.first else {
          let (index, document) = try session.requireDocument()
          let total = session.units(of: document).count
          return CommandOutput([
            OutputLine([
              TextRun("current: ", .dim), TextRun(document.id, .quoted),
              TextRun(
                " (\(index + 1) of \(session.corpus.count); \(plural(total, kind)), \(document.text.scalarCount) characters)",
                .dim),
            ])
          ])
        }
        let index: Int
        if let step = relativeStep(name) {
          let (current, _) = try session.requireDocument()
          index = current + step
          guard index >= 0 && index < session.corpus.count else {
            throw .noDocumentThere(name, count: session.corpus.count)
          }
        } else {
          index = try session.documentIndex(named: name)
        }
        session.focus = nil
        session.currentIndex = index
        let document = session.corpus.documents[index]
        let total = session.units(of: document).count
        return CommandOutput([
          OutputLine([
            TextRun("current: ", .dim), TextRun(document.id, .quoted),
            TextRun(" (\(index + 1) of \(session.corpus.count); \(plural(total, kind)))", .dim),
          ])
        ])
      })
  }

  static var doneCommand: Command {
    Command(
      name: "done", usage: "done [off]",
      summary: "mark the current document done (off: not done)",
      help: """
        Marks the current document as done with your coding: docs and
        annotators show it, and todo passes it by. Stored with your
        annotations; undo takes it back.
        Example: done
        """,
      complete: { _, context in context.arguments.isEmpty ? ["off"] : [] },
      run: { session, args throws(ShellError) in
        let command = session.command("done")
        try command.expectAtMost(1, args)
        if let word = args.first, word != "off" { throw command.usageError("'\(word)' is not off") }
        let (_, document) = try session.requireDocument()
        let on = args.isEmpty
        let edit = try session.edit { () throws(EditError) in try session.editor.markDone(on, in: document) }
        if edit.kind == .unchanged {
          return CommandOutput("\(document.id) is \(on ? "done" : "not done") already — nothing changed", .dim)
        }
        return CommandOutput([
          OutputLine([TextRun(on ? "done: " : "not done: "), TextRun(document.id, .quoted)])
        ])
      })
  }

  static var nothingCommand: Command {
    Command(
      name: "nothing", aliases: ["none"], usage: "nothing [N | N-M]",
      summary: "mark sentences as looked at, with nothing to code",
      help: """
        Marks sentences (the one in focus without a number) as coded with
        nothing in them, so todo and the progress counts pass them by. A
        sentence with a tagged span is coded already. undo takes it back.
        Example: nothing 4-6
        """,
      run: { session, args throws(ShellError) in
        let command = session.command("nothing")
        try command.expectAtMost(1, args)
        let (index, document) = try session.requireDocument()
        let units = session.units(of: document)
        let numbers: ClosedRange<Int>
        if let word = args.first {
          numbers = try parseUnitRange(word, count: units.count, kind: session.options.unitKind, command: command)
        } else if case .unit(let n)? = session.focusTarget(in: index) {
          numbers = n...n
        } else {
          throw .noSelection
        }
        let edit = try session.edit { () throws(EditError) in
          try session.editor.markNothingToCode(numbers, kind: session.options.unitKind, true, in: document)
        }
        let what = "\(session.options.unitKind.rawValue) \(numbers.numbersLabel)"
        if edit.kind == .unchanged { return CommandOutput("\(what) is marked already — nothing changed", .dim) }
        return CommandOutput("\(what): nothing to code", .dim)
      })
  }
}

/// `next` +1, `prev` -1, `+N`, `-N`; nil for anything else.
func relativeStep(_ word: String) -> Int? {
  switch word {
  case "next": return 1
  case "prev", "previous": return -1
  default:
    guard let sign = word.first, sign == "+" || sign == "-", let n = Int(word.dropFirst()), n > 0 else { return nil }
    return sign == "+" ? n : -n
  }
}

/// Whether a document id matches a `docs` pattern: a glob when it has * or
/// ?, else a substring, case-insensitively.
func matches(_ id: String, _ pattern: String) -> Bool {
  let id = Array(id.lowercased())
  let pattern = Array(pattern.lowercased())
  guard pattern.contains("*") || pattern.contains("?") else {
    return String(id).contains(String(pattern))
  }
  // Glob over the whole id: * any run, ? one character.
  var memo: [Int: Bool] = [:]
  func match(_ i: Int, _ j: Int) -> Bool {
    let key = i * (pattern.count + 1) + j
    if let known = memo[key] { return known }
    let result: Bool
    if j == pattern.count {
      result = i == id.count
    } else if pattern[j] == "*" {
      result = match(i, j + 1) || (i < id.count && match(i + 1, j))
    } else {
      result = i < id.count && (pattern[j] == "?" || pattern[j] == id[i]) && match(i + 1, j + 1)
    }
    memo[key] = result
    return result
  }
  return match(0, 0)
}

extension Session {
  static var pagerCommand: Command {
    Command(
      name: "pager", usage: "pager [on | off]",
      summary: "send long output through $PAGER, or not",
      help: """
        On a terminal, output longer than the screen goes through $PAGER
        (less -FRX unless set), as git and psql do; pager off prints it all.
        Scripts and pipes are never paged. Without a word, says which.
        Example: pager off
        """,
      complete: { _, context in context.arguments.isEmpty ? ["on", "off"] : [] },
      run: { session, args throws(ShellError) in
        let command = session.command("pager")
        try command.expectAtMost(1, args)
        if let word = args.first {
          guard word == "on" || word == "off" else { throw command.usageError("'\(word)' is neither on nor off") }
          session.options.pager = word == "on"
        }
        return CommandOutput("pager: \(session.options.pager ? "on" : "off")", .dim)
      })
  }
}
