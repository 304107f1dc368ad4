import Glibc
import Testing

@testable import AnnotateCore

@Suite struct SidecarTests {
  @Test func roundTripIsExactAndResavingChangesNoByte() throws {
    let w = TestProject()
    w.run(
      "tag 3 claim opinion", "hl 3 \"rightly felt\" opinion", "note #2 \"a “quoted” note\\nwith a line break\"",
      "tag 14 source")
    #expect(w.session.close().isEmpty)
    let first = try #require(readFileBytes(w.sidecarPath))
    let decoded = try Sidecar.decode(first, path: w.sidecarPath)
    #expect(decoded.encoded() == first)
    #expect(decoded.set == w.session.annotations(0).set)
    // A new session reads it and writes the same bytes.
    let other = Session(options: SessionOptions(annotator: "alice", annotationsPath: w.folder + "/docs/ann"))
    other.open([w.folder + "/docs"])
    _ = other.execute("save")
    #expect(readFileBytes(w.sidecarPath) == first)
    let text = String(decoding: first, as: UTF8.self)
    #expect(text.hasSuffix("}\n") && !text.hasSuffix("\n\n"))
    #expect(text.contains("\"offset_unit\": \"unicode-scalar\""))
    #expect(text.contains("\"sentences\": [3]"))
    // The backslash is kept as typed: only \" and \\ are escapes inside quotes.
    #expect(text.contains(#""note": "a “quoted” note\\nwith a line break""#))
  }

