extension Session {
  static var undoCommand: Command {
    Command(
      name: "undo", aliases: ["u"], usage: "undo",
      summary: "undo the last change to annotations (and save)",
      help: """
        Takes back the last tag, untag, highlight, note, delete or reattach,
        saves, and says what it undid. redo does it again.
        Example: undo
        """,
      run: { session, args throws(ShellError) in
        try session.command("undo").expectAtMost(0, args)
        return try session.step(undoing: true)
      })
  }

  static var redoCommand: Command {
    Command(
      name: "redo", usage: "redo",
      summary: "redo what undo took back",
      help: """
        Applies again the change the last undo took back, and saves.
        Example: redo
        """,
      run: { session, args throws(ShellError) in
        try session.command("redo").expectAtMost(0, args)
        return try session.step(undoing: false)
      })
  }

  /// Undo (or redo) the newest change, and say what was done; the
  /// selection and the current document go back to where they were.
  func step(undoing: Bool) throws(ShellError) -> CommandOutput {
    let entry: EditHistory.Entry
    do {
      entry = undoing ? try editor.undo() : try editor.redo()
    } catch {
      throw .edit(error)
    }
    let note = changeNotes[entry.serial]
    if let index = corpus.index(ofID: entry.documentID) {
      currentIndex = index
      setFocus(undoing ? note?.focusBefore : note?.focusAfter, in: index)
    }
    return CommandOutput([
      OutputLine([
        TextRun(undoing ? "undid: " : "redid: ", .dim),
        TextRun(note?.words ?? "a change to \(entry.documentID)", .quoted),
      ])
    ])
  }

  static var saveCommand: Command {
    Command(
      name: "save", aliases: ["w"], usage: "save",
      summary: "write the sidecars now (every change is saved already)",
      help: """
        Every change is written to disk before the prompt comes back, so save
        is never needed; it reports where the current document's annotations
        are, and retries any write that failed (a full disk, say).
        Example: save
        """,
      run: { session, args throws(ShellError) in
        try session.command("save").expectAtMost(0, args)
        guard !session.corpus.isEmpty else { throw .noDocument }
        var lines: [OutputLine] = []
        var indices = session.corpus.documents.indices.filter {
          session.store.isLoaded(session.corpus.documents[$0]) && session.annotations($0).dirty
        }
        if let current = session.currentIndex, !indices.contains(current) { indices.insert(current, at: 0) }
        for index in indices {
          let document = session.corpus.documents[index]
          let state = session.annotations(index)
          do throws(StoreError) {
            session.workspace.notice(try session.store.prepareToWrite(document))
          } catch {
            throw .edit(.store(document: document.id, error))
          }
          do throws(WriteError) {
            let (path, bytes) = try session.store.save(document)
            lines.append(
              OutputLine([
                TextRun("saved "), TextRun(plural(state.set.count, "annotation"), .bold), TextRun(" to "),
                TextRun(path, .quoted), TextRun(" (\(bytes) bytes)", .dim),
              ]))
          } catch {
            throw .edit(.notSaved(error))
          }
        }
        return CommandOutput(lines)
      })
  }

  static var orphansCommand: Command {
    Command(
      name: "orphans", usage: "orphans",
      summary: "list spans whose text is gone from the changed document",
      help: """
        When a document changes after it was annotated, annotate finds each
        span again (same place, same words nearby, or a close match). Spans it
        cannot find are orphans: kept with their quote, never dropped. Attach
        one again with reattach, or delete it.
        Example: orphans
        """,
      run: { session, args throws(ShellError) in
        try session.command("orphans").expectAtMost(0, args)
        let (index, document) = try session.requireDocument()
        let state = session.annotations(index)
        let orphans = state.set.orphans
        var lines: [OutputLine] = []
        if let report = state.reanchorReport {
          lines.append(OutputLine("re-anchored after the document changed: \(report.summary)", .dim))
        }
        if orphans.isEmpty { lines.append(OutputLine("no orphans in \(document.id)", .dim)) }
        lines += orphans.map { session.describe($0, in: document) }
        return CommandOutput(lines)
      })
  }

  static var reattachCommand: Command {
    Command(
      name: "reattach", usage: "reattach #ID N [\"QUOTE\" [K] | START:END]",
      summary: "attach an orphan (or any span) to new text",
      help: """
        Moves span #ID onto sentence N, or onto words inside it given as a
        quote or START:END positions, keeping its tags and note.
        Example: reattach #4 7 "rightly felt"
        """,
      run: { session, args throws(ShellError) in
        let command = session.command("reattach")
        let (index, document) = try session.requireDocument()
        let units = session.units(of: document)
        guard args.count >= 2, args[0].hasPrefix("#"), let id = Int(args[0].dropFirst()) else {
          throw command.usageError("name the span and the sentence, e.g. reattach #4 7")
        }
        let n = try parseUnitNumber(args[1], count: units.count, kind: session.options.unitKind, command: command)
        var rest = Array(args.dropFirst(3))
        let range =
          args.count >= 3
          ? try session.locate(args[2], rest: &rest, inUnit: n, units: units, document: document).range : units[n - 1]
        try command.expectAtMost(0, rest)
        let edit = try session.edit { () throws(EditError) in try session.editor.reattach(id, to: range, in: document) }
        session.setFocus(.span(id), in: index)
        return CommandOutput([session.describe(edit.annotation, in: document, verb: "reattached")])
      })
  }
}

extension Session {
  static var relinkCommand: Command {
    Command(
      name: "relink", usage: "relink",
      summary: "move annotations made under a document's old id (the file moved or was renamed) to its id",
      help: """
        A document's id is its path from the folder holding the annotations
        folder. When a file is moved or renamed, its annotations stay under
        the old id; annotate finds them by the text's SHA-256, says so, and
        refuses changes that would start a second set. relink moves every
        annotator's sidecars to the new id. Not undoable (relink again after
        moving the file back).
        Example: relink
        """,
      run: { session, args throws(ShellError) in
        try session.command("relink").expectAtMost(0, args)
        let moved = session.workspace.movedAnnotations()
        guard !moved.isEmpty else {
          return CommandOutput("nothing to relink: every open document's annotations are under its id", .dim)
        }
        var lines: [OutputLine] = []
        for item in moved {
          do throws(RelinkError) {
            try session.workspace.relink(item)
            lines.append(
              OutputLine([
                TextRun("relinked "), TextRun(item.document, .quoted), TextRun(" ← "), TextRun(item.from, .quoted),
              ]))
          } catch {
            lines.append(OutputLine([TextRun("warning: ", .warning), TextRun(error.message, .quoted)]))
          }
        }
        return CommandOutput(lines)
      })
  }
}
