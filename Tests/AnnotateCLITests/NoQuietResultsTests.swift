import Glibc
import Testing

/// Nothing succeeds at nothing: a name that matches nothing is an error that
/// lists what is valid, and a codebook that lacks the tags in use says so.
@Suite(.timeLimit(.minutes(10))) struct NoQuietResultsTests {
  func project() -> String {
    let folder = makeTemporaryFolder()
    _ = system("mkdir -p '\(folder)/docs' && cp '\(repositoryRoot)/seeds/000_9c83e067df388347.txt' '\(folder)/docs/'")
    _ = runAnnotate([
      "--annotations", folder + "/docs/ann", "--annotator", "alice", "-c", "tag 3 claim", folder + "/docs",
    ])
    return folder
  }

  /// Regression: `annotate export --format csv --annotator carol` (no such
  /// annotator) said `exported 0 annotations` and exited 0; `annotate export
  /// csv` (the shell's word order) wrote only a header.
  @Test func exportNamesWhatIsValid() throws {
    let folder = project()
    defer { removeTree(folder) }
    let base = ["export", "--annotations", folder + "/docs/ann"]
    let carol = runAnnotate(base + ["--annotator", "carol", folder + "/docs"])
    #expect(carol.status == 1)
    #expect(
      carol.stderr == "error: nothing exported: no annotations by 'carol' — annotators with some: alice\n",
      "\(carol.stderr)")
    let tag = runAnnotate(base + ["--tag", "clam", folder + "/docs"])
    #expect(tag.status == 1)
    #expect(tag.stderr == "error: unknown tag 'clam' — valid: claim, opinion, source\n")
    let shellOrder = runAnnotate(base + ["csv", folder + "/docs"])
    #expect(shellOrder.status == 0, "\(shellOrder.stderr)")
    #expect(shellOrder.stdout.split(separator: "\r\n").count == 2, "\(shellOrder.stdout)")
    let empty = runAnnotate(["export", "--annotations", folder + "/nothing", folder + "/docs"])
    #expect(empty.status == 1)
    #expect(empty.stderr.hasPrefix("error: nothing exported: no annotations of these documents in "))
  }

  @Test func agreeAndCompareNameWhatIsValid() {
    let folder = project()
    defer { removeTree(folder) }
    let agree = runAnnotate(["agree", "--annotations", folder + "/docs/ann", "--annotator", "zed", folder + "/docs"])
    #expect(agree.status == 1)
    #expect(agree.stderr.contains("no annotations by 'zed' for the open documents"))
    let compare = runAnnotate([
      "--annotations", folder + "/docs/ann", "--annotator", "alice", "-c", "compare --annotator zed", folder + "/docs",
    ])
    #expect(compare.status == 1)
    #expect(compare.stderr.contains("no annotations by 'zed'"))
  }

  /// Opening with a codebook that lacks tags the sidecars use kept them silently.
  @Test func codebookDriftIsListedAtStartAndByCheck() {
    let folder = project()
    defer { removeTree(folder) }
    writeFile(folder + "/docs/codebook.json", #"{"tags": [{"name": "opinion", "definition": "d", "color": "red"}]}"#)
    let session = runAnnotate([
      "--annotations", folder + "/docs/ann", "--annotator", "alice", "-c", "codebook", folder + "/docs",
    ])
    #expect(
      session.stderr.contains("warning: tags in the sidecars that the codebook lacks: claim (1)"), "\(session.stderr)")
    // A script that only searches the text does not read every sidecar for it.
    let find = runAnnotate([
      "--annotations", folder + "/docs/ann", "--annotator", "alice", "-c", "find /\\w/; help find", folder + "/docs",
    ])
    #expect(find.status == 0 && find.stderr.isEmpty, "\(find.stderr)")
    let later = runAnnotate([
      "--annotations", folder + "/docs/ann", "--annotator", "alice", "-c", "find /\\w/; spans", folder + "/docs",
    ])
    #expect(later.stderr.contains("the codebook lacks: claim (1)"), "\(later.stderr)")
    // After an export as the first command, from what the export decoded.
    let export = runAnnotate([
      "--annotations", folder + "/docs/ann", "--annotator", "bob", "-c", "export csv " + folder + "/out.csv",
      folder + "/docs",
    ])
    #expect(export.status == 0 && export.stderr.contains("the codebook lacks: claim (1)"), "\(export.stderr)")
    let check = runAnnotate(["check", "--annotations", folder + "/docs/ann", folder + "/docs"])
    #expect(check.status == 1)
    #expect(check.stderr.contains("alice.json: uses tags the codebook lacks: claim (1)"), "\(check.stderr)")
  }
}
