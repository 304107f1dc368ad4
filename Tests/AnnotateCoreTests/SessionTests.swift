import Testing

@testable import AnnotateCore

@Suite struct SessionTests {
  /// The hook of a script's first look at everyone's sidecars runs once,
  /// after the first command that reads annotations (a `find` is not one):
  /// its census counts what that command read from memory, not again.
  @Test func theHookOfTheFirstAnnotationCommandRunsAfterItOnce() {
    let project = TestProject()
    var calls: [Bool] = []
    project.session.afterFirstAnnotationCommand = { session in
      calls.append(session.currentDocument.map { session.workspace.own.isLoaded($0) } ?? false)
    }
    project.run("find the")
    #expect(calls.isEmpty)
    project.run("show 1")
    #expect(calls == [true])
    project.run("show 2", "stats")
    #expect(calls == [true])
  }

  /// `show` finds each unit's spans by sweeping the page's spans once: the
  /// same as asking every span of the page about every unit, for spans
  /// long and short, empty ones at a unit's edges, and gaps between units.
  @Test func eachUnitsSpansAreFoundAsEverySpanWouldBeAsked() {
    var random = SplitMix64(state: 11)
    for _ in 0..<500 {
      var units: [TextRange] = []
      var at = random.below(3)
      for _ in 0..<(1 + random.below(12)) {
        let length = 1 + random.below(9)
        units.append(TextRange(start: at, end: at + length))
        at += length + random.below(3)
      }
      let ranges = (0..<random.below(25)).map { _ -> TextRange in
        let start = random.below(at + 2)
        return TextRange(start: start, end: start + (random.below(3) == 0 ? 0 : random.below(20)))
      }.sorted()
      let expected = units.map { unit in
        ranges.indices.filter {
          ranges[$0].overlaps(unit)
            || ranges[$0].isEmpty && unit.start <= ranges[$0].start && ranges[$0].start < unit.end
        }
      }
      #expect(Session.spans(ranges, in: units[...]) == expected, "\(units) \(ranges)")
    }
  }

  @Test func showPagesOnAndStopsAtTheEnd() {
    let project = TestProject()
    let session = project.session
    session.options.pageSize = 10
    let (out, err, failed) = transcript(session, ["show", "show", "show"])
    #expect(!failed)
    #expect(err.isEmpty)
    #expect(out.contains("sentences 1-10 of 19"))
    #expect(out.contains("sentences 11-19 of 19"))
    #expect(out.contains("end of 000_9c83e067df388347.txt (19 sentences)"))
    #expect(out.contains(" 14  By Andrew Korybko\n"))
  }

