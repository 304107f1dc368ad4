import Testing

@testable import AnnotateCore

@Suite struct SpanMatchTests {
  func spans(_ list: [(Int, Int, String)], document: Int = 0) -> [LabelledSpan] {
    list.map { LabelledSpan(document: document, range: TextRange(start: $0.0, end: $0.1), tag: $0.2) }
  }

  @Test func exactAndOverlapF1PerTag() {
    let a = spans([(0, 10, "claim"), (20, 30, "claim"), (40, 50, "claim"), (5, 8, "opinion")])
    let b = spans([(0, 10, "claim"), (25, 35, "claim"), (60, 70, "opinion")])
    let m = Agreement.matchSpans(a, b)
    let claim = m["claim"]!
    #expect(claim.countA == 3 && claim.countB == 2 && claim.exact == 1)
    #expect(close(claim.exactF1, 2.0 / 5))
    // A: 2 of 3 overlap; B: 2 of 2. F1 = 2·(2/3·1)/(2/3 + 1) = 0.8.
    #expect(claim.overlappingA == 2 && claim.overlappingB == 2)
    #expect(close(claim.overlapF1, 0.8))
    let opinion = m["opinion"]!
    #expect(opinion.exactF1 == 0 && opinion.overlapF1 == 0)
  }

  @Test func spansOnlyMatchWithinTheirDocumentAndTag() {
    let a = spans([(0, 10, "claim")], document: 0)
    let b = spans([(0, 10, "claim")], document: 1) + spans([(0, 10, "source")], document: 0)
    let m = Agreement.matchSpans(a, b)
    #expect(m["claim"]!.exact == 0 && m["claim"]!.overlappingA == 0)
  }

  @Test func touchingSpansDoNotOverlapButEmptyOnesInsideDo() {
    let touching = Agreement.matchSpans(spans([(0, 10, "t")]), spans([(10, 20, "t")]))["t"]!
    #expect(touching.overlappingA == 0 && touching.overlappingB == 0)
    // An empty span at 12 sits inside 10-20: the two overlap, both ways.
    let empty = Agreement.matchSpans(spans([(12, 12, "t")]), spans([(10, 20, "t")]))["t"]!
    #expect(empty.overlappingA == 1 && empty.overlappingB == 1)
    let emptyAtStart = Agreement.matchSpans(spans([(10, 10, "t")]), spans([(10, 20, "t")]))["t"]!
    #expect(emptyAtStart.overlappingA == 1 && emptyAtStart.overlappingB == 1)
  }

  @Test func duplicatesMatchAsAMultiset() {
    let m = Agreement.matchSpans(spans([(0, 5, "t"), (0, 5, "t")]), spans([(0, 5, "t")]))["t"]!
    #expect(m.exact == 1)
    #expect(close(m.exactF1, 2.0 / 3))
  }

  @Test func nothingOnEitherSideIsUndefined() {
    #expect(SpanMatch().exactF1.isNaN)
    #expect(SpanMatch().overlapF1.isNaN)
  }

  /// Regression: the per-annotator span counts covered every document while
  /// F1 covered only those the pair coded. Both now cover the documents
  /// every annotator coded.
  @Test func countsAndF1CoverTheSameDocuments() throws {
    let project = TestWorkspace(["a.txt": "One two three. Four five six.", "b.txt": "Seven eight nine."])
    let (a, b) = (project.document("a.txt"), project.document("b.txt"))
    for who in ["ann", "ben", "cat"] {
      _ = try project.editor.tag(.units(1...1, .sentence), with: ["claim"], in: a, by: who)
    }
    // ann and ben also coded b.txt; cat never opened it.
    for who in ["ann", "ben"] { _ = try project.editor.tag(.units(1...1, .sentence), with: ["claim"], in: b, by: who) }
    let team = Team.load(project.workspace)
    #expect(team.annotators == ["ann", "ben", "cat"])
    let report = AgreementReport.make(
      team: team, unit: .span, unitKind: .sentence, codebook: project.workspace.codebook, tag: "claim")
    let row = try #require(report.spanRows.first { $0.tag == "claim" })
    #expect(row.counts == [1, 1, 1], "counts over a.txt only, as F1 is")
    #expect(report.spanPairs.allSatisfy { $0.documents == 1 })
  }
}
