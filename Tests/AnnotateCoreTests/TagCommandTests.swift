import Testing

@testable import AnnotateCore

@Suite struct TagCommandTests {
  @Test func tagSentencesRangesSpansAndSelection() {
    let w = TestProject()
    let (out, err, failed) = w.run(
      "tag 3 opinion", "tag 3-5 claim", "tag #1 source", "t 2 c o", "hl 3 \"rightly felt\"", "tag op")
    #expect(!failed, "\(err)")
    let lines = out.split(separator: "\n").map(String.init)
    #expect(lines[0].hasPrefix("new span #1 [opinion] sentence 3: “Before this happened,"))
    #expect(lines[1].hasPrefix("new span #2 [claim] sentences 3-5: “Before this happened,"))
    #expect(lines[2].hasPrefix("tagged #1 [opinion, source] sentence 3"))
    #expect(lines[3].hasPrefix("new span #3 [claim, opinion] sentence 2"))
    #expect(lines[4] == "highlighted #4 [untagged] sentence 3: “rightly felt”")
    #expect(lines[5] == "tagged #4 [opinion] sentence 3: “rightly felt”")
    let set = w.session.annotations(0).set
    #expect(set.annotation(4)?.range == TextRange(start: 192, end: 204))
    #expect(set.annotation(2)?.range == TextRange(start: 162, end: 1109))
  }

