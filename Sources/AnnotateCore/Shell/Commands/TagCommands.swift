extension Session {
  /// Tag names in the codebook that complete `partial`, and targets.
  func completeTagsAndTargets(_ context: CompletionContext, targetFirst: Bool) -> [String] {
    var candidates = workspace.codebook.names
    if targetFirst && context.arguments.isEmpty, let index = currentIndex {
      let ids = annotations(index).set.annotations.map { "#\($0.id)" }
      candidates += ids
      if !context.partial.isEmpty, context.partial.first?.isNumber == true {
        candidates += (1...max(1, units(of: corpus.documents[index]).count)).map(String.init)
      }
    }
    return candidates
  }

  /// Span ids of the current document, for completion.
  func completeSpanIDs() -> [String] {
    currentIndex.map { annotations($0).set.annotations.map { "#\($0.id)" } } ?? []
  }

  static var tagCommand: Command {
    Command(
      name: "tag", aliases: ["t"], usage: "tag [N | N-M | #ID] TAG…",
      summary: "tag a sentence, a range of sentences, a span, or what the prompt shows",
      help: """
        Adds tags to the span of sentence N (made if there is none), of
        sentences N-M, to span #ID, or — with no target — to what the prompt
        shows after the position: the one sentence on screen (s3) or the span
        you chose (#12) with hl, tag #ID or select. Tags are codebook names,
        unique prefixes or shortcut keys. Tagging what is tagged already
        changes nothing and says so.
        Example: tag 3 opinion    tag 3-5 claim    tag #7 source    t 3 op
        """,
      complete: { session, context in session.completeTagsAndTargets(context, targetFirst: true) },
      run: { session, args throws(ShellError) in
        let command = session.command("tag")
        let (index, document) = try session.requireDocument()
        let units = session.units(of: document)
        guard let first = args.first else { throw command.usageError("name a tag (codebook lists them)") }
        let target = try session.parseTarget(first, units: units, command: command)
        let tagWords = target == nil ? args : Array(args.dropFirst())
        guard !tagWords.isEmpty else { throw command.usageError("name at least one tag after \(first)") }
        let tags = try session.resolveTags(tagWords)
        let resolved = target != nil ? session.editTarget(target!) : try session.selectedTarget(in: index)
        let edit = try session.edit { () throws(EditError) in
          try session.editor.tag(resolved, with: tags, in: document)
        }
        session.focus(after: target, on: edit.annotation.id, in: index)
        if edit.kind == .unchanged {
          return session.nothingChanged(
            edit.annotation, in: document, because: "it has \(tags.joined(separator: ", ")) already")
        }
        return CommandOutput([
          session.describe(edit.annotation, in: document, verb: edit.kind == .created ? "new span" : "tagged")
        ])
      })
  }

  static var untagCommand: Command {
    Command(
      name: "untag", aliases: ["ut"], usage: "untag [N | N-M | #ID] [TAG…]",
      summary: "remove tags (all of them without TAG) from a span",
      help: """
        Removes the named tags, or every tag, from span #ID, from the span
        that covers sentence N (or N-M) exactly, or from what the prompt
        shows. A tag the span does not have is an error and nothing changes.
        The span itself stays, with its note; delete removes it.
        Example: untag #3 opinion
        """,
      complete: { session, context in session.completeTagsAndTargets(context, targetFirst: true) },
      run: { session, args throws(ShellError) in
        let command = session.command("untag")
        let (index, document) = try session.requireDocument()
        let units = session.units(of: document)
        let target = try args.first.flatMap { (word) throws(ShellError) in
          try session.parseTarget(word, units: units, command: command)
        }
        let remove = try session.resolveTags(target == nil ? args[...] : args.dropFirst())
        let resolved = target != nil ? session.editTarget(target!) : try session.selectedTarget(in: index)
        let edit = try session.edit { () throws(EditError) in
          try session.editor.untag(resolved, removing: remove, in: document)
        }
        session.focus(after: target, on: edit.annotation.id, in: index)
        if edit.kind == .unchanged {
          return session.nothingChanged(edit.annotation, in: document, because: "it has no tags")
        }
        return CommandOutput([session.describe(edit.annotation, in: document, verb: "untagged")])
      })
  }

  static var highlightCommand: Command {
    Command(
      name: "highlight", aliases: ["hl"], usage: "highlight N \"QUOTE\" [K] [TAG…] | highlight N START:END [TAG…]",
      summary: "make a span of words inside a sentence; it becomes what bare commands act on",
      help: """
        Quote the words inside sentence N. When they occur more than once as
        whole words, K says which occurrence (the error lists them). Words
        typed with straight quotes, a hyphen for a dash, other case or spacing
        are found and the difference is shown. START:END are character
        positions inside the sentence (from 0, end excluded); they may not cut
        a character in two. Tags after it tag the new span; a bare tag TAG
        tags it later.
        Example: hl 3 "rightly felt" opinion    hl 5 "the US" 2    hl 3 12:24
        """,
      complete: { session, context in context.arguments.count >= 2 ? session.workspace.codebook.names : [] },
      run: { session, args throws(ShellError) in
        let command = session.command("highlight")
        let (index, document) = try session.requireDocument()
        let units = session.units(of: document)
        guard args.count >= 2 else {
          throw command.usageError(
            args.isEmpty ? "name a sentence and the words" : "give the words in quotes after \(args[0])")
        }
        let n = try parseUnitNumber(args[0], count: units.count, kind: session.options.unitKind, command: command)
        var rest = Array(args.dropFirst(2))
        let match = try session.locate(args[1], rest: &rest, inUnit: n, units: units, document: document)
        let tags = try session.resolveTags(rest)
        let edit = try session.edit { () throws(EditError) in
          try session.editor.tag(.range(match.range), with: tags, in: document)
        }
        session.setFocus(.span(edit.annotation.id), in: index)
        let verb: String
        switch edit.kind {
        case .created: verb = "highlighted"
        case .unchanged: verb = "selected"
        default: verb = "tagged"
        }
        return CommandOutput(
          session.matchNotes(match, in: document) + [session.describe(edit.annotation, in: document, verb: verb)])
      })
  }

  /// The words a quote or `START:END` names inside unit `n`. A following
  /// occurrence number is taken from `rest`.
  func locate(
    _ what: String, rest: inout [String], inUnit n: Int, units: [TextRange], document: Document
  ) throws(ShellError) -> QuoteMatch {
    do {
      let positions = what.split(separator: ":", omittingEmptySubsequences: false)
      if positions.count == 2, let a = Int(positions[0]), let b = Int(positions[1]) {
        let range = try QuoteLocator.positions(a, b, inUnit: n, units: units, document: document)
        return QuoteMatch(range: range, differences: [], insideWord: false)
      }
      var occurrence: Int?
      if !what.isEmpty, let word = rest.first, let k = Int(word) {
        rest.removeFirst()
        occurrence = k
      }
      return try QuoteLocator.quote(what, occurrence: occurrence, inUnit: n, units: units, document: document)
    } catch {
      throw .quote(error)
    }
  }

  /// Notes on how a quote was found: only inside a longer word, or after
  /// forgiving what the keyboard typed differently.
  func matchNotes(_ match: QuoteMatch, in document: Document) -> [OutputLine] {
    var notes: [String] = []
    if match.insideWord { notes.append("only inside a longer word") }
    notes += match.differences.map(\.words)
    guard !notes.isEmpty else { return [] }
    return [
      OutputLine(
        [
          TextRun("note: ", .warning), TextRun("matched " + excerpt(match.range, in: document), .quoted),
          TextRun(" (" + notes.joined(separator: "; ") + ")", .dim),
        ], wrapIndent: 6)
    ]
  }

  /// "nothing changed: …", for an edit that found the span as asked.
  func nothingChanged(_ annotation: Annotation, in document: Document, because reason: String) -> CommandOutput {
    var line = describe(annotation, in: document, verb: "nothing changed:")
    line.runs.append(TextRun(" — \(reason)", .dim))
    return CommandOutput([line])
  }

  static var deleteCommand: Command {
    Command(
      name: "delete", aliases: ["del", "rm"], usage: "delete #ID…",
      summary: "delete spans (undo brings them back)",
      help: """
        Removes spans with their tags and notes. Ids are never reused.
        Example: delete #4
        """,
      complete: { session, _ in session.completeSpanIDs() },
      run: { session, args throws(ShellError) in
        let command = session.command("delete")
        let (index, document) = try session.requireDocument()
        guard !args.isEmpty else { throw command.usageError("name the span to delete, e.g. delete #3") }
        var ids: [Int] = []
        for word in args {
          guard word.hasPrefix("#"), let id = Int(word.dropFirst()), id > 0 else {
            throw command.usageError("'\(word)' is not a span id like #3")
          }
          ids.append(id)
        }
        let edit = try session.edit { () throws(EditError) in try session.editor.delete(ids, in: document) }
        if case .span(let id)? = session.focusTarget(in: index), ids.contains(id) { session.setFocus(nil, in: index) }
        return CommandOutput(edit.annotations.map { session.describe($0, in: document, verb: "deleted") })
      })
  }

  static var noteCommand: Command {
    Command(
      name: "note", aliases: ["n"], usage: "note [N | N-M | #ID] \"TEXT\"",
      summary: "attach a note to a span (an empty text removes it)",
      help: """
        Sets the note of span #ID, of the span covering sentence N (there
        must be one: tag N TAG makes it), or of what the prompt shows. An
        empty text ("") removes the note.
        Example: note #2 "hedged"
        """,
      complete: { session, context in context.arguments.isEmpty ? session.completeSpanIDs() : [] },
      run: { session, args throws(ShellError) in
        let command = session.command("note")
        let (index, document) = try session.requireDocument()
        let units = session.units(of: document)
        guard !args.isEmpty, args.count <= 2 else {
          throw command.usageError(args.isEmpty ? "give the note in quotes" : "put the note in quotes")
        }
        var parsed: Target?
        if args.count == 2 {
          parsed = try session.parseTarget(args[0], units: units, command: command)
          guard parsed != nil else { throw command.usageError("'\(args[0])' is not a target (N, N-M or #ID)") }
        }
        let target = parsed != nil ? session.editTarget(parsed!) : try session.selectedTarget(in: index)
        let text = args.last!
        let edit = try session.edit { () throws(EditError) in
          try session.editor.note(target, text.isEmpty ? nil : text, in: document)
        }
        session.focus(after: parsed, on: edit.annotation.id, in: index)
        if edit.kind == .unchanged {
          return session.nothingChanged(
            edit.annotation, in: document, because: text.isEmpty ? "it has no note" : "it has this note already")
        }
        return CommandOutput([
          session.describe(edit.annotation, in: document, verb: text.isEmpty ? "removed note of" : "noted")
        ])
      })
  }

  static var selectCommand: Command {
    Command(
      name: "select", aliases: ["sel"], usage: "select N | #ID",
      summary: "choose the sentence or span that bare tag, untag and note act on",
      help: """
        A bare tag, untag or note acts on what the prompt shows after the
        position: the one sentence on screen (s3) or a span you chose (#12).
        select chooses one without changing anything; show, todo, doc and
        find move it.
        Example: select #4    select 7
        """,
      complete: { session, context in context.arguments.isEmpty ? session.completeSpanIDs() : [] },
      run: { session, args throws(ShellError) in
        let command = session.command("select")
        let (index, document) = try session.requireDocument()
        let units = session.units(of: document)
        guard args.count == 1, let target = try session.parseTarget(args[0], units: units, command: command) else {
          throw command.usageError("name a sentence N or a span #ID")
        }
        switch target {
        case .units(let numbers):
          guard numbers.count == 1 else { throw command.usageError("select one sentence, or a span #ID") }
          session.readTo[index] = numbers.lowerBound
          session.setFocus(.unit(numbers.lowerBound), in: index)
          return session.render(units: numbers, of: document, units: units)
        case .span(let id):
          let annotation = try session.edit { () throws(EditError) in
            try Editor.live(.span(id), in: session.annotations(index).set)
          }
          session.setFocus(.span(id), in: index)
          return CommandOutput([session.describe(annotation, in: document, verb: "selected")])
        }
      })
  }
}
