import AnnotateCore

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// `find /REGEX/` over a corpus, end to end (the real binary, opening the
/// folder included), against `grep -P` counting matches in the same files,
/// alternated in one run: a case-sensitive literal-ish pattern, a
/// case-insensitive one and an alternation with `\b`. Each is run with the
/// unit cache an earlier session left (the usual case: a researcher refining
/// a pattern) and without it (the first search ever made on the corpus).
func searchBenchmark(_ options: Options) -> [Row] {
  var rows: [Row] = []
  let patterns: [(annotate: String, grep: [String])] = [
    ("/peace talks?/", ["-P", "peace talks?"]),
    ("/peace talks?/i", ["-Pi", "peace talks?"]),
    ("/\\b(said|told|according to)\\b/", ["-P", "\\b(said|told|according to)\\b"]),
  ]
  for count in options.corpusSizes {
    let folder = scratch + "/search-\(count)"
    _ = makeCorpus(folder: folder, documents: count, seed: options.seed)
    // A corpus a researcher searches was not written a moment ago: files
    // younger than two seconds are hashed again in every session (their
    // stamps have not settled; see FileStamp), so the runs wait till they are.
    sleep(3)
    let textMB = Double(folderBytes(folder + "/docs")) / 1_000_000
    let runs = options.runs > 0 ? options.runs : 5
    for (pattern, grepArguments) in patterns {
      let annotateArguments = [
        "--annotations", folder + "/ann", "--annotator", "alice", "-c", "find " + pattern, folder + "/docs",
      ]
      let grepAll = grepArguments + ["-rc", folder + "/docs"]
      let cache = folder + "/ann/.cache"
      var warm: [Double] = []
      var cold: [Double] = []
      var theirs: [Double] = []
      var failed = false
      for _ in 0..<runs {
        _ = runProgram("/bin/rm", ["-rf", cache])
        var t = now()
        failed = failed || runProgram(executableFolder + "/annotate", annotateArguments).status != 0
        cold.append(now() - t)
        t = now()
        failed = failed || runProgram(executableFolder + "/annotate", annotateArguments).status != 0
        warm.append(now() - t)
        t = now()
        // grep exits 1 when a file has no match; only 2 is a failure.
        failed = failed || runProgram("grep", grepAll).status > 1
        theirs.append(now() - t)
      }
      theirs.sort()
      for (label, times) in [("unit cache from an earlier session", warm), ("no unit cache (the first search)", cold)] {
        let ratio = median(times.sorted()) / median(theirs)
        rows.append(
          Row(
            benchmark: "`annotate -c 'find \(pattern)' DIR`, opening included, \(label)\(failed ? " FAILED" : "")",
            size: "\(count) articles, \(format(textMB, 1)) MB",
            annotate: format(median(times.sorted()) * 1000, 0) + " ms", reference: "`grep \(grepArguments[0]) -rc`",
            referenceFigure: format(median(theirs) * 1000, 0) + " ms", ratio: format(ratio, 2) + "×",
            target: count >= 10_000 ? "≤ 3× grep -P" : "— (≤ 3× grep -P at 10,000 articles)", peak: "—"))
      }
    }
    if getenv("ANNOTATE_BENCH_KEEP") == nil { _ = runProgram("/bin/rm", ["-rf", folder]) }
  }
  return rows
}

/// The bytes of the files in a folder (not its subfolders).
func folderBytes(_ path: String) -> Int {
  guard let dir = opendir(path) else { return 0 }
  defer { closedir(dir) }
  var total = 0
  while let entry = readdir(dir) {
    var info = stat()
    let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
    if stat(path + "/" + name, &info) == 0, info.st_mode & S_IFMT == S_IFREG { total += Int(info.st_size) }
  }
  return total
}

/// Instructions a run of the annotate binary executes, counted by
/// valgrind's callgrind on a stripped copy (valgrind 3.19 cannot read the
/// Swift toolchain's debug information; the symbols stay, for callgrind_annotate): a figure that does not move with
/// what else the machine is doing. Nil when valgrind is missing.
func instructionCount(_ arguments: [String]) -> Int? {
  guard onPath("valgrind") else { return nil }
  let stripped = scratch + "/annotate-stripped"
  if access(stripped, X_OK) != 0 {
    guard runProgram("strip", ["--strip-debug", "-o", stripped, executableFolder + "/annotate"]).status == 0 else {
      return nil
    }
  }
  let run = runProgram(
    "/bin/sh",
    [
      "-c", "valgrind --tool=callgrind --callgrind-out-file=/dev/null \"$@\" 2>&1 >/dev/null | grep 'Collected'",
      "sh", stripped,
    ] + arguments, captureOutput: true)
  // "==123== Collected : 13309324"
  guard let figure = run.output.split(separator: ":").last?.split(separator: "\n").first else { return nil }
  return Int(figure.filter { $0 != " " })
}

/// Instruction counts of the three hot paths the issue names, on inputs
/// small enough for valgrind (about 50× slower than a plain run).
func instructionBenchmark(_ options: Options) -> [Row] {
  guard onPath("valgrind") else {
    fputs("annotate-bench: valgrind not found; instruction counts skipped (scripts/ensure-deps.sh bench)\n", stderr)
    return []
  }
  var rows: [Row] = []
  let folder = scratch + "/instructions"
  _ = makeCorpus(folder: folder, documents: 1000, seed: options.seed)
  let textMB = Double(folderBytes(folder + "/docs")) / 1_000_000
  let baseline = instructionCount(["--version"]) ?? 0
  let find = [
    "--annotations", folder + "/ann", "--annotator", "alice", "-c", "find /\\b(said|told|according to)\\b/",
    folder + "/docs",
  ]
  // Each starts without the unit cache but the warm search, which runs on
  // the cache the search before it left.
  let cases: [(String, String, [String], cold: Bool)] = [
    (
      "segmenter: `segment --format text`", "1000 articles, \(format(textMB, 1)) MB",
      ["segment", "--format", "text", folder + "/docs"], true
    ),
    (
      "regex search: `-c 'find /\\b(said|told|according to)\\b/'`", "1000 articles, \(format(textMB, 1)) MB", find, true
    ),
    (
      "regex search, unit cache from an earlier session: the same", "1000 articles, \(format(textMB, 1)) MB", find,
      false
    ),
    (
      "CSV writer: `export --format csv` (all annotators)", "100000 annotations",
      ["export", "--format", "csv", "--annotations", folder + "/ann", "--out", folder + "/out.csv", folder + "/docs"],
      true
    ),
  ]
  for (label, size, arguments, cold) in cases {
    if cold { _ = runProgram("/bin/rm", ["-rf", folder + "/ann/.cache"]) }
    guard let count = instructionCount(arguments) else { continue }
    rows.append(
      Row(
        benchmark: "instructions, \(label) (callgrind; start-up's \(format(Double(baseline) / 1e6, 1)) M included)",
        size: size,
        annotate: format(Double(count) / 1e6, 1) + " M", reference: "—", referenceFigure: "—", ratio: "—",
        target: "— (watch for regressions)", peak: "—"))
  }
  if getenv("ANNOTATE_BENCH_KEEP") == nil { _ = runProgram("/bin/rm", ["-rf", folder]) }
  return rows
}
