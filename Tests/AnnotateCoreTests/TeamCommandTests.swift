import Testing

@testable import AnnotateCore

/// Several annotators' sessions on one copy of the documents.
final class TeamWorkspace {
  let folder: String

  init(documents: [String: String] = [:]) {
    folder = makeTemporaryFolder()
    sh("mkdir -p '\(folder)/docs' '\(folder)/ann'")
    sh("cp '\(seedPath)' '\(folder)/docs/'")
    for (name, text) in documents { writeFile(folder + "/docs/" + name, text) }
  }

  deinit { removeTree(folder) }

  /// A session as `annotator`, closed (journals folded) after the lines run.
  @discardableResult
  func run(as annotator: String, _ lines: String...) -> (out: String, err: String, failed: Bool) {
    let session = self.session(annotator)
    defer { _ = session.close() }
    return transcript(session, lines)
  }

  func session(_ annotator: String) -> Session {
    let session = Session(options: SessionOptions(annotator: annotator, annotationsPath: folder + "/ann"))
    session.clock = { "2026-11-25T08:00:00Z" }
    session.open([folder + "/docs"])
    return session
  }

  var seedFolder: String { folder + "/ann/000_9c83e067df388347.txt" }

  /// The three-annotator example of the README.
  static func example() -> TeamWorkspace {
    let w = TeamWorkspace()
    w.run(as: "alice", "tag 1 source", "tag 3 claim", "hl 3 \"rightly felt\" opinion", "tag 5 claim", "tag 7 op")
    w.run(as: "bob", "tag 1 source", "tag 3 claim", "hl 3 \"America rightly felt\" opinion", "tag 6 claim", "tag 7 op")
    w.run(as: "carol", "tag 1 source", "tag 3 claim", "tag 5 claim", "tag 8 source")
    return w
  }
}

