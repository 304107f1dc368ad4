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
        // One sentence on screen is what a bare tag acts on; more is none.
        session.setFocus(range.count == 1 ? .unit(range.lowerBound) : nil, in: index)
        return session.render(units: range, of: document, units: units)
      })
  }

  /// Numbered, wrappable lines for a range of units, spans drawn inline in
  /// their tag's colour (bracketed without colour) with their id after them,
  /// then a legend and a paging hint.
  func render(units range: ClosedRange<Int>, of document: Document, units: [TextRange]) -> CommandOutput {
    let kind = options.unitKind.rawValue
    let numberWidth = String(units.count).count
    var lines = [
      OutputLine([
        TextRun(document.id, .quoted),
        TextRun(" · \(kind)s \(range.lowerBound)-\(range.upperBound) of \(units.count)", .dim),
      ])
    ]
    lines.reserveCapacity(range.count + 3)
    let index = corpus.index(ofID: document.id)
    let all = index.map { annotations($0).set } ?? AnnotationSet()
    let pageRange = TextRange(start: units[range.lowerBound - 1].start, end: units[range.upperBound - 1].end)
    let onPage = all.isEmpty ? [] : all.overlapping(pageRange)
    let spansOfUnits = Self.spans(onPage.map(\.range), in: units[(range.lowerBound - 1)..<range.upperBound])
    for (n, found) in zip(range, spansOfUnits) {
      let label = String(n)
      let pad = String(repeating: " ", count: numberWidth - label.count + 1)
      var spans = [TextRun(pad + label, .number), TextRun("  ")]
      let unit = units[n - 1]
      let here = found.map { onPage[$0] }
      if here.isEmpty {
        spans.append(TextRun(oneLine(document.string(in: unit)), .quoted))
      } else {
        spans += inlineSpans(unit, here, in: document)
      }
      lines.append(OutputLine(spans, wrapIndent: numberWidth + 3))
    }
    if !onPage.isEmpty {
      var legend = [TextRun("spans: ", .dim)]
      for (i, a) in onPage.enumerated() {
        if i > 0 { legend.append(TextRun(" · ", .dim)) }
        legend.append(TextRun("#\(a.id) ", .dim))
        if a.tags.isEmpty { legend.append(TextRun("untagged", .dim)) }
        for (k, tag) in a.tags.enumerated() {
          if k > 0 { legend.append(TextRun(",")) }
          legend.append(TextRun(tag, tagStyle(tag)))
        }
        if a.note != nil { legend.append(TextRun(" ✎", .dim)) }
      }
      lines.append(OutputLine(legend, wrapIndent: 7))
      // Relations among the spans shown, under them.
      let ids = Set(onPage.map(\.id))
      let links = all.relations.filter { ids.contains($0.from) || ids.contains($0.to) }
      if !links.isEmpty {
        let text = links.map { "#\($0.from) \($0.type) #\($0.to)" }.joined(separator: " · ")
        lines.append(OutputLine([TextRun("links: " + text, .dim)], wrapIndent: 7))
      }
    }
    if range.upperBound < units.count {
      lines.append(
        OutputLine("— show pages on from \(range.upperBound + 1) (\(units.count - range.upperBound) more)", .dim))
    }
    return CommandOutput(lines)
  }

  /// For each of `units` (in order, not overlapping), the indices of the
  /// ranges (sorted by start) on it: overlapping it, or empty at a place in
  /// it. The ranges before `first` end before the unit looked at, and so
  /// before every later one: each unit looks only from there to the first
  /// range that starts after it, not at every range on the page.
  static func spans(_ ranges: [TextRange], in units: ArraySlice<TextRange>) -> [[Int]] {
    var first = 0
    return units.map { unit in
      while first < ranges.count,
        ranges[first].end < unit.start || ranges[first].end == unit.start && !ranges[first].isEmpty
      {
        first += 1
      }
      var found: [Int] = []
      var k = first
      while k < ranges.count && ranges[k].start < unit.end {
        if ranges[k].overlaps(unit) || ranges[k].isEmpty && unit.start <= ranges[k].start { found.append(k) }
        k += 1
      }
      return found
    }
  }

  /// A unit's text cut at span boundaries, each span marked where it
  /// starts (`#1[`) and ends (`]#1`), so spans that cross are drawn crossing,
  /// not nested; text inside spans in the colour of the innermost span's
  /// first tag, and in colour a marker per tag after each span's end.
  func inlineSpans(_ unit: TextRange, _ spans: [Annotation], in document: Document) -> [TextRun] {
    // Boundaries inside the unit, in order.
    var cuts = Set([unit.start, unit.end])
    for a in spans {
      cuts.insert(min(max(a.range.start, unit.start), unit.end))
      cuts.insert(min(max(a.range.end, unit.start), unit.end))
    }
    let points = cuts.sorted()
    var out: [TextRun] = []
    func color(_ a: Annotation) -> Style {
      a.tags.first.flatMap { workspace.codebook.color(of: $0) }.map(Style.tag) ?? .bold
    }
    for (k, point) in points.enumerated() {
      // Ends first (the latest started first), then starts (the longest first).
      let closing = spans.filter { $0.range.end == point && $0.range.end > unit.start && $0.range.end <= unit.end }
        .sorted { ($0.range.start, $0.id) > ($1.range.start, $1.id) }
      for a in closing {
        out.append(TextRun("]#\(a.id)", .dim))
        for tag in a.tags {
          if let tagColor = workspace.codebook.color(of: tag) { out.append(TextRun("▪", .colorOnly(tagColor))) }
        }
      }
      let opening = spans.filter {
        $0.range.start == point && $0.range.start >= unit.start && $0.range.start < unit.end
      }
      .sorted { ($0.range.end, $1.id) > ($1.range.end, $0.id) }
      for a in opening { out.append(TextRun("#\(a.id)[", .dim)) }
      guard k + 1 < points.count else { break }
      let piece = TextRange(start: point, end: points[k + 1])
      guard !piece.isEmpty else { continue }
      let covering = spans.filter { $0.range.contains(piece) }
      // The innermost span (shortest) decides the colour.
      let style = covering.min { $0.range.count < $1.range.count }.map(color) ?? .quoted
      out.append(TextRun(oneLine(document.string(in: piece)), style))
    }
    return out
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
            session.focus = nil
          }
        }
        var spans = [TextRun("units: "), TextRun(session.options.unitKind.rawValue, .bold)]
        if let document = session.currentDocument {
          spans.append(TextRun(" (\(document.id): \(session.units(of: document).count))", .dim))
        }
        return CommandOutput([OutputLine(spans)])
      })
  }
}
