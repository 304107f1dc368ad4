extension Session {
  static var compareCommand: Command {
    Command(
      name: "compare", usage: "compare [N | N-M | all] [--annotator NAME]…",
      summary: "show, sentence by sentence, where annotators differ in the current document",
      help: """
        Lists the sentences of the current document where annotators' tags
        differ (≠), or where they agree on the tags but not on the words the
        spans cover (~), with each annotator's spans there. An annotator who
        has not coded the document is shown as not coded. all lists every
        sentence with a span, agreed or not. gold is left out unless named.
        Example: compare    compare 3-8    compare --annotator alice --annotator bob
        """,
      complete: { session, context in
        context.arguments.last == "--annotator" ? session.team(excluding: []).annotators : ["--annotator", "all"]
      },
      run: { session, args throws(ShellError) in
        let command = session.command("compare")
        let (index, document) = try session.requireDocument()
        let units = session.units(of: document)
        var names: [String] = []
        var range: ClosedRange<Int>?
        var showAll = false
        var i = 0
        while i < args.count {
          if args[i] == "--annotator" {
            i += 1
            guard i < args.count else { throw command.usageError("--annotator needs a name") }
            names.append(args[i])
          } else if args[i] == "all" {
            showAll = true
          } else if range == nil, args[i].first?.isNumber == true {
            range = try parseUnitRange(args[i], count: units.count, kind: session.options.unitKind, command: command)
          } else {
            throw command.usageError("unexpected '\(args[i])'")
          }
          i += 1
        }
        let team = session.team(only: names)
        do throws(AgreementError) {
          try team.expect(names)
        } catch {
          throw command.failure(error)
        }
        return session.compare(team: team, document: index, units: range ?? 1...max(1, units.count), showAll: showAll)
      })
  }

  func compare(team: Team, document index: Int, units numbers: ClosedRange<Int>, showAll: Bool) -> CommandOutput {
    let document = corpus.documents[index]
    let units = units(of: document)
    let row = team.sets[index]
    let coded = team.annotators.indices.filter { row[$0] != nil }
    var lines: [OutputLine] = []
    guard coded.count >= 2 else {
      let who = coded.map { team.annotators[$0] }
      return CommandOutput(
        "\(document.id): \(who.isEmpty ? "nobody has" : "only \(who.joined()) has") coded this document — compare needs two annotators",
        .dim)
    }
    let width = team.annotators.map(\.count).max() ?? 0
    let tagIndex = Dictionary(
      uniqueKeysWithValues: team.tags(codebook: workspace.codebook).enumerated().map { ($1, $0) })
    let unitTags = row.map { $0.map { Team.unitTags($0, document: document, kind: options.unitKind, tags: tagIndex) } }
    var differingTags = 0
    var differingExtent = 0
    for n in numbers where n <= units.count {
      let unit = units[n - 1]
      // Each annotator's tagged spans touching the unit: what they said here.
      let said = row.map { set in
        set.map { set in
          set.overlapping(unit).filter { !$0.tags.isEmpty }.map { ($0.range, $0.tags) }
        }
      }
      let tagSets = coded.map { unitTags[$0]![n - 1] }
      let extents = coded.map { j in
        said[j]!.map { "\($0.0.start)-\($0.0.end):\($0.1.joined(separator: ","))" }.sorted()
      }
      let tagsDiffer = Set(tagSets).count > 1
      let extentsDiffer = !tagsDiffer && Set(extents).count > 1
      if tagsDiffer { differingTags += 1 }
      if extentsDiffer { differingExtent += 1 }
      let anything = tagSets.contains { !$0.isEmpty }
      guard tagsDiffer || extentsDiffer || (showAll && anything) else { continue }
      let mark = tagsDiffer ? "≠" : extentsDiffer ? "~" : "="
      lines.append(
        OutputLine(
          [
            TextRun(mark + " ", tagsDiffer ? .warning : .dim), TextRun(String(n), .number), TextRun("  "),
            TextRun(excerpt(unit, in: document, limit: 90), .quoted),
          ], wrapIndent: 6))
      for (j, name) in team.annotators.enumerated() {
        var spans = [TextRun("    "), TextRun(name + String(repeating: " ", count: width - name.count + 2), .bold)]
        guard let list = said[j] else {
          spans.append(TextRun("not coded", .dim))
          lines.append(OutputLine(spans))
          continue
        }
        if list.isEmpty { spans.append(TextRun("—", .dim)) }
        for (k, (range, tags)) in list.enumerated() {
          if k > 0 { spans.append(TextRun("; ")) }
          for (t, tag) in tags.enumerated() {
            if t > 0 { spans.append(TextRun(",")) }
            spans.append(TextRun(tag, tagStyle(tag)))
          }
          let whole = range.contains(unit)
          spans.append(
            TextRun(whole ? (range == unit ? " (whole)" : " (\(unitLabel(range, in: document)))") : " ", .dim))
          if !whole { spans.append(TextRun(excerpt(range, in: document, limit: 40), .quoted)) }
        }
        lines.append(OutputLine(spans, wrapIndent: width + 8))
      }
    }
    let kind = options.unitKind.rawValue
    let header = OutputLine(
      [
        TextRun(document.id, .quoted),
        TextRun(
          " · \(coded.map { team.annotators[$0] }.joined(separator: ", ")) · \(kind)s \(numbers.lowerBound)-\(min(numbers.upperBound, units.count)): \(differingTags) differ in tags, \(differingExtent) more in span extent",
          .dim),
      ], wrapIndent: 2)
    let level = compareLevel(team: team, row: row, coded: coded, width: width, document: document)
    if lines.isEmpty && level.isEmpty {
      return CommandOutput([header, OutputLine("no differences — every annotator tagged these \(kind)s alike", .dim)])
    }
    return CommandOutput([header] + lines + level)
  }

  /// Where annotators differ in the document's codes, their relations (by
  /// the words at each end) and their spans' attributes.
  func compareLevel(team: Team, row: [AnnotationSet?], coded: [Int], width: Int, document: Document) -> [OutputLine] {
    var lines: [OutputLine] = []
    func perAnnotator(_ title: String, _ value: (AnnotationSet) -> String) {
      let values = coded.map { value(row[$0]!) }
      guard Set(values).count > 1 else { return }
      lines.append(OutputLine([TextRun("≠ ", .warning), TextRun(title, .bold)]))
      for (k, j) in coded.enumerated() {
        let name = team.annotators[j]
        lines.append(
          OutputLine(
            [
              TextRun("    "), TextRun(name + String(repeating: " ", count: width - name.count + 2), .bold),
              TextRun(values[k].isEmpty ? "—" : values[k], values[k].isEmpty ? .dim : .plain),
            ], wrapIndent: width + 8))
      }
    }
    for variable in workspace.codebook.variables {
      perAnnotator("document: " + variable.name) { $0.codes[variable.name]?.joined(separator: ", ") ?? "" }
    }
    func words(_ set: AnnotationSet, _ id: Int) -> String {
      guard let a = set.annotation(id), !a.orphaned else { return "#\(id)" }
      return "“" + elidingMiddle(oneLine(document.string(in: a.range)), to: 30) + "”"
    }
    perAnnotator("relations") { set in
      set.relations.map { "\(words(set, $0.from)) \($0.type) \(words(set, $0.to))" }.sorted().joined(separator: "; ")
    }
    if !workspace.codebook.attributes.isEmpty {
      perAnnotator("attributes") { set in
        set.annotations.filter { !$0.attributes.isEmpty && !$0.orphaned }.map { a in
          words(set, a.id) + " "
            + a.attributes.keys.sorted().map { "\($0)=\(a.attributes[$0]!)" }.joined(separator: " ")
        }.sorted().joined(separator: "; ")
      }
    }
    return lines
  }
}
