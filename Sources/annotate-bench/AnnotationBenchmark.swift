import AnnotateCore

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// A mutating command with its durable save on a 5,000-span document,
/// `show` of a 200-sentence page, and loading 10,000 sidecars.
func annotationBenchmark(_ options: Options) -> [Row] {
  var rows: [Row] = []
  var generator = NewsGenerator(seed: options.seed)
  // One long document: enough sentences for 5,000 spans and a 200-sentence page.
  let folder = scratch + "/annotate"
  _ = runProgram("/bin/mkdir", ["-p", folder + "/docs", folder + "/ann"])
  let text = generator.text(bytes: 1_500_000)
  writeText(folder + "/docs/long.txt", text)
  let session = Session(options: SessionOptions(annotator: "bench", annotationsPath: folder + "/ann"))
  session.open([folder + "/docs"])
  let document = session.corpus.documents[0]
  let units = document.units(.sentence)
  // 5,000 spans: whole sentences and words inside them, with tags.
  var created = 0
  var n = 1
  while created < 5000 && n <= units.count {
    _ = session.execute("tag \(n) claim")
    _ = session.execute("hl \(n) 0:\(min(8, units[n - 1].count)) opinion")
    created += 2
    n += 1
  }
  // 5,000 relations between them (each sentence's span supports its word, and the next sentence).
  var codebook = Codebook.standard
  codebook.relations = [RelationType(name: "supports")]
  session.workspace.codebook = codebook
  var linked = 0
  for id in stride(from: 1, to: created, by: 2) where linked < 5000 {
    _ = try? session.editor.link(id, id + 1, type: "supports", in: document)
    _ = try? session.editor.link(id, id + 2, type: "supports", in: document)
    linked += 2
  }
  let relations = session.store.annotations(for: document).set.relations.count
  let spans = session.store.annotations(for: document).set.count
  // Timed: a tag on an existing span, then its undo — each a full durable save.
  let runs = options.runs > 0 ? options.runs * 20 : 400
  let times = timeCommands(session, (0..<runs).map { i in i % 2 == 0 ? "tag \(1 + (i / 2) % 500) source" : "undo" })
  rows.append(
    Row(
      benchmark: "mutating command + durable save (tag/undo, \(spans) spans, \(relations) relations), \(runs) runs",
      size: "\(spans) spans",
      annotate: p50p99(times),
      reference: "—", referenceFigure: "—", ratio: "—", target: "p99 ≤ 5 ms", peak: format(peakMemoryMiB(), 0)))
  // Save alone (the sidecar of 5,000 annotations).
  var saves: [Double] = []
  for _ in 0..<(runs / 2) {
    let start = now()
    _ = session.execute("save")
    saves.append(now() - start)
  }
  saves.sort()
  rows.append(
    Row(
      benchmark: "durable save of the sidecar alone (`save`), \(runs / 2) runs", size: "\(spans) spans",
      annotate: p50p99(saves),
      reference: "—", referenceFigure: "—", ratio: "—", target: "p99 ≤ 5 ms", peak: "—"))
  // show of a 200-sentence page, rendered for an 100-column colour terminal.
  let renderer = Renderer(color: true, width: 100)
  let pageRuns = options.runs > 0 ? options.runs * 5 : 100
  var shows: [Double] = []
  var bytes = 0
  for i in 0..<pageRuns {
    let first = 1 + (i * 37) % max(1, units.count - 200)
    let start = now()
    if case .output(let output)? = session.execute("show \(first)-\(first + 199)").first {
      bytes = renderer.render(output).utf8.count
    }
    shows.append(now() - start)
  }
  shows.sort()
  rows.append(
    Row(
      benchmark: "`show` of a 200-sentence page with spans, rendered (\(bytes / 1024) KiB)", size: "200 sentences",
      annotate: p50p99(shows),
      reference: "—", referenceFigure: "—", ratio: "—", target: "≤ 5 ms", peak: "—"))
  rows += sidecarLoadBenchmark(options, folder: scratch + "/many")
  return rows
}

/// 10,000 small documents, each with a sidecar: how long reading every sidecar takes.
func sidecarLoadBenchmark(_ options: Options, folder: String, count: Int = 10_000) -> [Row] {
  var generator = NewsGenerator(seed: options.seed &+ 1)
  _ = runProgram("/bin/mkdir", ["-p", folder + "/docs", folder + "/ann"])
  let writer = Session(options: SessionOptions(annotator: "bench", annotationsPath: folder + "/ann"))
  for i in 0..<count {
    writeText(folder + "/docs/doc\(i).txt", generator.article())
  }
  writer.open([folder + "/docs"])
  var codebook = Codebook.standard
  codebook.relations = [RelationType(name: "supports")]
  writer.workspace.codebook = codebook
  for i in 0..<count {
    _ = writer.execute("doc \(i + 1)")
    _ = writer.execute("tag 3 claim")
    _ = writer.execute("hl 4 0:5 opinion")
    _ = writer.execute("link #1 #2 supports")
  }
  let annotations = writer.corpus.documents.reduce(0) { $0 + writer.store.annotations(for: $1).set.count }
  _ = writer.close()
  var times: [Double] = []
  var corpusOpen: [Double] = []
  for _ in 0..<(options.runs > 0 ? options.runs : 3) {
    var start = now()
    let reader = Session(options: SessionOptions(annotator: "bench", annotationsPath: folder + "/ann"))
    reader.open([folder + "/docs"])
    corpusOpen.append(now() - start)
    start = now()
    var loaded = 0
    for document in reader.corpus.documents { loaded += reader.store.annotations(for: document).set.count }
    times.append(now() - start)
    precondition(loaded == annotations, "loaded \(loaded) of \(annotations)")
  }
  times.sort()
  corpusOpen.sort()
  return [
    Row(
      benchmark: "opening a corpus (read + validate UTF-8, not segmented)", size: "\(count) docs",
      annotate: format(median(corpusOpen) * 1000, 0) + " ms", reference: "—", referenceFigure: "—", ratio: "—",
      target: "< 1 s", peak: "—"),
    Row(
      benchmark: "loading every sidecar (parse, validate, check SHA-256; each with a relation)",
      size: "\(count) sidecars",
      annotate: format(median(times) * 1000, 0) + " ms", reference: "—", referenceFigure: "—", ratio: "—",
      target: "≤ 1 s", peak: format(peakMemoryMiB(), 0)),
  ]
}