  @Test func tagTwiceAddsNothingAndBadInputIsOneLine() {
    let w = TestProject()
    let (out, err, failed) = w.run(
      "tag 3 claim", "tag 3 claim", "tag 99 claim", "tag 3 bogus", "tag 3", "tag claim", "tag #9 claim", "tag 3 cl",
      "tag #x claim", "tag 3 op ini")
    #expect(failed)
    // Regression: tagging again took an undo step, so undo took back the change before it.
    #expect(out.contains("nothing changed: #1 [claim] sentence 3: “Before this happened,"))
    #expect(out.contains("— it has claim already"))
    #expect(w.session.editor.history.undoable.count == 1)
    let errors = err.split(separator: "\n").map(String.init)
    #expect(
      errors == [
        "error: there is no sentence 99 — valid: 1-19",
        "error: unknown tag 'bogus' (valid: claim, opinion, source; codebook shows them)",
        "error: tag: name at least one tag after 3 — usage: tag [N | N-M | #ID] TAG…",
        "error: there is no span #9 — valid: #1 (spans lists them)",
        "error: tag: '#x' is not a span id like #3 — usage: tag [N | N-M | #ID] TAG…",
        "error: unknown tag 'ini' (valid: claim, opinion, source; codebook shows them)",
      ])
  }

  @Test func highlightQuotesOccurrencesAndPositions() {
    let w = TestProject()
    let (out, err, failed) = w.run(
      "hl 5 \"the\"", "hl 5 \"the\" 2", "hl 5 \"the\" 9", "hl 3 \"\"", "hl 3 \"not there\"", "hl 3 0:6 source",
      "hl 3 10:5", "hl 3 0:999", "hl 2 “peace talks” claim")
    #expect(failed)
    #expect(out.contains("highlighted #1 [untagged] sentence 5: “the”"))
    #expect(out.contains("highlighted #2 [source] sentence 3: “Before”"))
    #expect(out.contains("highlighted #3 [claim] sentence 2: “peace talks”"))
    let errors = err.split(separator: "\n").map(String.init)
    #expect(errors[0].hasPrefix("error: \"the\" occurs 5 times in sentence 5 — say which: hl 5 \"the\" 1…5"))
    #expect(errors[1] == "error: there is no occurrence 9 — valid: 1-5")
    #expect(errors[2].hasPrefix("error: the quote is empty"))
    #expect(errors[3].hasPrefix("error: \"not there\" is not in sentence 3: Before this happened"))
    #expect(errors[4].hasPrefix("error: 10:5 is not inside sentence 3 — valid positions: 0 to 478"))
    #expect(errors[5].hasPrefix("error: 0:999 is not inside sentence 3"))
  }

  @Test func untagNoteDeleteAndUndoRedo() {
    let w = TestProject()
    var r = w.run(
      "tag 3 claim opinion", "untag 3 claim", "note #1 \"hedged, see para 2\"", "tag 4 source", "note 4 \"new\"")
    #expect(!r.failed, "\(r.err)")
    #expect(r.out.contains("untagged #1 [opinion] sentence 3"))
    #expect(r.out.contains("— note: hedged, see para 2"))
    #expect(r.out.contains("noted #2 [source] sentence 4"))
    r = w.run("note #1 \"\"", "delete #2", "undo", "undo", "redo", "spans")
    #expect(r.out.contains("removed note of #1"))
    #expect(r.out.contains("undid: delete #2"))
    #expect(r.out.contains("undid: note #1 \"\"") || r.out.contains("undid: note #1"))
    #expect(r.out.contains("redid: note #1"))
    #expect(w.session.annotations(0).set.annotation(1)?.note == nil)
    #expect(w.session.annotations(0).set.annotation(2) != nil)
    r = w.run("delete #7", "untag 9", "undo", "undo", "undo", "undo", "undo", "undo", "undo", "undo")
    #expect(r.err.contains("error: there is no span #7 — valid: #1-#2"))
    #expect(r.err.contains("error: nothing to undo"))
    #expect(w.session.annotations(0).set.isEmpty)
  }

  @Test func taggingWithoutSelectionSaysWhatIsValid() {
    let w = TestProject()
    let (_, err, _) = w.run("tag claim")
    #expect(
      err
        == "error: nothing is selected — give a target: a sentence N, a range N-M or a span #ID (or show one sentence, highlight, or select first)\n"
    )
  }

  /// What a bare tag acts on is the sentence on screen or a span chosen
  /// explicitly, never an older span. Before: `hl 2 "Taliban" source`,
  /// `todo` (shows sentence 1), `tag opinion` → `tagged #1 [opinion,
  /// source] sentence 2: “Taliban”`; then `show 7`, `tag claim` tagged #1 again.
  @Test func aBareTagActsOnTheSentenceOnScreenNotAStaleSelection() {
    let w = TestProject()
    let (out, err, failed) = w.run(
      "hl 2 \"Taliban\" source", "todo", "tag opinion", "show 7", "tag claim", "show 3-4", "tag claim", "select #1",
      "tag claim", "doc 1", "tag claim")
    #expect(failed)
    let lines = out.split(separator: "\n").map(String.init).filter {
      $0.hasPrefix("new span") || $0.hasPrefix("tagged")
    }
    #expect(lines.count == 3, "\(lines)")
    #expect(lines[0].hasPrefix("new span #2 [opinion] sentence 1:"))
    #expect(lines[1].hasPrefix("new span #3 [claim] sentence 7:"))
    #expect(lines[2] == "tagged #1 [claim, source] sentence 2: “Taliban”")
    // Several sentences on screen, or another document: no target, one line saying so.
    #expect(err.components(separatedBy: "error: nothing is selected").count == 3, "\(err)")
  }

  @Test func slipsGetErrorsNotData() {
    let w = TestProject()
    let (out, err, failed) = w.run(
      "tag 3 claim", "note 12 \"x\"", "untag #1 opinion", "delete #1", "delete #1", "undo", "note #1 \"x\"",
      "note #1 \"x\"", "undo")
    #expect(failed)
    let errors = err.split(separator: "\n").map(String.init)
    #expect(
      errors == [
        "error: no span covers sentence 12 — tag 12 TAG makes one",
        "error: span #1 has no tag opinion — it has claim; nothing changed",
        "error: span #1 was deleted — undo brings it back (ids are never reused)",
      ])
    #expect(out.contains("nothing changed: #1 [claim] sentence 3"))
    // The last undo takes back the note, not the change before the no-op.
    #expect(out.hasSuffix("undid: note #1 x\n"), "\(out)")
    #expect(w.session.annotations(0).set.annotation(1)?.note == nil)
    #expect(w.session.annotations(0).set.count == 1)
  }

  @Test func idsAreNeverReused() {
    let w = TestProject()
    w.run("tag 1 claim", "tag 2 claim", "delete #2", "tag 3 claim")
    #expect(w.session.annotations(0).set.annotations.map(\.id) == [1, 3])
  }

  @Test func spansStatsTodoFindAndCodebook() {
    let w = TestProject()
    let (out, err, failed) = w.run(
      "tag 1 claim", "tag 2 opinion", "hl 2 \"Taliban\" source", "spans", "spans source", "stats", "todo", "todo",
      "find Taliban wants", "find /\\bQatar\\b/", "find /[/", "codebook")
    #expect(failed)
    #expect(err.contains("is not a valid regular expression"))
    #expect(out.contains("#3 [source] sentence 2: “Taliban”"))
    let full = String(repeating: "█", count: 30)
    #expect(
      out.contains(
        "  claim    1  \(full)\n  opinion  1  \(full)\n  source   1  \(full)\n  3 spans; 2 of 19 sentences tagged (11%)"
      ))
    #expect(out.contains("  3  Before this happened"))
    #expect(out.contains("  4  US special envoy"))
    #expect(out.contains("000_9c83e067df388347.txt:6  The [Taliban wants] the US"))
    #expect(out.contains("3 sentences matched"))
    #expect(out.contains("[c] claim    A statement presented as fact"))
  }

  @Test func showDrawsSpansInlineWithALegend() {
    let w = TestProject()
    w.run("tag 3 opinion", "hl 3 \"rightly felt\" claim", "hl 14 \"Andrew\" source", "note #3 \"author\"")
    let (out, _, _) = w.run("show 14")
    #expect(out.contains(" 14  By #3[Andrew]#3 Korybko\n"))
    #expect(out.contains("spans: #3 source ✎"))
    let colored = Renderer(color: true).render(
      w.session.render(
        units: 3...3, of: w.session.corpus.documents[0], units: w.session.units(of: w.session.corpus.documents[0])))
    #expect(
      colored.contains(
        "\u{1B}[2m#1[\u{1B}[0m\u{1B}[4;35mBefore this happened, America \u{1B}[0m\u{1B}[2m#2[\u{1B}[0m\u{1B}[4;33mrightly felt\u{1B}[0m\u{1B}[2m]#2\u{1B}[0m\u{1B}[33m▪\u{1B}[0m"
      ))
    #expect(!colored.contains("[rightly"))
  }

  @Test func promptCompletionOffersTagsAndSpanIDs() {
    let w = TestProject()
    w.run("tag 3 claim")
    #expect(w.session.complete("tag 3 o").candidates == ["opinion"])
    #expect(w.session.complete("tag #").candidates == ["#1"])
    #expect(w.session.complete("delete #").candidates == ["#1"])
    #expect(w.session.complete("tag 1").candidates.contains("19"))
  }
}
