import Testing

@testable import AnnotateCore

/// Adjudication without a shell: pre-fill, questions, answers into gold
/// through the editor (undoable, with the decision taken back too).
@Suite struct AdjudicatorTests {
  static let (text, spans) = marked("⟦The ⟦rightly felt⟧ loss⟧ of control. ⟦Talks resumed.⟧")

  /// alice and bob agree on sentence 2 (claim), and differ on the opinion's words.
  func setUp() throws -> (TestWorkspace, Adjudicator, Document) {
    let project = TestWorkspace(["a.txt": Self.text], annotator: "carol")
    let document = project.document("a.txt")
    for (who, range) in [("alice", Self.spans[0]), ("bob", Self.spans[1])] {
      _ = try project.editor.tag(.range(range), with: ["opinion"], in: document, by: who)
      _ = try project.editor.tag(.range(Self.spans[2]), with: ["claim"], in: document, by: who)
    }
    return (project, Adjudicator(editor: project.editor), document)
  }

  @Test func prefillsAgreementThenAsksAndSettlesIntoGold() throws {
    let (project, adjudicator, document) = try setUp()
    #expect(throws: Adjudicator.Failure.noOpenQuestion) { try adjudicator.answer(.keep([1])) }
    let status = try adjudicator.status()
    #expect(status.disagreements == 1 && status.open == 1)
    #expect(project.workspace.annotations(of: document, by: goldAnnotator).set.isEmpty, "status wrote to gold")
    let first = try adjudicator.next()
    #expect(first.prefilled.spans == 1)
    let question = try #require(first.next)
    #expect(question.disagreement.candidates.map(\.range) == [Self.spans[0], Self.spans[1]])
    #expect(throws: Adjudicator.Failure.noSuchCandidate(3, count: 2)) { try adjudicator.answer(.keep([3])) }
    let settled = try adjudicator.answer(.keep([2]))
    #expect(settled.answer == .settled(document: "a.txt", written(in: project, document)))
    #expect(written(in: project, document).map(\.range) == [Self.spans[1]])
    #expect(settled.end == .allSettled)
    let gold = project.workspace.annotations(of: document, by: goldAnnotator).set
    #expect(gold.annotations.map(\.quote.exact) == ["rightly felt", "Talks resumed."])
  }

  /// The gold span the answer kept: the one not pre-filled.
  func written(in project: TestWorkspace, _ document: Document) -> [Annotation] {
    project.workspace.annotations(of: document, by: goldAnnotator).set.annotations.filter { $0.tags == ["opinion"] }
  }

  @Test func undoTakesBackTheGoldSpansAndTheDecision() throws {
    let (project, adjudicator, document) = try setUp()
    _ = try adjudicator.next()
    _ = try adjudicator.answer(.all)
    #expect(project.workspace.annotations(of: document, by: goldAnnotator).set.count == 3)
    try project.editor.undo()
    #expect(project.workspace.annotations(of: document, by: goldAnnotator).set.count == 1)
    // The question is open again, in this session and the next.
    let again = try #require(try adjudicator.next().next)
    #expect(again.settled == 0)
    let fresh = Adjudicator(editor: Editor(workspace: project.reopened(annotator: "dave")))
    #expect(try fresh.status().open == 1)
  }
}
