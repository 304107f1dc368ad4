import Testing

@testable import AnnotateCore

/// The coding loop in-process: the queue across documents, done and
/// "nothing to code", progress that survives a restart, assignments, the
/// coding mode's keys, comments in scripts, drawing crossing spans, resume.
@Suite struct CodingLoopTests {
  static let short = ["a.txt": "One claim here. Two, an opinion. Three is nothing.\n", "b.txt": "Bee one. Bee two.\n"]

  func project() -> TestProject { TestProject(documents: Self.short, seed: false) }

  @Test func todoGoesOnIntoTheNextDocumentAndPassesDoneOnes() {
    let p = project()
    let (out, err, _) = p.run("doc a.txt", "tag 1 claim", "tag 2 opinion", "nothing 3", "todo")
    #expect(err.isEmpty, "\(err)")
    #expect(out.contains("→ next document: b.txt (2 of 2)"), "\(out)")
    #expect(out.contains("\n 1  Bee one."))
    // b is marked done: nothing is left, and todo says so.
    let (done, _, _) = p.run("done", "todo")
    #expect(done.contains("done: b.txt"))
    #expect(done.contains("every sentence of the open documents is coded (2 documents)"), "\(done)")
    // undo takes done back; todo finds b's sentences again.
    let (again, _, _) = p.run("undo", "todo")
    #expect(again.contains("Bee"), "\(again)")
  }