  @Test func showRangesAndBadInput() {
    let project = TestProject()
    let session = project.session
    let (out, err, failed) = transcript(
      session, ["show 14-15", "show 0", "show 20", "show 5-3", "show x", "show 1 2", "show all"])
    #expect(failed)
    #expect(out.contains(" 14  By Andrew Korybko\n 15  Source: Oriental Review\n"))
    let errors = err.split(separator: "\n").map(String.init)
    #expect(
      errors == [
        "error: there is no sentence 0 — valid: 1-19",
        "error: there is no sentence 20 — valid: 1-19",
        "error: show: the range 5-3 runs backwards; write 3-5 — usage: show [N | N-M | all]",
        "error: show: 'x' is not a sentence number — usage: show [N | N-M | all]",
        "error: show: unexpected '2' — usage: show [N | N-M | all]",
      ])
    #expect(out.contains("sentences 1-19 of 19"))
  }

  @Test func unknownAndAmbiguousCommands() {
    let project = TestProject()
    let (_, err, failed) = transcript(project.session, ["shwo", "do", "frobnicate", "hl 3 \"open"])
    #expect(failed)
    #expect(err.contains("error: unknown command 'shwo' — did you mean 'show'?"))
    #expect(err.contains("error: 'do' is ambiguous — it could be 'docs', 'doc'"))
    #expect(err.contains("error: unknown command 'frobnicate' — type help for the list of commands"))
    #expect(err.contains("error: unterminated quote — add the closing \""))
  }

  @Test func helpListsEveryCommandAndExplainsOne() {
    let project = TestProject()
    let session = project.session
    let (out, _, failed) = transcript(session, ["help", "help sh", "help nope"])
    #expect(failed)
    for command in session.commands.commands { #expect(out.contains(command.usage)) }
    #expect(out.contains("usage: show [N | N-M | all]"))
    #expect(out.contains("aliases: s, p"))
  }

  @Test func quitStopsTheScript() {
    let project = TestProject()
    let (out, _, _) = transcript(project.session, ["quit", "docs"])
    #expect(out.isEmpty)
  }

  @Test func docsAndDocSwitching() {
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    writeFile(folder + "/b.txt", "Second doc. Two units.")
    writeFile(folder + "/a.txt", "First doc.")
    sh("mkdir -p '\(folder)/sub'")
    writeFile(folder + "/sub/c.md", "Third.")
    let session = Session()
    session.open([folder])
    #expect(session.corpus.documents.map(\.id) == ["a.txt", "b.txt", "sub/c.md"])
    let (out, err, failed) = transcript(session, ["docs", "doc 2", "show", "doc sub", "doc", "doc 9", "doc zz.txt"])
    #expect(failed)
    #expect(out.contains("* 1  a.txt     0/1 coded"), "\(out)")
    #expect(out.contains("\n 2  Two units.\n"))
    #expect(out.contains("current: sub/c.md"))
    #expect(err.contains("error: no document '9' — valid: 1-3 or a document id (docs lists them)"))
    #expect(err.contains("no document 'zz.txt'"))
  }

  /// Text files by their ending, in any case; the rest of a folder is not opened.
  @Test func aFolderOpensItsTextFilesByTheirEnding() {
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    let texts = ["A.TXT", "b.Md", "c.text", "d.MarkDown", "é.txt"]
    let others = ["e.txt.bak", "txt", "f.mdx", "g.tx", ".hidden.txt", "h.", "i.TXT~"]
    for name in texts + others { writeFile(folder + "/" + name, "A sentence.") }
    let session = Session()
    session.open([folder])
    #expect(session.corpus.documents.map(\.id) == texts)
  }

  /// A folder's files in the order of their names' UTF-8 bytes, whether
  /// they differ in their first 16 bytes or after them, in length only, or
  /// in a byte of a non-ASCII letter; sub-folders in the same order.
  @Test func aFolderListsItsFilesInByteOrder() {
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    let stems = [
      "a", "ab", "abcdefghijklmnop", "abcdefghijklmnopq", "abcdefghijklmnopp", "abcdefghijklmnoo",
      "abcdefgh", "abcdefg", "Z", "è", "éa", "e\u{301}", "ž", "日本", "0", "a b",
      "article-00010", "article-00009", "article-000100", "article-00010-2",
    ]
    for stem in stems { writeFile(folder + "/" + stem + ".txt", "A sentence.") }
    sh("mkdir -p '\(folder)/sub'")
    writeFile(folder + "/sub/b.txt", "A sentence.")
    writeFile(folder + "/sub/a.txt", "A sentence.")
    let session = Session()
    session.open([folder])
    let expected = (stems.map { $0 + ".txt" } + ["sub/a.txt", "sub/b.txt"]).sorted {
      Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8))
    }
    #expect(session.corpus.documents.map(\.id) == expected)
  }

  @Test func unitsSwitchNumbering() {
    let project = TestProject()
    let session = project.session
    let (out, _, failed) = transcript(session, ["units paragraph", "show 2", "units line", "units words"])
    #expect(failed)
    #expect(out.contains("units: paragraph (000_9c83e067df388347.txt: 7)"))
    #expect(out.contains("\n 2  The Taliban just announced"))
    #expect(out.contains("units: line (000_9c83e067df388347.txt: 8)"))
  }

  @Test func openReportsEachBadFileAndKeepsTheRest() {
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    writeFile(folder + "/good.txt", "Fine text.")
    writeFile(folder + "/latin1.txt", [0x43, 0x61, 0x66, 0xE9, 0x2E])
    writeFile(folder + "/binary.txt", [0x41, 0x00, 0x42])
    writeFile(folder + "/surrogate.txt", [0x41, 0xED, 0xA0, 0x80])
    let session = Session()
    let (opened, problems) = session.open([folder, folder + "/missing.txt"])
    #expect(opened.map(\.id) == ["good.txt"])
    #expect(
      problems == [
        .binary(path: folder + "/binary.txt", byteOffset: 1),
        .invalidUTF8(path: folder + "/latin1.txt", byteOffset: 3),
        .invalidUTF8(path: folder + "/surrogate.txt", byteOffset: 1),
        .notFound(path: folder + "/missing.txt"),
      ])
    #expect(problems[1].message.contains("not valid UTF-8 at byte 3"))
    let empty = makeTemporaryFolder()
    defer { removeTree(empty) }
    let (_, err, failed) = transcript(Session(), ["open " + empty, "show"])
    #expect(failed)
    #expect(err.contains("no .txt or .md files in this folder"))
    #expect(err.contains("error: no document is open"))
  }

  @Test func completionOffersCommandsAndArguments() {
    let project = TestProject()
    let session = project.session
    #expect(session.complete("sh").candidates == ["show"])
    #expect(Set(session.complete("do").candidates) == ["doc", "docs", "done"])
    #expect(session.complete("units p").candidates == ["paragraph"])
    #expect(session.complete("show 1").candidates.contains("19"))
    #expect(session.complete("help qu").candidates == ["quit"])
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    sh("mkdir -p '\(folder)/my folder' && touch '\(folder)/notes.txt'")
    let paths = session.complete("open \(folder)/")
    #expect(paths.candidates == ["\(folder)/my\\ folder/", "\(folder)/notes.txt"])
  }

  @Test func promptShowsDocumentAndProgress() {
    let project = TestProject()
    let session = project.session
    #expect(session.prompt(color: false, width: 40) == "annotate [000_9c…347.txt 0/19]> ")
    _ = session.execute("show 3")
    // The one sentence on screen is what a bare tag acts on: the prompt says so.
    #expect(session.prompt(color: false, width: 40) == "annotate [000_9c…347.txt 3/19 s3]> ")
    _ = session.execute("hl 3 \"rightly felt\"")
    #expect(session.prompt(color: false, width: 40) == "annotate [000_9c…347.txt 3/19 #1]> ")
    _ = session.execute("show 3-5")
    #expect(session.prompt(color: false, width: 40) == "annotate [000_9c…347.txt 5/19]> ")
    #expect(session.prompt(color: true).contains("\u{1B}[36m"))
    #expect(Session().prompt(color: false) == "annotate> ")
  }
}
