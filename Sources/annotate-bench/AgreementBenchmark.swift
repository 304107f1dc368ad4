import AnnotateCore

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// Krippendorff's α over a large reliability matrix (3 coders, binary
/// values as sentence-level agreement makes them, 10% missing), against the
/// `krippendorff` package on the same matrix in the same run.
func agreementBenchmark(_ options: Options) -> [Row] {
  var rows: [Row] = []
  let coders = 3
  for items in options.agreeSizes {
    var random = SplitMix64(state: options.seed &+ UInt64(items))
    var data = ReliabilityData(coders: coders, categories: 2)
    data.reserveCapacity(items: items)
    var row = [Int32](repeating: 0, count: coders)
    for _ in 0..<items {
      let truth = Int32(random.below(100) < 30 ? 1 : 0)
      for j in 0..<coders {
        row[j] =
          random.below(100) < 10 ? ReliabilityData.missing : (random.below(100) < 85 ? truth : Int32(random.below(2)))
      }
      data.append(row)
    }
    let runs = options.runs > 0 ? options.runs : 5
    var alpha = Double.nan
    let times = measure(runs: runs) { alpha = Agreement.krippendorffAlpha(data) }
    let ours = median(times)
    var referenceSeconds = Double.nan
    var referenceName = "krippendorff (PyPI), same matrix"
    var same = ""
    if options.references {
      // coders × items, float64, NaN for missing: what the package takes.
      let path = scratch + "/agree-\(items).f64"
      var values = [Double](repeating: .nan, count: items * coders)
      for item in 0..<items {
        for j in 0..<coders where data[item, j] >= 0 { values[j * items + item] = Double(data[item, j]) }
      }
      let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
      _ = values.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      close(fd)
      let result = runProgram(
        "python3", ["bench/reference_krippendorff.py", path, String(coders), String(min(runs, 3))], captureOutput: true)
      let fields = result.output.split(separator: "\t").map { String($0.filter { !$0.isWhitespace }) }
      if fields.count == 2, let seconds = Double(fields[0]), let theirs = Double(fields[1]) {
        referenceSeconds = seconds
        same = abs(theirs - alpha) < 1e-9 ? ", same α" : ", α DIFFERS: \(theirs)"
      } else {
        referenceName = "krippendorff (did not run: pip install krippendorff)"
      }
      unlink(path)
    }
    rows.append(
      Row(
        benchmark:
          "Krippendorff's α, nominal, 3 coders, 10% missing (α = \(format(alpha, 4))\(same)), median of \(runs)",
        size: "\(items) items", annotate: format(ours * 1000, 1) + " ms", reference: referenceName,
        referenceFigure: format(referenceSeconds * 1000, 1) + " ms",
        ratio: format(referenceSeconds / ours, 0) + "× faster", target: "< 1 s and ≥ 5× faster (1M items)",
        peak: format(peakMemoryMiB(), 0)))
    // The bootstrap interval of α on the same matrix (issue: 1,000 resamples of 100,000 items ≤ 2 s).
    guard items <= 100_000 else { continue }
    var interval: AlphaBootstrap?
    let resampling = measure(runs: min(runs, 3)) {
      interval = Agreement.bootstrapAlpha(data, resamples: 1000, seed: 1, threshold: 0.667)
    }
    rows.append(
      Row(
        benchmark:
          "bootstrap of α, 1,000 resamples of the units (95% CI \(format(interval?.low ?? .nan, 3))–\(format(interval?.high ?? .nan, 3))), median of \(resampling.count)",
        size: "\(items) items × 3", annotate: format(median(resampling), 2) + " s", reference: "—",
        referenceFigure: "—", ratio: "—", target: "≤ 2 s (100,000 items)", peak: format(peakMemoryMiB(), 0)))
  }
  return rows
}