  @Test func docMovesRelativelyAndDocsFiltersWithProgress() {
    let p = project()
    let (out, err, failed) = p.run(
      "doc a.txt", "tag 1 claim", "doc next", "doc prev", "doc +1", "doc next", "docs b", "docs *.txt", "docs zzz")
    #expect(failed)
    #expect(err.contains("error: there is no document next — documents are 1-2 (docs lists them)"), "\(err)")
    #expect(out.contains("current: b.txt (2 of 2; 2 sentences)"))
    #expect(out.contains("current: a.txt (1 of 2; 3 sentences)"))
    let lines = out.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasSuffix("2  b.txt  0/2 coded  en?") }, "\(lines)")
    #expect(lines.contains { $0.contains("1  a.txt  1/3 coded") })
    #expect(out.contains("all: 1/5 sentences coded (20%)"))
    #expect(out.contains("no open document matches 'zzz'"))
  }

  @Test func progressIsKeptWithTheAnnotationsThroughJournalAndSidecar() throws {
    let p = project()
    p.run("doc a.txt", "nothing 3", "done")
    // A second session (the journal replayed), then after closing (the sidecar).
    for round in 0..<2 {
      let other = TestProject.session(folder: p.folder)
      let (out, _, _) = transcript(other, ["doc a.txt", "docs a"])
      #expect(out.contains("1/3 coded  en?  done"), "round \(round): \(out)")
      if round == 0 { _ = p.session.close() }
      _ = other.close()
    }
    let sidecar = try #require(readFileBytes(p.folder + "/docs/ann/a.txt/alice.json"))
    let text = String(decoding: sidecar, as: UTF8.self)
    #expect(text.contains("\"progress\": {\"done\": \"2026-11-25T08:00:00Z\", \"nothing_to_code\": [[33, 50]]},"))
    // The fast reader and JSONDecoder read it alike.
    let fast = try #require(SidecarFastReader.read(sidecar))
    #expect(fast.progress == SidecarFile.Progress(done: "2026-11-25T08:00:00Z", nothing_to_code: [[33, 50]]))
  }

  /// `docs` works out every document's progress at once, its sidecars
  /// read on every core and each counted once for its line and the total:
  /// the same as one document at a time, for coded, done, "nothing to
  /// code" and untouched documents alike.
  @Test func theProgressOfManyDocumentsIsEachOnesProgress() throws {
    let project = TestWorkspace([
      "a.txt": "One. Two. Three.", "b.txt": "Four. Five.", "c.txt": "Six. Seven.", "d.txt": "Eight. Nine. Ten.",
      "e.txt": "Eleven.",
    ])
    _ = try project.editor.tag(.units(1...1, .sentence), with: ["claim"], in: project.document("a.txt"))
    _ = try project.editor.tag(.units(1...2, .sentence), with: ["opinion"], in: project.document("b.txt"))
    _ = try project.editor.markDone(true, in: project.document("c.txt"))
    _ = try project.editor.markNothingToCode(2...2, kind: .sentence, true, in: project.document("d.txt"))
    #expect(project.workspace.close().isEmpty)
    let together = WorkQueue(workspace: project.reopened(), kind: .sentence, assignments: nil)
    let all = Array(together.documents)
    let progress = together.progress(of: all)
    let alone = WorkQueue(workspace: project.reopened(), kind: .sentence, assignments: nil)
    #expect(progress == all.map { alone.progress($0) })
    #expect(
      progress.map { "\($0.coded)/\($0.total)\($0.done ? " done" : "")" } == ["1/3", "2/2", "0/2 done", "1/3", "0/1"])
    #expect(WorkQueue.overall(progress) == (6, 11))
    #expect(alone.overall() == (6, 11))
  }

  @Test func aSentenceWithATagCannotBeMarkedNothing() {
    let p = project()
    let (_, err, _) = p.run("doc a.txt", "tag 2 claim", "nothing 1-2")
    #expect(err.contains("sentence 2 has a tagged span: it is coded"), "\(err)")
  }

  @Test func assignmentsDealEveryDocumentWithAReproducibleOverlap() {
    let ids = (1...50).map { "doc\($0).txt" }
    let deal = Assignments.deal(ids: ids, annotators: ["alice", "bob", "carol"], overlap: 0.2, seed: 7)
    #expect(
      deal == Assignments.deal(ids: ids.reversed(), annotators: ["alice", "bob", "carol"], overlap: 0.2, seed: 7))
    #expect(deal != Assignments.deal(ids: ids, annotators: ["alice", "bob", "carol"], overlap: 0.2, seed: 8))
    #expect(deal.order == ids.sorted())
    #expect(ids.allSatisfy { (deal.documents[$0]?.count ?? 0) >= 1 })
    #expect(deal.overlapSample.count == 10)
    #expect(deal.overlapSample.allSatisfy { deal.documents[$0]!.count == 2 })
    let loads = ["alice", "bob", "carol"].map { deal.documents(of: $0).count }
    #expect(loads.reduce(0, +) == 60)
    #expect(loads.max()! - loads.min()! <= 1, "\(loads)")
    // The file reads back the same.
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    #expect((try? deal.save(folder: folder, replacing: false)) != nil)
    #expect((try? Assignments.load(folder: folder)) == deal)
    #expect(throws: AssignmentError.exists(path: folder + "/assignments.json")) {
      try deal.save(folder: folder, replacing: false)
    }
  }

  @Test func theQueueFollowsYourAssignment() throws {
    let p = project()
    let deal = Assignments(
      seed: 1, overlap: 0, annotators: ["alice", "bob"], documents: ["a.txt": ["bob"], "b.txt": ["alice"]],
      order: ["a.txt", "b.txt"])
    _ = try deal.save(folder: p.folder + "/docs/ann", replacing: false)
    let session = TestProject.session(folder: p.folder)
    let (out, _, _) = transcript(session, ["doc a.txt", "todo", "docs"])
    #expect(out.contains("→ next document: b.txt (1 of 1)"), "\(out)")
    #expect(out.contains("· 1  a.txt"), "\(out)")
    #expect(out.contains("your assignment: 0/2 sentences coded"))
    _ = session.close()
  }

  // MARK: The coding mode

  @Test func codingModeKeysAreDurableAndTwoKeysCodeASentence() throws {
    let p = project()
    let session = p.session
    _ = session.execute("doc a.txt")
    let mode = try CodingMode(session: session)
    #expect(mode.unit == 1)
    var keys = 0
    func press(_ key: KeyPress) -> CodingMode.Step {
      keys += 1
      return mode.handle(key)
    }
    #expect(press(.character("c")) == .redraw)  // claim on sentence 1
    #expect(press(.space) == .redraw)
    #expect(press(.character("o")) == .redraw)  // opinion on sentence 2
    #expect(press(.space) == .redraw)
    #expect(press(.space) == .redraw)  // sentence 3: no tag, so nothing to code
    #expect(mode.index == 1 && mode.unit == 1, "on to b.txt")
    #expect(Double(keys) / 3 <= 2)
    // Each key is on disk already: another session sees it.
    let other = TestProject.session(folder: p.folder, annotator: "alice")
    let (out, _, _) = transcript(other, ["doc a.txt", "spans", "docs"])
    #expect(out.contains("#1 [claim] sentence 1"), "\(out)")
    #expect(out.contains("#2 [opinion] sentence 2"))
    #expect(out.contains("3/3 coded"))
    _ = other.close()
    // A tag key twice takes the tag off again; Backspace undoes; q leaves.
    _ = mode.handle(.character("s"))
    _ = mode.handle(.character("s"))
    #expect(mode.sentenceSpan() == nil)
    _ = mode.handle(.backspace)
    #expect(mode.sentenceSpan()?.tags == ["source"])
    #expect(mode.handle(.character("/")) == .readCommand(prefix: "hl 1 "))
    _ = mode.handle(.character("Z"))
    #expect(mode.status.map(\.text).joined().contains("'Z' is not a key here"))
    guard case .leave(let message) = mode.handle(.escape) else {
      Issue.record("Esc leaves")
      return
    }
    #expect(message.hasPrefix("back at sentence 1 of b.txt"))
    let screen = mode.screen(width: 80, height: 24).map { $0.runs.map(\.text).joined() }
    #expect(screen[0].hasPrefix("doc 2/2 · sentence 1/2 · "), "\(screen)")
    #expect(screen.contains { $0.hasPrefix("▶ 1  ") })
  }

  @Test func codeNeedsATerminal() {
    let p = project()
    let (_, err, _) = p.run("code")
    #expect(err.contains("code needs a terminal"))
  }

  // MARK: Scripts, drawing, resume, git

  @Test func commentsInScripts() throws {
    #expect(try Tokenizer.commands("# a comment") == [])
    #expect(try Tokenizer.commands("tag 3 claim  # because") == [["tag", "3", "claim"]])
    #expect(try Tokenizer.commands("tag #3 claim; #x") == [["tag", "#3", "claim"]])
    #expect(try Tokenizer.commands("note \"# not a comment\"") == [["note", "# not a comment"]])
  }

  @Test func crossingSpansAreDrawnCrossingNotNested() {
    let p = TestProject(documents: ["x.txt": "the differences between the US and the Taliban.\n"], seed: false)
    let (out, _, _) = p.run(
      "doc x.txt", "hl 1 \"the differences between the US\" claim", "hl 1 \"between the US and the Taliban\" opinion",
      "show")
    #expect(out.contains("#1[the differences #2[between the US]#1 and the Taliban]#2."), "\(out)")
  }

  @Test func theShellResumesWhereYouStopped() {
    let p = project()
    p.session.options.stateFolder = p.folder + "/state"
    p.run("doc b.txt", "show 2")
    p.session.rememberPosition()
    let next = TestProject.session(folder: p.folder)
    next.options.stateFolder = p.folder + "/state"
    let line = next.resume().map { $0.runs.map(\.text).joined() }
    #expect(line == "resuming where you stopped: b.txt, sentence 2 of 2")
    #expect(next.currentDocument?.id == "b.txt")
  }

  @Test func theAnnotationsFolderKeepsGitAwayFromWorkingFiles() throws {
    let p = project()
    p.run("doc a.txt", "tag 1 claim")
    let ignore = String(decoding: try #require(readFileBytes(p.folder + "/docs/ann/.gitignore")), as: UTF8.self)
    #expect(ignore.contains(".*.journal") && ignore.contains(".*.lock") && ignore.contains(".*.tmp-*"))
  }

  @Test func helpPutsEachExampleOnItsOwnLine() {
    let p = project()
    let (out, _, _) = p.run("help find")
    #expect(out.contains("examples:\n  find Taliban\n  find /\\bUS\\b/\n  find /peace talks?/i\n"), "\(out)")
  }
}
