import Testing

@testable import AnnotateCore

@Suite struct AgreeCommandTests {
  @Test func sentenceLevelFiguresForThreeAnnotators() throws {
    let w = TeamProject.example()
    let session = w.session("alice")
    let team = session.team()
    #expect(team.annotators == ["alice", "bob", "carol"])
    let report = AgreementReport.make(
      team: team, unit: .sentence, unitKind: .sentence, codebook: .standard)
    // claim: sentences 3 (all three), 5 (alice, carol), 6 (bob) of 19.
    let claim = try #require(report.unitRows.first { $0.tag == "claim" })
    #expect(claim.items == 19 && claim.fleissItems == 19 && claim.cohen == nil)
    // Per-item pair agreement: 16 items all agree, items 5 and 6 one pair of three.
    #expect(close(claim.percent, (17 + 2.0 / 3) / 19))
    // Hand count: n = 57 values, 6 of them "claim"; o_11 = 3 (s3) + 1 (s5) = 4
    // (each of s3's 6 ordered pairs / 2), n_1 = 3 + 2 + 1 = 6.
    // α = 1 − 56 · (57 − (4 + o_00)) / (57·56 − 6·5 − 51·50), o_00 = Σ n_0(n_0−1)/2.
    let o00 = 16.0 * 3 + 0 + 1  // 16 all-no items (3 each), s5 a single no, s6 one pair
    let alpha = 1 - 56 * (57 - (4 + o00)) / (57.0 * 56 - 30 - 51 * 50)
    #expect(close(claim.alpha, alpha))
    #expect(report.pairRows.map { "\($0.a)-\($0.b)" } == ["alice-bob", "alice-carol", "bob-carol"])
    #expect(report.unitRows.last?.tag == nil)
  }

  /// Whole tag sets are categories numbered as first seen; sets of no tag
  /// and of one tag are found by index, longer ones by their bits (one word
  /// with up to 64 tags, several past that), and all must share one
  /// numbering (a coder who did not code a document is missing).
  @Test(arguments: [3, 70])
  func wholeSetCategoriesAreNumberedInOneOrderWhateverTheirSize(tagCount: Int) {
    let tags = (0..<tagCount).map { "t\($0)" }
    var data = UnitReliability(tags: tags, coders: 2, kind: .sentence, wholeSets: true)
    let last = tagCount - 1
    let alice: [[Int]] = [[], [0], [0, 1], [last], [], [0, 1], [1], [0, 1, last]]
    let bob: [[Int]] = [[0], [0], [0, 1], [], [], [1], [1], [0, 1, last]]
    let documents: [[[[Int]]?]] = [[alice, bob], [bob, nil], [nil, alice]]
    for units in documents {
      data.add(units.map { $0.map { UnitTagBits(lists: $0, tagCount: tagCount) } }, units: 8)
    }
    // The numbering written out: one dictionary over every set.
    var categories: [[Int]: Int32] = [:]
    var values: [Int32] = []
    for units in documents {
      for u in 0..<8 {
        for coder in units {
          guard let coder else {
            values.append(ReliabilityData.missing)
            continue
          }
          let category = categories[coder[u]] ?? Int32(categories.count)
          categories[coder[u]] = category
          values.append(category)
        }
      }
    }
    let (rows, _) = data.rows(annotators: ["alice", "bob"], bootstrap: nil)
    let whole = ReliabilityData(coders: 2, categories: categories.count, values: values)
    #expect(rows.count == tagCount + 1)
    #expect(rows.last == AgreementReport.unitRow(nil, whole))
    #expect(rows.last?.items == 8)
  }

  @Test func twoAnnotatorsGetCohenAndAGoldIsLeftOutUnlessNamed() throws {
    let w = TeamProject.example()
    w.run(as: "gold", "tag 3 claim")
    let (out, err, failed) = w.run(
      as: "alice", "agree --annotator alice --annotator bob", "agree --tag cl --format json")
    #expect(!failed, "\(err)")
    #expect(out.contains("sentence agreement · 2 annotators (alice, bob)"))
    #expect(out.contains("Cohen κ"))
    #expect(out.contains("\"annotators\": [\"alice\", \"bob\", \"carol\"]"))
    #expect(!out.contains("gold"))
    let withGold = w.run(as: "alice", "agree --annotator gold --annotator alice")
    #expect(withGold.out.contains("(gold, alice)"))
  }

