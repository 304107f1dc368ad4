/// Beyond flat spans: links between spans, document-level codes, span
/// attributes — each through the editor, undoable and durable.
extension Session {
  /// A span named as `#ID`, or as `N` for the span covering sentence N exactly.
  func spanID(_ word: String, in index: Int, command: Command) throws(ShellError) -> Int {
    let document = corpus.documents[index]
    let units = units(of: document)
    switch try parseTarget(word, units: units, command: command) {
    case .span(let id)?: return id
    case .units(let numbers)?:
      let range = TextRange(start: units[numbers.lowerBound - 1].start, end: units[numbers.upperBound - 1].end)
      guard let span = annotations(index).set.annotation(covering: range) else {
        throw .edit(
          .noSpanCovers(
            numbers, kind: options.unitKind, overlapping: annotations(index).set.overlapping(range).map(\.id)))
      }
      return span.id
    case nil: throw command.usageError("'\(word)' is not a span (#ID) or a sentence number")
    }
  }

  /// The focused span, for commands given one end only.
  func selectedSpan(in index: Int) throws(ShellError) -> Int {
    guard case .span(let id)? = focusTarget(in: index) else { throw .noSelection }
    return id
  }

  /// A name from a list: exact, else a unique prefix.
  func pick(_ word: String, from names: [String], unknown: (String, [String]) -> EditError) throws(ShellError) -> String
  {
    if names.contains(word) { return word }
    let matches = names.filter { $0.lowercased().hasPrefix(word.lowercased()) }
    if matches.count == 1 { return matches[0] }
    throw .edit(unknown(word, names))
  }

  /// `#3 attributed-to #5 (claim → source)`.
  func describe(_ r: Relation, in set: AnnotationSet) -> OutputLine {
    func end(_ id: Int) -> [TextRun] {
      let tags = set.annotation(id)?.tags ?? []
      return [TextRun("#\(id)", .bold), TextRun(tags.isEmpty ? "" : " (" + tags.joined(separator: ",") + ")", .dim)]
    }
    let arrow = workspace.codebook.relation(named: r.type)?.directed == false ? " — " : " → "
    return OutputLine(end(r.from) + [TextRun(" " + r.type + arrow, .accent)] + end(r.to))
  }

  static var linkCommand: Command {
    Command(
      name: "link", usage: "link [FROM] TO TYPE",
      summary: "link two spans with a relation of the codebook",
      help: """
        Makes a relation between two spans: each is #ID, or N for the span
        covering sentence N; without FROM, the selected span. The codebook
        says which relations there are and which tags each may link.
        Example: link #3 #5 attributed-to    link 4 #5 attr
        """,
      complete: { session, context in
        context.arguments.count >= 1 ? session.workspace.codebook.relations.map(\.name) : []
      },
      run: { session, args throws(ShellError) in
        let command = session.command("link")
        let (index, document) = try session.requireDocument()
        guard args.count == 2 || args.count == 3 else { throw command.usageError("give the spans and the relation") }
        let type = try session.pick(args.last!, from: session.workspace.codebook.relations.map(\.name)) {
          .unknownRelation($0, valid: $1)
        }
        let from =
          args.count == 3
          ? try session.spanID(args[0], in: index, command: command) : try session.selectedSpan(in: index)
        let to = try session.spanID(args[args.count - 2], in: index, command: command)
        let edit = try session.edit { () throws(EditError) in
          try session.editor.link(from, to, type: type, in: document)
        }
        let set = session.annotations(index).set
        let shown = set.relations.first { $0.type == type && Set([$0.from, $0.to]) == Set([from, to]) }
        var line = shown.map { session.describe($0, in: set) } ?? OutputLine("")
        line.runs.insert(TextRun(edit.kind == .unchanged ? "nothing changed, already linked: " : "linked "), at: 0)
        return CommandOutput([line])
      })
  }

  static var unlinkCommand: Command {
    Command(
      name: "unlink", usage: "unlink FROM TO [TYPE]",
      summary: "take away the relations between two spans",
      help: """
        Takes away the relation of TYPE between two spans (every relation
        between them without TYPE). undo puts it back.
        Example: unlink #3 #5
        """,
      run: { session, args throws(ShellError) in
        let command = session.command("unlink")
        let (index, document) = try session.requireDocument()
        guard args.count == 2 || args.count == 3 else { throw command.usageError("give the two spans") }
        let from = try session.spanID(args[0], in: index, command: command)
        let to = try session.spanID(args[1], in: index, command: command)
        let type =
          args.count == 3
          ? try session.pick(args[2], from: session.workspace.codebook.relations.map(\.name)) {
            .unknownRelation($0, valid: $1)
          } : nil
        _ = try session.edit { () throws(EditError) in
          try session.editor.unlink(from, to, type: type, in: document)
        }
        return CommandOutput("unlinked #\(from) and #\(to)" + (type.map { " (\($0))" } ?? ""))
      })
  }

