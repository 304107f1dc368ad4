/// The formats annotate writes.
public enum ExportFormat: String, CaseIterable, Sendable {
  case csv, tsv, doccano, prodigy, labelstudio, brat, w3c, conll, sqlite, html

  /// A format by name; `webanno`, the old name of `w3c`, still works (see
  /// ``isOldName(_:)``).
  public init?(name: String) {
    let name = name.lowercased()
    self.init(rawValue: name == "webanno" ? "w3c" : name)
  }

  /// Whether a name is one a format had before (said once when used).
  public static func isOldName(_ name: String) -> Bool { name.lowercased() == "webanno" }

  /// One line for help and errors.
  public var summary: String {
    switch self {
    case .csv: return "CSV for pandas and R: one row per (annotation, tag)"
    case .tsv: return "document<TAB>tag<TAB>start<TAB>end, the SemEval propaganda (PTC) layout"
    case .doccano:
      return "doccano JSONL: {\"text\", \"label\": [[start, end, tag]]}, offsets in UTF-16 units by default"
    case .prodigy: return "Prodigy/spaCy JSONL: text, tokens and spans, answer accept"
    case .labelstudio: return "Label Studio JSON tasks: data.text, annotations[].result[] of labels"
    case .brat: return "brat standoff: a folder of .txt and .ann files with annotation.conf"
    case .w3c: return "W3C Web Annotation JSON-LD, one annotation per line"
    case .conll: return "CoNLL BIO token columns, one column per tag, for sequence taggers"
    case .sqlite: return "SQLite database: documents, sentences, annotations, tags, annotators"
    case .html: return "HTML pages for a browser: a folder with index.html and a page per document (curation view)"
    }
  }

  /// Writes a folder or a database, not a stream: needs a path.
  public var needsPath: Bool { self == .brat || self == .sqlite || self == .html }

  /// Takes `--offsets`: the tools whose unit is not always code points.
  public var takesOffsets: Bool { self == .doccano || self == .labelstudio }
}

/// How to write an export, beyond the format.
public struct ExportOptions: Sendable {
  public var csv = CSVOptions()
  /// doccano, Label Studio: the unit of offsets (nil: the tool's default).
  public var offsets: OffsetUnit?
  /// W3C: the IRI document ids go under (nil: `file:` URIs of their paths).
  public var baseIRI: String?
  /// TSV: CRLF line ends (as the PTC files have), else LF.
  public var crlf = false

  public init(csv: CSVOptions = CSVOptions(), offsets: OffsetUnit? = nil, baseIRI: String? = nil, crlf: Bool = false) {
    self.csv = csv
    self.offsets = offsets
    self.baseIRI = baseIRI
    self.crlf = crlf
  }
}

extension ExportOptions {
  /// Refuses options the format does not take (they would do nothing).
  public func check(for format: ExportFormat) throws(ExportError) {
    func refuse(_ option: String, _ formats: [ExportFormat]) throws(ExportError) {
      throw .optionNotFor(option: option, format: format, takenBy: formats)
    }
    if offsets != nil && !format.takesOffsets { try refuse("--offsets", [.doccano, .labelstudio]) }
    if baseIRI != nil && format != .w3c { try refuse("--base-iri", [.w3c]) }
    if crlf && format != .tsv { try refuse("--crlf", [.tsv]) }
    if csv.byteOrderMark && format != .csv { try refuse("--bom", [.csv]) }
    if csv.excelSafe && format != .csv { try refuse("--excel-safe", [.csv]) }
    if let baseIRI, !IRI.isAbsolute(baseIRI) { throw .notAnIRI(baseIRI) }
  }
}

/// Why an annotation was left out of an export.
public enum SkipReason: String, CaseIterable, Comparable, Sendable {
  /// No tag: the format has only labelled spans.
  case untagged
  /// Its words are gone from the document.
  case orphaned
  /// Its offsets fall inside a character of the format's unit.
  case cutsCharacter
  /// Empty, or only line breaks: nothing the format can mark.
  case empty

  public static func < (a: SkipReason, b: SkipReason) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// What an export wrote.
public struct ExportSummary: Equatable, Sendable {
  public var documents = 0
  public var annotations = 0
  public var records = 0
  /// Annotations the format has no place for, by why.
  public var skipped: [SkipReason: Int] = [:]
  /// Orphans written, flagged (CSV, SQLite, W3C).
  public var orphans = 0
  /// CoNLL: the tag of each column after the token.
  public var columns: [String] = []
  /// Files written beside the main one (the CSV's relations and documents tables).
  public var extraFiles: [String] = []
  /// Relations and document codes the format has no place for.
  public var skippedRelations = 0
  public var skippedCodes = 0