@Suite struct AgreeCommandTests {
  @Test func sentenceLevelFiguresForThreeAnnotators() throws {
    let w = TeamWorkspace.example()
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

  @Test func twoAnnotatorsGetCohenAndAGoldIsLeftOutUnlessNamed() throws {
    let w = TeamWorkspace.example()
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
    let w = TeamWorkspace.example()
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
    let w = TeamWorkspace.example()
    let (out, err, failed) = w.run(as: "alice", "agree --format csv --tag claim", "export csv", "agree --format json")
    #expect(!failed, "\(err)")
    // (A blank line inside a quoted CSV field is the text's own.)
    #expect(!out.contains("\n\n{\"unit\""), "\(out)")
    #expect(!out.hasSuffix("\n\n"))
    #expect(out.contains("krippendorff_alpha,alice|bob|carol,0.6339869281045751,19\ndocument,annotation_id"))
  }

  @Test func aDocumentNobodyElseCodedIsMissingNotDisagreement() throws {
    let w = TeamWorkspace(documents: ["b.txt": "One sentence here. Another one there.\n"])
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
    let w = TeamWorkspace.example()
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

  @Test func oneAnnotatorSaysAgreementNeedsTwo() {
    let w = TeamWorkspace()
    w.run(as: "alice", "tag 1 claim")
    let (out, _, failed) = w.run(as: "alice", "agree")
    #expect(!failed)
    #expect(out.contains("only alice has annotations of the open documents — agreement needs two annotators' sidecars"))
  }
}

@Suite struct AnnotatorsAndCompareTests {
  @Test func annotatorsListsProgressAndMarksYouAndGold() {
    let w = TeamWorkspace.example()
    w.run(as: "gold", "tag 3 claim")
    let (out, err, failed) = w.run(as: "bob", "annotators")
    #expect(!failed, "\(err)")
    let lines = out.split(separator: "\n").map(String.init)
    #expect(lines.count == 5)
    #expect(lines[1].hasPrefix("  alice ") && lines[1].contains("1 of 1") && lines[1].contains("4 of 19 (21%)"))
    #expect(lines[2].hasPrefix("  bob (you) "))
    #expect(lines[4].hasPrefix("  gold (adjudicated) ") && lines[4].contains("1 of 19 (5%)"))
  }

  @Test func compareShowsWhereTagsAndExtentsDiffer() {
    let w = TeamWorkspace.example()
    let (out, err, failed) = w.run(
      as: "alice", "compare", "compare 1-3 --annotator alice --annotator bob", "compare 1 all")
    #expect(!failed, "\(err)")
    #expect(out.contains("sentences 1-19: 5 differ in tags, 0 more in span extent"))
    #expect(out.contains("≠ 3  “Before this happened"))
    #expect(out.contains("    bob    claim (whole); opinion “America rightly felt”"))
    #expect(out.contains("    carol  —"))
    // Alone with bob, alice agrees on sentence 3's tags but not on the opinion's words.
    #expect(out.contains("alice, bob · sentences 1-3: 0 differ in tags, 1 more in span extent\n~ 3  “Before"))
    #expect(out.contains("= 1  “Who’s to Blame"))
  }

  @Test func compareNamesAnAnnotatorWhoDidNotCodeTheDocument() {
    let w = TeamWorkspace(documents: ["b.txt": "One sentence here. Another one there.\n"])
    w.run(as: "alice", "doc b.txt", "tag 1 claim", "doc 1", "tag 2 claim")
    w.run(as: "bob", "doc b.txt", "tag 2 claim", "doc 1", "tag 2 claim")
    w.run(as: "carol", "tag 2 claim")
    let (out, _, _) = w.run(as: "alice", "doc b.txt", "compare")
    #expect(out.contains("≠ 1"))
    #expect(out.contains("    carol  not coded"))
    #expect(out.contains("b.txt · alice, bob · sentences 1-2: 2 differ in tags"))
  }

  @Test func compareNeedsTwoCoders() {
    let w = TeamWorkspace()
    w.run(as: "alice", "tag 1 claim")
    let (out, _, _) = w.run(as: "alice", "compare")
    #expect(out.contains("only alice has coded this document — compare needs two annotators"))
    let (_, err, _) = w.run(as: "alice", "compare 40", "compare --annotator", "compare x")
    #expect(err.contains("there is no sentence 40 — valid: 1-19"))
    #expect(err.contains("compare: --annotator needs a name"))
    #expect(err.contains("compare: unexpected 'x'"))
  }
}

@Suite struct AdjudicateCommandTests {
  @Test func prefillsAgreementThenWalksDisagreementsIntoGold() throws {
    let w = TeamWorkspace.example()
    let (out, err, failed) = w.run(as: "alice", "adjudicate", "adj 2", "adj skip", "adj 1", "adj all", "adj none")
    #expect(!failed, "\(err)")
    #expect(out.contains("gold: pre-filled 2 spans every annotator agreed on, in 1 document"))
    #expect(out.contains("disagreement 1 of 5 (0 settled)"))
    #expect(out.contains("  1) opinion  “America rightly felt” — bob (not: alice, carol)"))
    #expect(out.contains("gold: #3 [opinion] sentence 3: “rightly felt”"))
    #expect(out.contains("gold: kept none of them"))
    // The skipped question (sentence 5) comes back last.
    #expect(out.hasSuffix("keep: adjudicate 1 | all | none | skip\n"))
    #expect(out.components(separatedBy: "disagreement 2 of 5").count == 3)
    let gold = w.session("gold")
    let spans = gold.annotations(0).set.annotations
    #expect(spans.map(\.tags) == [["source"], ["claim"], ["opinion"], ["claim"], ["opinion"]])
    // No journal left behind: the session folded it into gold.json.
    #expect(readFileBytes(w.seedFolder + "/.gold.journal")?.isEmpty ?? true)
  }

  @Test func resumesInANewSessionAndRemembersRejections() {
    let w = TeamWorkspace.example()
    w.run(as: "alice", "adjudicate", "adj none", "adj none")
    let (out, _, _) = w.run(as: "bob", "adj status", "adjudicate")
    #expect(out.contains("5 disagreements: 2 settled, 3 open (0 skipped for now)"))
    #expect(out.contains("disagreement 3 of 5 (2 settled)"))
    #expect(!out.contains("pre-filled"))
    let log = String(decoding: readFileBytes(w.seedFolder + "/gold.decisions.jsonl") ?? [], as: UTF8.self)
    #expect(log.split(separator: "\n").count == 4)
    #expect(log.contains("{\"key\":\"184-204:opinion;192-204:opinion\",\"kept\":[],\"by\":\"alice\""))
  }

  @Test func finishesWhenEverythingIsSettled() {
    let w = TeamWorkspace.example()
    let (out, _, _) = w.run(as: "carol", "adj", "adj 1", "adj 1", "adj 1", "adj 1", "adj 1", "adj")
    #expect(out.contains("every disagreement is settled"))
    let agree = w.run(as: "carol", "agree --annotator gold --annotator carol --unit span")
    #expect(agree.out.contains("gold, carol"))
  }

  @Test func answersNeedAnOpenQuestionAndValidNumbers() {
    let w = TeamWorkspace.example()
    let (out, err, _) = w.run(as: "alice", "adj 1", "adj", "adj 3", "adj x", "adj 1 extra")
    let errors = err.split(separator: "\n").map(String.init)
    #expect(
      errors[0] == "error: no disagreement is open — type adjudicate to see the next one, then answer with its numbers")
    #expect(errors[1].hasPrefix("error: adjudicate: there is no candidate 3 — valid: 1-2"))
    #expect(errors[2].hasPrefix("error: adjudicate: 'x' is not a candidate number; answer 1-2, all, none or skip"))
    #expect(errors[3].hasPrefix("error: adjudicate: 'extra' is not a candidate number"))
    // Regression: the refused first answer pre-filled gold silently; adj does it, and says so.
    #expect(out.hasPrefix("gold: pre-filled 2 spans every annotator agreed on"))
  }

  @Test func aDamagedDecisionLogStopsAdjudicationWithOneLine() {
    let w = TeamWorkspace.example()
    w.run(as: "alice", "adj", "adj 1")
    let path = w.seedFolder + "/gold.decisions.jsonl"
    let bytes = readFileBytes(path)!
    writeFile(path, Array("garbage\n".utf8) + bytes)
    let (_, err, _) = w.run(as: "alice", "adj")
    #expect(err.contains("is read-only here: its decision log is damaged — \(path): line 1: is not a decision record"))
    // A last line cut short by a crash is not damage.
    writeFile(path, bytes + Array("{\"key\":\"1-2".utf8))
    let (out, err2, _) = w.run(as: "alice", "adj")
    #expect(err2.isEmpty, "\(err2)")
    #expect(out.contains("disagreement 2 of 5 (1 settled)"))
  }

  @Test func documentsWithOneCoderAreNotAdjudicated() {
    let w = TeamWorkspace()
    w.run(as: "alice", "tag 1 claim")
    let (out, _, _) = w.run(as: "alice", "adj", "adj status")
    #expect(out.contains("adjudication needs two annotators' work on the same documents"))
    #expect(
      out.contains("0 disagreements: 0 settled, 0 open (0 skipped for now); 1 document coded by one annotator only"))
  }