  @Test func spanLevelTableAndCSV() {
    let w = TeamProject.example()
    let (out, err, failed) = w.run(as: "alice", "agree --unit span", "agree --unit span --format csv")
    #expect(!failed, "\(err)")
    // opinion: alice "rightly felt" and s7, bob "America rightly felt" and s7, carol none.
    // alice–bob exact 1 of 2+2 → 0.5; with carol 0 → mean (0.5 + 0 + 0) / 3.
    #expect(out.contains("  opinion      2    2      0     0.167       0.333  0.439"))
    #expect(out.contains("span,(micro),unitizing_alpha,alice|bob|carol,0.63"))
    #expect(out.contains("span,opinion,exact_f1,alice|bob|carol,0.16666666666666666,4\r\n") == false)
    #expect(out.contains("span,opinion,exact_f1,alice|bob|carol,0.16666666666666666,4"))
    #expect(out.contains("span,(micro),overlap_f1,alice|bob,0.8000000000000002,10"))
  }

  /// Regression: CSV ends its lines with CRLF, one Character in Swift, so
  /// the screen got an empty line after every CSV (export's since issue 6).
  @Test func csvOnTheScreenEndsWithoutAnEmptyLine() {
    let w = TeamProject.example()
    let (out, err, failed) = w.run(as: "alice", "agree --format csv --tag claim", "export csv", "agree --format json")
    #expect(!failed, "\(err)")
    // (A blank line inside a quoted CSV field is the text's own.)
    #expect(!out.contains("\n\n{\"unit\""), "\(out)")
    #expect(!out.hasSuffix("\n\n"))
    #expect(out.contains("krippendorff_alpha,alice|bob|carol,0.6339869281045751,19\ndocument,annotation_id"))
  }

  @Test func aDocumentNobodyElseCodedIsMissingNotDisagreement() throws {
    let w = TeamProject(documents: ["b.txt": "One sentence here. Another one there.\n"])
    w.run(as: "alice", "tag 1 claim", "doc b.txt", "tag 1 claim")
    w.run(as: "bob", "tag 1 claim")
    let session = w.session("alice")
    let report = AgreementReport.make(team: session.team(), unit: .sentence, unitKind: .sentence, codebook: .standard)
    let claim = try #require(report.unitRows.first { $0.tag == "claim" })
    // Only the seed's 19 sentences are pairable; b.txt's 2 have alice alone.
    #expect(claim.items == 19)
    #expect(claim.percent == 1)
    #expect(report.sharedDocuments == 1 && report.documents == 2)
    let spans = AgreementReport.make(team: session.team(), unit: .span, unitKind: .sentence, codebook: .standard)
    #expect(spans.spanRows.first { $0.tag == "claim" }?.exactF1 == 1)
  }

  @Test func badInputGetsOneLine() {
    let w = TeamProject.example()
    let (_, err, _) = w.run(
      as: "alice", "agree --unit words", "agree --format xml", "agree --tag bogus", "agree --annotator dave",
      "agree --tag", "agree extra")
    let errors = err.split(separator: "\n").map(String.init)
    #expect(errors.count == 6)
    #expect(errors[0].hasPrefix("error: agree: 'words' is not a unit; valid: sentence, span"))
    #expect(errors[1].hasPrefix("error: agree: 'xml' is not a format; valid: table, csv, json"))
    #expect(errors[2].hasPrefix("error: unknown tag 'bogus'"))
    #expect(errors[3].hasPrefix("error: agree: no annotations by 'dave' for the open documents"))
    #expect(errors[4].hasPrefix("error: agree: --tag needs a value"))
    #expect(errors[5].hasPrefix("error: agree: unexpected 'extra'"))
  }

  @Test func bootstrapIntervalsInTheTableTheCSVAndTheJSON() {
    let w = TeamProject.example()
    let (out, err, failed) = w.run(
      as: "alice", "agree --bootstrap 200 --seed 3 --threshold 0.8", "agree --bootstrap 200 --seed 3 --format csv",
      "agree --bootstrap 50 --format json")
    #expect(!failed, "\(err)")
    #expect(out.contains("95% CI") && out.contains("P(α < 0.800)"))
    #expect(out.contains("resamples of the sentences (seed 3)"))
    #expect(out.contains("█") && out.contains("┊"))
    #expect(out.contains("claim,krippendorff_alpha_ci95_low,alice|bob|carol,"))
    #expect(out.contains("claim,p_alpha_below_0.667,alice|bob|carol,"))
    #expect(out.contains("\"bootstrap\": {\"resamples\": 50, \"defined\": "))
    // The same seed, the same figures.
    let again = w.run(as: "alice", "agree --bootstrap 200 --seed 3 --format csv")
    #expect(out.contains(again.out))
  }

