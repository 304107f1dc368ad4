import Testing

@testable import AnnotateCore

@Suite struct AnnotatorsAndCompareTests {
  @Test func annotatorsListsProgressAndMarksYouAndGold() {
    let w = TeamProject.example()
    w.run(as: "gold", "tag 3 claim")
    let (out, err, failed) = w.run(as: "bob", "annotators")
    #expect(!failed, "\(err)")
    let lines = out.split(separator: "\n").map(String.init)
    #expect(lines.count == 5)
    #expect(lines[1].hasPrefix("  alice ") && lines[1].contains("1 of 1") && lines[1].contains("4 of 19 (21%)"))
    #expect(lines[2].hasPrefix("  bob (you) "))
    #expect(lines[4].hasPrefix("  gold (adjudicated) ") && lines[4].contains("1 of 19 (5%)"))
  }

  /// The annotators of many documents, their folders read on every core,
  /// are each document's as asked one at a time (live stores included).
  @Test func annotatorsOfManyDocumentsAreThoseOfEachAlone() {
    let w = TeamProject.example()
    let session = w.session("dave")
    _ = transcript(session, ["tag 1 claim"])
    let workspace = session.workspace
    let documents = workspace.corpus.documents
    let together = workspace.annotators(of: documents)
    #expect(together == documents.map { workspace.annotators(of: $0) })
    #expect(together.contains { $0.contains("dave") } && together.contains { $0.contains("carol") })
  }

  @Test func compareShowsWhereTagsAndExtentsDiffer() {
    let w = TeamProject.example()
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
    let w = TeamProject(documents: ["b.txt": "One sentence here. Another one there.\n"])
    w.run(as: "alice", "doc b.txt", "tag 1 claim", "doc 1", "tag 2 claim")
    w.run(as: "bob", "doc b.txt", "tag 2 claim", "doc 1", "tag 2 claim")
    w.run(as: "carol", "tag 2 claim")
    let (out, _, _) = w.run(as: "alice", "doc b.txt", "compare")
    #expect(out.contains("≠ 1"))
    #expect(out.contains("    carol  not coded"))
    #expect(out.contains("b.txt · alice, bob · sentences 1-2: 2 differ in tags"))
  }

  @Test func compareNeedsTwoCoders() {
    let w = TeamProject()
    w.run(as: "alice", "tag 1 claim")
    let (out, _, _) = w.run(as: "alice", "compare")
    #expect(out.contains("only alice has coded this document — compare needs two annotators"))
    let (_, err, _) = w.run(as: "alice", "compare 40", "compare --annotator", "compare x")
    #expect(err.contains("there is no sentence 40 — valid: 1-19"))
    #expect(err.contains("compare: --annotator needs a name"))
    #expect(err.contains("compare: unexpected 'x'"))
  }
}