  @Test func adjudicatingAsGoldWritesThroughTheSessionsOwnStore() {
    let w = TeamWorkspace.example()
    let (out, err, failed) = w.run(as: "gold", "adj", "adj 1", "spans")
    #expect(!failed, "\(err)")
    #expect(out.contains("#3 [opinion] sentence 3: “America rightly felt”"))
  }
}

/// Regression: import looked each span's range up by a linear scan, so a
/// million spans into one document never finished. Now one pass and a sort.
@Suite struct LargeImportTests {
  @Test func fiftyThousandSpansIntoOneDocument() throws {
    let w = Workspace(documents: [:], seed: true)
    let tsv = w.folder + "/spans.tsv"
    var text = ""
    for i in 0..<50_000 {
      let start = (i * 37) % 3000
      text += "000_9c83e067df388347.txt\t\(["claim", "opinion", "source"][i % 3])\t\(start)\t\(start + 1 + i % 40)\n"
    }
    writeFile(tsv, text)
    let (out, err, failed) = w.run("import tsv '\(tsv)' --as big")
    #expect(!failed, "\(err)")
    #expect(out.contains("imported"))
    let sidecar = try Sidecar.decode(
      try #require(readFileBytes(w.folder + "/ann/000_9c83e067df388347.txt/big.json")), path: "big.json")
    // Distinct ranges become spans; repeats add their tags to the span there.
    let ranges = Set((0..<50_000).map { i in (i * 37) % 3000 * 100 + 1 + i % 40 })
    #expect(sidecar.set.count == ranges.count)
  }
}
