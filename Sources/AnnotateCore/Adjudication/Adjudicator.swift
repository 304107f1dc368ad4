/// Settles disagreements into the gold standard, one question at a time.
///
/// First it pre-fills the `gold` sidecars with the spans every annotator of
/// a document made (same words, same tag); then it asks about each group of
/// overlapping candidates the others proposed. Every answer writes gold
/// through the editor — so undo takes it back like any change — and a
/// synced line in the document's decision log, so adjudication stops and
/// resumes in any session and rejections are remembered too.
public final class Adjudicator {
  public let editor: Editor
  /// The question last shown, awaiting an answer (its key).
  public private(set) var openQuestion: String?
  /// How many candidates the open question has.
  public private(set) var openCandidates = 0
  /// Questions skipped for now: asked again when the others are settled.
  private var skipped: Set<String> = []

  public init(editor: Editor) {
    self.editor = editor
  }

  var workspace: Workspace { editor.workspace }

  /// A disagreement to answer, with where it stands in the plan.
  public struct Question: Equatable, Sendable {
    public var disagreement: Disagreement
    /// Its place among all disagreements (from 1).
    public var number: Int
    public var total: Int
    public var settled: Int
  }

  /// What an answer did.
  public enum Answer: Equatable, Sendable {
    /// Gold spans written in a document (as they are now); empty when none was kept.
    case settled(document: String, [Annotation])
    case skipped
  }

  /// Why there is no next question.
  public enum End: Equatable, Sendable {
    case needsTwoAnnotators, annotatorsAgree, allSettled
  }

  /// One step of adjudication: what was written, and what comes next.
  public struct Step: Equatable, Sendable {
    public var problems: [StoreProblem] = []
    /// Spans pre-filled into gold (every annotator agreed), and in how many documents.
    public var prefilled = (spans: 0, documents: 0)
    public var answer: Answer?
    public var next: Question?
    public var end: End?

    public static func == (a: Step, b: Step) -> Bool {
      a.problems == b.problems && a.prefilled == b.prefilled && a.answer == b.answer && a.next == b.next
        && a.end == b.end
    }
  }

  /// How far adjudication is, without writing anything.
  public struct Status: Equatable, Sendable {
    public var disagreements: Int
    public var settled: Int
    public var open: Int
    public var skipped: Int
    /// Documents coded by one annotator only: nothing to adjudicate there.
    public var singleCoded: Int
    public var problems: [StoreProblem]
  }

  /// What the adjudicator answers to a question.
  public enum Choice: Equatable, Sendable {
    /// Candidates by number, from 1.
    case keep([Int])
    case all
    case none
    case skip
  }

  public enum Failure: Error, Equatable, Sendable {
    /// An answer came before any question was shown.
    case noOpenQuestion
    case noSuchCandidate(Int, count: Int)
    case edit(EditError)
  }

  // MARK: Steps

  /// Counts what is settled and open. Writes nothing.
  public func status() throws(Failure) -> Status {
    let (plan, team, logs) = try load()
    let open = plan.disagreements.filter { logs[$0.document]?[$0.key] == nil }
    return Status(
      disagreements: plan.disagreements.count, settled: plan.disagreements.count - open.count, open: open.count,
      skipped: skipped.intersection(open.map(\.key)).count, singleCoded: plan.singleCoded, problems: team.problems)
  }

  /// Pre-fills what everyone agreed on, and shows the next question.
  public func next() throws(Failure) -> Step {
    try step(answering: nil)
  }

  /// Answers the open question, then shows the next one.
  public func answer(_ choice: Choice) throws(Failure) -> Step {
    guard openQuestion != nil else { throw .noOpenQuestion }
    return try step(answering: choice)
  }

