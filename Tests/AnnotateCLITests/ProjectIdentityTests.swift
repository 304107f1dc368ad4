import Glibc
import Testing

/// A document's id is its path from the project (the folder holding the
/// annotations folder), whatever folder is opened and from where.
@Suite(.timeLimit(.minutes(10))) struct ProjectIdentityTests {
  func project() -> String {
    let folder = makeTemporaryFolder()
    _ = system("mkdir -p '\(folder)/corpus/2019' '\(folder)/Annotations'")
    writeFile(folder + "/corpus/2019/a.txt", "The envoy said talks would resume. Critics disagreed.\n")
    return folder
  }

  /// Regression: `annotate corpus` gave ids `2019/a.txt`; `annotate
  /// corpus/2019` (or `cd corpus/2019; annotate .`) found no annotations and
  /// started a second, parallel set at the next change.
  @Test func everyWayOfOpeningFindsTheSameSidecars() {
    let folder = project()
    defer { removeTree(folder) }
    let made = runAnnotate(["--annotator", "alice", "-c", "tag 1 claim", "corpus"], directory: folder)
    #expect(made.status == 0, "\(made.stderr)")
    #expect(access(folder + "/Annotations/corpus/2019/a.txt/alice.json", F_OK) == 0)
    for (directory, path) in [
      (folder, "corpus"), (folder, "corpus/2019"), (folder + "/corpus/2019", "."), (folder + "/corpus/2019", "a.txt"),
      (folder + "/corpus", "2019/a.txt"),
    ] {
      let r = runAnnotate(["--annotator", "alice", "-c", "doc; spans", path], directory: directory)
      #expect(r.status == 0, "\(path) from \(directory): \(r.stderr)")
      #expect(r.stdout.contains("current: corpus/2019/a.txt"), "\(path) from \(directory): \(r.stdout)")
      #expect(r.stdout.contains("#1 [claim] sentence 1"), "\(path) from \(directory): \(r.stdout)")
    }
  }

  @Test func aMovedFileIsFoundByItsTextAndRelinkedNeverDuplicated() {
    let folder = project()
    defer { removeTree(folder) }
    _ = runAnnotate(["--annotator", "alice", "-c", "tag 1 claim", "corpus"], directory: folder)
    _ = runAnnotate(["--annotator", "bob", "-c", "tag 2 opinion", "corpus"], directory: folder)
    _ = system("mv '\(folder)/corpus/2019/a.txt' '\(folder)/corpus/2019/renamed.txt'")
    let refused = runAnnotate(["--annotator", "alice", "-c", "tag 2 claim", "corpus"], directory: folder)
    #expect(refused.status == 1)
    #expect(
      refused.stdout.contains(
        "note: corpus/2019/renamed.txt: its annotations are under 'corpus/2019/a.txt' (the same text, moved or renamed) — relink moves them"
      ), "\(refused.stdout)")
    #expect(
      refused.stderr.contains("read-only here: its annotations are under 'corpus/2019/a.txt'"), "\(refused.stderr)")
    #expect(access(folder + "/Annotations/corpus/2019/renamed.txt", F_OK) != 0, "a second set was started")
    let relinked = runAnnotate(["--annotator", "alice", "-c", "relink; spans", "corpus"], directory: folder)
    #expect(relinked.stdout.contains("relinked corpus/2019/renamed.txt ← corpus/2019/a.txt"), "\(relinked.stdout)")
    #expect(relinked.stdout.contains("#1 [claim] sentence 1"))
    let check = runAnnotate(["check", "corpus"], directory: folder)
    #expect(check.stdout.contains("checked 2 sidecars against 1 document: all good"), "\(check.stdout) \(check.stderr)")
  }

  /// Duplicates of one text at two paths are two documents: no relink is offered.
  @Test func aCopyIsNotAMove() {
    let folder = project()
    defer { removeTree(folder) }
    _ = runAnnotate(["--annotator", "alice", "-c", "tag 1 claim", "corpus"], directory: folder)
    _ = system("cp '\(folder)/corpus/2019/a.txt' '\(folder)/corpus/2019/copy.txt'")
    let r = runAnnotate(["--annotator", "alice", "-c", "doc copy.txt; tag 1 claim", "corpus"], directory: folder)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(!r.stdout.contains("relink"))
  }
}
