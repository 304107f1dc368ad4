/// `annotate -c quit seeds/` against the sqlite3 shell's start-up, same run.
func startupBenchmark(_ options: Options) -> [Row] {
  let binary = executableFolder + "/annotate"
  let runs = options.runs > 0 ? options.runs : 50
  // Warm the page cache first.
  for _ in 0..<3 { runProgram(binary, ["-c", "quit", "seeds"]) }
  let ours = measure(runs: runs) { runProgram(binary, ["-c", "quit", "seeds"]) }
  var rows: [Row] = []
  var referenceName = "sqlite3 :memory: .quit"
  var referenceMedian = Double.nan
  if options.references && onPath("sqlite3") {
    for _ in 0..<3 { runProgram("sqlite3", [":memory:", ".quit"]) }
    referenceMedian = median(measure(runs: runs) { runProgram("sqlite3", [":memory:", ".quit"]) })
  } else {
    referenceName = "sqlite3 (not installed)"
  }
  rows.append(
    Row(
      benchmark: "startup to quit (`annotate -c quit seeds/`, median of \(runs))", size: "1 doc",
      annotate: format(median(ours) * 1000) + " ms (p90 " + format(percentile(ours, 90) * 1000) + ")",
      reference: referenceName, referenceFigure: format(referenceMedian * 1000) + " ms",
      ratio: format(median(ours) / referenceMedian, 1) + "×", target: "≤ 10 ms",
      peak: format(peakMemoryOfProgram(binary, ["-c", "quit", "seeds"]).peakMiB, 1)))
  if options.references && onPath("python3") {
    let python = median(measure(runs: max(5, runs / 5)) { runProgram("python3", ["-c", "pass"]) })
    rows.append(
      Row(
        benchmark: "for scale: a Python interpreter starting", size: "—", annotate: "—",
        reference: "python3 -c pass", referenceFigure: format(python * 1000) + " ms", ratio: "—", target: "—",
        peak: "—"))
  }
  return rows
}
