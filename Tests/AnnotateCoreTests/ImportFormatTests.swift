import Testing

@testable import AnnotateCore

/// Files written the way each tool writes them (made here from its
/// documented format) import onto the right words — or are refused with the
/// line and the reason, nothing imported.
@Suite struct ImportFormatTests {
  /// Emoji with a skin tone and a ZWJ, CJK, a combining accent, CRLF.
  static let source = marked(
    "⟦👨🏻‍🚒⟧ firemen drive ⟦firetrucks⟧ in 北京.\r\nZoe\u{308} said ⟦e\u{301}clat⟧ 🎉 ⟦京⟧ ok.\r\n")
  static var text: String { source.text }
  static var spans: [TextRange] { source.ranges }

  /// The offset of a code point offset in UTF-16 units and in grapheme
  /// clusters, counted by the standard library (not by annotate's converter).
  static func utf16(_ codePoint: Int) -> Int {
    String(String.UnicodeScalarView(text.unicodeScalars.prefix(codePoint))).utf16.count
  }
  static func grapheme(_ codePoint: Int) -> Int {
    String(String.UnicodeScalarView(text.unicodeScalars.prefix(codePoint))).count
  }

  func project() -> TestWorkspace { TestWorkspace(["hard.txt": Self.text, "other.txt": "Another text, plain.\n"]) }

  func read(
    _ fixture: TestWorkspace, _ format: ImportFormat, _ name: String, _ content: String,
    options: ImportOptions = ImportOptions()
  ) -> (spans: [ImportedSpan], problems: [String], findings: Importer.Findings) {
    let path = fixture.folder + "/" + name
    writeFile(path, content)
    let result = Importer(workspace: fixture.workspace, options: options).readAll(format, paths: [path])
    return (result.spans, result.problems.map(\.message), result.findings)
  }

  func json(_ s: String) -> String { JSON.quote(s) }

  // MARK: Offset units

  @Test func unitsAreCountedAsEachToolCountsThem() {
    // The notes' example: "firetrucks" is 19–29 in code points, 22–32 in UTF-16, 16–26 in graphemes.
    let text = "👨🏻‍🚒 firemen drive firetrucks"
    let utf16 = OffsetConverter(text: text, unit: .utf16)
    let graphemes = OffsetConverter(text: text, unit: .grapheme)
    #expect(utf16.codePoint(22) == 19 && utf16.codePoint(32) == 29)
    #expect(graphemes.codePoint(16) == 19 && graphemes.codePoint(26) == 29)
    #expect(utf16.offset(19) == 22 && graphemes.offset(19) == 16)
    // Half a surrogate pair, and the middle of a grapheme cluster, have no counterpart.
    #expect(utf16.codePoint(1) == nil)
    #expect(graphemes.offset(1) == nil)
    #expect(utf16.length == text.utf16.count && graphemes.length == text.count)
  }

  @Test func linesEndInLFCRLFOrCRAndAByteOrderMarkIsSkipped() {
    let lines = Lines.strings(Array("\u{FEFF}a\r\nb\rc\n\nd".utf8))
    #expect(lines.map(\.text) == ["a", "b", "c", "", "d"])
    #expect(lines.map(\.number) == [1, 2, 3, 4, 5])
    #expect(Lines.strings([]).isEmpty)
  }

  // MARK: doccano

  @Test func doccanoOffsetsAreUTF16UnitsByDefault() throws {
    let fixture = project()
    let labels = Self.spans.map { "[\(Self.utf16($0.start)), \(Self.utf16($0.end)), \"claim\"]" }
    let line = "{\"text\": \(json(Self.text)), \"label\": [\(labels.joined(separator: ", "))]}\n"
    let r = read(fixture, .doccano, "d.jsonl", line, options: ImportOptions(annotator: "alice"))
    #expect(r.problems.isEmpty, "\(r.problems)")
    #expect(r.spans.map(\.range) == Self.spans)
    #expect(r.findings.unitMattered == .utf16)
    // The same offsets read as code points land elsewhere or cut a character: never silently right.
    let wrong = read(
      fixture, .doccano, "d.jsonl", line, options: ImportOptions(annotator: "alice", offsets: .codepoint))
    #expect(wrong.spans.map(\.range) != Self.spans)
  }

