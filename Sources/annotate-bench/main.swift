import AnnotateCore

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// `annotate-bench`: the benchmarks behind the issues' performance targets,
/// release build, each against its reference measured in the same run.
struct Options {
  var suites: [String] = []
  var runs = 0
  var sizesMB: [Double] = [0.5, 5, 50]
  var seed: UInt64 = 42
  var references = true
  var exportSizes: [Int] = [100_000, 1_000_000]
  var agreeSizes: [Int] = [100_000, 1_000_000]
  var corpusSizes: [Int] = [1_000, 10_000]
  var largeSpans = 1_000_000

  static let usage = """
    usage: annotate-bench [all | startup | segment | languages | annotate | export | agree | corpus | search | large
                           | reanchor | coding | instructions]…
                          [--runs N]
                          [--sizes MB,MB,…] [--export-sizes N,N,…] [--agree-items N,N,…]
                          [--corpus-docs N,N,…] [--large-spans N] [--seed N] [--no-reference]
      --runs N      repetitions per measurement (1-1000; default per benchmark)
      --sizes       corpus sizes in MB for segmentation (each 0.01-2000; default 0.5,5,50)
      --export-sizes annotations per CSV export run (each 1000-5000000; default 100000,1000000)
      --agree-items items of the agreement matrix, 3 coders (each 1000-10000000; default 100000,1000000)
      --corpus-docs articles in the corpus-scale run, 50 spans × 2 annotators each
                    (each 100-50000; default 1000,10000)
      --large-spans N spans in the one large document (10000-5000000; default 1000000)
      --seed N      seed of the generated corpus (default 42)
    """

  static func parse(_ arguments: [String]) -> Result<Options, UsageError> {
    var options = Options()
    var i = 0
    func value() -> String? {
      i += 1
      return i < arguments.count ? arguments[i] : nil
    }
    while i < arguments.count {
      let argument = arguments[i]
      switch argument {
      case "all", "startup", "segment", "languages", "annotate", "export", "agree", "corpus", "search", "large",
        "reanchor", "coding", "instructions":
        options.suites.append(argument)
      case "--corpus-docs", "--agree-items", "--export-sizes":
        let (what, range, example) =
          argument == "--corpus-docs"
          ? ("article", 100...50_000, "1000,10000")
          : argument == "--agree-items"
            ? ("item", 1000...10_000_000, "100000,1000000") : ("annotation", 1000...5_000_000, "100000,1000000")
        guard let list = value() else {
          return .failure(UsageError("\(argument) takes \(what) counts, e.g. \(example)"))
        }
        let sizes = list.split(separator: ",").compactMap { Int($0) }.filter { range.contains($0) }
        guard !sizes.isEmpty, sizes.count == list.split(separator: ",", omittingEmptySubsequences: false).count else {
          return .failure(
            UsageError(
              "\(argument) takes counts from \(range.lowerBound) to \(range.upperBound), separated by commas (got '\(list)')"
            ))
        }
        switch argument {
        case "--corpus-docs": options.corpusSizes = sizes
        case "--agree-items": options.agreeSizes = sizes
        default: options.exportSizes = sizes
        }
      case "--runs":
        guard let v = value().flatMap({ Int($0) }), (1...1000).contains(v) else {
          return .failure(UsageError("--runs takes a whole number from 1 to 1000"))
        }
        options.runs = v
      case "--sizes":
        guard let list = value() else { return .failure(UsageError("--sizes takes sizes in MB, e.g. 0.5,5,50")) }
        let sizes = list.split(separator: ",").map { Double($0) }
        guard !sizes.isEmpty, sizes.allSatisfy({ $0 != nil && (0.01...2000).contains($0!) }) else {
          return .failure(
            UsageError("--sizes takes sizes in MB from 0.01 to 2000, separated by commas (got '\(list)')"))
        }
        options.sizesMB = sizes.map { $0! }
      case "--large-spans":
        guard let v = value().flatMap({ Int($0) }), (10_000...5_000_000).contains(v) else {
          return .failure(UsageError("--large-spans takes a whole number from 10000 to 5000000"))
        }
        options.largeSpans = v
      case "--seed":
        guard let v = value().flatMap({ UInt64($0) }) else {
          return .failure(UsageError("--seed takes a whole number ≥ 0"))
        }
        options.seed = v
      case "--no-reference": options.references = false
      case "-h", "--help": return .failure(UsageError(""))
      default: return .failure(UsageError("unknown argument '\(argument)'"))
      }
      i += 1
    }
    if options.suites.isEmpty || options.suites.contains("all") {
      options.suites = [
        "startup", "segment", "languages", "annotate", "export", "agree", "corpus", "search", "large", "reanchor",
        "coding", "instructions",
      ]
    }
    return .success(options)
  }
}

struct UsageError: Error {
  var message: String
  init(_ message: String) { self.message = message }
}

/// One row of the results table.
struct Row {
  var benchmark: String
  var size: String
  var annotate: String
  var reference: String
  var referenceFigure: String
  var ratio: String
  var target: String
  var peak: String
}

func printTable(_ rows: [Row]) {
  print("| benchmark | size | annotate | reference | reference figure | ratio | target | peak MiB |")
  print("|---|---|---|---|---|---|---|---|")
  for r in rows {
    print(
      "| \(r.benchmark) | \(r.size) | \(r.annotate) | \(r.reference) | \(r.referenceFigure) | \(r.ratio) | \(r.target) | \(r.peak) |"
    )
  }
}

let executableFolder: String = {
  var buffer = [CChar](repeating: 0, count: 4096)
  let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
  let path = String(decoding: buffer[0..<max(n, 0)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  return String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
}()

/// A scratch folder of this run; removed at the end.
let scratch: String = {
  var template = Array(
    ((getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp") + "/annotate-bench-XXXXXX").utf8CString)
  return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
}()

switch Options.parse(Array(CommandLine.arguments.dropFirst())) {
case .failure(let error):
  let message = error.message
  if !message.isEmpty { fputs("annotate-bench: \(message)\n", stderr) }
  fputs(Options.usage + "\n", stderr)
  exit(message.isEmpty ? 0 : 64)
case .success(let options):
  var rows: [Row] = []
  print("annotate-bench — seed \(options.seed), scratch \(scratch)\n")
  if options.suites.contains("startup") { rows += startupBenchmark(options) }
  if options.suites.contains("segment") { rows += segmentationBenchmark(options) }
  if options.suites.contains("languages") { rows += languageBenchmark(options) }
  if options.suites.contains("annotate") { rows += annotationBenchmark(options) }
  if options.suites.contains("export") { rows += exportBenchmark(options) }
  if options.suites.contains("agree") { rows += agreementBenchmark(options) }
  if options.suites.contains("corpus") { rows += corpusBenchmark(options) }
  if options.suites.contains("search") { rows += searchBenchmark(options) }
  if options.suites.contains("large") { rows += largeDocumentBenchmark(options) }
  if options.suites.contains("instructions") { rows += instructionBenchmark(options) }
  if options.suites.contains("reanchor") { rows += reanchorBenchmark(options) }
  if options.suites.contains("coding") { rows += codingBenchmark(options) }
  print("")
  printTable(rows)
  if getenv("ANNOTATE_BENCH_KEEP") == nil { _ = runProgram("/bin/rm", ["-rf", scratch]) }
}