  public var skippedCount: Int { skipped.values.reduce(0, +) }
}

/// Writes annotations in one format. Each writer gets documents one at a
/// time and writes as it goes.
public protocol AnnotationWriter {
  mutating func begin() throws(WriteError)
  mutating func write(_ item: AnnotatedDocument) throws(WriteError)
  /// A block of documents, in order; the writer may take the items (a
  /// writer that makes each document's output on every core does).
  mutating func write(block: inout [AnnotatedDocument]) throws(WriteError)
  mutating func end() throws(WriteError)
  var summary: ExportSummary { get }
}

extension AnnotationWriter {
  public mutating func write(block: inout [AnnotatedDocument]) throws(WriteError) {
    for item in block { try write(item) }
  }
}

/// Runs an export: picks the writer, streams every (document, annotator)
/// through it, and reports progress after each document.
public enum Exporter {
  /// `destination` is a file, a folder (brat), `-` for standard output, or
  /// nil for an in-memory sink whose bytes are returned (for the screen).
  public static func run(
    format: ExportFormat, source: ExportSource, destination: String?, options: ExportOptions = ExportOptions(),
    codebook: Codebook, progress: ((Int, Int) -> Void)? = nil
  ) throws(ExportError) -> (summary: ExportSummary, problems: [StoreProblem], output: [UInt8]) {
    try options.check(for: format)
    if format.needsPath && (destination == nil || destination == "-") {
      throw .needsPath(format)
    }
    // Nothing to export is an error, never an empty file that looks like success.
    let present = source.workspace.annotatorsOfCorpus()
    let absent = source.filter.annotators.subtracting(present).sorted()
    if !absent.isEmpty { throw .noAnnotationsBy(absent, present: present) }
    if present.isEmpty { throw .noAnnotations(folder: source.workspace.folder) }
    if format == .tsv {
      // The layout has no annotator column: one annotator's spans, or none would say whose.
      let annotators = Set(source.corpus.documents.flatMap { source.annotators(of: $0) })
      if annotators.count > 1 { throw .oneAnnotatorOnly(format: format, annotators.sorted()) }
    }
    var columns: [String] = []
    if format == .conll {
      let (clashes, used) = CoNLLWriter.survey(source)
      if !clashes.isEmpty { throw .sameTagOverlaps(clashes) }
      columns = CoNLLWriter.columns(codebook: codebook, used: used)
    }
    do throws(WriteError) {
      let sink =
        format.needsPath
        ? OutputSink()
        : try destination.map { (path: String) throws(WriteError) in try OutputSink(path: path) } ?? OutputSink()
      var writer: any AnnotationWriter
      switch format {
      case .csv:
        let besides = destination.flatMap { $0 == "-" ? nil : $0 }
        writer = CSVWriter(sink: sink, options: options.csv, besides: besides)
      case .tsv: writer = TSVWriter(sink: sink, corpus: source.corpus, crlf: options.crlf)
      case .doccano: writer = DoccanoWriter(sink: sink, unit: options.offsets ?? ImportFormat.doccano.defaultOffsets)
      case .prodigy: writer = ProdigyWriter(sink: sink)
      case .labelstudio:
        writer = LabelStudioWriter(
          sink: sink, unit: options.offsets ?? ImportFormat.labelstudio.defaultOffsets, codebook: codebook)
      case .w3c: writer = WebAnnotationWriter(sink: sink, baseIRI: options.baseIRI)
      case .conll: writer = CoNLLWriter(sink: sink, columns: columns)
      case .brat: writer = BratWriter(folder: destination!, codebook: codebook)
      case .sqlite: writer = SQLiteWriter(path: destination!, codebook: codebook)
      case .html:
        writer = HTMLWriter(
          folder: destination!, codebook: codebook, corpus: source.corpus,
          annotators: source.filter.annotators.isEmpty
            ? present : present.filter { source.filter.annotators.contains($0) })
      }
      try writer.begin()
      var failure: WriteError?
      var done = 0
      let total = source.corpus.count
      var lastDocument: String?
      let problems = source.forEachBlock { block in
        guard failure == nil else { return }
        let documents = block.map(\.document.id)
        do throws(WriteError) {
          try writer.write(block: &block)
        } catch {
          failure = error
        }
        for id in documents where id != lastDocument {
          lastDocument = id
          done += 1
          progress?(done, total)
        }
      }
      if let failure { throw failure }
      try writer.end()
      try sink.commit()
      progress?(total, total)
      var summary = writer.summary
      summary.columns = columns
      return (summary, problems, sink.memory)
    } catch {
      throw .write(error)
    }
  }
}

/// Why an export was not written.
public enum ExportError: Error, Equatable, Sendable {
  case write(WriteError)
  /// The format has no annotator column and the export holds several.
  case oneAnnotatorOnly(format: ExportFormat, [String])
  /// CoNLL: spans of one tag overlapping in one annotator's document.
  case sameTagOverlaps([SameTagOverlap])
  /// Annotators asked for who have no annotations here, and who has.
  case noAnnotationsBy([String], present: [String])
  /// brat (a folder) and SQLite (a file) cannot go to the screen.
  case needsPath(ExportFormat)
  /// No annotator has annotations of these documents.
  case noAnnotations(folder: String)
  /// An option the format does not take, and the formats that do.
  case optionNotFor(option: String, format: ExportFormat, takenBy: [ExportFormat])
  /// `--base-iri` that is not an absolute IRI (`https://…`, `urn:…`).
  case notAnIRI(String)
}

/// Two spans of one tag sharing words, which BIO columns cannot hold.
public struct SameTagOverlap: Equatable, Sendable {
  public var document: String
  public var annotator: String
  public var tag: String
  public var first: Int
  public var second: Int
}
