import Glibc
import Testing

/// The committed fuzz corpora and every failing input fuzzing ever found,
/// replayed through the targets on each test run (`make fuzz` adds to them).
@Suite(.timeLimit(.minutes(10))) struct FuzzReplayTests {
  static let replayer = String(annotateBinary.dropLast("annotate".count)) + "annotate-fuzz"

  @Test(arguments: ["command", "sidecar", "import", "segmenter"])
  func corporaAndCrashesReplayCleanly(_ target: String) {
    var paths = [repositoryRoot + "/fuzz/corpus/" + target]
    let crashes = repositoryRoot + "/fuzz/crashes/" + target
    if access(crashes, F_OK) == 0 { paths.append(crashes) }
    let inputs = paths.reduce(0) { $0 + Self.files(in: $1) }
    #expect(inputs >= 200, "the \(target) corpus has only \(inputs) inputs")
    let run = runProgram(Self.replayer, [target] + paths)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "\(target): replayed \(inputs) inputs, no failure\n", "\(run.stdout)")
  }

  /// Files (not hidden) in a folder.
  static func files(in folder: String) -> Int {
    guard let dir = opendir(folder) else { return 0 }
    defer { closedir(dir) }
    var count = 0
    while let entry = readdir(dir) {
      let isHidden = withUnsafePointer(to: &entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 1) { $0.pointee == CChar(UInt8(ascii: ".")) }
      }
      if !isHidden { count += 1 }
    }
    return count
  }
}
