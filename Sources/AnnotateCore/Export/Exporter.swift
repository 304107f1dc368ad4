/// The formats annotate writes.
public enum ExportFormat: String, CaseIterable, Sendable {
  case csv, doccano, prodigy, brat, webanno

  /// One line for help and errors.
  public var summary: String {
    switch self {
    case .csv: return "CSV for pandas and R: one row per (annotation, tag)"
    case .doccano: return "doccano JSONL: {\"text\", \"label\": [[start, end, tag]]} per document"
    case .prodigy: return "Prodigy/spaCy JSONL: {\"text\", \"spans\": [{start, end, label}]} per document"
    case .brat: return "brat standoff: a folder of .txt and .ann files with annotation.conf"
    case .webanno: return "W3C Web Annotation JSON-LD, one annotation per line"
    }
  }
}

/// What an export wrote.
public struct ExportSummary: Equatable, Sendable {
  public var documents = 0
  public var annotations = 0
  public var records = 0
  /// Annotations the format has no place for (untagged spans, orphans).
  public var skipped = 0
  /// Orphans written, flagged (CSV).
  public var orphans = 0
}

/// Writes annotations in one format. Each writer gets documents one at a
/// time and writes as it goes.
public protocol AnnotationWriter {
  mutating func begin() throws(WriteError)
  mutating func write(_ item: AnnotatedDocument) throws(WriteError)
  mutating func end() throws(WriteError)
  var summary: ExportSummary { get }
}

/// The `sentence` column: `3`, or `3-5` for a span over several.
func sentenceLabel(_ range: TextRange, in document: Document) -> String {
  document.unitNumbers(of: range)?.numbersLabel ?? ""
}

/// Runs an export: picks the writer, streams every (document, annotator)
/// through it, and reports progress after each document.
public enum Exporter {
  /// `destination` is a file, a folder (brat), `-` for standard output, or
  /// nil for an in-memory sink whose bytes are returned (for the screen).
  public static func run(
    format: ExportFormat, source: ExportSource, destination: String?, csv: CSVOptions = CSVOptions(),
    codebook: Codebook, progress: ((Int, Int) -> Void)? = nil
  ) throws(WriteError) -> (summary: ExportSummary, problems: [StoreProblem], output: [UInt8]) {
    var writer: any AnnotationWriter
    let sink =
      format == .brat
      ? OutputSink()
      : try destination.map { (path: String) throws(WriteError) in try OutputSink(path: path) } ?? OutputSink()
    switch format {
    case .csv: writer = CSVWriter(sink: sink, options: csv)
    case .doccano: writer = JSONLWriter(sink: sink, flavour: .doccano)
    case .prodigy: writer = JSONLWriter(sink: sink, flavour: .prodigy)
    case .webanno: writer = WebAnnotationWriter(sink: sink)
    case .brat:
      guard let destination, destination != "-" else {
        throw WriteError(path: "-", step: .exportingBratToScreen, reason: "")
      }
      writer = BratWriter(folder: destination, codebook: codebook)
    }
    try writer.begin()
    var failure: WriteError?
    var done = 0
    let total = source.corpus.count
    var lastDocument: String?
    let problems = source.forEach { item in
      guard failure == nil else { return }
      do throws(WriteError) {
        try writer.write(item)
      } catch {
        failure = error
      }
      if item.document.id != lastDocument {
        lastDocument = item.document.id
        done += 1
        progress?(done, total)
      }
    }
    if let failure { throw failure }
    try writer.end()
    progress?(total, total)
    return (writer.summary, problems, sink.memory)
  }
}
