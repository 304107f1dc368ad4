import Glibc
import Testing

/// Big inputs get bounded memory or a clear refusal, never a crash or a hang.
@Suite(.timeLimit(.minutes(10))) struct ResourceLimitTests {
  /// Annotations in memory when the machine has /dev/shm: fsync there is free.
  func scratch() -> String {
    guard access("/dev/shm", W_OK) == 0 else { return makeTemporaryFolder() }
    var template = Array("/dev/shm/annotate-test-XXXXXX".utf8CString)
    return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
  }

  @Test func aOneGigabyteFileIsRefusedBeforeItIsRead() {
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    _ = system("mkdir -p '\(folder)/docs' && truncate -s 1G '\(folder)/docs/huge.txt'")
    writeFile(folder + "/docs/small.txt", "Small. Fine.\n")
    let run = runAnnotate(["--annotations", folder + "/docs/ann", "-c", "docs", folder + "/docs"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.stderr.contains(
        "huge.txt: 1024 MiB is more than annotate opens as one document (256 MiB) — split it into articles"))
    #expect(run.stdout.contains("small.txt"))
  }

  @Test func aTenMegabyteLineIsOneSentenceAndEveryCommandWorks() {
    let folder = makeTemporaryFolder()
    let annotations = scratch()
    defer {
      removeTree(folder)
      _ = system("rm -rf '\(annotations)'")
    }
    let words = ["alpha", "beta", "gamma", "delta", "peace", "talks"]
    var line = ""
    line.reserveCapacity(10_600_000)
    var i = 0
    while line.utf8.count < 10_000_000 {
      line += words[(i * 7 + i / 3) % words.count] + " "
      i += 1
    }
    _ = system("mkdir -p '\(folder)/docs'")
    writeFile(folder + "/docs/line.txt", line)
    let run = runAnnotate(
      [
        "--annotations", annotations, "-c",
        "docs; tag 1 claim; hl 1 \"gamma delta\" 2 opinion; find peace talks; stats; spans", folder + "/docs",
      ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("line.txt  0/1 coded"))
    #expect(run.stdout.contains("highlighted #2 [opinion] sentence 1: “gamma delta”"))
    #expect(run.stdout.contains("1 sentence matched"))
  }

  @Test func aHundredThousandLineScriptRunsToTheEnd() {
    let annotations = scratch()
    defer { _ = system("rm -rf '\(annotations)'") }
    let script = String(repeating: "stats\ntag 3 claim\nundo\nbogus\n", count: 25_000)
    let run = runAnnotate(
      ["--annotations", annotations, "--annotator", "s", repositoryRoot + "/seeds"], stdin: script)
    #expect(run.status == 1)  // the bogus lines fail; the script goes on
    #expect(run.stderr.split(separator: "\n").count == 25_000)
    #expect(run.stdout.components(separatedBy: "undid: tag 3 claim").count == 25_001)
  }
}
