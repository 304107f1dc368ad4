/// One proposal for the gold standard: a tag on a range, and who made it.
public struct Candidate: Equatable, Sendable {
  public var range: TextRange
  public var tag: String
  /// Annotators whose spans have this exact range and tag.
  public var supporters: [String]
  /// Their notes on those spans, as `name: note`.
  public var notes: [String]

  /// `10-42:claim`: how decisions name a candidate.
  public var key: String { "\(range.start)-\(range.end):\(tag)" }
}

/// Overlapping candidates in one document that not every annotator made:
/// one question for the adjudicator.
public struct Disagreement: Equatable, Sendable {
  public var document: Int
  /// From the first candidate's start to the last one's end.
  public var extent: TextRange
  /// By start, end, then tag.
  public var candidates: [Candidate]
  /// The annotators who coded the document.
  public var coders: [String]

  /// Names the question in the decision log; it changes when the annotators' work does.
  public var key: String { candidates.map(\.key).joined(separator: ";") }
}

/// What adjudicating a corpus involves: what everyone agreed on (pre-filled
/// into gold) and the disagreements to settle one by one.
public struct AdjudicationPlan: Sendable {
  /// Per document index: candidates every annotator who coded it made.
  public var agreed: [Int: [Candidate]] = [:]
  public var disagreements: [Disagreement] = []
  /// Documents coded by fewer than two annotators: nothing to adjudicate.
  public var singleCoded = 0

  /// Builds the plan from the team's work (gold itself is never a coder).
  public static func make(team: Team, codebook: Codebook) -> AdjudicationPlan {
    var plan = AdjudicationPlan()
    let order = Dictionary(uniqueKeysWithValues: team.tags(codebook: codebook).enumerated().map { ($1, $0) })
    for (d, row) in team.sets.enumerated() {
      let coders = team.annotators.indices.filter { row[$0] != nil && team.annotators[$0] != goldAnnotator }
      guard coders.count >= 2 else {
        if coders.count == 1 { plan.singleCoded += 1 }
        continue
      }
      var byKey: [String: Candidate] = [:]
      for j in coders {
        for a in row[j]!.annotations where !a.orphaned {
          for tag in a.tags {
            let name = team.annotators[j]
            var candidate =
              byKey["\(a.range.start)-\(a.range.end):\(tag)"]
              ?? Candidate(range: a.range, tag: tag, supporters: [], notes: [])
            if !candidate.supporters.contains(name) { candidate.supporters.append(name) }
            if let note = a.note, !note.isEmpty { candidate.notes.append("\(name): \(note)") }
            byKey[candidate.key] = candidate
          }
        }
      }
      let sorted = byKey.values.sorted {
        ($0.range.start, $0.range.end, order[$0.tag] ?? 0) < ($1.range.start, $1.range.end, order[$1.tag] ?? 0)
      }
      let everyone = coders.count
      plan.agreed[d] = sorted.filter { $0.supporters.count == everyone }
      // Group the rest into runs of overlapping ranges.
      var group: [Candidate] = []
      var groupEnd = 0
      func flush() {
        guard let first = group.first else { return }
        plan.disagreements.append(
          Disagreement(
            document: d, extent: TextRange(start: first.range.start, end: groupEnd), candidates: group,
            coders: coders.map { team.annotators[$0] }))
        group = []
      }
      for candidate in sorted where candidate.supporters.count < everyone {
        if !group.isEmpty && candidate.range.start >= max(groupEnd, group.last!.range.start + 1) { flush() }
        groupEnd = group.isEmpty ? candidate.range.end : max(groupEnd, candidate.range.end)
        group.append(candidate)
      }
      flush()
    }
    return plan
  }
}
