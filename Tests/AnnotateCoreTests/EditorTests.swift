import Testing

@testable import AnnotateCore

/// The editing layer on its own, without a shell: typed targets in, typed
/// results out, every change durable and undoable.
@Suite struct EditorTests {
  /// Sentence 1, "The rightly felt loss", "rightly felt", sentence 2.
  static let (text, spans) = marked("⟦⟦The ⟦rightly felt⟧ loss⟧ of control.⟧ ⟦Talks resumed.⟧")

  func setUp() -> (TestWorkspace, Document) {
    let project = TestWorkspace(["a.txt": Self.text])
    return (project, project.document("a.txt"))
  }

  @Test func taggingARangeMakesASpanAndTaggingItAgainChangesNothing() throws {
    let (project, document) = setUp()
    let made = try project.editor.tag(.range(Self.spans[2]), with: ["opinion"], in: document)
    #expect(made.kind == .created)
    #expect(made.annotation.range == Self.spans[2])
    #expect(made.annotation.quote.exact == "rightly felt")
    #expect(made.serial != nil)
    let again = try project.editor.tag(.range(Self.spans[2]), with: ["opinion"], in: document)
    #expect(again.kind == .unchanged)
    #expect(again.serial == nil)
    #expect(project.editor.history.undoable.count == 1)
    let more = try project.editor.tag(.span(made.annotation.id), with: ["claim"], in: document)
    #expect(more.kind == .tagged)
    #expect(more.annotation.tags == ["claim", "opinion"])
  }

  @Test func unitTargetsCoverWholeSentences() throws {
    let (project, document) = setUp()
    let edit = try project.editor.tag(.units(1...1, .sentence), with: ["claim"], in: document)
    #expect(edit.annotation.range == Self.spans[0])
    #expect(throws: EditError.noSuchUnit(3, count: 2, kind: .sentence)) {
      try project.editor.tag(.units(2...3, .sentence), with: ["claim"], in: document)
    }
  }

  @Test func untagNoteDeleteAndReattach() throws {
    let (project, document) = setUp()
    let id = try project.editor.tag(.range(Self.spans[2]), with: ["opinion", "claim"], in: document).annotation.id
    #expect(try project.editor.untag(.span(id), removing: ["claim"], in: document).annotation.tags == ["opinion"])
    #expect(throws: EditError.tagsMissing(id: id, missing: ["claim"], has: ["opinion"])) {
      try project.editor.untag(.span(id), removing: ["claim"], in: document)
    }
    #expect(try project.editor.note(.span(id), nil, in: document).kind == .unchanged)
    #expect(try project.editor.note(.span(id), "hedged", in: document).annotation.note == "hedged")
    let moved = try project.editor.reattach(id, to: Self.spans[3], in: document)
    #expect(moved.annotation.quote.exact == "Talks resumed.")
    let deleted = try project.editor.delete([id], in: document)
    #expect(deleted.kind == .deleted)
    #expect(throws: EditError.deleted(id)) { try project.editor.delete([id], in: document) }
    #expect(throws: EditError.noSuchSpan(id + 1, valid: [])) { try project.editor.delete([id + 1], in: document) }
    #expect(throws: EditError.noSpanCovers(1...1, kind: .sentence, overlapping: [])) {
      try project.editor.untag(.units(1...1, .sentence), removing: [], in: document)
    }
  }

  @Test func undoAndRedoAreDurable() throws {
    let (project, document) = setUp()
    let first = try project.editor.tag(.range(Self.spans[2]), with: ["opinion"], in: document)
    _ = try project.editor.note(.span(first.annotation.id), "x", in: document)
    let undone = try project.editor.undo()
    #expect(undone.serial == first.serial! + 1)
    // What the next session reads is the state after undo.
    let next = project.reopened().annotations(of: document).set
    #expect(next.annotation(first.annotation.id)?.note == nil)
    try project.editor.redo()
    #expect(project.reopened().annotations(of: document).set.annotation(first.annotation.id)?.note == "x")
    try project.editor.undo()
    try project.editor.undo()
    #expect(throws: EditError.nothingToUndo) { try project.editor.undo() }
    #expect(project.reopened().annotations(of: document).set.isEmpty)
  }

  @Test func anotherAnnotatorsStoreIsWrittenThroughTheSameHistory() throws {
    let (project, document) = setUp()
    _ = try project.editor.tag(.range(Self.spans[3]), with: ["claim"], in: document, by: "gold")
    #expect(project.workspace.annotations(of: document, by: "gold").set.count == 1)
    #expect(project.workspace.annotations(of: document).set.isEmpty)
    try project.editor.undo()
    #expect(project.workspace.annotations(of: document, by: "gold").set.isEmpty)
  }

  @Test func aSessionHoldingTheLockMakesEditsFailWithTheReason() throws {
    let (project, document) = setUp()
    _ = try project.editor.tag(.range(Self.spans[3]), with: ["claim"], in: document)
    let other = project.reopened()
    let otherEditor = Editor(workspace: other)
    #expect {
      try otherEditor.tag(.range(Self.spans[2]), with: ["claim"], in: document)
    } throws: { error in
      guard case EditError.store(document: "a.txt", .locked(annotator: "alice", pid: _)) = error else { return false }
      return true
    }
  }
}
