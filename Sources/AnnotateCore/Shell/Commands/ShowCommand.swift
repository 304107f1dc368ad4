extension Session {
  static var showCommand: Command {
    Command(
      name: "show", aliases: ["s", "p"], usage: "show [N | N-M | all]",
      summary: "print numbered units of the current document",
      help: """
        Prints the current document's units, numbered from 1, wrapped to the
        terminal. Without an argument it pages on from where the last show
        stopped; N prints one unit, N-M a range, all the whole document.
        Example: show 10-20
        """,
      complete: { session, context in
        guard context.arguments.isEmpty, let document = session.currentDocument else { return [] }
        return ["all"]
          + (context.partial.isEmpty ? [] : (1...max(1, session.units(of: document).count)).map(String.init))
      },
      run: { session, args throws(ShellError) in
        let command = session.command("show")
        try command.expectAtMost(1, args)
        let (index, document) = try session.requireDocument()
        let units = session.units(of: document)
        let kind = session.options.unitKind
        guard !units.isEmpty else { throw .unitOutOfRange(1, count: 0, kind: kind) }
        let range: ClosedRange<Int>
        switch args.first?.lowercased() {
        case nil:
          let start = (session.readTo[index] ?? 0) + 1
          guard start <= units.count else {
            return CommandOutput(
              "end of \(document.id) (\(plural(units.count, kind.rawValue))) — show 1 starts again, show all prints everything",
              .dim)
          }
          range = start...min(units.count, start + session.options.pageSize - 1)
        case "all"?:
          range = 1...units.count
        case let text?:
          range = try parseUnitRange(text, count: units.count, kind: kind, command: command)
        }
        session.readTo[index] = range.upperBound
        return session.render(units: range, of: document, units: units)
      })
  }

  /// Numbered, wrappable lines for a range of units, with a header and a paging hint.
  func render(units range: ClosedRange<Int>, of document: Document, units: [TextRange]) -> CommandOutput {
    let kind = options.unitKind.rawValue
    let numberWidth = String(units.count).count
    var lines = [
      OutputLine([
        Span(document.id, .quoted), Span(" · \(kind)s \(range.lowerBound)-\(range.upperBound) of \(units.count)", .dim),
      ])
    ]
    lines.reserveCapacity(range.count + 2)
    for n in range {
      let label = String(n)
      let pad = String(repeating: " ", count: numberWidth - label.count + 1)
      lines.append(
        OutputLine(
          [Span(pad + label, .number), Span("  "), Span(oneLine(document.string(in: units[n - 1])), .quoted)],
          wrapIndent: numberWidth + 3))
    }
    if range.upperBound < units.count {
      lines.append(
        OutputLine("— show pages on from \(range.upperBound + 1) (\(units.count - range.upperBound) more)", .dim))
    }
    return CommandOutput(lines)
  }

  static var unitsCommand: Command {
    Command(
      name: "units", usage: "units [sentence | paragraph | line]",
      summary: "show or change what the numbered units are",
      help: """
        Sentences are the default; paragraphs (blocks between blank lines) or
        lines suit documents where those are the natural unit. Numbers in show
        and the other commands count units of this kind.
        Example: units paragraph
        """,
      complete: { _, context in context.arguments.isEmpty ? UnitKind.allCases.map(\.rawValue) : [] },
      run: { session, args throws(ShellError) in
        let command = session.command("units")
        try command.expectAtMost(1, args)
        if let word = args.first {
          let matches = UnitKind.allCases.filter { $0.rawValue.hasPrefix(word.lowercased()) }
          guard matches.count == 1, !word.isEmpty else {
            throw command.usageError("'\(word)' is not a unit kind; valid: sentence, paragraph, line")
          }
          if session.options.unitKind != matches[0] {
            session.options.unitKind = matches[0]
            session.readTo = [:]
          }
        }
        var spans = [Span("units: "), Span(session.options.unitKind.rawValue, .bold)]
        if let document = session.currentDocument {
          spans.append(Span(" (\(document.id): \(session.units(of: document).count))", .dim))
        }
        return CommandOutput([OutputLine(spans)])
      })
  }
}
