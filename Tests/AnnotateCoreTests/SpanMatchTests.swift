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

  /// 600 documents of one to `sentences` short sentences, and three
  /// coders' random spans on them (the third coder missing from about a
  /// fifth of the documents, a tenth of the spans orphaned), each of at most
  /// `longest` code points and tagged with one of `lists`.
  static func randomTeam(seed: UInt64, sentences: Int, longest: Int, lists: [[String]]) -> (TestWorkspace, Team) {
    var texts: [String: String] = [:]
    for i in 0..<600 { texts["d\(1000 + i).txt"] = String(repeating: "Word \(i) here. ", count: 1 + i % sentences) }
    let project = TestWorkspace(texts)
    var state = seed
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    let sets: [[AnnotationSet?]] = project.workspace.corpus.documents.map { document in
      (0..<3).map { coder -> AnnotationSet? in
        if coder == 2 && next(5) == 0 { return nil }
        let n = document.text.scalarCount
        let annotations = (0..<next(6)).map { id -> Annotation in
          let start = next(n)
          let range = TextRange(start: start, end: min(n, start + 1 + next(longest)))
          return Annotation(
            id: id + 1, range: range, tags: lists[next(lists.count)], created: "t", modified: "t",
            quote: Quote(of: range, in: document.text), orphaned: next(10) == 0)
        }
        return AnnotationSet(annotations: annotations, nextID: 10)
      }
    }
    return (project, Team(corpus: project.workspace.corpus, annotators: ["ann", "ben", "cat"], sets: sets))
  }

  /// α_u's continuum is gathered a block of documents at a time on every
  /// core: over more documents than a block, with one annotator missing
  /// from some (left out) and orphans (not counted), it is the continuum put
  /// together document after document.
  @Test func unitizingGatheredInBlocksEqualsOneDocumentAfterAnother() throws {
    let tags = ["claim", "opinion", "source"]
    let (project, team) = Self.randomTeam(seed: 19, sentences: 4, longest: 9, lists: tags.map { [$0] })
    let (documents, sets) = (team.corpus.documents, team.sets)
    let report = AgreementReport.make(
      team: team, unit: .span, unitKind: .sentence, codebook: project.workspace.codebook)
    var units = [[[TextRange]]](repeating: [[TextRange]](repeating: [], count: 3), count: tags.count)
    var base = 0
    var included = 0
    for (d, row) in sets.enumerated() where row.allSatisfy({ $0 != nil }) {
      for (j, set) in row.enumerated() {
        for a in set!.annotations where !a.orphaned {
          let t = tags.firstIndex(of: a.tags[0])!
          units[t][j].append(TextRange(start: base + a.range.start, end: base + a.range.end))
        }
      }
      base += documents[d].text.scalarCount
      included += 1
    }
    let expected = Agreement.unitizingAlpha(UnitizingData(length: base, raters: 3, units: units))
    #expect(included > 256 && included < 600)
    #expect(report.unitizingDocuments == included && report.unitizingLength == base)
    for (t, tag) in tags.enumerated() {
      let row = try #require(report.spanRows.first { $0.tag == tag })
      #expect(row.unitizingAlpha == expected.categories[t].alpha)
    }
    #expect(report.spanRows.first { $0.tag == "micro" }?.unitizingAlpha == expected.alpha)
  }

  /// Sentence-level figures worked out a block of documents per core and
  /// joined in order equal those gathered one document after another.
  @Test func sentenceFiguresGatheredInBlocksEqualOneDocumentAfterAnother() {
    let tags = ["claim", "opinion", "source"]
    let lists = [["claim"], ["opinion"], ["source"], ["claim", "source"], ["opinion", "claim"]]
    let (project, team) = Self.randomTeam(seed: 23, sentences: 5, longest: 30, lists: lists)
    let (documents, sets) = (team.corpus.documents, team.sets)
    let report = AgreementReport.make(
      team: team, unit: .sentence, unitKind: .sentence, codebook: project.workspace.codebook)
    var one = UnitReliability(tags: tags, coders: 3, kind: .sentence, wholeSets: true)
    for (d, row) in sets.enumerated() {
      let units = documents[d].units(.sentence)
      one.add(row.map { $0.map { UnitTagBits($0, units: units, tags: one.tagIndex) } }, units: units.count)
    }
    let (rows, pairs) = one.rows(annotators: ["ann", "ben", "cat"], bootstrap: nil)
    #expect(report.unitRows.count == 4 && report.unitRows.allSatisfy { $0.items > 600 })
    #expect(report.unitRows == rows)
    #expect(report.pairRows == pairs)
  }

  /// Spans are matched a document at a time with tags numbered as met: the
  /// same counts as grouping every (document, tag) by hash, whatever the
  /// order the spans come in.
  @Test func matchingByDocumentEqualsMatchingByHashedGroups() {
    var state: UInt64 = 7
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    func random() -> [LabelledSpan] {
      (0..<next(60)).map { _ in
        let start = next(50)
        return LabelledSpan(
          document: next(6), range: TextRange(start: start, end: start + next(12)),
          tag: ["claim", "opinion", "source", "a much longer tag name than fits inline"][next(4)])
      }
    }
    func reference(_ a: [LabelledSpan], _ b: [LabelledSpan]) -> [String: SpanMatch] {
      struct Key: Hashable {
        var document: Int
        var tag: String
      }
      let x = Dictionary(grouping: a) { Key(document: $0.document, tag: $0.tag) }
      let y = Dictionary(grouping: b) { Key(document: $0.document, tag: $0.tag) }
      var result: [String: SpanMatch] = [:]
      for key in Set(x.keys).union(y.keys) {
        let p = (x[key] ?? []).map(\.range).sorted()
        let q = (y[key] ?? []).map(\.range).sorted()
        var m = result[key.tag] ?? SpanMatch()
        m.countA += p.count
        m.countB += q.count
        m.exact += Agreement.exactMatches(p, q)
        m.overlappingA += Agreement.overlapping(p, among: q)
        m.overlappingB += Agreement.overlapping(q, among: p)
        result[key.tag] = m
      }
      return result
    }
    for round in 0..<300 {
      var a = random()
      var b = random()
      if round % 2 == 0 {
        a.sort { ($0.document, $0.range.start) < ($1.document, $1.range.start) }
        b.sort { $0.document < $1.document }
      }
      #expect(Agreement.matchSpans(a, b) == reference(a, b), "round \(round)")
    }
  }
}
