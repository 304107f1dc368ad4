extension Session {
  /// Codebook names of the tags the user typed (names, prefixes or keys), in
  /// the order given, without repeats; the first word that is no tag is the error.
  func resolveTags(_ words: some Sequence<String>) throws(ShellError) -> [String] {
    var tags: [String] = []
    for word in words {
      switch store.codebook.resolve(word) {
      case .success(let tag): if !tags.contains(tag.name) { tags.append(tag.name) }
      case .failure(let error): throw error
      }
    }
    return tags
  }

  /// Tag names in the codebook that complete `partial`, and targets.
  func completeTagsAndTargets(_ context: CompletionContext, targetFirst: Bool) -> [String] {
    var candidates = store.codebook.names
    if targetFirst && context.arguments.isEmpty, let index = currentIndex {
      let ids = annotations(index).set.annotations.map { "#\($0.id)" }
      candidates += ids
      if !context.partial.isEmpty, context.partial.first?.isNumber == true {
        candidates += (1...max(1, units(of: corpus.documents[index]).count)).map(String.init)
      }
    }
    return candidates
  }

  static var tagCommand: Command {
    Command(
      name: "tag", aliases: ["t"], usage: "tag [N | N-M | #ID] TAG…",
      summary: "tag a sentence, a range of sentences, a span, or the selection",
      help: """
        Adds tags to the span of sentence N (made if there is none), of
        sentences N-M, to span #ID, or — with no target — to the span last
        highlighted. Tags are codebook names, unique prefixes or shortcut keys.
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
        let resolved: Target
        if let target {
          resolved = target
        } else {
          guard let selection = session.selection, selection.document == index else { throw .noSelection }
          resolved = .span(selection.id)
        }
        let now = session.clock()
        let codebook = session.store.codebook
        var verb = "tagged"
        let annotation = try session.mutate(index, "tag \(displayArguments(args))") {
          (set: inout AnnotationSet) throws(ShellError) -> Annotation in
          var annotation: Annotation
          switch resolved {
          case .span(let id):
            annotation = try session.span(id, in: index)
          case .units(let numbers):
            let range = session.range(of: numbers, in: units)
            if let existing = set.annotation(covering: range) {
              annotation = existing
            } else {
              verb = "new span"
              return set.add(
                range: range, tags: codebook.ordered(Set(tags)), quote: Quote(of: range, in: document.text), at: now)
            }
          }
          let merged = codebook.ordered(Set(annotation.tags).union(tags))
          if merged != annotation.tags {
            annotation.tags = merged
            annotation.modified = now
            set.update(annotation)
          } else {
            verb = "already tagged"
          }
          return annotation
        }
        session.selection = (index, annotation.id)
        return CommandOutput([session.describe(annotation, in: document, verb: verb)])
      })
  }

  static var untagCommand: Command {
    Command(
      name: "untag", aliases: ["ut"], usage: "untag N | N-M | #ID [TAG…]",
      summary: "remove tags (all of them without TAG) from a span",
      help: """
        Removes the named tags, or every tag, from span #ID or from the span
        that covers sentence N (or N-M) exactly. The span itself stays, with
        its note; delete removes it.
        Example: untag #3 opinion
        """,
      complete: { session, context in session.completeTagsAndTargets(context, targetFirst: true) },
      run: { session, args throws(ShellError) in
        let command = session.command("untag")
        let (index, document) = try session.requireDocument()
        let units = session.units(of: document)
        guard let first = args.first, let target = try session.parseTarget(first, units: units, command: command)
        else { throw command.usageError("name the span: #ID, or a sentence N or N-M") }
        let remove = Set(try session.resolveTags(args.dropFirst()))
        let id = try session.spanID(for: target, in: index, units: units)
        let now = session.clock()
        let annotation = try session.mutate(index, "untag \(displayArguments(args))") {
          (set: inout AnnotationSet) throws(ShellError) -> Annotation in
          var annotation = try session.span(id, in: index)
          let kept = remove.isEmpty ? [] : annotation.tags.filter { !remove.contains($0) }
          if kept != annotation.tags {
            annotation.tags = kept
            annotation.modified = now
            set.update(annotation)
          }
          return annotation
        }
        session.selection = (index, annotation.id)
        return CommandOutput([session.describe(annotation, in: document, verb: "untagged")])
      })
  }

  /// The span a target names: #ID, or the one covering units N-M exactly.
  func spanID(for target: Target, in index: Int, units: [TextRange]) throws(ShellError) -> Int {
    switch target {
    case .span(let id): return id
    case .units(let numbers):
      let range = range(of: numbers, in: units)
      if let a = annotations(index).set.annotation(covering: range) { return a.id }
      let inside = annotations(index).set.overlapping(range).map(\.id)
      let label = numbers.count == 1 ? "\(numbers.lowerBound)" : "\(numbers.lowerBound)-\(numbers.upperBound)"
      if inside.isEmpty {
        throw .usage(
          command: "untag", problem: "no span covers \(options.unitKind.rawValue) \(label)",
          usage: "untag N | N-M | #ID [TAG…]")
      }
      throw .usage(
        command: "untag",
        problem:
          "no span covers \(options.unitKind.rawValue) \(label) exactly; spans there: \(ShellError.describe(ids: inside))",
        usage: "untag #ID [TAG…]")
    }
  }

  static var highlightCommand: Command {
    Command(
      name: "highlight", aliases: ["hl"], usage: "highlight N \"QUOTE\" [K] [TAG…] | highlight N START:END [TAG…]",
      summary: "make a span of words inside a sentence; it becomes the selection",
      help: """
        Quote the words inside sentence N; when they occur more than once, K
        says which occurrence. START:END are character positions inside the
        sentence (from 0, end excluded). Tags after it tag the new span; tag
        TAG without a target tags it later.
        Example: hl 3 "rightly felt" opinion    hl 5 "the US" 2    hl 3 12:24
        """,
      complete: { session, context in context.arguments.count >= 2 ? session.store.codebook.names : [] },
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
        let range = try session.locate(args[1], occurrence: &rest, inUnit: n, units: units, document: document)
        let tags = try session.resolveTags(rest)
        let now = session.clock()
        let codebook = session.store.codebook
        var verb = "highlighted"
        let annotation = try session.mutate(index, "highlight \(displayArguments(args))") {
          (set: inout AnnotationSet) throws(ShellError) -> Annotation in
          if var existing = set.annotation(covering: range) {
            let merged = codebook.ordered(Set(existing.tags).union(tags))
            verb = "selected"
            if merged != existing.tags {
              existing.tags = merged
              existing.modified = now
              set.update(existing)
              verb = "tagged"
            }
            return existing
          }
          return set.add(
            range: range, tags: codebook.ordered(Set(tags)), quote: Quote(of: range, in: document.text), at: now)
        }
        session.selection = (index, annotation.id)
        return CommandOutput([session.describe(annotation, in: document, verb: verb)])
      })
  }

  /// The range a quote or `START:END` names inside unit `n`. A leading
  /// occurrence number is taken from `rest`.
  func locate(
    _ what: String, occurrence rest: inout [String], inUnit n: Int, units: [TextRange], document: Document
  ) throws(ShellError) -> TextRange {
    let unit = units[n - 1]
    let length = unit.count
    let positions = what.split(separator: ":", omittingEmptySubsequences: false)
    if positions.count == 2, let a = Int(positions[0]), let b = Int(positions[1]) {
      guard a >= 0, b <= length, a < b else { throw .positionsOutOfRange(start: a, end: b, length: length, unit: n) }
      return TextRange(start: unit.start + a, end: unit.start + b)
    }
    guard !what.isEmpty else { throw .quoteEmpty }
    let text = Array(document.string(in: unit).unicodeScalars)
    let needle = Array(what.unicodeScalars)
    var hits: [Int] = []
    if needle.count <= text.count {
      for i in 0...(text.count - needle.count)
      where text[i] == needle[0] && Array(text[i..<(i + needle.count)]) == needle {
        hits.append(i)
      }
    }
    guard !hits.isEmpty else { throw .quoteNotFound(what, unit: n, text: oneLine(document.string(in: unit))) }
    var pick = 1
    if let word = rest.first, let k = Int(word) {
      rest.removeFirst()
      guard k >= 1 && k <= hits.count else { throw .occurrenceOutOfRange(k, count: hits.count) }
      pick = k
    } else if hits.count > 1 {
      throw .quoteAmbiguous(what, unit: n, count: hits.count)
    }
    let start = unit.start + hits[pick - 1]
    return TextRange(start: start, end: start + needle.count)
  }

  static var deleteCommand: Command {
    Command(
      name: "delete", aliases: ["del", "rm"], usage: "delete #ID…",
      summary: "delete spans (undo brings them back)",
      help: """
        Removes spans with their tags and notes. Ids are never reused.
        Example: delete #4
        """,
      complete: { session, _ in
        session.currentIndex.map { session.annotations($0).set.annotations.map { "#\($0.id)" } } ?? []
      },
      run: { session, args throws(ShellError) in
        let command = session.command("delete")
        let (index, document) = try session.requireDocument()
        guard !args.isEmpty else { throw command.usageError("name the span to delete, e.g. delete #3") }
        var ids: [Int] = []
        for word in args {
          guard word.hasPrefix("#"), let id = Int(word.dropFirst()), id > 0 else {
            throw command.usageError("'\(word)' is not a span id like #3")
          }
          _ = try session.span(id, in: index, allowOrphan: true)
          ids.append(id)
        }
        let removed = try session.mutate(index, "delete \(displayArguments(args))") {
          (set: inout AnnotationSet) throws(ShellError) -> [Annotation] in
          ids.compactMap { set.remove($0) }
        }
        if let selection = session.selection, selection.document == index, ids.contains(selection.id) {
          session.selection = nil
        }
        return CommandOutput(removed.map { session.describe($0, in: document, verb: "deleted") })
      })
  }

  static var noteCommand: Command {
    Command(
      name: "note", aliases: ["n"], usage: "note [N | N-M | #ID] \"TEXT\"",
      summary: "attach a note to a span (an empty text removes it)",
      help: """
        Sets the note of span #ID, of the span of sentence N (made if there is
        none), or of the selection. An empty text ("") removes the note.
        Example: note #2 "hedged"
        """,
      complete: { session, context in
        context.arguments.isEmpty
          ? (session.currentIndex.map { session.annotations($0).set.annotations.map { "#\($0.id)" } } ?? []) : []
      },
      run: { session, args throws(ShellError) in
        let command = session.command("note")
        let (index, document) = try session.requireDocument()
        let units = session.units(of: document)
        guard !args.isEmpty, args.count <= 2 else {
          throw command.usageError(args.isEmpty ? "give the note in quotes" : "put the note in quotes")
        }
        var target: Target?
        if args.count == 2 {
          target = try session.parseTarget(args[0], units: units, command: command)
          guard target != nil else { throw command.usageError("'\(args[0])' is not a target (N, N-M or #ID)") }
        }
        if target == nil {
          guard let selection = session.selection, selection.document == index else { throw .noSelection }
          target = .span(selection.id)
        }
        let text = args.last!
        let now = session.clock()
        let annotation = try session.mutate(index, "note \(displayArguments(args))") {
          (set: inout AnnotationSet) throws(ShellError) -> Annotation in
          var annotation: Annotation
          switch target! {
          case .span(let id): annotation = try session.span(id, in: index)
          case .units(let numbers):
            let range = session.range(of: numbers, in: units)
            if let existing = set.annotation(covering: range) {
              annotation = existing
            } else {
              return set.add(
                range: range, tags: [], quote: Quote(of: range, in: document.text), at: now,
                note: text.isEmpty ? nil : text)
            }
          }
          annotation.note = text.isEmpty ? nil : text
          annotation.modified = now
          set.update(annotation)
          return annotation
        }
        session.selection = (index, annotation.id)
        return CommandOutput([
          session.describe(annotation, in: document, verb: text.isEmpty ? "removed note of" : "noted")
        ])
      })
  }
}
