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

  /// Where gold is written: the session's own store when it edits gold.
  var goldStore: AnnotationStore {
    if options.annotator == goldAnnotator { return store }
    if let gold = goldStoreCache { return gold }
    let gold = AnnotationStore(folder: options.annotationsPath, annotator: goldAnnotator, codebook: store.codebook)
    goldStoreCache = gold
    return gold
  }

  func adjudicate(_ args: [String]) throws(ShellError) -> CommandOutput {
    let command = self.command("adjudicate")
    guard !corpus.isEmpty else { throw .noDocument }
    // An answer with no question shown changes nothing, not even the pre-fill.
    if let word = args.first?.lowercased(), !["next", "status"].contains(word), openDisagreement == nil {
      throw .noOpenDisagreement
    }
    let team = team()
    let plan = AdjudicationPlan.make(team: team, codebook: store.codebook)
    var lines = team.problems.map { OutputLine([Span("warning: ", .warning), Span($0, .quoted)]) }
    var logs: [Int: [String: Decision]] = [:]
    for d in Set(plan.agreed.keys).union(plan.disagreements.map(\.document)) {
      switch DecisionLog.read(decisionLogPath(d)) {
      case .success(let decisions): logs[d] = decisions
      case .failure(let error):
        throw .readOnly(document: corpus.documents[d].id, reason: "its decision log is damaged — \(error.message)")
      }
    }
    lines += try prefillAgreed(plan, logs: &logs)
    let open = plan.disagreements.filter { logs[$0.document]?[$0.key] == nil }
    let settled = plan.disagreements.count - open.count

    let word = args.first?.lowercased()
    switch word {
    case nil, "next":
      try command.expectAtMost(1, args)
    case "status":
      try command.expectAtMost(1, args)
      lines.append(
        OutputLine(
          "\(plural(plan.disagreements.count, "disagreement")): \(settled) settled, \(open.count) open (\(skippedDisagreements.intersection(open.map(\.key)).count) skipped for now)"
            + (plan.singleCoded > 0 ? "; \(plural(plan.singleCoded, "document")) coded by one annotator only" : ""),
          .dim))
      return CommandOutput(lines)
    default:
      guard let key = openDisagreement, let question = open.first(where: { $0.key == key }) else {
        throw .noOpenDisagreement
      }
      if word == "skip" {
        try command.expectAtMost(1, args)
        skippedDisagreements.insert(key)
        lines.append(OutputLine("skipped — it comes back when the others are settled", .dim))
      } else {
        let kept = try chosenCandidates(args, question: question, command: command)
        lines += try settle(question, keeping: kept, logs: &logs)
      }
    }
    // The next question: the first open one not skipped, else the skipped ones again.
    let remaining = plan.disagreements.filter { logs[$0.document]?[$0.key] == nil }
    var next = remaining.first { !skippedDisagreements.contains($0.key) }
    if next == nil, !remaining.isEmpty {
      skippedDisagreements.removeAll()
      next = remaining.first
    }
    guard let question = next else {
      openDisagreement = nil
      let why =
        plan.disagreements.isEmpty
        ? (team.annotators.count < 2
          ? "adjudication needs two annotators' work on the same documents; annotators lists who has some"
          : "the annotators agree everywhere")
        : "every disagreement is settled"
      lines.append(OutputLine("\(why) — the gold standard is in \(options.annotationsPath)/DOC/gold.json", .dim))
      return CommandOutput(lines)
    }
    openDisagreement = question.key
    let position = (plan.disagreements.firstIndex(of: question) ?? 0) + 1
    lines += describe(
      question, number: position, of: plan.disagreements.count, settled: plan.disagreements.count - remaining.count)
    return CommandOutput(lines)
  }

  func decisionLogPath(_ document: Int) -> String {
    DecisionLog.path(folder: options.annotationsPath, documentID: corpus.documents[document].id)
  }

  /// Writes what every annotator agreed on into gold, once per candidate.
  private func prefillAgreed(_ plan: AdjudicationPlan, logs: inout [Int: [String: Decision]]) throws(ShellError)
    -> [OutputLine]
  {
    var added = 0
    var documents = 0
    for (d, agreed) in plan.agreed.sorted(by: { $0.key < $1.key }) {
      let fresh = agreed.filter { logs[d]?["agreed:" + $0.key] == nil }
      guard !fresh.isEmpty else { continue }
      try writeGold(d, fresh)
      let decisions = fresh.map {
        Decision(key: "agreed:" + $0.key, kept: [$0.key], by: options.annotator, time: clock())
      }
      try appendDecisions(decisions, document: d)
      for decision in decisions { logs[d, default: [:]][decision.key] = decision }
      added += fresh.count
      documents += 1
    }
    guard added > 0 else { return [] }
    return [
      OutputLine(
        "gold: pre-filled \(plural(added, "span")) every annotator agreed on, in \(plural(documents, "document"))", .dim
      )
    ]
  }

  /// The candidates an answer names: numbers, all, or none.
  private func chosenCandidates(_ args: [String], question: Disagreement, command: Command) throws(ShellError)
    -> [Candidate]
  {
    let count = question.candidates.count
    switch args[0].lowercased() {
    case "all":
      try command.expectAtMost(1, args)
      return question.candidates
    case "none":
      try command.expectAtMost(1, args)
      return []
    default:
      var kept: [Candidate] = []
      for word in args {
        guard let n = Int(word.trimmingPrefix("#")) else {
          throw command.usageError("'\(word)' is not a candidate number; answer 1-\(count), all, none or skip")
        }
        guard (1...count).contains(n) else {
          throw command.usageError("there is no candidate \(n) — valid: 1-\(count)")
        }
        if !kept.contains(question.candidates[n - 1]) { kept.append(question.candidates[n - 1]) }
      }
      return kept
    }
  }

  /// Writes the kept candidates into gold and logs the decision.
  private func settle(_ question: Disagreement, keeping kept: [Candidate], logs: inout [Int: [String: Decision]])
    throws(ShellError) -> [OutputLine]
  {
    let touched = try writeGold(question.document, kept)
    let decision = Decision(key: question.key, kept: kept.map(\.key), by: options.annotator, time: clock())
    try appendDecisions([decision], document: question.document)
    logs[question.document, default: [:]][question.key] = decision
    skippedDisagreements.remove(question.key)
    let document = corpus.documents[question.document]
    if touched.isEmpty { return [OutputLine("gold: kept none of them", .dim)] }
    return touched.map { describe($0, in: document, verb: "gold:") }
  }

  /// Puts candidates into the document's gold sidecar (a tag joins an
  /// existing gold span with the same range) and makes it durable.
  @discardableResult
  private func writeGold(_ index: Int, _ candidates: [Candidate]) throws(ShellError) -> [Annotation] {
    guard !candidates.isEmpty else { return [] }
    let document = corpus.documents[index]
    let gold = goldStore
    if let notice = try gold.prepareToWrite(document) { notices.append(notice) }
    let state = gold.annotations(for: document)
    var set = state.set
    set.clearTouched()
    let now = clock()
    for candidate in candidates {
      let note = candidate.notes.isEmpty ? nil : candidate.notes.joined(separator: "; ")
      if var existing = set.annotation(covering: candidate.range) {
        guard !existing.tags.contains(candidate.tag) else { continue }
        existing.tags = gold.codebook.ordered(Set(existing.tags + [candidate.tag]))
        existing.modified = now
        if existing.note == nil { existing.note = note }
        set.update(existing)
      } else {
        _ = set.add(
          range: candidate.range, tags: [candidate.tag], quote: Quote(of: candidate.range, in: document.text),
          at: now, note: note)
      }
    }
    let put = set.touched.sorted().compactMap { set.annotation($0) }
    set.clearTouched()
    state.set = set
    if gold === store {
      undoStack.removeAll()
      redoStack.removeAll()
    }
    do {
      try gold.record(document, put: put, remove: [])
    } catch {
      throw .notSaved(error)
    }
    return put
  }

  private func appendDecisions(_ decisions: [Decision], document index: Int) throws(ShellError) {
    let path = decisionLogPath(index)
    do throws(WriteError) {
      let log = try JournalFile(path: path)
      try log.append(decisions.flatMap(DecisionLog.line))
    } catch {
      throw .notSaved(error)
    }
  }

  private func describe(_ question: Disagreement, number: Int, of total: Int, settled: Int) -> [OutputLine] {
    let document = corpus.documents[question.document]
    let goldSet = goldStore.annotations(for: document).set
    var lines = [
      OutputLine(
        [
          Span("disagreement \(number) of \(total)", .bold),
          Span(" (\(settled) settled) · ", .dim), Span(document.id, .quoted),
          Span(
            " · \(unitLabel(question.extent, in: document)) · coded by \(question.coders.joined(separator: ", "))", .dim
          ),
        ], wrapIndent: 2)
    ]
    if let numbers = document.unitNumbers(of: question.extent, kind: options.unitKind) {
      let units = units(of: document)
      let range = TextRange(start: units[numbers.lowerBound - 1].start, end: units[numbers.upperBound - 1].end)
      lines.append(
        OutputLine(
          [Span("  \(numbers.lowerBound)  ", .number), Span(excerpt(range, in: document, limit: 200), .quoted)],
          wrapIndent: 5))
    }
    let width = question.candidates.map(\.tag.count).max() ?? 0
    for (i, c) in question.candidates.enumerated() {
      var spans = [
        Span("  \(i + 1)) ", .bold),
        Span(c.tag, store.codebook.color(of: c.tag).map(Style.tag) ?? .plain),
        Span(String(repeating: " ", count: width - c.tag.count + 2)),
        Span(excerpt(c.range, in: document), .quoted),
        Span(" — " + c.supporters.joined(separator: ", "), .dim),
      ]
      let missing = question.coders.filter { !c.supporters.contains($0) }
      spans.append(Span(" (not: \(missing.joined(separator: ", ")))", .dim))
      if goldSet.annotation(covering: c.range)?.tags.contains(c.tag) == true {
        spans.append(Span(" [in gold already]", .warning))
      }
      if !c.notes.isEmpty { spans.append(Span(" — note " + c.notes.joined(separator: "; "), .quoted)) }
      lines.append(OutputLine(spans, wrapIndent: 6))
    }
    let numbers = question.candidates.count == 1 ? "1" : "1 | 1 2"
    lines.append(OutputLine("  keep: adjudicate \(numbers) | all | none | skip", .dim))
    return lines
  }
}
