/// What a command's first argument points at, as typed.
enum Target: Equatable {
  /// Units N…M of the current document.
  case units(ClosedRange<Int>)
  /// A span by id.
  case span(Int)
}

extension Session {
  /// Parses `#N`, `N` or `N-M` against the current document; nil when the
  /// word is neither (a tag name, say).
  func parseTarget(_ word: String, units: [TextRange], command: Command) throws(ShellError) -> Target? {
    if word.hasPrefix("#") {
      guard let id = Int(word.dropFirst()), id > 0 else {
        throw command.usageError("'\(word)' is not a span id like #3")
      }
      return .span(id)
    }
    guard let first = word.first, first.isASCII, first.isNumber else { return nil }
    return .units(try parseUnitRange(word, count: units.count, kind: options.unitKind, command: command))
  }

  /// The editor's target for a parsed one.
  func editTarget(_ target: Target) -> EditTarget {
    switch target {
    case .units(let numbers): return .units(numbers, options.unitKind)
    case .span(let id): return .span(id)
    }
  }

  /// The focus in a document, if it has one.
  func focusTarget(in index: Int) -> Focus? {
    focus.flatMap { $0.document == index ? $0.target : nil }
  }

  /// The focus in a document as an editor target, or the error a bare command gives.
  func selectedTarget(in index: Int) throws(ShellError) -> EditTarget {
    switch focusTarget(in: index) {
    case .unit(let n)?: return .units(n...n, options.unitKind)
    case .span(let id)?: return .span(id)
    case nil: throw .noSelection
    }
  }

  /// Moves the focus: to a sentence or a span of a document, or nowhere.
  func setFocus(_ target: Focus?, in index: Int?) {
    focus = index.flatMap { index in target.map { (index, $0) } }
  }

  /// The focus after an edit on a target as typed: the sentence when one
  /// sentence was named, else the span the edit acted on.
  func focus(after target: Target?, on id: Int, in index: Int) {
    if case .units(let numbers)? = target, numbers.count == 1 {
      setFocus(.unit(numbers.lowerBound), in: index)
    } else if target != nil || focusTarget(in: index) == nil {
      setFocus(.span(id), in: index)
    }
  }

  /// Codebook names of the tags the user typed (names, prefixes or keys), in
  /// the order given, without repeats; the first word that is no tag is the error.
  func resolveTags(_ words: some Sequence<String>) throws(ShellError) -> [String] {
    var tags: [String] = []
    for word in words {
      switch workspace.codebook.resolve(word) {
      case .success(let tag): if !tags.contains(tag.name) { tags.append(tag.name) }
      case .failure(let error): throw .tag(error)
      }
    }
    return tags
  }

  /// Quote of a range, elided in the middle when long.
  func excerpt(_ range: TextRange, in document: Document, limit: Int = 70) -> String {
    "“" + elidingMiddle(oneLine(document.string(in: range)), to: limit) + "”"
  }

  /// `sentence 3`, `sentences 3-5`, `no sentence` for a range.
  func unitLabel(_ range: TextRange, in document: Document) -> String {
    let kind = options.unitKind.rawValue
    guard let numbers = document.unitNumbers(of: range, kind: options.unitKind) else { return "outside any \(kind)" }
    return numbers.count == 1 ? "\(kind) \(numbers.lowerBound)" : "\(kind)s \(numbers.lowerBound)-\(numbers.upperBound)"
  }

  /// The style of a tag's name: its colour, if the codebook has one.
  func tagStyle(_ tag: String) -> Style {
    workspace.codebook.color(of: tag).map(Style.tag) ?? .plain
  }

  /// One line describing a span: `#3 [claim, opinion] sentence 3: “…”`.
  func describe(_ a: Annotation, in document: Document, verb: String? = nil) -> OutputLine {
    var runs: [TextRun] = []
    if let verb { runs.append(TextRun(verb + " ")) }
    runs.append(TextRun("#\(a.id)", .bold))
    runs.append(TextRun(" ["))
    if a.tags.isEmpty { runs.append(TextRun("untagged", .dim)) }
    for (i, tag) in a.tags.enumerated() {
      if i > 0 { runs.append(TextRun(", ")) }
      runs.append(TextRun(tag, tagStyle(tag)))
    }
    runs.append(TextRun("] "))
    if a.orphaned {
      runs.append(TextRun("orphan, was at \(a.range.start)-\(a.range.end): ", .warning))
      runs.append(TextRun("“" + elidingMiddle(oneLine(a.quote.exact), to: 70) + "”", .quoted))
    } else {
      runs.append(TextRun(unitLabel(a.range, in: document) + ": ", .dim))
      runs.append(TextRun(excerpt(a.range, in: document), .quoted))
    }
    if !a.attributes.isEmpty {
      runs.append(
        TextRun(" " + a.attributes.keys.sorted().map { "\($0)=\(a.attributes[$0]!)" }.joined(separator: " "), .accent))
    }
    if let note = a.note { runs.append(TextRun(" — note: " + elidingMiddle(oneLine(note), to: 60), .quoted)) }
    // Its links, in the span listing (the document's set, when it is open).
    if let index = corpus.index(ofID: document.id) {
      let links = annotations(index).set.relations.filter { $0.from == a.id || $0.to == a.id }
      for r in links {
        runs.append(TextRun(r.from == a.id ? " → \(r.type) #\(r.to)" : " ← \(r.type) #\(r.from)", .dim))
      }
    }
    return OutputLine(runs, wrapIndent: 4)
  }

  /// Runs an edit, turning its refusal into the shell's error.
  func edit<T>(_ body: () throws(EditError) -> T) throws(ShellError) -> T {
    do {
      return try body()
    } catch {
      throw .edit(error)
    }
  }
}