  @Test func annotationsAreSortedByStartEndAndID() throws {
    let w = TestProject()
    w.run("tag 5 claim", "tag 3 claim", "hl 3 \"rightly felt\"", "tag 3-5 opinion")
    _ = w.session.close()
    let sidecar = try Sidecar.decode(try #require(readFileBytes(w.sidecarPath)), path: "x")
    let order = sidecar.set.annotations.map(\.id)
    #expect(order == [2, 4, 3, 1])
  }

  @Test(arguments: [
    ("truncated", #"{"format": "annotate.sidecar", "version": 1, "document": {"#, "not valid JSON"),
    ("version", #"{"format": "annotate.sidecar", "version": 3}"#, "version: version 3 is not supported"),
    ("format", #"{"format": "something-else", "version": 1}"#, "format: expected \"annotate.sidecar\""),
    ("type", sidecarText(start: "\"12\""), "annotations[0].start: expected a whole number"),
    ("huge", sidecarText(start: "99999999999999999999999"), "not valid JSON (a number too large"),
    ("negative", sidecarText(start: "-4"), "annotations[0]: start -4 and end 5 do not make a span"),
    ("outside", sidecarText(start: "1", end: "999999"), "annotations[0].end: 999999 is past the end of the document"),
    ("deep", String(repeating: "[", count: 100_000), "not valid JSON"),
    ("nextid", sidecarText(nextID: "1"), "next_id: 1 is not above the largest id 1"),
    ("repeated tag", sidecarText(tags: #"["claim", "opinion", "claim"]"#), "annotations[0].tags: a tag is repeated"),
    ("repeated tag, first two", sidecarText(tags: #"["claim", "claim"]"#), "annotations[0].tags: a tag is repeated"),
  ])
  func damagedSidecarsAreNamedLeftUntouchedAndReadOnly(_ name: String, _ content: String, _ expected: String) throws {
    let w = TestProject()
    sh("mkdir -p '\(w.folder)/docs/ann/000_9c83e067df388347.txt'")
    writeFile(w.sidecarPath, content)
    let (out, err, failed) = w.run("spans", "tag 3 claim")
    #expect(failed)
    #expect(out.contains("note: its sidecar is damaged and is left untouched — \(w.sidecarPath): "), "\(name): \(out)")
    #expect(out.contains(expected), "\(name): \(out)")
    #expect(err.contains("error: 000_9c83e067df388347.txt is read-only here: its sidecar is damaged"))
    #expect(readFileBytes(w.sidecarPath) == Array(content.utf8))
  }

  /// Ids are checked with a bit each below `next_id`, or with a set when
  /// they are too sparse for that: either way an id used twice is refused,
  /// one past `next_id` too, and a relation must join spans there are.
  @Test(arguments: [
    (1, 1, 301),  // ids 1…300
    (1_000_000_000_000, 1_000_000_000_000, 900_000_000_000_000),  // far apart
    (1, 1, 200),  // some past next_id
  ])
  func idsUsedTwiceAreRefusedHoweverSparse(_ first: Int, _ step: Int, _ nextID: Int) throws {
    let (text, ranges) = marked("⟦Talks⟧ ⟦resume⟧ in ⟦Kabul⟧ after a ⟦long⟧ pause.")
    let document = try Document(id: "t.txt", path: "/t.txt", fileBytes: Array(text.utf8))
    let ids = (0..<300).map { first + $0 * step }
    let annotations = ids.enumerated().map { k, id in
      let range = ranges[k % ranges.count]
      return Annotation(
        id: id, range: range, tags: ["claim"], created: "2026-12-02T08:00:00Z", modified: "2026-12-02T08:00:00Z",
        quote: Quote(of: range, in: document.text))
    }
    func sidecar(_ set: AnnotationSet) -> Sidecar {
      Sidecar(
        document: SidecarDocument(
          id: "t.txt", path: "/t.txt", sha256: document.sha256, length: document.text.scalarCount, newline: .lf),
        annotator: "alice", codebook: ["claim"], set: set)
    }
    func decoded(_ bytes: [UInt8]) -> SidecarProblem? {
      do {
        _ = try Sidecar.decode(bytes, path: "t.json")
        return nil
      } catch {
        return error.problem
      }
    }
    var set = AnnotationSet(annotations: annotations, nextID: max(nextID, ids.last! + 1))
    set.relations = [Relation(type: "supports", from: ids[7], to: ids[299], created: "2026-12-02T08:00:00Z")]
    var written = String(decoding: sidecar(set).encoded(), as: UTF8.self)
    written = written.replacing("\"next_id\": \(set.nextID)", with: "\"next_id\": \(nextID)")
    let tooLow = ids.last! >= nextID
    #expect(decoded(Array(written.utf8)) == (tooLow ? .nextIDNotAbove(nextID: nextID, largest: ids.last!) : nil))
    // The id of the last span given to the one before it.
    let twice = written.replacing("\"id\": \(ids[298]),", with: "\"id\": \(ids[299]),")
    #expect(decoded(Array(twice.utf8)) == .idUsedTwice(ids[299]))
    // A relation to a span there is not.
    let dangling = written.replacing("\"to\": \(ids[299])", with: "\"to\": \(ids[299] + 1)")
    #expect(
      decoded(Array(dangling.utf8))
        == (tooLow ? .nextIDNotAbove(nextID: nextID, largest: ids.last!) : .danglingRelation(ids[299] + 1)))
  }

  @Test func aHundredMegabyteSidecarIsRefusedCleanly() throws {
    let w = TestProject()
    sh("mkdir -p '\(w.folder)/docs/ann/000_9c83e067df388347.txt'")
    sh("head -c 100000000 /dev/zero | tr '\\0' ' ' > '\(w.sidecarPath)'")
    let (out, _, _) = w.run("spans")
    #expect(out.contains("not valid JSON"))
  }

  @Test func aSecondSessionDoesNotOverwriteTheFirst() throws {
    let w = TestProject()
    w.run("tag 3 claim")
    let second = Session(options: SessionOptions(annotator: "alice", annotationsPath: w.folder + "/docs/ann"))
    second.open([w.folder + "/docs"])
    let (_, err, failed) = transcript(second, ["tag 4 claim"])
    #expect(failed)
    #expect(err.contains("is editing alice's annotations of it; they are shown read-only here"))
    // The first session goes on; the file has only its work.
    w.run("tag 5 claim")
    _ = w.session.close()
    let set = try Sidecar.decode(try #require(readFileBytes(w.sidecarPath)), path: "x").set
    #expect(set.annotations.map(\.id) == [1, 2])
  }

  @Test func aSessionReReadsWhatAnotherWroteBeforeItsFirstChange() throws {
    let w = TestProject()
    let second = Session(options: SessionOptions(annotator: "alice", annotationsPath: w.folder + "/docs/ann"))
    second.open([w.folder + "/docs"])
    _ = second.execute("spans")  // reads the (missing) sidecar
    w.run("tag 3 claim", "tag 2 opinion", "untag 2")
    // The first session ends (its journal folded into the sidecar).
    _ = w.session.close()
    let (out, err, failed) = transcript(second, ["tag 4 opinion"])
    #expect(!failed, "\(err)")
    #expect(out.contains("re-read alice's sidecar, which another session had changed"))
    _ = second.close()
    let set = try Sidecar.decode(try #require(readFileBytes(w.sidecarPath)), path: "x").set
    #expect(set.annotations.map(\.id).sorted() == [1, 2, 3])
  }

  @Test func theJournalCarriesChangesUntilTheSessionEnds() throws {
    let w = TestProject()
    w.run("tag 3 claim", "tag 4 opinion", "note #1 \"x\"", "delete #2")
    let journal = w.folder + "/docs/ann/000_9c83e067df388347.txt/.alice.journal"
    let lines = try #require(readFileBytes(journal)).split(separator: 0x0A)
    #expect(lines.count == 3)
    // A fresh session (as after kill -9) sees every change: sidecar + journal.
    let fresh = AnnotationStore(folder: w.folder + "/docs/ann", annotator: "alice")
    let set = fresh.annotations(for: w.session.corpus.documents[0]).set
    #expect(set == w.session.annotations(0).set)
    #expect(set.annotation(1)?.note == "x")
    #expect(set.annotation(2) == nil)
    #expect(w.session.close().isEmpty)
    #expect(readFileBytes(journal)?.isEmpty == true)
    let sidecar = try Sidecar.decode(try #require(readFileBytes(w.sidecarPath)), path: "x")
    #expect(sidecar.set == set)
  }

  @Test func aTornLastJournalLineIsIgnoredAndABadMiddleLineIsDamage() throws {
    let w = TestProject()
    w.run("tag 3 claim", "tag 4 opinion")
    let journal = w.folder + "/docs/ann/000_9c83e067df388347.txt/.alice.journal"
    w.session.store.releaseLocks()
    let good = try #require(readFileBytes(journal))
    writeFile(journal, good + Array("{\"next_id\":9,\"put\":[{\"id\":".utf8))
    let fresh = AnnotationStore(folder: w.folder + "/docs/ann", annotator: "alice")
    let state = fresh.annotations(for: w.session.corpus.documents[0])
    #expect(state.readOnlyReason == nil)
    #expect(state.set.annotations.map(\.id) == [1, 2])
    writeFile(journal, Array("garbage\n".utf8) + good)
    let broken = AnnotationStore(folder: w.folder + "/docs/ann", annotator: "alice")
    let damaged = broken.annotations(for: w.session.corpus.documents[0])
    #expect(
      damaged.readOnlyReason?.contains(".alice.journal: line 1: not valid JSON") == true,
      "\(damaged.readOnlyReason ?? "nil")")
    // Damage after good records: those records and the sidecar are still
    // shown and exported (read-only); before, the document showed none.
    writeFile(journal, good + Array("garbage\n".utf8))
    let late = AnnotationStore(folder: w.folder + "/docs/ann", annotator: "alice")
      .annotations(for: w.session.corpus.documents[0])
    #expect(late.readOnlyReason?.contains(".alice.journal: line 2: not valid JSON") == true)
    #expect(late.set.annotations.map(\.id) == [1, 2])
  }

  /// SQLite's power-loss test, for the journal: its last record cut at every
  /// byte offset, as a power loss or a full disk leaves it mid-append. Every
  /// record before the cut is recovered, the next change is written on a
  /// fresh line, and the session after that reads everything, writable.
  /// Regression: the next change was appended onto the fragment, and the
  /// session after it found the journal damaged and showed no annotations.
  @Test(arguments: [0, 2]) func aJournalCutAtEveryByteOfItsLastRecordRecoversAndWritesCleanly(prior: Int) throws {
    let w = TestProject()
    w.run("tag 3 claim", "save")
    let commands = ["tag 4 opinion", "note #1 \"before the cut\"", "hl 5 \"the US\" source"]
    _ = transcript(w.session, Array(commands[(commands.count - prior - 1)...]))
    w.session.store.releaseLocks()
    let journalPath = w.folder + "/docs/ann/000_9c83e067df388347.txt/.alice.journal"
    let sidecar = try #require(readFileBytes(w.sidecarPath))
    let records = try #require(readFileBytes(journalPath)).split(separator: 0x0A).map { Array($0) + [0x0A] }
    #expect(records.count == prior + 1)
    let whole = Array(records.dropLast().joined())
    let last = try #require(records.last)
    var expected = try Sidecar.decode(sidecar, path: "x").set
    _ = try Journal.replay(whole, onto: &expected, documentLength: 10_000, path: "x")
    let document = w.session.corpus.documents[0]
    for cut in 0..<last.count {
      writeFile(w.sidecarPath, sidecar)
      writeFile(journalPath, whole + last[0..<cut])
      let session = TestProject.session(folder: w.folder)
      let (out, err, failed) = transcript(session, ["tag 6 claim"])
      #expect(!failed, "cut at \(cut): \(err)")
      #expect(cut == 0 || out.contains("dropped an unfinished journal record"), "cut at \(cut): \(out)")
      session.store.releaseLocks()  // as after kill -9: nothing folded
      let next = AnnotationStore(folder: w.folder + "/docs/ann", annotator: "alice").annotations(for: document)
      #expect(next.readOnlyReason == nil, "cut at \(cut): \(next.readOnlyReason ?? "")")
      #expect(next.pendingNotice?.contains("unfinished") != true, "cut at \(cut): the fragment is still there")
      let made = try #require(next.set.annotation(covering: document.units(.sentence)[5]))
      var withoutNew = next.set
      withoutNew.apply(put: [], remove: [made.id], nextID: 0)
      #expect(withoutNew.annotations == expected.annotations, "cut at \(cut)")
    }
  }

  /// What an earlier annotate left after appending onto a torn record: one
  /// line holding the fragment and then a whole record. The record is kept.
  @Test func aRecordAppendedOntoAFragmentIsSalvaged() throws {
    let w = TestProject()
    w.run("tag 3 claim", "save", "tag 4 opinion")
    w.session.store.releaseLocks()
    let journalPath = w.folder + "/docs/ann/000_9c83e067df388347.txt/.alice.journal"
    let record = try #require(readFileBytes(journalPath))
    // Cut inside "{\"next_id\":" and after it: both are fragments.
    writeFile(journalPath, Array(record.prefix(5)) + record + Array(record.prefix(25)) + record)
    let state = AnnotationStore(folder: w.folder + "/docs/ann", annotator: "alice")
      .annotations(for: w.session.corpus.documents[0])
    #expect(state.readOnlyReason == nil)
    #expect(state.set.annotations.map(\.tags) == [["claim"], ["opinion"]])
    #expect(
      state.pendingNotice?.contains("dropped 2 unfinished journal records") == true, "\(state.pendingNotice ?? "")")
  }

  /// A sidecar being replaced when the power went: its temporary file cut at
  /// every offset. The old sidecar and its journal are what is read, and
  /// the next session holding the lock removes the leftover.
  @Test func aSidecarCutWhileBeingReplacedLeavesTheOldOneWhole() throws {
    let w = TestProject()
    w.run("tag 3 claim", "tag 4 opinion")
    w.session.store.releaseLocks()
    let journalPath = w.folder + "/docs/ann/000_9c83e067df388347.txt/.alice.journal"
    let old = try #require(readFileBytes(w.sidecarPath))
    let journal = try #require(readFileBytes(journalPath))
    w.run("save")
    w.session.store.releaseLocks()
    let new = try #require(readFileBytes(w.sidecarPath))
    let temporary = w.folder + "/docs/ann/000_9c83e067df388347.txt/.alice.json.tmp-4242"
    for cut in 0...new.count {
      writeFile(w.sidecarPath, old)
      writeFile(journalPath, journal)
      writeFile(temporary, Array(new.prefix(cut)))
      let session = TestProject.session(folder: w.folder)
      #expect(session.annotations(0).readOnlyReason == nil)
      #expect(session.annotations(0).set.annotations.map(\.tags) == [["claim"], ["opinion"]], "cut at \(cut)")
      _ = session.execute("tag 7 source")
      #expect(!FileSystem.exists(temporary), "cut at \(cut): the leftover is still there")
      session.store.releaseLocks()
    }
  }

  @Test func checkReadsTheJournalToo() throws {
    let w = TestProject()
    w.run("tag 3 claim", "tag 4 opinion")
    w.session.store.releaseLocks()
    // Regression: check looked at the sidecar only, so journaled changes went unchecked.
    var (checked, problems) = SidecarCheck.run(folder: w.folder + "/docs/ann", corpus: w.session.corpus)
    #expect(checked == 1)
    #expect(problems.isEmpty, "\(problems)")
    let journal = w.folder + "/docs/ann/000_9c83e067df388347.txt/.alice.journal"
    writeFile(journal, "garbage\n")
    (_, problems) = SidecarCheck.run(folder: w.folder + "/docs/ann", corpus: w.session.corpus)
    #expect(
      problems.map(\.message) == [
        "\(journal): line 1: not valid JSON (a number too large for its field, or broken syntax)"
      ])
  }

  @Test func anUnwritableFolderMakesTheDocumentReadOnly() {
    let w = TestProject()
    // A file where the folder should be: creating it fails, even for root.
    writeFile(w.folder + "/docs/ann/000_9c83e067df388347.txt", "in the way")
    let (_, err, failed) = w.run("tag 3 claim")
    #expect(failed)
    #expect(err.contains("error: 000_9c83e067df388347.txt is read-only here: cannot create"))
  }

  @Test func sidecarsOfDifferentAnnotatorsAreSeparateFiles() throws {
    let w = TestProject()
    w.run("tag 3 claim")
    let bob = Session(options: SessionOptions(annotator: "bob", annotationsPath: w.folder + "/docs/ann"))
    bob.open([w.folder + "/docs"])
    _ = bob.execute("tag 3 opinion")
    _ = bob.close()
    _ = w.session.close()
    #expect(FileSystem.exists(w.folder + "/docs/ann/000_9c83e067df388347.txt/bob.json"))
    let alice = try Sidecar.decode(try #require(readFileBytes(w.sidecarPath)), path: "x")
    #expect(alice.set.annotations.map(\.tags) == [["claim"]])
  }
}
