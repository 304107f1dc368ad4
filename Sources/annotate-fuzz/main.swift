import AnnotateCore

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// `annotate-fuzz TARGET [libFuzzer flags] [CORPUS…]`.
///
/// Built by `make fuzz` with `-sanitize=fuzzer,address -D FUZZING`, it hands
/// the target to libFuzzer's driver. Built plainly (as `swift build` does), it
/// replays files or folders of inputs through the target — how the test
/// suite runs the committed corpora and every crash found as regressions.
var arguments = CommandLine.arguments
// libFuzzer re-runs itself (-merge, -jobs) without the target's name: it is
// passed on in the environment.
if arguments.count < 2 || !FuzzTargets.names.contains(arguments[1]),
  let inherited = getenv("ANNOTATE_FUZZ_TARGET").map({ String(cString: $0) })
{
  arguments.insert(inherited, at: 1)
}
guard arguments.count >= 2, FuzzTargets.names.contains(arguments[1]) else {
  fputs("usage: annotate-fuzz \(FuzzTargets.names.joined(separator: "|")) [libFuzzer flags] [CORPUS…]\n", stderr)
  exit(64)
}
let target = arguments[1]
setenv("ANNOTATE_FUZZ_TARGET", target, 1)

#if FUZZING
  @_silgen_name("LLVMFuzzerRunDriver")
  func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
  ) -> Int32

  nonisolated(unsafe) var chosen = target

  /// libFuzzer's entry point, required by its runtime; the driver below calls it.
  @_cdecl("LLVMFuzzerTestOneInput")
  func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzTargets.run(chosen, size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
  }
  // libFuzzer sees the arguments after the target name.
  var rest = [arguments[0]] + arguments.dropFirst(2)
  var argc = Int32(rest.count)
  var cStrings: [UnsafeMutablePointer<CChar>?] = rest.map { strdup($0) } + [nil]
  let status = cStrings.withUnsafeMutableBufferPointer { buffer -> Int32 in
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = buffer.baseAddress
    return LLVMFuzzerRunDriver(&argc, &argv) { fuzzOne($0, $1) }
  }
  exit(status)
#else
  // Replay: every file named, or every file in the folders named.
  var files: [String] = []
  for path in arguments.dropFirst(2) {
    var info = stat()
    guard stat(path, &info) == 0 else {
      fputs("annotate-fuzz: \(path): no such file or folder\n", stderr)
      exit(66)
    }
    if info.st_mode & S_IFMT == S_IFDIR, let dir = opendir(path) {
      var names: [String] = []
      while let entry = readdir(dir) {
        let name = directoryEntryName(entry)
        if !name.hasPrefix(".") { names.append(path + "/" + name) }
      }
      closedir(dir)
      files += names.sorted()
    } else {
      files.append(path)
    }
  }
  for file in files {
    guard let handle = fopen(file, "rb") else { continue }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = fread(&chunk, 1, chunk.count, handle)
      if n <= 0 { break }
      bytes += chunk[0..<n]
    }
    fclose(handle)
    FuzzTargets.run(target, bytes)
  }
  FuzzTargets.cleanUp()
  print("\(target): replayed \(files.count) inputs, no failure")
#endif
