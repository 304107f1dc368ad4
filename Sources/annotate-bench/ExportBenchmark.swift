import AnnotateCore

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// CSV export of many annotations: the writing alone against Python's csv
/// module writing the same rows, and `annotate export` end to end (reading
/// every sidecar too) with its peak memory at two sizes.
func exportBenchmark(_ options: Options) -> [Row] {
  var rows: [Row] = []
  let sizes = options.exportSizes
  for total in sizes {
    let folder = scratch + "/export-\(total)"
    _ = runProgram("/bin/mkdir", ["-p", folder + "/docs", folder + "/ann/docs"])
    var generator = NewsGenerator(seed: options.seed &+ UInt64(total))
    var random = SplitMix64(state: options.seed)
    let perDocument = 1000
    let documentCount = max(1, total / perDocument)
    var corpus = Corpus()
    var items: [AnnotatedDocument] = []
    let tags = ["claim", "opinion", "source"]
    for d in 0..<documentCount {
      let text = generator.text(bytes: 6000)
      // Ids as the project (the folder holding `ann`) gives them, so the
      // end-to-end run finds every sidecar.
      let name = "docs/doc\(d).txt"
      writeText(folder + "/" + name, text)
      let document = try! Document(id: name, path: folder + "/" + name, fileBytes: Array(text.utf8))
      corpus.add(document)
      var set = AnnotationSet()
      let length = document.text.scalarCount
      for _ in 0..<perDocument {
        let start = random.below(max(1, length - 40))
        let range = TextRange(start: start, end: start + 5 + random.below(30))
        _ = set.add(
          range: range, tags: [tags[random.below(3)]], quote: Quote(of: range, in: document.text),
          at: "2026-11-25T08:00:00Z")
      }
      set.clearTouched()
      items.append(AnnotatedDocument(document: document, annotator: "bench", set: set))
      // The sidecar, for the end-to-end run.
      let sidecar = Sidecar(
        document: SidecarDocument(
          id: name, path: folder + "/" + name, sha256: document.sha256, length: length, newline: document.newline),
        annotator: "bench", codebook: tags, set: set)
      _ = runProgram("/bin/mkdir", ["-p", folder + "/ann/" + name])
      try! writeFileAtomically(sidecar.encoded(), to: folder + "/ann/" + name + "/bench.json")
    }
    let annotations = items.reduce(0) { $0 + $1.set.count }
    // 1. Writing alone: the CSV writer over annotations already in memory.
    let out = folder + "/out.csv"
    var writeTimes: [Double] = []
    for _ in 0..<(options.runs > 0 ? options.runs : 3) {
      let start = now()
      let sink = try! OutputSink(path: out)
      var writer = CSVWriter(sink: sink)
      try! writer.begin()
      for item in items { try! writer.write(item) }
      try! writer.end()
      try! sink.commit()
      writeTimes.append(now() - start)
    }
    writeTimes.sort()
    var referenceSeconds = Double.nan
    var referenceName = "Python csv.writer, same rows"
    if options.references {
      let result = runProgram("python3", ["bench/reference_csv.py", out, folder + "/python.csv"], captureOutput: true)
      let fields = result.output.split(separator: "\t")
      if let seconds = fields.first.flatMap({ Double($0.filter { !$0.isWhitespace }) }) {
        referenceSeconds = seconds
      } else {
        referenceName = "Python csv (did not run)"
      }
    }
    var info = stat()
    stat(out, &info)
    rows.append(
      Row(
        benchmark: "CSV export, writing only (annotations in memory → file, \(Int(info.st_size) / 1_000_000) MB)",
        size: "\(annotations) annotations", annotate: format(median(writeTimes), 2) + " s",
        reference: referenceName, referenceFigure: format(referenceSeconds, 2) + " s",
        ratio: format(referenceSeconds / median(writeTimes), 1) + "× faster", target: "≥ 2× faster than Python csv",
        peak: "—"))
    // 2. End to end: `annotate export` in a child process, sidecars parsed
    // too. The sidecars and the CSVs written above (over a gigabyte at a
    // million spans) are on disk first, so that their write-back does not
    // run during the timings; the last run's file is gone before each.
    let binary = executableFolder + "/annotate"
    var times: [Double] = []
    var peak = 0.0
    var status: Int32 = 0
    for _ in 0..<(options.runs > 0 ? options.runs : 3) {
      unlink(folder + "/cli.csv")
      sync()
      let start = now()
      let child = peakMemoryOfProgram(
        binary,
        ["export", "--format", "csv", "--annotations", folder + "/ann", "--out", folder + "/cli.csv", folder + "/docs"])
      times.append(now() - start)
      peak = max(peak, child.peakMiB)
      if child.status != 0 { status = child.status }
    }
    let listed = times.map { format($0, 2) }.joined(separator: ", ")
    rows.append(
      Row(
        benchmark:
          "`annotate export --format csv` end to end (read every sidecar, write CSV), median of \(times.count) (\(listed) s)"
          + (status == 0 ? "" : " FAILED"),
        size: "\(annotations) annotations", annotate: format(median(times.sorted()), 2) + " s", reference: "—",
        referenceFigure: "—", ratio: "—", target: "≤ 1.5 s at a million; memory flat in rows", peak: format(peak, 0)))
    if getenv("ANNOTATE_BENCH_KEEP") == nil { _ = runProgram("/bin/rm", ["-rf", folder]) }
  }
  return rows
}
