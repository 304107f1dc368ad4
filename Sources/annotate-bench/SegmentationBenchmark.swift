import AnnotateCore

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// Segmentation throughput on generated news text at sizes a decade apart,
/// against sentencex, blingfire and pySBD in the same run.
func segmentationBenchmark(_ options: Options) -> [Row] {
  var rows: [Row] = []
  var generator = NewsGenerator(seed: options.seed)
  var largest: (text: String, path: String)?
  for sizeMB in options.sizesMB.sorted() {
    let bytes = Int(sizeMB * 1_000_000)
    let text = generator.text(bytes: bytes)
    let utf8 = try! UTF8Text(validating: Array(text.utf8))
    let runs = options.runs > 0 ? options.runs : (bytes > 20_000_000 ? 3 : bytes > 2_000_000 ? 5 : 20)
    var units = 0
    let times = measure(runs: runs) { units = Segmenter.units(of: utf8, kind: .sentence).count }
    let mbPerSecond = Double(utf8.bytes.count) / 1e6 / median(times)
    rows.append(
      Row(
        benchmark: "segmentation, sentences (\(units) units), median of \(runs)",
        size: format(Double(utf8.bytes.count) / 1e6, 1) + " MB", annotate: format(mbPerSecond, 0) + " MB/s",
        reference: "", referenceFigure: "", ratio: "", target: "≥ 100 MB/s, linear",
        peak: format(peakMemoryMiB(), 0)))
    let path = scratch + "/news-\(sizeMB)MB.txt"
    writeText(path, text)
    largest = (text, path)
  }
  if let largest { rows += segmentOutputRows(largest.path, options) }
  guard options.references, let largest else { return rows }
  // References run on the largest size, in this same run.
  let script = "bench/reference_segmenters.py"
  let result = runProgram("python3", [script, largest.path], captureOutput: true)
  var fastest: (String, Double)?
  for line in result.output.split(separator: "\n") {
    let fields = line.split(separator: "\t").map(String.init)
    guard fields.count == 4, let rate = Double(fields[1]) else { continue }
    let bytes = Double(fields[2]) ?? 0
    rows.append(
      Row(
        benchmark: "reference: \(fields[0]) (\(fields[3]) units)", size: format(bytes / 1e6, 1) + " MB", annotate: "—",
        reference: fields[0], referenceFigure: format(rate, rate < 10 ? 2 : 0) + " MB/s", ratio: "", target: "",
        peak: "—"))
    if fastest.map({ rate > $0.1 }) ?? true { fastest = (fields[0], rate) }
  }
  if let fastest,
    let last = rows.firstIndex(where: {
      $0.reference.isEmpty && $0.size.hasPrefix(format(Double(largest.text.utf8.count) / 1e6, 1))
    })
  {
    let ours = Double(rows[last].annotate.split(separator: " ")[0]) ?? .nan
    rows[last].reference = fastest.0
    rows[last].referenceFigure = format(fastest.1, 0) + " MB/s"
    rows[last].ratio = format(ours / fastest.1, 1) + "×"
  } else if result.status != 0 {
    fputs("annotate-bench: reference segmenters did not run (\(script) exited \(result.status))\n", stderr)
  }
  return rows
}

func writeText(_ path: String, _ text: String) {
  let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  precondition(fd >= 0, "cannot write \(path)")
  var utf8 = Array(text.utf8)
  var written = 0
  while written < utf8.count {
    let n = utf8[written...].withUnsafeMutableBytes { write(fd, $0.baseAddress, $0.count) }
    if n <= 0 { break }
    written += n
  }
  utf8.removeAll()
  close(fd)
}

/// `annotate segment` end to end on the largest file, output written to a
/// file: opening, segmenting and the writer together, in MB of input per
/// second, against sentencex with json.dumps writing the same JSONL.
func segmentOutputRows(_ path: String, _ options: Options) -> [Row] {
  var rows: [Row] = []
  var info = stat()
  stat(path, &info)
  let megabytes = Double(info.st_size) / 1e6
  var reference: (rate: Double, seconds: Double)?
  if options.references {
    let result = runProgram(
      "python3", ["bench/reference_segment_jsonl.py", path, scratch + "/python.jsonl"], captureOutput: true)
    let fields = result.output.split(separator: "\t").map { Double($0.filter { !$0.isWhitespace }) }
    if fields.count == 3, let seconds = fields[0], let rate = fields[1] { reference = (rate, seconds) }
  }
  for kind in ["jsonl", "text"] {
    let runs = options.runs > 0 ? options.runs : 3
    var times: [Double] = []
    var failed = false
    for _ in 0..<runs {
      let start = now()
      let status = runProgram(
        "/bin/sh",
        [
          "-c", "exec \"$0\" segment --format \(kind) \"$1\" > \"$2\"", executableFolder + "/annotate", path,
          scratch + "/segment.out",
        ]
      ).status
      times.append(now() - start)
      failed = failed || status != 0
    }
    times.sort()
    let rate = megabytes / median(times)
    let compared = kind == "jsonl" ? reference : nil
    rows.append(
      Row(
        benchmark:
          "`annotate segment --format \(kind) FILE > out` end to end, median of \(runs)\(failed ? " FAILED" : "")",
        size: format(megabytes, 1) + " MB", annotate: format(rate, 0) + " MB/s",
        reference: compared == nil ? "—" : "sentencex + json.dumps to a file",
        referenceFigure: compared.map { format($0.rate, 1) + " MB/s" } ?? "—",
        ratio: compared.map { format(rate / $0.rate, 1) + "×" } ?? "—",
        target: kind == "jsonl" ? "≥ 100 MB/s" : "—", peak: "—"))
  }
  return rows
}
