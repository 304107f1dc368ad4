import Testing

@testable import AnnotateCore

#if canImport(Glibc)
  import Glibc
#endif

/// The workspace: stores per annotator opened on demand, who annotated
/// what, notices, and closing.
@Suite struct WorkspaceTests {
  @Test func storesAreOpenedOnDemandAndTheLiveOneIsTheTruth() throws {
    let project = TestWorkspace(["a.txt": "One. Two."])
    let document = project.document("a.txt")
    #expect(project.workspace.annotators(of: document).isEmpty)
    _ = try project.editor.tag(.units(1...1, .sentence), with: ["claim"], in: document)
    _ = try project.editor.tag(.units(2...2, .sentence), with: ["claim"], in: document, by: "bob")
    #expect(project.workspace.annotators(of: document) == ["alice", "bob"])
    // A reader for a live store is the live store itself.
    #expect(project.workspace.reader(for: "alice") === project.workspace.own)
    // Another annotator's reader is kept for the session.
    #expect(project.workspace.reader(for: "carol") === project.workspace.reader(for: "carol"))
    #expect(project.workspace.close().isEmpty)
    let next = project.reopened(annotator: "carol")
    #expect(next.annotators(of: document) == ["alice", "bob"])
    #expect(next.reader(for: "bob").annotations(for: document).set.count == 1)
  }

  /// A document's folder listing is kept while the folder's time stands
  /// still: a sidecar another session adds later moves it, and is found.
  @Test func aSidecarAddedAfterAKeptListingIsFound() throws {
    let project = TestWorkspace(["a.txt": "One. Two."])
    let document = project.document("a.txt")
    _ = try project.editor.tag(.units(1...1, .sentence), with: ["claim"], in: document)
    #expect(project.workspace.close().isEmpty)
    let workspace = project.reopened()
    let folder = workspace.folder + "/" + document.id
    // The folder made a minute ago, so that its listing is kept.
    var times = [timespec(tv_sec: time(nil) - 60, tv_nsec: 0), timespec(tv_sec: time(nil) - 60, tv_nsec: 0)]
    #expect(utimensat(AT_FDCWD, folder, &times, 0) == 0)
    #expect(workspace.annotators(of: [document]) == [["alice"]])
    #expect(workspace.annotators(of: document) == ["alice"])
    // Another session writes bob's sidecar now.
    let other = project.reopened(annotator: "bob")
    _ = try Editor(workspace: other).tag(.units(2...2, .sentence), with: ["claim"], in: other.corpus.documents[0])
    #expect(other.close().isEmpty)
    #expect(workspace.annotators(of: [document]) == [["alice", "bob"]])
    #expect(workspace.annotators(of: document) == ["alice", "bob"])
  }