  static var linksCommand: Command {
    Command(
      name: "links", usage: "links",
      summary: "list the current document's relations",
      help: """
        One line per relation: its ends with their tags and its type.
        Example: links
        """,
      run: { session, args throws(ShellError) in
        try session.command("links").expectAtMost(0, args)
        let (index, document) = try session.requireDocument()
        let set = session.annotations(index).set
        guard !set.relations.isEmpty else {
          return CommandOutput("\(document.id): no relations yet — link #A #B TYPE makes one", .dim)
        }
        return CommandOutput(set.relations.map { session.describe($0, in: set) })
      })
  }

  /// `code VARIABLE VALUE…` (or `-` to clear): the document-level codes.
  func setCode(_ args: [String]) throws(ShellError) -> CommandOutput {
    let command = self.command("code")
    let (_, document) = try requireDocument()
    let variables = workspace.codebook.variables
    let name = try pick(args[0], from: variables.map(\.name)) { .unknownVariable($0, valid: $1) }
    let variable = workspace.codebook.variable(named: name)!
    let values =
      args.count == 2 && args[1] == "-"
      ? []
      : try args.dropFirst().map { (word: String) throws(ShellError) -> String in
        try pick(word, from: variable.values) { .notAValue($0, of: name, valid: $1) }
      }
    guard args.count >= 2 else {
      throw command.usageError("give \(name)'s value: \(variable.values.joined(separator: ", ")) (- clears it)")
    }
    let edit = try self.edit { () throws(EditError) in try editor.code(name, values, in: document) }
    let shown = values.isEmpty ? "not coded" : values.joined(separator: ", ")
    return CommandOutput(
      [
        OutputLine([
          TextRun(edit.kind == .unchanged ? "nothing changed: " : "coded "), TextRun(name, .bold),
          TextRun(" = " + shown),
        ])
      ])
  }

  static var codesCommand: Command {
    Command(
      name: "codes", usage: "codes",
      summary: "the current document's codes, and the variables not coded yet",
      help: """
        Each document-level variable of the codebook with the value you gave
        this document (code VARIABLE VALUE sets one), and its possible values.
        Example: codes
        """,
      run: { session, args throws(ShellError) in
        try session.command("codes").expectAtMost(0, args)
        let (index, _) = try session.requireDocument()
        let variables = session.workspace.codebook.variables
        guard !variables.isEmpty else {
          return CommandOutput("the codebook has no document variables (add \"variables\" to it)", .dim)
        }
        let codes = session.annotations(index).set.codes
        let width = variables.map(\.name.count).max() ?? 0
        return CommandOutput(
          variables.map { v in
            OutputLine(
              [
                TextRun("  " + v.name + String(repeating: " ", count: width - v.name.count + 2), .bold),
                TextRun(codes[v.name]?.joined(separator: ", ") ?? "—", codes[v.name] == nil ? .dim : .plain),
                TextRun(
                  "   (" + v.values.joined(separator: v.ordered ? " < " : ", ") + (v.multiple ? "; several" : "") + ")",
                  .dim),
              ], wrapIndent: width + 4)
          })
      })
  }

  static var attrCommand: Command {
    Command(
      name: "attr", usage: "attr [#ID | N] NAME=VALUE…",
      summary: "set attributes of a span (NAME= takes one off)",
      help: """
        Qualifies a span (the selected one without #ID) with attributes of the
        codebook: checkworthy=yes, named=no. NAME= takes the attribute off.
        Example: attr #3 checkworthy=yes
        """,
      complete: { session, context in
        session.workspace.codebook.attributes.flatMap { a in a.values.map { a.name + "=" + $0 } }
      },
      run: { session, args throws(ShellError) in
        let command = session.command("attr")
        let (index, document) = try session.requireDocument()
        var args = args
        let id: Int
        if let first = args.first, !first.contains("=") {
          id = try session.spanID(first, in: index, command: command)
          args.removeFirst()
        } else {
          id = try session.selectedSpan(in: index)
        }
        guard !args.isEmpty else { throw command.usageError("give NAME=VALUE") }
        let names = session.workspace.codebook.attributes.map(\.name)
        var last: Edit?
        for word in args {
          guard let equals = word.firstIndex(of: "=") else { throw command.usageError("'\(word)' is not NAME=VALUE") }
          let name = try session.pick(String(word[..<equals]), from: names) { .unknownAttribute($0, valid: $1) }
          let raw = String(word[word.index(after: equals)...])
          let values = session.workspace.codebook.attribute(named: name)!.values
          let value =
            raw.isEmpty ? nil : try session.pick(raw, from: values) { .notAValue($0, of: name, valid: $1) }
          last = try session.edit { () throws(EditError) in try session.editor.qualify(id, name, value, in: document) }
        }
        let span = last!.annotation
        let shown = span.attributes.keys.sorted().map { "\($0)=\(span.attributes[$0]!)" }.joined(separator: " ")
        return CommandOutput(
          [OutputLine([TextRun("#\(id)", .bold), TextRun(" " + (shown.isEmpty ? "no attributes" : shown))])])
      })
  }
}
