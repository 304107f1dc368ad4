import AnnotateCore
import FoundationEssentials

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// Documents in other languages: sentence units on the per-language case
/// table (annotate, then sentencex and pySBD on the same table in this
/// run), segmentation speed on each language's text, and what detecting
/// the language adds to opening a corpus.
func languageBenchmark(_ options: Options) -> [Row] {
  struct Case: Decodable {
    var language: String
    var text: String
    var units: [String]
  }
  let table = "Tests/fixtures/segmentation-cases.jsonl"
  guard case .success(let bytes) = Corpus.readFile(table) else {
    fputs("annotate-bench: no \(table) (run from the repository)\n", stderr)
    return []
  }
  let cases = bytes.split(separator: UInt8(ascii: "\n")).map { try! JSONDecoder().decode(Case.self, from: Data($0)) }
  var order: [String] = []
  var byLanguage: [String: [Case]] = [:]
  for c in cases {
    if byLanguage[c.language] == nil { order.append(c.language) }
    byLanguage[c.language, default: []].append(c)
  }
  var rows: [Row] = []

  // 1. Cases right, against the references on the same cases.
  var references: [String: (sentencex: String, pysbd: String)] = [:]
  if options.references {
    let result = runProgram("python3", ["bench/language_cases.py", table], captureOutput: true)
    for line in result.output.split(separator: "\n") {
      let f = line.split(separator: "\t").map(String.init)
      if f.count == 4 { references[f[0]] = (f[2], f[3]) }
    }
    if result.status != 0 { fputs("annotate-bench: bench/language_cases.py exited \(result.status)\n", stderr) }
  }
  var totals = (cases: 0, ours: 0, sentencex: 0, pysbd: 0)
  for code in order {
    let list = byLanguage[code]!
    let language = Language(code)!
    let right = list.filter { c in
      let utf8 = try! UTF8Text(validating: Array(c.text.utf8))
      return Segmenter.units(of: utf8, kind: .sentence, language: language).map { utf8.string(in: $0) } == c.units
    }.count
    let reference = references[code]
    totals.cases += list.count
    totals.ours += right
    totals.sentencex += Int(reference?.sentencex ?? "") ?? 0
    totals.pysbd += Int(reference?.pysbd.filter(\.isNumber) ?? "") ?? 0
    rows.append(
      Row(
        benchmark: "sentences as a reader cuts them, \(code) (\(language.name))", size: "\(list.count) cases",
        annotate: "\(right)/\(list.count)", reference: "sentencex / pySBD",
        referenceFigure: reference.map { "\($0.sentencex) / \($0.pysbd)" } ?? "—", ratio: "",
        target: "no language below sentencex", peak: "—"))
  }
  rows.append(
    Row(
      benchmark: "sentences as a reader cuts them, all languages", size: "\(totals.cases) cases",
      annotate: "\(totals.ours)/\(totals.cases)", reference: "sentencex / pySBD",
      referenceFigure: references.isEmpty ? "—" : "\(totals.sentencex) / \(totals.pysbd)", ratio: "",
      target: "more than either", peak: "—"))

  // 2. Speed on each language's text, about 8 MB of it.
  for code in order {
    let paragraphs = byLanguage[code]!.map(\.text).joined(separator: "\n\n") + "\n\n"
    let text = String(repeating: paragraphs, count: max(1, 8_000_000 / paragraphs.utf8.count))
    let utf8 = try! UTF8Text(validating: Array(text.utf8))
    let language = Language(code)!
    var units = 0
    let times = measure(runs: options.runs > 0 ? options.runs : 9) {
      units = Segmenter.units(of: utf8, kind: .sentence, language: language).count
    }
    rows.append(
      Row(
        benchmark: "segmentation, \(code) (\(units) units), median of \(times.count)",
        size: format(Double(utf8.bytes.count) / 1e6, 1) + " MB",
        annotate: format(Double(utf8.bytes.count) / 1e6 / median(times), 0) + " MB/s", reference: "",
        referenceFigure: "",
        ratio: "", target: "≥ 100 MB/s", peak: format(peakMemoryMiB(), 0)))
  }

  // 3. Opening a corpus of 2,000 articles in all the languages, with the
  // language given (--lang) and detected.
  let folder = scratch + "/languages-corpus"
  _ = runProgram("/bin/mkdir", ["-p", folder])
  // The languages file that gives every article its language, as a team would write it.
  var settings = "{"
  for n in 0..<2_000 {
    settings += (n == 0 ? "" : ",") + "\"languages-corpus/\(n).txt\": \"\(order[n % order.count])\""
    let list = byLanguage[order[n % order.count]]!
    let article = (0..<24).map { list[($0 + n) % list.count].text }.joined(separator: "\n\n") + "\n"
    writeText(folder + "/\(n).txt", article)
  }
  writeText(scratch + "/languages.json", settings + "}")
  // Alternating runs, so both see the same machine.
  var given: [Double] = []
  var detected: [Double] = []
  for _ in 0..<(options.runs > 0 ? options.runs : 11) {
    for detect in [false, true] {
      let times = measure(runs: 1) {
        let workspace = Workspace(folder: scratch + "/languages-annotations", annotator: "bench")
        if !detect { try! workspace.loadLanguageSettings(path: scratch + "/languages.json") }
        workspace.open([folder])
        workspace.corpus.segment(.sentence)
      }
      if detect { detected += times } else { given += times }
    }
  }
  let (givenMedian, detectedMedian) = (median(given.sorted()), median(detected.sorted()))
  // Detection alone, on one core, over the same articles as read.
  let texts = (0..<2_000).map { n in try! UTF8Text(validating: (try? Corpus.readFile(folder + "/\(n).txt").get()) ?? [])
  }
  var found: [String: Int] = [:]
  let detectTimes = measure(runs: options.runs > 0 ? options.runs : 11) {
    found = [:]
    for text in texts { found[LanguageDetector.detect(text).language.code, default: 0] += 1 }
  }
  let rightly = (0..<2_000).filter { n in
    LanguageDetector.detect(texts[n]).language.code == order[n % order.count]
  }.count
  rows.append(
    Row(
      benchmark: "language detection alone, 2,000 articles of ~3 KB, one core, median (\(rightly)/2000 right)",
      size: "2,000 docs", annotate: format(median(detectTimes) * 1000, 1) + " ms", reference: "", referenceFigure: "",
      ratio: "", target: "", peak: "—"))
  rows.append(
    Row(
      benchmark: "open and segment 2,000 articles of ~3 KB (31 languages), language detected, median",
      size: "2,000 docs", annotate: format(detectedMedian * 1000, 1) + " ms",
      reference: "each article's language given (languages.json)",
      referenceFigure: format(givenMedian * 1000, 1) + " ms",
      ratio: (detectedMedian >= givenMedian ? "+" : "") + format((detectedMedian / givenMedian - 1) * 100, 1) + "%",
      target: "≤ +5%", peak: format(peakMemoryMiB(), 0)))

  // 4. The same, as instructions (callgrind), which the machine's other
  // work does not move: `annotate segment` of the 2,000 articles from a
  // project whose languages file gives every language, and from one
  // without it.
  var counts: [Int] = []
  for (project, file) in [("given", true), ("detected", false)] {
    let root = scratch + "/languages-\(project)"
    _ = runProgram("/bin/mkdir", ["-p", root + "/Annotations"])
    _ = runProgram("/bin/ln", ["-sfn", folder, root + "/languages-corpus"])
    if file { _ = runProgram("/bin/cp", [scratch + "/languages.json", root + "/languages.json"]) }
    if let count = instructionCount(["segment", "--format", "text", root + "/languages-corpus"]) {
      counts.append(count)
    }
  }
  if counts.count == 2 {
    rows.append(
      Row(
        benchmark: "instructions, `segment --format text` of the 2,000 articles, language detected (callgrind)",
        size: "2,000 docs", annotate: format(Double(counts[1]) / 1e6, 1) + " M",
        reference: "each article's language given (languages.json)",
        referenceFigure: format(Double(counts[0]) / 1e6, 1) + " M",
        ratio: (counts[1] >= counts[0] ? "+" : "") + format((Double(counts[1]) / Double(counts[0]) - 1) * 100, 1) + "%",
        target: "≤ +5%", peak: "—"))
  }
  return rows
}
