extension Session {
  static var adjudicateCommand: Command {
    Command(
      name: "adjudicate", aliases: ["adj"], usage: "adjudicate [N… | all | none | skip | status]",
      summary: "settle disagreements one by one into a gold standard (annotator gold)",
      help: """
        Walks the places where annotators disagree, across the open
        documents. Spans every annotator made (same words, same tag) go into
        the gold sidecar at once; each disagreement is shown with numbered
        candidates and who proposed them. Answer with the numbers to keep
        (adjudicate 1 3), all, none, or skip (ask again later). Decisions are
        saved as you go (DOC/gold.decisions.jsonl), so you can stop and
        resume. Edit the gold sidecar itself with --annotator gold.
        Example: adjudicate    adj 2    adj none    adj status
        """,
      complete: { _, context in context.arguments.isEmpty ? ["all", "none", "skip", "status"] : [] },
      run: { session, args throws(ShellError) in try session.adjudicate(args) })
  }

  func adjudicate(_ args: [String]) throws(ShellError) -> CommandOutput {
    let command = self.command("adjudicate")
    guard !corpus.isEmpty else { throw .noDocument }
    let word = args.first?.lowercased()
    // An answer with no question shown changes nothing, not even the pre-fill.
    if let word, !["next", "status"].contains(word), adjudicator.openQuestion == nil {
      throw .adjudication(.noOpenQuestion)
    }
    corpus.segment(options.unitKind)
    let choice: Adjudicator.Choice?
    switch word {
    case nil, "next":
      try command.expectAtMost(1, args)
      choice = nil
    case "status":
      try command.expectAtMost(1, args)
      let status = try adjudication { () throws(Adjudicator.Failure) in try adjudicator.status() }
      var lines = warnings(status.problems)
      lines.append(
        OutputLine(
          "\(plural(status.disagreements, "disagreement")): \(status.settled) settled, \(status.open) open (\(status.skipped) skipped for now)"
            + (status.singleCoded > 0 ? "; \(plural(status.singleCoded, "document")) coded by one annotator only" : ""),
          .dim))
      return CommandOutput(lines)
    case "skip", "all", "none":
      try command.expectAtMost(1, args)
      choice = word == "skip" ? .skip : word == "all" ? .all : Adjudicator.Choice.none
    default:
      var numbers: [Int] = []
      for word in args {
        guard let n = Int(word.trimmingPrefix("#")) else {
          throw command.usageError(
            "'\(word)' is not a candidate number; answer 1-\(adjudicator.openCandidates), all, none or skip")
        }
        numbers.append(n)
      }
      choice = .keep(numbers)
    }
    let step = try adjudication { () throws(Adjudicator.Failure) in
      if let choice { return try adjudicator.answer(choice) }
      return try adjudicator.next()
    }
    return render(step)
  }

  /// Runs an adjudication step, turning its refusal into the shell's error.
  private func adjudication<T>(_ body: () throws(Adjudicator.Failure) -> T) throws(ShellError) -> T {
    do {
      return try body()
    } catch {
      throw .adjudication(error)
    }
  }

  /// Warning lines for sidecars that could not be read.
  func warnings(_ problems: [StoreProblem]) -> [OutputLine] {
    problems.map { OutputLine([TextRun("warning: ", .warning), TextRun($0.message, .quoted)]) }
  }

  /// What a step of adjudication did and asks next.
  private func render(_ step: Adjudicator.Step) -> CommandOutput {
    var lines = warnings(step.problems)
    if step.prefilled.spans > 0 {
      lines.append(
        OutputLine(
          "gold: pre-filled \(plural(step.prefilled.spans, "span")) every annotator agreed on, in \(plural(step.prefilled.documents, "document"))",
          .dim))
    }
    switch step.answer {
    case .skipped?:
      lines.append(OutputLine("skipped — it comes back when the others are settled", .dim))
    case .settled(let documentID, let written)?:
      if written.isEmpty { lines.append(OutputLine("gold: kept none of them", .dim)) }
      if let index = corpus.index(ofID: documentID) {
        lines += written.map { describe($0, in: corpus.documents[index], verb: "gold:") }
      }
    case nil: break
    }
    if let question = step.next {
      lines += describe(question.disagreement, number: question.number, of: question.total, settled: question.settled)
    } else if let end = step.end {
      let why: String
      switch end {
      case .needsTwoAnnotators:
        why = "adjudication needs two annotators' work on the same documents; annotators lists who has some"
      case .annotatorsAgree: why = "the annotators agree everywhere"
      case .allSettled: why = "every disagreement is settled"
      }
      lines.append(OutputLine("\(why) — the gold standard is in \(options.annotationsPath)/DOC/gold.json", .dim))
    }
    return CommandOutput(lines)
  }

  private func describe(_ question: Disagreement, number: Int, of total: Int, settled: Int) -> [OutputLine] {
    let document = corpus.documents[question.document]
    let goldSet = workspace.annotations(of: document, by: goldAnnotator).set
    var lines = [
      OutputLine(
        [
          TextRun("disagreement \(number) of \(total)", .bold),
          TextRun(" (\(settled) settled) · ", .dim), TextRun(document.id, .quoted),
          TextRun(
            " · \(unitLabel(question.extent, in: document)) · coded by \(question.coders.joined(separator: ", "))", .dim
          ),
        ], wrapIndent: 2)
    ]
    if let numbers = document.unitNumbers(of: question.extent, kind: options.unitKind) {
      let units = units(of: document)
      let range = TextRange(start: units[numbers.lowerBound - 1].start, end: units[numbers.upperBound - 1].end)
      lines.append(
        OutputLine(
          [TextRun("  \(numbers.lowerBound)  ", .number), TextRun(excerpt(range, in: document, limit: 200), .quoted)],
          wrapIndent: 5))
    }
    let width = question.candidates.map(\.tag.count).max() ?? 0
    for (i, c) in question.candidates.enumerated() {
      var spans = [
        TextRun("  \(i + 1)) ", .bold),
        TextRun(c.tag, tagStyle(c.tag)),
        TextRun(String(repeating: " ", count: width - c.tag.count + 2)),
        TextRun(excerpt(c.range, in: document), .quoted),
        TextRun(" — " + c.supporters.joined(separator: ", "), .dim),
      ]
      let missing = question.coders.filter { !c.supporters.contains($0) }
      spans.append(TextRun(" (not: \(missing.joined(separator: ", ")))", .dim))
      if goldSet.annotation(covering: c.range)?.tags.contains(c.tag) == true {
        spans.append(TextRun(" [in gold already]", .warning))
      }
      if !c.notes.isEmpty { spans.append(TextRun(" — note " + c.notes.joined(separator: "; "), .quoted)) }
      lines.append(OutputLine(spans, wrapIndent: 6))
    }
    let numbers = question.candidates.count == 1 ? "1" : "1 | 1 2"
    lines.append(OutputLine("  keep: adjudicate \(numbers) | all | none | skip", .dim))
    return lines
  }
}
