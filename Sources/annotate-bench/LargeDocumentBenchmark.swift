import AnnotateCore

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// One document with a million spans (issue 19): `import tsv` end to end
/// (the real binary, with its peak memory against the sidecar's size), then
/// in one session the first use (reading the sidecar), mutating commands
/// one after another with their durable journal write, `show` of a page,
/// and closing (the sidecar written whole once).
func largeDocumentBenchmark(_ options: Options) -> [Row] {
  var rows: [Row] = []
  let spans = options.largeSpans
  let folder = scratch + "/large"
  _ = runProgram("/bin/mkdir", ["-p", folder + "/docs", folder + "/ann"])
  // Six bytes of text per span: about 6 MB, 45,000 sentences.
  var generator = NewsGenerator(seed: options.seed &+ 19)
  let text = generator.text(bytes: spans * 6)
  writeText(folder + "/docs/big.txt", text)
  let length = text.unicodeScalars.count
  // Distinct ranges of 1-40 code points, each with one tag.
  var random = SplitMix64(state: options.seed)
  var seen = Set<Int>()
  var tsv: [UInt8] = []
  tsv.reserveCapacity(spans * 36)
  let tags = ["claim", "opinion", "source"]
  while seen.count < spans {
    let start = random.below(length - 41)
    let end = start + 1 + random.below(40)
    guard seen.insert(start &* 64 &+ (end - start)).inserted else { continue }
    tsv += Array("docs/big.txt\t\(tags[seen.count % 3])\t\(start)\t\(end)\n".utf8)
  }
  writeBytes(folder + "/spans.tsv", tsv)
  // Import, end to end: the median of three, each into a fresh folder.
  var imports: [Double] = []
  var child = (status: Int32(0), peakMiB: 0.0)
  for _ in 0..<(options.runs > 0 ? options.runs : 3) {
    _ = runProgram("/bin/rm", ["-rf", folder + "/ann"])
    _ = runProgram("/bin/mkdir", ["-p", folder + "/ann"])
    let start = now()
    let run = peakMemoryOfProgram(
      executableFolder + "/annotate",
      [
        "--annotations", folder + "/ann", "--annotator", "big", "-c", "import tsv \(folder)/spans.tsv",
        folder + "/docs",
      ])
    imports.append(now() - start)
    child = (run.status == 0 ? child.status : run.status, max(child.peakMiB, run.peakMiB))
  }
  imports.sort()
  let importSeconds = median(imports)
  var info = stat()
  let sidecar = folder + "/ann/docs/big.txt/big.json"
  let sidecarMiB = stat(sidecar, &info) == 0 ? Double(info.st_size) / 1_048_576 : .nan
  rows.append(
    Row(
      benchmark:
        "`import tsv` of \(spans) spans into one document, end to end, median of \(imports.count) (\(imports.map { format($0, 2) }.joined(separator: ", ")) s)\(child.status == 0 ? "" : " FAILED")",
      size: "\(spans) spans, \(format(sidecarMiB, 0)) MiB sidecar", annotate: format(importSeconds, 2) + " s",
      reference: "—", referenceFigure: "—", ratio: format(child.peakMiB / sidecarMiB, 2) + "× the sidecar",
      target: "≤ 5 s, peak ≤ 2× the sidecar", peak: format(child.peakMiB, 0)))
  // One session: first use, then commands. The import's 400 MB are on disk
  // first, so that their write-back does not run during the timings.
  sync()
  let session = Session(options: SessionOptions(annotator: "big", annotationsPath: folder + "/ann"))
  session.open([folder + "/docs"])
  var t = now()
  _ = session.execute("show 1")
  let firstUse = now() - t
  let document = session.corpus.documents[0]
  let units = document.units(.sentence).count
  let loaded = session.store.annotations(for: document).set.count
  rows.append(
    Row(
      benchmark: "first use of the document in a session (`show 1`: sidecar read, quotes checked)",
      size: "\(loaded) spans", annotate: format(firstUse, 2) + " s", reference: "—", referenceFigure: "—",
      ratio: "—", target: "—", peak: format(peakMemoryMiB(), 0)))
  // Mutating commands: a new span on a sentence, a second tag on it, the tag
  // taken off, a note, the note undone: each made durable before the next.
  let runs = options.runs > 0 ? options.runs * 20 : 400
  let times = timeCommands(
    session,
    (0..<runs).map { i in
      let n = 1 + (i / 5 * 7919) % units
      return ["tag \(n) claim", "tag \(n) opinion", "untag \(n) opinion", "note \(n) checked", "undo"][i % 5]
    })
  rows.append(
    Row(
      benchmark: "mutating command + durable journal write (tag, tag, untag, note, undo), \(runs) runs",
      size: "\(loaded) spans",
      annotate: p50p99(times),
      reference: "—", referenceFigure: "—", ratio: "—", target: "p99 ≤ 50 ms", peak: format(peakMemoryMiB(), 0)))
  // show of a 20-sentence page (about 440 spans on it), rendered.
  let renderer = Renderer(color: true, width: 100)
  var shows: [Double] = []
  for i in 0..<(options.runs > 0 ? options.runs * 5 : 100) {
    let first = 1 + (i * 7717) % max(1, units - 20)
    t = now()
    if case .output(let output)? = session.execute("show \(first)-\(first + 19)").first {
      _ = renderer.render(output)
    }
    shows.append(now() - t)
  }
  shows.sort()
  rows.append(
    Row(
      benchmark: "`show` of a 20-sentence page, rendered", size: "\(loaded) spans",
      annotate: p50p99(shows),
      reference: "—", referenceFigure: "—", ratio: "—", target: "≤ 20 ms", peak: "—"))
  t = now()
  let failures = session.close()
  rows.append(
    Row(
      benchmark: "closing the session (the sidecar written whole)\(failures.isEmpty ? "" : " FAILED")",
      size: "\(loaded) spans", annotate: format(now() - t, 2) + " s", reference: "—", referenceFigure: "—",
      ratio: "—", target: "—", peak: format(peakMemoryMiB(), 0)))
  if getenv("ANNOTATE_BENCH_KEEP") == nil { _ = runProgram("/bin/rm", ["-rf", folder]) }
  return rows
}