  /// Annotators' spans on the same words share the quote's strings when
  /// read together; a span whose stored context differs keeps its own.
  @Test func spansOnTheSameWordsShareTheirQuotesOnlyWhenTheyAreTheSame() throws {
    let text = "The budget came today. Critics said it was far too small."
    let project = TestWorkspace(["a.txt": text, "b.txt": text])
    let (a, b) = (project.document("a.txt"), project.document("b.txt"))
    for document in [a, b] {
      _ = try project.editor.tag(.units(2...2, .sentence), with: ["claim"], in: document)
      _ = try project.editor.tag(.units(2...2, .sentence), with: ["opinion"], in: document, by: "bob")
    }
    #expect(project.workspace.close().isEmpty)
    // Bob's stored context of b's span, changed by hand (same length).
    let path = project.workspace.folder + "/" + b.id + "/bob.json"
    let stored = String(decoding: try #require(readFileBytes(path)), as: UTF8.self)
    #expect(stored.contains("\"prefix\": \"The budget came today. \""))
    writeFile(path, stored.replacing("\"prefix\": \"The budget", with: "\"prefix\": \"The bugdet"))
    let workspace = project.reopened(annotator: "carol")
    let team = Team.load(workspace)
    #expect(team.annotators == ["alice", "bob"])
    func quote(_ d: Int, _ j: Int) throws -> Quote { try #require(team.sets[d][j]?.annotations.first?.quote) }
    let storage = utf8Storage
    let (da, db) = (workspace.corpus.index(ofID: a.id)!, workspace.corpus.index(ofID: b.id)!)
    #expect(try quote(da, 0) == quote(da, 1))
    #expect(try storage(quote(da, 0).exact) == storage(quote(da, 1).exact))
    #expect(try storage(quote(da, 0).prefix) == storage(quote(da, 1).prefix))
    #expect(try quote(db, 1).prefix == "The bugdet came today. ")
    #expect(try quote(db, 0).prefix == "The budget came today. ")
    #expect(try storage(quote(db, 0).exact) == storage(quote(db, 1).exact))
  }

  /// An annotator none of whose sidecars can be read is not in the team
  /// (their damage is reported); one with a readable sidecar is, with no
  /// value where theirs was damaged. `only` keeps its order.
  @Test func anAnnotatorWithNoReadableSidecarIsNotInTheTeam() throws {
    let project = TestWorkspace(["a.txt": "One. Two. Three.", "b.txt": "Four. Five."])
    let (a, b) = (project.document("a.txt"), project.document("b.txt"))
    for who in ["alice", "bob", "dan"] {
      _ = try project.editor.tag(.units(1...1, .sentence), with: ["claim"], in: a, by: who)
    }
    _ = try project.editor.tag(.units(2...2, .sentence), with: ["claim"], in: b, by: "bob")
    #expect(project.workspace.close().isEmpty)
    writeFile(project.workspace.folder + "/" + a.id + "/dan.json", "{\"format\": ")
    writeFile(project.workspace.folder + "/" + b.id + "/bob.json", "{\"format\": ")
    let carol = project.reopened(annotator: "carol")
    let team = Team.load(carol)
    #expect(team.annotators == ["alice", "bob"])
    #expect(team.problems.map { "\($0.document) \($0.annotator)" } == ["a.txt dan", "b.txt bob"])
    let (da, db) = (carol.corpus.index(ofID: a.id)!, carol.corpus.index(ofID: b.id)!)
    #expect(team.sets[da].map { $0?.count } == [1, 1] && team.sets[db].map { $0?.count } == [nil, nil])
    let named = Team.load(carol, only: ["dan", "bob", "alice"])
    #expect(named.annotators == ["bob", "alice"])
    #expect(named.sets[da].map { $0?.count } == [1, 1])
  }

  /// Tags in anyone's sidecars that the codebook lacks, counted per span
  /// over more documents than one block of the walk takes, gold's included.
  @Test func tagsTheCodebookLacksAreCountedInEverySidecar() throws {
    var documents: [String: String] = [:]
    for d in 0..<260 { documents["d\(d + 1000).txt"] = "One \(d). Two." }
    let project = TestWorkspace(documents)
    for d in 0..<260 {
      let document = project.document("d\(d + 1000).txt")
      _ = try project.editor.tag(.units(1...1, .sentence), with: ["claim", "opinion"], in: document)
      if d % 2 == 0 { _ = try project.editor.tag(.units(2...2, .sentence), with: ["source"], in: document, by: "bob") }
      if d == 259 { _ = try project.editor.tag(.units(2...2, .sentence), with: ["opinion"], in: document, by: "gold") }
    }
    #expect(project.workspace.close().isEmpty)
    let next = project.reopened(annotator: "carol")
    #expect(next.tagsMissingFromCodebook().isEmpty)
    next.codebook = Codebook(tags: Codebook.standard.tags.filter { $0.name == "claim" })
    let missing = next.tagsMissingFromCodebook()
    #expect(missing.map { "\($0.tag) \($0.spans)" } == ["opinion 261", "source 130"])
  }

  /// The census of tags at the start of a session counts from the files
  /// and makes no one's annotations: a document read already counts as it
  /// is in memory, a sidecar with a journal beside it (a session that did
  /// not end) counts the journal's changes too, one in another layout is
  /// decoded, and a damaged one counts nothing.
  @Test func theCensusOfTagsCountsSidecarsWithoutReadingThemIn() throws {
    let project = TestWorkspace(["a.txt": "One. Two. Three.", "b.txt": "Four. Five.", "c.txt": "Six. Seven."])
    let (a, b, c) = (project.document("a.txt"), project.document("b.txt"), project.document("c.txt"))
    _ = try project.editor.tag(.units(1...1, .sentence), with: ["claim", "opinion"], in: a, by: "bob")
    _ = try project.editor.tag(.units(1...1, .sentence), with: ["opinion"], in: b, by: "bob")
    _ = try project.editor.tag(.units(1...1, .sentence), with: ["source"], in: c, by: "bob")
    _ = try project.editor.tag(.units(2...2, .sentence), with: ["opinion"], in: c, by: "dan")
    #expect(project.workspace.close().isEmpty)
    let folder = project.workspace.folder
    // Bob's sidecar of c minified (not the layout annotate writes); dan's damaged.
    let written = String(decoding: try #require(readFileBytes(folder + "/c.txt/bob.json")), as: UTF8.self)
    writeFile(
      folder + "/c.txt/bob.json",
      written.split(separator: "\n").map { $0.trimmingPrefix(while: { $0 == " " }) }.joined())
    writeFile(folder + "/c.txt/dan.json", "{\"format\": ")
    // Bob tags b again in a session that does not end: the change is in b's journal.
    let unended = project.reopened(annotator: "bob")
    let bobsEditor = Editor(workspace: unended)
    _ = try bobsEditor.tag(
      .units(2...2, .sentence), with: ["source"], in: unended.corpus.documents[unended.corpus.index(ofID: "b.txt")!])
    let carol = project.reopened(annotator: "carol")
    let carolsEditor = Editor(workspace: carol)
    _ = try carolsEditor.tag(
      .units(3...3, .sentence), with: ["opinion"], in: carol.corpus.documents[carol.corpus.index(ofID: "a.txt")!])
    carol.codebook = Codebook(tags: Codebook.standard.tags.filter { $0.name == "claim" })
    let missing = carol.tagsMissingFromCodebook()
    #expect(missing.map { "\($0.tag) \($0.spans)" } == ["opinion 3", "source 2"])
    let bob = carol.reader(for: "bob")
    let documents = carol.corpus.documents
    #expect(documents.map { bob.isLoaded($0) } == [false, true, false])
    #expect(!carol.reader(for: "dan").isLoaded(documents[2]))
  }

  /// Two documents, closed: bob's opinion on a, opinion and source on b;
  /// dan's source on b (three sidecars, none of the tags the census's
  /// codebook of `claim` alone knows).
  static func twoCodersProject() throws -> TestWorkspace {
    let project = TestWorkspace(["a.txt": "One. Two.", "b.txt": "Three. Four."])
    let (a, b) = (project.document("a.txt"), project.document("b.txt"))
    _ = try project.editor.tag(.units(1...1, .sentence), with: ["opinion"], in: a, by: "bob")
    _ = try project.editor.tag(.units(2...2, .sentence), with: ["opinion", "source"], in: b, by: "bob")
    _ = try project.editor.tag(.units(1...1, .sentence), with: ["source"], in: b, by: "dan")
    #expect(project.workspace.close().isEmpty)
    return project
  }

  /// A sidecar counted in one session is not read for the census in the
  /// next while its stamp stands; rewritten in place to the same size with
  /// its modification time put back, it is counted again, before and after
  /// its stamp settles. A damaged cache is not believed.
  @Test func theCensusOfTagsTakesUnchangedSidecarsFromTheCache() throws {
    let project = try Self.twoCodersProject()
    func census() -> (missing: [String], hits: Int) {
      let session = project.reopened(annotator: "carol")
      session.codebook = Codebook(tags: Codebook.standard.tags.filter { $0.name == "claim" })
      let missing = session.tagsMissingFromCodebook().map { "\($0.tag) \($0.spans)" }
      return (missing, session.corpus.unitCache?.tagCountHits ?? -1)
    }
    func settle() { usleep(UInt32(FileStamp.settleSeconds) * 1_000_000 + 300_000) }
    // Not settled yet: counted from the files, and not kept.
    #expect(census() == (["opinion 2", "source 2"], 0))
    settle()
    #expect(census() == (["opinion 2", "source 2"], 0))
    #expect(census() == (["opinion 2", "source 2"], 3))

    // Bob's sidecar of b rewritten in place: the same inode and size, the old modification time.
    let path = project.workspace.folder + "/b.txt/bob.json"
    var info = stat()
    #expect(stat(path, &info) == 0)
    let text = String(decoding: try #require(readFileBytes(path)), as: UTF8.self)
    writeFile(path, text.replacing("\"opinion\"", with: "\"opinio2\""))
    var times = [info.st_atim, info.st_mtim]
    #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
    var now = stat()
    #expect(stat(path, &now) == 0 && now.st_size == info.st_size && now.st_ino == info.st_ino)
    #expect(census() == (["source 2", "opinio2 1", "opinion 1"], 2))
    settle()
    #expect(census() == (["source 2", "opinio2 1", "opinion 1"], 2))
    #expect(census() == (["source 2", "opinio2 1", "opinion 1"], 3))

    // A damaged cache file is not believed.
    let cache = project.workspace.folder + "/.cache/" + UnitCache.tagsFileName
    var bytes = try #require(readFileBytes(cache))
    bytes[bytes.count / 2] ^= 0x01
    writeFile(cache, bytes)
    #expect(census() == (["source 2", "opinio2 1", "opinion 1"], 0))
    #expect(census() == (["source 2", "opinio2 1", "opinion 1"], 3))
  }

  /// A script's census of tags comes after its first command: sidecars
  /// that command decoded (an export's, made and dropped) count as they
  /// were decoded, not read again, and are kept for the next session; one
  /// rewritten since its decode counts from its file. Once the census ran,
  /// decodes count nothing.
  @Test func theCensusTakesTheCountsOfSidecarsACommandDecodedBeforeIt() throws {
    let project = try Self.twoCodersProject()
    // Stamps settle before they are believed.
    usleep(UInt32(FileStamp.settleSeconds) * 1_000_000 + 300_000)
    let carol = project.reopened(annotator: "carol")
    carol.codebook = Codebook(tags: Codebook.standard.tags.filter { $0.name == "claim" })
    // No census asked for: nothing counted.
    _ = ExportSource(workspace: carol).forEach { _ in }
    #expect(carol.tagLedger.counted.isEmpty)
    carol.countTagsUntilCensus()
    var exported: [String] = []
    _ = ExportSource(workspace: carol).forEach { exported.append("\($0.document.id) \($0.annotator)") }
    #expect(exported == ["a.txt bob", "b.txt bob", "b.txt dan"])
    // Dan's sidecar of b changes after the export read it.
    let dans = project.workspace.folder + "/b.txt/dan.json"
    let text = String(decoding: try #require(readFileBytes(dans)), as: UTF8.self)
    writeFile(dans, text.replacing("\"source\"", with: "\"opinio2\""))
    let missing = carol.tagsMissingFromCodebook().map { "\($0.tag) \($0.spans)" }
    #expect(missing == ["opinion 2", "opinio2 1", "source 1"])
    #expect(carol.corpus.unitCache?.tagCountHits == 2)
    #expect(carol.corpus.documents.allSatisfy { !carol.reader(for: "bob").isLoaded($0) })
    _ = ExportSource(workspace: carol).forEach { _ in }
    #expect(!carol.tagLedger.wanted && carol.tagLedger.counted.isEmpty)
    // The next session takes bob's two from the cache; dan's stamp had not settled.
    let next = project.reopened(annotator: "carol")
    next.codebook = carol.codebook
    #expect(next.tagsMissingFromCodebook().map { "\($0.tag) \($0.spans)" } == missing)
    #expect(next.corpus.unitCache?.tagCountHits == 2)
  }

  @Test func anotherAnnotatorsSidecarsAreDecodedOnceAndReadAgainWhenTheyChange() throws {
    let project = TestWorkspace(["a.txt": "One. Two. Three.", "b.txt": "Four. Five."])
    let (a, b) = (project.document("a.txt"), project.document("b.txt"))
    _ = try project.editor.tag(.units(1...1, .sentence), with: ["claim"], in: a, by: "bob")
    _ = try project.editor.tag(.units(1...1, .sentence), with: ["claim"], in: b, by: "bob")
    #expect(project.workspace.close().isEmpty)
    let carol = project.reopened(annotator: "carol")
    let first = Team.load(carol)
    #expect(first.annotators == ["bob"])
    let reader = carol.reader(for: "bob")
    #expect(reader.isLoaded(carol.corpus.documents[0]) && reader.isLoaded(carol.corpus.documents[1]))
    // Bob, in another session, codes a.txt again (his journal grows).
    let bob = project.reopened(annotator: "bob")
    _ = try Editor(workspace: bob).tag(.units(2...3, .sentence), with: ["opinion"], in: bob.corpus.documents[0])
    // The next whole-corpus read sees it, and reads only what changed.
    let second = Team.load(carol)
    #expect(second.sets[0][0]?.count == 2 && second.sets[1][0]?.count == 1)
    #expect(carol.reader(for: "bob") === reader && reader.isLoaded(carol.corpus.documents[1]))
    // A rewrite of the sidecar (a new file, the journal emptied) is seen too.
    #expect(bob.close().isEmpty)
    let bobAgain = project.reopened(annotator: "bob")
    _ = try Editor(workspace: bobAgain).tag(
      .units(2...2, .sentence), with: ["source"], in: bobAgain.corpus.documents[1])
    #expect(bobAgain.close().isEmpty)
    #expect(Team.load(carol).sets[1][0]?.count == 2)
  }

  @Test func noticesAreGatheredOnceAndTakenByWhoeverShowsThem() throws {
    let project = TestWorkspace(["a.txt": "One. Two."])
    let document = project.document("a.txt")
    _ = try project.editor.tag(.units(1...1, .sentence), with: ["claim"], in: document)
    project.workspace.own.releaseLocks()
    writeFile(project.folder + "/docs/a.txt", "New first line. One. Two.")
    let next = project.reopened()
    let edited = next.corpus.documents[0]
    _ = next.annotations(of: edited)
    let notices = next.takeNotices()
    #expect(notices == [.reanchored(document: "a.txt", ReanchorReport(kept: 0, moved: 1, orphaned: 0), pending: true)])
    _ = next.annotations(of: edited)
    #expect(next.takeNotices().isEmpty)
  }

  @Test func annotatorsSkipFilesThatCannotBeAnnotatorNames() throws {
    let project = TestWorkspace(["a.txt": "One."])
    sh(
      "mkdir -p '\(project.folder)/docs/ann/a.txt' && touch '\(project.folder)/docs/ann/a.txt/bob.json' '\(project.folder)/docs/ann/a.txt/.carol.journal' '\(project.folder)/docs/ann/a.txt/-x.json' '\(project.folder)/docs/ann/a.txt/gold.decisions.jsonl'"
    )
    #expect(project.workspace.annotators(of: project.document("a.txt")) == ["bob", "carol"])
  }
}