  @Test func doccanoGraphemeModeAndCodePointsOnRequest() {
    let fixture = project()
    for (unit, convert) in [(OffsetUnit.grapheme, Self.grapheme), (.codepoint, { $0 })] as [(OffsetUnit, (Int) -> Int)]
    {
      let labels = Self.spans.map { "[\(convert($0.start)), \(convert($0.end)), \"claim\"]" }
      let line = "{\"text\": \(json(Self.text)), \"label\": [\(labels.joined(separator: ", "))]}"
      let r = read(fixture, .doccano, "d.jsonl", line, options: ImportOptions(annotator: "alice", offsets: unit))
      #expect(r.problems.isEmpty, "\(unit): \(r.problems)")
      #expect(r.spans.map(\.range) == Self.spans, "\(unit)")
    }
  }

  @Test func doccanoOffsetsCuttingACharacterAreRefusedWithTheirLine() {
    let fixture = project()
    let firefighter = Self.spans[0]
    // Line 2 ends inside the emoji's surrogate pair; line 3 starts on the combining accent.
    let accent = Self.spans[2].start + 1
    let lines = [
      "{\"text\": \(json(Self.text)), \"label\": []}",
      "{\"text\": \(json(Self.text)), \"label\": [[0, 1, \"claim\"]]}",
      "{\"text\": \(json(Self.text)), \"label\": [[\(Self.utf16(accent)), \(Self.utf16(Self.spans[2].end)), \"claim\"]]}",
    ]
    let r = read(
      fixture, .doccano, "d.jsonl", lines.joined(separator: "\n"), options: ImportOptions(annotator: "alice"))
    #expect(r.spans.isEmpty)
    #expect(
      r.problems.contains {
        $0.hasSuffix(
          "d.jsonl:2: offsets 0-1 (utf16) cut a character in two — is the file counted in another unit? (--offsets codepoint|utf16|grapheme)"
        )
      }, "\(r.problems)")
    #expect(r.problems.contains { $0.contains("d.jsonl:3: offsets") && $0.contains("cut a character") })
    _ = firefighter
  }

  @Test func doccanoEveryShapeItHasWrittenImportsAndEachLineKeepsItsAnnotator() {
    let fixture = project()
    let other = "Another text, plain.\n"
    let lines = [
      // doccano's own export (v1.8): id, text, label as lists, Comments.
      "{\"id\": 17, \"text\": \(json(other)), \"label\": [[0, 7, \"claim\"]], \"Comments\": [], \"annotator\": \"alice\"}",
      // Dict labels, the text as `data` (v1.5), another annotator on the same span.
      "{\"data\": \(json(other)), \"label\": [{\"start_offset\": 0, \"end_offset\": 7, \"label\": \"opinion\"}], \"annotator\": \"bob\"}",
      // The older `labels` key and `username`.
      "{\"text\": \(json(other)), \"labels\": [[8, 12, \"source\"]], \"username\": \"carol\"}",
      // Relation mode: entities and relations.
      "{\"text\": \(json(other)), \"entities\": [{\"id\": 1, \"start_offset\": 14, \"end_offset\": 19, \"label\": \"claim\"}], \"relations\": [{\"id\": 1, \"from_id\": 1, \"to_id\": 1, \"type\": \"supports\"}], \"annotator\": \"carol\"}",
      // Text classification: labels that are not spans.
      "{\"text\": \(json(other)), \"label\": [\"opinion\"], \"annotator\": \"carol\"}",
    ]
    let r = read(fixture, .doccano, "d.jsonl", lines.joined(separator: "\r\n") + "\r\n")
    #expect(r.problems.isEmpty, "\(r.problems)")
    let got = r.spans.map { "\($0.annotator) \($0.tags[0]) \($0.range.start)-\($0.range.end)" }
    #expect(got == ["alice claim 0-7", "bob opinion 0-7", "carol source 8-12", "carol claim 14-19"])
    #expect(r.findings.notImported == ["relation supports, not in the codebook": 1, "document labels": 1])
    // alice's claim and bob's opinion stay two people's spans, not one span with both tags.
    let summary = try? Importer(workspace: fixture.workspace, options: ImportOptions()).apply(
      r.spans, findings: r.findings, now: "2026-11-30T08:00:00Z")
    #expect(summary?.documents == 3)
    #expect(
      summary?.message.contains("not imported: 1 document labels, 1 relation supports, not in the codebook") == true,
      "\(summary?.message ?? "")")
    // One name for the whole file would merge them: refused.
    let merged = read(
      fixture, .doccano, "d.jsonl", lines.joined(separator: "\n"), options: ImportOptions(annotator: "dave"))
    #expect(
      merged.problems.contains { $0.contains("keeps 3 annotators apart (alice, bob, carol)") }, "\(merged.problems)")
  }

  // MARK: Prodigy

  @Test func prodigyTakesOnlyAcceptedAnswers() {
    let fixture = project()
    let other = json("Another text, plain.\n")
    let lines = [
      "{\"text\": \(other), \"spans\": [{\"start\": 0, \"end\": 7, \"label\": \"claim\", \"token_start\": 0, \"token_end\": 0}], \"answer\": \"accept\", \"_annotator_id\": \"news-alice\"}",
      "{\"text\": \(other), \"spans\": [{\"start\": 8, \"end\": 12, \"label\": \"claim\"}], \"answer\": \"reject\", \"_annotator_id\": \"news-alice\"}",
      "{\"text\": \(other), \"spans\": [{\"start\": 14, \"end\": 19, \"label\": \"claim\"}], \"answer\": \"ignore\", \"_annotator_id\": \"news-alice\"}",
      "{\"text\": \(other), \"spans\": [{\"start\": 8, \"end\": 12, \"label\": \"source\", \"text\": \"text\"}], \"meta\": {\"annotator\": \"bob\"}}",
    ]
    let r = read(fixture, .prodigy, "p.jsonl", lines.joined(separator: "\n"))
    #expect(r.problems.isEmpty, "\(r.problems)")
    #expect(
      r.spans.map { "\($0.annotator) \($0.tags[0]) \($0.range.start)" } == ["news-alice claim 0", "bob source 8"])
    #expect(r.findings.rejected == 2)
    // All rejected: nothing to import is said, never "imported 0 spans".
    let none = read(
      fixture, .prodigy, "p.jsonl", lines[1] + "\n" + lines[2], options: ImportOptions(annotator: "alice"))
    #expect(
      none.problems.contains { $0.hasSuffix("no spans to import (the file holds 2 rejected or ignored)") },
      "\(none.problems)")
  }

  // MARK: Label Studio

  @Test func labelStudioTasksWithNumberedAnnotatorsNotesAndOtherResults() {
    let fixture = project()
    let s = Self.spans[1]
    let region = { (id: String, label: String) in
      "{\"id\": \"\(id)\", \"from_name\": \"label\", \"to_name\": \"text\", \"type\": \"labels\", \"value\": {\"start\": \(s.start), \"end\": \(s.end), \"text\": \"firetrucks\", \"labels\": [\"\(label)\"]}}"
    }
    let file = """
      [{"id": 1, "data": {"text": \(json(Self.text))}, "annotations": [
        {"id": 10, "completed_by": 3, "result": [\(region("r1", "claim")),
          {"id": "r1", "from_name": "note", "to_name": "text", "type": "textarea", "value": {"start": \(s.start), "end": \(s.end), "text": ["says who?"]}},
          {"from_name": "sentiment", "to_name": "text", "type": "choices", "value": {"choices": ["Negative"]}}]},
        {"id": 11, "completed_by": 4, "result": [\(region("r2", "opinion")),
          {"type": "relation", "from_id": "r2", "to_id": "r2", "direction": "right"}]},
        {"id": 12, "completed_by": 4, "was_cancelled": true, "result": []}]}]
      """
    let r = read(fixture, .labelstudio, "ls.json", file)
    #expect(r.problems.isEmpty, "\(r.problems)")
    #expect(
      r.spans.map { "\($0.annotator) \($0.tags) \($0.note ?? "-")" } == [
        "user-3 [\"claim\"] says who?", "user-4 [\"opinion\"] -",
      ])
    #expect(r.spans.allSatisfy { $0.range == s })
    #expect(r.findings.notImported == ["variable sentiment, not in the codebook": 1, "relations": 1])
    #expect(r.findings.rejected == 1)
    // value.text that is not the words at the offsets (another unit) is refused.
    let shifted = file.replacing(
      "\"start\": \(s.start), \"end\": \(s.end), \"text\": \"firetrucks\"",
      with: "\"start\": \(s.start + 3), \"end\": \(s.end + 3), \"text\": \"firetrucks\"")
    let bad = read(fixture, .labelstudio, "ls.json", shifted)
    #expect(
      bad.problems.contains { $0.contains("ls.json: item 1: the text at \(s.start + 3)-\(s.end + 3) is") },
      "\(bad.problems)")
  }

  // MARK: W3C

  @Test func w3cAnnotationsArePlacedByPositionCheckedByQuoteOrFoundByQuoteAlone() {
    let fixture = project()
    let path = Path.absolute(fixture.folder + "/docs/other.txt")
    let source = IRI.file(path)
    func annotation(_ selectors: String, tag: String = "claim") -> String {
      "{\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"type\": \"Annotation\", \"motivation\": \"tagging\", \"creator\": {\"type\": \"Person\", \"name\": \"alice\"}, \"body\": [{\"type\": \"TextualBody\", \"value\": \"\(tag)\", \"purpose\": \"tagging\"}], \"target\": {\"source\": \"\(source)\", \"selector\": [\(selectors)]}}"
    }
    let position = "{\"type\": \"TextPositionSelector\", \"start\": 8, \"end\": 12}"
    let quote = "{\"type\": \"TextQuoteSelector\", \"exact\": \"text\", \"prefix\": \"Another \"}"
    let lines = [
      annotation(position + ", " + quote),
      annotation("{\"type\": \"TextQuoteSelector\", \"exact\": \"plain\"}", tag: "source"),
      // "t" is in the text more than once: an orphan, never a guess.
      annotation("{\"type\": \"TextQuoteSelector\", \"exact\": \"t\"}", tag: "opinion"),
    ]
    let r = read(fixture, .w3c, "w.jsonl", lines.joined(separator: "\n"))
    #expect(r.problems.isEmpty, "\(r.problems)")
    #expect(
      r.spans.map(\.range) == [
        TextRange(start: 8, end: 12), TextRange(start: 14, end: 19), TextRange(start: 0, end: 0),
      ])
    #expect(r.spans.map { $0.orphan != nil } == [false, false, true])
    // A quote that disagrees with the position is refused; so is a source no document is.
    let wrongQuote = annotation(position + ", {\"type\": \"TextQuoteSelector\", \"exact\": \"Another\"}")
    let elsewhere = annotation(position).replacing(source, with: "https://example.org/nowhere.txt")
    let bad = read(fixture, .w3c, "w.jsonl", wrongQuote + "\n" + elsewhere)
    #expect(
      bad.problems.contains { $0.hasSuffix("w.jsonl:1: the text at 8-12 is “text”, the line says “Another”") },
      "\(bad.problems)")
    #expect(
      bad.problems.contains {
        $0.hasSuffix("w.jsonl:2: no open document is 'https://example.org/nowhere.txt' (open it, or give --base-iri)")
      })
    // Under --base-iri, the id after it names the document.
    let based = annotation(position + ", " + quote).replacing(source, with: "https://example.org/corpus/other.txt")
    let ok = read(fixture, .w3c, "w.jsonl", based, options: ImportOptions(baseIRI: "https://example.org/corpus/"))
    #expect(ok.problems.isEmpty && ok.spans.count == 1, "\(ok.problems)")
  }

  // MARK: brat

  @Test func bratFilesSavedOnWindowsAndTheirConfiguration() {
    let fixture = project()
    let alice = ImportOptions(annotator: "alice")
    sh("mkdir -p '\(fixture.folder)/brat'")
    // brat counts a CRLF as one character: offsets into the text with LF line ends.
    let eclat = Self.spans[2]
    let start = eclat.start - 1  // one CRLF before it
    writeFile(fixture.folder + "/brat/annotation.conf", "[entities]\nclaim\nopinion\n[relations]\n")
    let r = read(
      fixture, .brat, "brat/hard.ann",
      "T1\tclaim \(start) \(start + 6)\te\u{301}clat\n#2\tAnnotatorNotes T9\tlost\nR1\tSupports Arg1:T1 Arg2:T1\n",
      options: alice)
    #expect(
      r.problems == [fixture.folder + "/brat/hard.ann:2: a note for T9, which the file does not have: not attached"],
      "\(r.problems)")
    // Without the stray note: the span lands on the CRLF document's code points; the relation is counted.
    let good = read(
      fixture, .brat, "brat/hard.ann",
      "T1\tclaim \(start) \(start + 6)\te\u{301}clat\r\n#1\tAnnotatorNotes T1\tan accent\r\nR1\tSupports Arg1:T1 Arg2:T1\r\n",
      options: alice)
    #expect(good.problems.isEmpty, "\(good.problems)")
    #expect(good.spans.first?.range == eclat && good.spans.first?.note == "an accent")
    #expect(good.findings.notImported == ["relation Supports, not in the codebook": 1])
    // A type the annotation.conf beside the file does not declare is refused.
    let undeclared = read(
      fixture, .brat, "brat/hard.ann", "T1\tsource \(start) \(start + 6)\te\u{301}clat\n", options: alice)
    #expect(
      undeclared.problems.contains {
        $0.hasSuffix(":1: 'source' is not an entity type in the annotation.conf beside it")
      })
  }

  // MARK: TSV (SemEval propaganda corpus)

  @Test func ptcLabelsWithCRLFAndTechniqueNamesAsTheCorpusHasThem() throws {
    let fixture = TestWorkspace(["article111111111.txt": "Manchin says Democrats acted like babies at the SOTU.\n"])
    let labels = "111111111\tName_Calling,Labeling\t34\t40\r\n111111111\tAppeal_to_fear-prejudice\t0\t7\r\n"
    let refused = read(fixture, .tsv, "labels.tsv", labels, options: ImportOptions(annotator: "gold"))
    #expect(
      refused.problems == [
        fixture.folder
          + "/labels.tsv: labels not in the codebook: Appeal_to_fear-prejudice (1), Name_Calling,Labeling (1) — add them with --add-tags, or rename them in the file"
      ], "\(refused.problems)")
    let r = read(fixture, .tsv, "labels.tsv", labels, options: ImportOptions(annotator: "gold", addTags: true))
    #expect(r.problems.isEmpty)
    #expect(r.spans.map(\.tags) == [["Name_Calling,Labeling"], ["Appeal_to_fear-prejudice"]])
    let summary = try Importer(workspace: fixture.workspace, options: ImportOptions(annotator: "gold", addTags: true))
      .apply(r.spans, findings: r.findings, now: "2026-11-30T08:00:00Z")
    let codebookPath = fixture.folder + "/docs/codebook.json"
    #expect(
      summary.message.hasSuffix(
        "added to the codebook (\(codebookPath)): Appeal_to_fear-prejudice, Name_Calling,Labeling"),
      "\(summary.message)")
    let reloaded = try Codebook.load(path: codebookPath)
    #expect(reloaded.names == ["claim", "opinion", "source", "Appeal_to_fear-prejudice", "Name_Calling,Labeling"])
    #expect(Set(reloaded.tags.map(\.color)).count == 5, "each tag its own colour")
  }
}
