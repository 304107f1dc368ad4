import Testing

@testable import AnnotateCore

@Suite struct AdjudicateCommandTests {
  @Test func prefillsAgreementThenWalksDisagreementsIntoGold() throws {
    let w = TeamProject.example()
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
    let w = TeamProject.example()
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
    let w = TeamProject.example()
    let (out, _, _) = w.run(as: "carol", "adj", "adj 1", "adj 1", "adj 1", "adj 1", "adj 1", "adj")
    #expect(out.contains("every disagreement is settled"))
    let agree = w.run(as: "carol", "agree --annotator gold --annotator carol --unit span")
    #expect(agree.out.contains("gold, carol"))
  }

  @Test func answersNeedAnOpenQuestionAndValidNumbers() {
    let w = TeamProject.example()
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
    let w = TeamProject.example()
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
    let w = TeamProject()
    w.run(as: "alice", "tag 1 claim")
    let (out, _, _) = w.run(as: "alice", "adj", "adj status")
    #expect(out.contains("adjudication needs two annotators' work on the same documents"))
    #expect(
      out.contains("0 disagreements: 0 settled, 0 open (0 skipped for now); 1 document coded by one annotator only"))
  }

  @Test func adjudicatingAsGoldWritesThroughTheSessionsOwnStore() {
    let w = TeamProject.example()
    let (out, err, failed) = w.run(as: "gold", "adj", "adj 1", "spans")
    #expect(!failed, "\(err)")
    #expect(out.contains("#3 [opinion] sentence 3: “America rightly felt”"))
  }
}