  @Test func badBootstrapOptionsGetOneLineEach() {
    let w = TeamProject.example()
    let (_, err, _) = w.run(
      as: "alice", "agree --bootstrap many", "agree --bootstrap 0", "agree --bootstrap 10 --seed -1",
      "agree --bootstrap 10 --threshold 2", "agree --seed 4", "agree --unit span --bootstrap 100",
      "agree --bootsrap 500")
    let errors = err.split(separator: "\n").map(String.init)
    #expect(errors.count == 7)
    #expect(errors[6].hasPrefix("error: agree: unexpected '--bootsrap' — did you mean '--bootstrap'?"))
    #expect(
      errors[0].hasPrefix("error: agree: --bootstrap: 'many' is not valid; valid: a whole number from 1 to 1000000"))
    #expect(errors[1].hasPrefix("error: agree: --bootstrap: '0' is not valid"))
    #expect(errors[2].hasPrefix("error: agree: --seed: '-1' is not valid"))
    #expect(errors[3].hasPrefix("error: agree: --threshold: '2' is not valid; valid: an α above -1 and at most 1"))
    #expect(errors[4].hasPrefix("error: agree: --seed and --threshold belong to --bootstrap N"))
    #expect(errors[5].hasPrefix("error: agree: --bootstrap gives intervals for sentence-level α"))
  }

  /// The README example, counted by hand: s1 source, s3 claim and s7
  /// opinion alike; alice's "rightly felt" and bob's "America rightly felt"
  /// (both opinion) overlap; alice's claim on s5 and bob's on s6 overlap nothing.
  @Test func confusionPairsSpansByOverlapAndCountsTheUnpairedAgainstNone() throws {
    let w = TeamProject.example()
    let session = w.session("alice")
    let team = session.team()
    let matrix = TagConfusion.make(team: team, a: 0, b: 1, codebook: .standard)
    #expect(matrix.labels == ["claim", "opinion", "source", "none"])
    #expect(matrix.counts == [[1, 0, 0, 1], [0, 2, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0]])
    let (out, err, failed) = w.run(
      as: "alice", "agree --confusion alice bob", "agree --confusion bob carol --format csv",
      "agree --confusion alice bob --format json")
    #expect(!failed, "\(err)")
    #expect(out.contains("tag confusion · rows alice, columns bob · 1 document both coded"))
    #expect(out.contains("4 of 6 spans on the diagonal"))
    #expect(out.contains("bob,carol,claim,none,1"))
    #expect(out.contains("\"counts\": [[1, 0, 0, 1], [0, 2, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0]]"))
    let bad = w.run(
      as: "alice", "agree --confusion alice", "agree --confusion alice alice", "agree --confusion alice zed")
    let errors = bad.err.split(separator: "\n").map(String.init)
    #expect(errors.count == 3)
    #expect(errors[0].hasPrefix("error: agree: --confusion needs a value"))
    #expect(errors[1].hasPrefix("error: agree: --confusion needs two different annotators"))
    #expect(errors[2].hasPrefix("error: agree: no annotations by 'zed'"))
  }

  @Test func theTableDrawsAlphaAsABar() {
    let w = TeamProject.example()
    let (out, _, _) = w.run(as: "alice", "agree")
    let claim = out.split(separator: "\n").first { $0.hasPrefix("  claim") } ?? ""
    #expect(claim.hasSuffix("┊··┊···") || claim.contains("█"), "\(out)")
    #expect(out.contains("α 0"))
  }

  @Test func oneAnnotatorSaysAgreementNeedsTwo() {
    let w = TeamProject()
    w.run(as: "alice", "tag 1 claim")
    let (out, _, failed) = w.run(as: "alice", "agree")
    #expect(!failed)
    #expect(out.contains("only alice has annotations of the open documents — agreement needs two annotators' sidecars"))
  }
}