  private func step(answering choice: Choice?) throws(Failure) -> Step {
    var (plan, team, logs) = try load()
    var step = Step(problems: team.problems)
    if let choice {
      // The open question must still be one (another session may have settled it).
      guard let key = openQuestion,
        let question = plan.disagreements.first(where: { $0.key == key && logs[$0.document]?[key] == nil })
      else {
        openQuestion = nil
        throw .noOpenQuestion
      }
      let kept: [Candidate]
      switch choice {
      case .skip: kept = []
      case .all: kept = question.candidates
      case .none: kept = []
      case .keep(let numbers):
        var chosen: [Candidate] = []
        for n in numbers {
          guard (1...question.candidates.count).contains(n) else {
            throw .noSuchCandidate(n, count: question.candidates.count)
          }
          if !chosen.contains(question.candidates[n - 1]) { chosen.append(question.candidates[n - 1]) }
        }
        kept = chosen
      }
      if choice == .skip {
        skipped.insert(key)
        step.answer = .skipped
      } else {
        let decision = Decision(
          key: key, kept: kept.map(\.key), undone: nil, by: editor.workspace.annotator, time: editor.clock())
        let written = try writeGold(question.document, kept, decisions: [decision])
        logs[question.document, default: [:]][key] = decision
        skipped.remove(key)
        step.answer = .settled(document: workspace.corpus.documents[question.document].id, written)
      }
    }
    step.prefilled = try prefill(plan, logs: &logs)
    // The next question: the first open one not skipped, else the skipped ones again.
    let remaining = plan.disagreements.filter { logs[$0.document]?[$0.key] == nil }
    var next = remaining.first { !skipped.contains($0.key) }
    if next == nil, !remaining.isEmpty {
      skipped.removeAll()
      next = remaining.first
    }
    guard let question = next else {
      openQuestion = nil
      step.end =
        plan.disagreements.isEmpty
        ? (team.annotators.count < 2 ? .needsTwoAnnotators : .annotatorsAgree) : .allSettled
      return step
    }
    openQuestion = question.key
    openCandidates = question.candidates.count
    step.next = Question(
      disagreement: question, number: (plan.disagreements.firstIndex(of: question) ?? 0) + 1,
      total: plan.disagreements.count, settled: plan.disagreements.count - remaining.count)
    return step
  }

  // MARK: Reading and writing

  /// The team's work, the plan, and each document's decisions so far.
  private func load() throws(Failure) -> (AdjudicationPlan, Team, [Int: [String: Decision]]) {
    let team = Team.load(workspace)
    let plan = AdjudicationPlan.make(team: team, codebook: workspace.codebook)
    var logs: [Int: [String: Decision]] = [:]
    for d in Set(plan.agreed.keys).union(plan.disagreements.map(\.document)) {
      switch DecisionLog.read(logPath(d)) {
      case .success(let decisions): logs[d] = decisions
      case .failure(let error):
        throw .edit(.store(document: workspace.corpus.documents[d].id, .decisionLogDamaged(error)))
      }
    }
    return (plan, team, logs)
  }

  func logPath(_ document: Int) -> String {
    DecisionLog.path(folder: workspace.folder, documentID: workspace.corpus.documents[document].id)
  }

  /// Writes what every annotator agreed on into gold, once per candidate.
  private func prefill(_ plan: AdjudicationPlan, logs: inout [Int: [String: Decision]]) throws(Failure)
    -> (spans: Int, documents: Int)
  {
    var added = 0
    var documents = 0
    for (d, agreed) in plan.agreed.sorted(by: { $0.key < $1.key }) {
      let fresh = agreed.filter { logs[d]?["agreed:" + $0.key] == nil }
      guard !fresh.isEmpty else { continue }
      let decisions = fresh.map {
        Decision(key: "agreed:" + $0.key, kept: [$0.key], undone: nil, by: workspace.annotator, time: editor.clock())
      }
      try writeGold(d, fresh, decisions: decisions)
      for decision in decisions { logs[d, default: [:]][decision.key] = decision }
      added += fresh.count
      documents += 1
    }
    return (added, documents)
  }

  /// Puts candidates into the document's gold sidecar (a tag joins an
  /// existing gold span with the same range) with the decisions, as one
  /// change: durable, and undoable with the decisions it logged.
  @discardableResult
  private func writeGold(_ index: Int, _ candidates: [Candidate], decisions: [Decision]) throws(Failure)
    -> [Annotation]
  {
    let document = workspace.corpus.documents[index]
    let codebook = workspace.codebook
    let now = editor.clock()
    do {
      let (touched, _) = try editor.change(
        document, by: goldAnnotator, log: DecisionLog.lines(decisions, path: logPath(index))
      ) { (set: inout AnnotationSet) throws(EditError) -> [Int] in
        for candidate in candidates {
          let note = candidate.notes.isEmpty ? nil : candidate.notes.joined(separator: "; ")
          if var existing = set.annotation(covering: candidate.range) {
            guard !existing.tags.contains(candidate.tag) else { continue }
            existing.tags = codebook.ordered(Set(existing.tags + [candidate.tag]))
            existing.modified = now
            if existing.note == nil { existing.note = note }
            set.update(existing)
          } else {
            _ = set.add(
              range: candidate.range, tags: [candidate.tag], quote: Quote(of: candidate.range, in: document.text),
              at: now, note: note)
          }
        }
        return set.touched.sorted()
      }
      let gold = workspace.annotations(of: document, by: goldAnnotator).set
      return touched.compactMap { gold.annotation($0) }
    } catch {
      throw .edit(error)
    }
  }
}
