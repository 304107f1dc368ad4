import Glibc
import Testing

/// A team shares the corpus as a git repository: a bare remote, three
/// clones coding in parallel, each committing only its own sidecars. Every
/// pull merges without a conflict, no working file is committed, and
/// `agree` on any clone sees everyone's work, on the assignments' overlap.
@Suite(.timeLimit(.minutes(10))) struct TeamGitTests {
  func git(_ arguments: [String], in folder: String) -> RunResult {
    runProgram(
      "git", arguments,
      env: [
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": folder, "GIT_CONFIG_NOSYSTEM": "1",
      ], directory: folder)
  }

  @Test func threeClonesCodeInParallelAndMergeWithoutConflicts() throws {
    let root = makeTemporaryFolder()
    defer { removeTree(root) }
    // The lead makes the corpus and deals it out.
    let lead = root + "/lead"
    _ = system("mkdir -p '\(lead)/corpus' '\(root)/remote.git'")
    for i in 1...6 {
      writeFile(
        lead + "/corpus/article\(i).txt",
        "The envoy said talks would resume. Critics called it naïve. Nothing more \(i).\n")
    }
    #expect(git(["init", "-q", "--bare", "-b", "main", root + "/remote.git"], in: root).status == 0)
    #expect(git(["init", "-q", "-b", "main"], in: lead).status == 0)
    let assigned = runAnnotate(
      [
        "assign", "--annotators", "alice,bob,carol", "--overlap", "50%", "--seed", "3", "--annotations",
        lead + "/Annotations", lead + "/corpus",
      ], directory: lead)
    #expect(assigned.status == 0, "\(assigned.stderr)")
    #expect(assigned.stdout.contains("assigned 6 documents: 3 to two coders (seed 3)"), "\(assigned.stdout)")
    #expect(git(["add", "-A"], in: lead).status == 0)
    #expect(git(["commit", "-q", "-m", "corpus and assignments"], in: lead).status == 0)
    #expect(git(["remote", "add", "origin", root + "/remote.git"], in: lead).status == 0)
    #expect(git(["push", "-q", "origin", "main"], in: lead).status == 0)
    // Three coders clone it and code their queue, in parallel.
    let coders = ["alice", "bob", "carol"]
    for name in coders {
      #expect(git(["clone", "-q", root + "/remote.git", root + "/" + name], in: root).status == 0)
    }
    let script = String(repeating: "todo; tag claim; ", count: 12) + "quit"
    var children: [(String, SpawnedProcess)] = []
    for name in coders {
      let clone = root + "/" + name
      children.append(
        (
          name,
          SpawnedProcess(
            ["/bin/sh", "-c", "cd '\(clone)' && exec '\(annotateBinary)' --annotator \(name) corpus"],
            stdin: script.replacing("; ", with: "\n") + "\n")
        ))
    }
    var printed: [String: String] = [:]
    for (name, child) in children {
      printed[name] = child.read(for: 60)  // until it quits and closes its output
      child.kill9()
    }
    // Each commits its own work and pushes; later ones pull (merge) first.
    for name in coders {
      let clone = root + "/" + name
      #expect(git(["add", "-A"], in: clone).status == 0)
      let staged = git(["diff", "--cached", "--name-only"], in: clone).stdout
      #expect(!staged.contains(".journal") && !staged.contains(".lock"), "\(name) commits no working file: \(staged)")
      #expect(staged.contains("/\(name).json"), "\(staged) \(printed[name] ?? "")")
      #expect(git(["commit", "-q", "-m", "\(name)'s coding"], in: clone).status == 0)
      let pulled = git(["pull", "-q", "--no-rebase", "--no-edit", "origin", "main"], in: clone)
      #expect(pulled.status == 0, "\(name): \(pulled.stderr)")
      #expect(!git(["status", "--porcelain"], in: clone).stdout.contains("UU"), "no conflict")
      #expect(git(["push", "-q", "origin", "HEAD:main"], in: clone).status == 0)
    }
    // Any clone, after a pull, sees everyone's work.
    let first = root + "/alice"
    #expect(git(["pull", "-q", "--no-rebase", "--no-edit", "origin", "main"], in: first).status == 0)
    let who = runAnnotate(["--annotator", "alice", "-c", "annotators", "corpus"], directory: first)
    for name in coders { #expect(who.stdout.contains(name), "\(who.stdout)") }
    #expect(who.stdout.contains("assignment coded"))
    let agree = runAnnotate(["agree", "corpus"], directory: first)
    #expect(agree.status == 0, "\(agree.stderr)")
    #expect(agree.stderr.contains("over the assignments' overlap sample: 3 documents"), "\(agree.stderr)")
  }
}
