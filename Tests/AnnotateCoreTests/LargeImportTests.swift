import Testing

@testable import AnnotateCore

/// Regression: import looked each span's range up by a linear scan, so a
/// million spans into one document never finished. Now one pass and a sort.
@Suite struct LargeImportTests {
  /// The TSV reader parses offsets from bytes: exactly as `Int(_:)` would.
  @Test func offsetsReadFromBytesAsIntReadsThem() {
    let inputs = [
      "0", "7", "007", "-3", "+5", "-0", "", "+", "-", " 5", "5 ", "1e3", "3.0", "٣", "１", "9223372036854775807",
      "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "12a", "0x10",
    ]
    for input in inputs { #expect(Importer.integer(ArraySlice(input.utf8)) == Int(input), "\(input)") }
  }

  /// The byte-level TSV reader says what each bad line is, as before.
  @Test func badTSVLinesAreNamedOneByOne() throws {
    let w = TestProject(documents: [:], seed: true)
    let tsv = w.folder + "/bad.tsv"
    let doc = "000_9c83e067df388347.txt"
    writeFile(
      tsv,
      "\(doc)\tclaim\t0\t4\na\tb\tc\r\nx\ty\t1\t2\t3\n\(doc)\tclaim\tx\t4\nnosuch.txt\tclaim\t0\t4\n\(doc)\tCLAIM\t5\t9"
    )
    let (_, err, failed) = w.run("import tsv '\(tsv)' --as big")
    // A file with problems is not imported at all; the good lines (line 6's
    // label in other case too) are not what is reported.
    #expect(failed)
    for expected in [
      "nothing imported: 4 problems", "bad.tsv:2: expected document<TAB>label<TAB>start<TAB>end, found 3 fields",
      "bad.tsv:3: expected document<TAB>label<TAB>start<TAB>end, found 5 fields",
      "bad.tsv:4: start and end must be whole numbers", "bad.tsv:5: no open document 'nosuch.txt'",
    ] {
      #expect(err.contains(expected), "\(expected) in \(err)")
    }
  }

  /// Offsets between two ASCII code points are taken without the text's
  /// grapheme clusters; any other place is checked against them.
  @Test func tsvOffsetsInsideACharacterAreRefused() throws {
    let w = TestProject(documents: ["x.txt": "Zoe\u{308} said hi.\r\nA 👍🏽 ok.\n"], seed: false)
    let tsv = w.folder + "/x.tsv"
    // Inside "ë", between CR and LF, between 👍 and its skin tone; then two good ones.
    writeFile(
      tsv, "x.txt\tclaim\t0\t3\nx.txt\tclaim\t14\t15\nx.txt\tclaim\t18\t19\nx.txt\tclaim\t5\t9\nx.txt\tclaim\t0\t4\n")
    let (_, err, failed) = w.run("import tsv '\(tsv)' --as big")
    #expect(failed)
    #expect(err.contains("nothing imported: 3 problems"), "\(err)")
    for (line, offsets) in [(1, "0-3"), (2, "14-15"), (3, "18-19")] {
      #expect(err.contains("x.tsv:\(line): offsets \(offsets) (codepoint) cut a character in two"), "\(line) \(err)")
    }
    writeFile(tsv, "x.txt\tclaim\t5\t9\nx.txt\tclaim\t0\t4\nx.txt\tclaim\t17\t19\n")
    let (out, goodErr, goodFailed) = w.run("import tsv '\(tsv)' --as big")
    #expect(!goodFailed, "\(goodErr)")
    #expect(out.contains("imported 3 spans"), "\(out)")
  }

  @Test func fiftyThousandSpansIntoOneDocument() throws {
    let w = TestProject(documents: [:], seed: true)
    let tsv = w.folder + "/spans.tsv"
    var text = ""
    for i in 0..<50_000 {
      let start = (i * 37) % 3000
      text +=
        "000_9c83e067df388347.txt\t\(["claim", "opinion", "source"][i % 3])\t\(start)\t\(start + 1 + i / 3000 % 12)\n"
    }
    writeFile(tsv, text)
    let (out, err, failed) = w.run("import tsv '\(tsv)' --as big")
    #expect(!failed, "\(err)")
    #expect(out.contains("imported"))
    let bytes = try #require(readFileBytes(w.folder + "/docs/ann/000_9c83e067df388347.txt/big.json"))
    let sidecar = try Sidecar.decode(bytes, path: "big.json")
    // Written in parallel batches (too many spans to keep their bytes), the
    // file is byte for byte what the one-piece writer makes of it.
    #expect(sidecar.set.count > AnnotationStore.encodedCacheLimit)
    #expect(sidecar.encoded() == bytes)
    // Distinct ranges become spans; repeats add their tags to the span there.
    let ranges = Set((0..<50_000).map { i in (i * 37) % 3000 * 100 + 1 + i / 3000 % 12 })
    #expect(sidecar.set.count == ranges.count)
  }

  /// The TSV reader checks offsets on every core, in blocks of lines, and
  /// names the problems after: each line still gets its own problem, in the
  /// file's order, and the good lines their spans in order. Twenty thousand
  /// lines of every kind, over a document with emoji, CJK and a combining
  /// accent, with LF and CRLF line ends.
  @Test func tsvProblemsAcrossBlocksComeOneALineInOrder() {
    let hard = marked("⟦👨🏻‍🚒⟧ drive ⟦北京⟧ now.\r\nZoe\u{308} said ⟦e\u{301}clat⟧ 🎉 ok.\n")
    let fixture = TestWorkspace(["hard.txt": hard.text, "plain.txt": "Another text, plain and long enough.\n"])
    let length = hard.text.unicodeScalars.count
    // Offsets inside a character: in the firefighter, between e and its accent.
    let inside = [
      (hard.ranges[0].start + 1, hard.ranges[0].end), (hard.ranges[2].start, hard.ranges[2].start + 1),
    ]
    var random = SplitMix64(state: 19)
    var lines: [String] = []
    var problems: [String] = []
    var spans: [String] = []
    for n in 1...20_000 {
      func problem(_ issue: ImportProblem.Issue) {
        problems.append(ImportProblem(path: fixture.folder + "/p.tsv", line: n, issue: issue).message)
      }
      switch random.below(16) {
      case 0:
        lines.append("hard.txt\tclaim\t1")
        problem(.tsvFieldCount(found: 3))
      case 1:
        lines.append("gone.txt\tclaim\t0\t4")
        problem(.noSuchDocument("gone.txt"))
      case 2:
        lines.append("plain.txt\tclaim\tfour\t9")
        problem(.offsetsNotWholeNumbers)
      case 3:
        lines.append("plain.txt\tsource\t9\t4")
        problem(.notASpan(start: 9, end: 4))
      case 4:
        lines.append("hard.txt\topinion\t2\t\(length + 1)")
        problem(.pastEnd(start: 2, end: length + 1, document: "hard.txt", length: length))
      case 5:
        let (start, end) = random.pick(inside)
        lines.append("hard.txt\tclaim\t\(start)\t\(end)")
        problem(.offsetsInsideCharacter(start: start, end: end, unit: .codepoint))
      case 6:
        // Not a name a tag can have (a space): refused, not added.
        lines.append("plain.txt\tno such\t0\t7")
        problem(.unknownTag("no such", valid: fixture.workspace.codebook.names))
      default:
        let tag = random.pick(["claim", "opinion", "source", "Claim"])
        if random.below(2) == 0 {
          let range = random.pick(hard.ranges)
          lines.append("hard.txt\t\(tag)\t\(range.start)\t\(range.end)")
          spans.append("hard.txt \(tag.lowercased()) \(range.start)-\(range.end)")
        } else {
          let (start, end) = random.pick([(0, 7), (8, 12), (14, 19), (30, 35)])
          lines.append("plain.txt\t\(tag)\t\(start)\t\(end)")
          spans.append("plain.txt \(tag.lowercased()) \(start)-\(end)")
        }
      }
    }
    let path = fixture.folder + "/p.tsv"
    var content = ""
    for (i, line) in lines.enumerated() { content += line + (i % 3 == 0 ? "\r\n" : "\n") }
    writeFile(path, content)
    // The reader itself: `readAll` keeps no span from a file with problems.
    var (read, found, findings) = ([ImportedSpan](), [ImportProblem](), Importer.Findings())
    Importer(workspace: fixture.workspace, options: ImportOptions(annotator: "big")).readTSV(
      path, into: &read, &found, &findings)
    #expect(found.count == problems.count)
    #expect(found.map(\.message) == problems)
    #expect(read.map { "\($0.documentID) \($0.tags[0]) \($0.range.start)-\($0.range.end)" } == spans)
    #expect(read.allSatisfy { $0.annotator == "big" })
  }

  /// Imported spans join what is on their words by a sort of the ranges,
  /// not a table of them: the set is the one a plain definition makes.
  /// Spans repeat ranges of the file and of the set already there, some
  /// are orphans, some ask for ids (free or taken), with notes, attributes
  /// and several tags; over the size at which the id index is paged.
  @Test(arguments: [false, true])
  func importedSpansJoinAsDefined(farIDs: Bool) throws {
    let text = String(repeating: "Zoe\u{308} said 北京 is far; 👍🏽 fine. ", count: 150)
    let utf8 = try UTF8Text(validating: Array(text.utf8))
    let length = utf8.scalarCount
    let codebook = Codebook.standard
    var random = SplitMix64(state: farIDs ? 7 : 8)
    // Ranges from a small pool, so that many repeat.
    let pool = (0..<8000).map { _ in
      let start = random.below(length - 12)
      return TextRange(start: start, end: start + 1 + random.below(10))
    }
    func quote(_ r: TextRange) -> Quote { Quote(of: r, in: utf8) }
    let now = "2026-12-02T08:00:00Z"
    var existing: [Annotation] = []
    for id in 1...600 {
      let range = random.pick(pool)
      existing.append(
        Annotation(
          id: id * 2, range: range, tags: ["source"], created: now, modified: now, quote: quote(range),
          orphaned: id % 50 == 0))
    }
    let set = AnnotationSet(annotations: existing, nextID: 1201)
    var spans: [ImportedSpan] = []
    for i in 0..<9000 {
      let range = random.pick(pool)
      var span = ImportedSpan(
        documentID: "d", annotator: "a", range: range,
        tags: random.below(4) == 0 ? ["source", "claim"] : [random.pick(["claim", "opinion", "source"])])
      if random.below(10) == 0 { span.note = "note \(i)" }
      if random.below(10) == 0 { span.attributes = ["k\(i % 3)": "v\(i)"] }
      if random.below(20) == 0 { span.orphan = Quote(exact: "gone \(i)", prefix: "", suffix: "") }
      if random.below(8) == 0 { span.id = farIDs ? 1_000_000_000 + random.below(3000) : 1 + random.below(9000) }
      if random.below(5) == 0 { span.key = "T\(i)" }
      if random.below(7) == 0 { span.created = "2020-01-01T00:00:00Z" }
      spans.append(span)
    }
    // A third of the file goes to another sidecar: not these positions.
    let positions = spans.indices.filter { $0 % 3 != 1 }
    let made = ImportMerge(into: set, spans: spans, positions: positions, text: utf8, codebook: codebook, now: now)

    // The definition: in file order, a span on the words of a live
    // annotation (the first in the set's order) or of an earlier new span
    // joins it; anything else is new, with the id it asks for when free.
    var annotations = Array(set.annotations)
    var onRange: [TextRange: Int] = [:]
    for (i, a) in annotations.enumerated() where !a.orphaned && onRange[a.range] == nil { onRange[a.range] = i }
    var taken = Set(annotations.map(\.id))
    var nextID = set.nextID
    var keys: [String: Int] = [:]
    var (added, merged) = (0, 0)
    for p in positions {
      let span = spans[p]
      if span.orphan == nil, let i = onRange[span.range] {
        annotations[i].tags = codebook.ordered(Set(annotations[i].tags).union(span.tags))
        if annotations[i].note == nil { annotations[i].note = span.note }
        annotations[i].attributes.merge(span.attributes) { old, _ in old }
        if let key = span.key { keys[key] = annotations[i].id }
        merged += 1
        continue
      }
      let id = span.id.flatMap { taken.contains($0) ? nil : $0 } ?? nextID
      taken.insert(id)
      nextID = max(nextID, id + 1)
      if let key = span.key { keys[key] = id }
      if span.orphan == nil { onRange[span.range] = annotations.count }
      annotations.append(
        Annotation(
          id: id, range: span.range, tags: codebook.ordered(Set(span.tags)), note: span.note,
          created: span.created ?? now, modified: now, quote: span.orphan ?? quote(span.range),
          orphaned: span.orphan != nil, attributes: span.attributes))
      added += 1
    }
    annotations.sort { ($0.range.start, $0.range.end, $0.id) < ($1.range.start, $1.range.end, $1.id) }
    #expect((made.added, made.merged) == (added, merged))
    #expect(made.orphaned == positions.filter { spans[$0].orphan != nil }.count)
    #expect(made.idOfKey == keys)
    #expect(made.set.nextID == nextID)
    #expect(Array(made.set.annotations) == annotations)
    // The id index, made at once, finds each one, and nothing else.
    #expect(annotations.count > IDIndex.smallLimit)
    #expect(annotations.allSatisfy { made.set.annotation($0.id) == $0 })
    #expect(made.set.annotation(0) == nil && made.set.annotation(3) == nil && made.set.annotation(nextID) == nil)
  }
}
