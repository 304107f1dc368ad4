import Glibc
import Testing

/// The committed fuzz corpora and every failing input fuzzing ever found,
/// replayed through the targets on each test run (`make fuzz` adds to them).
@Suite struct FuzzReplayTests {
  static let replayer = String(annotateBinary.dropLast("annotate".count)) + "annotate-fuzz"

  @Test(arguments: ["command", "sidecar", "import", "segmenter"])
  func corporaAndCrashesReplayCleanly(_ target: String) {
    var paths = [repositoryRoot + "/fuzz/corpus/" + target]
    let crashes = repositoryRoot + "/fuzz/crashes/" + target
    if access(crashes, F_OK) == 0 { paths.append(crashes) }
    let run = runProgram(Self.replayer, [target] + paths)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("\(target): replayed "), "\(run.stdout)")
  }
}
