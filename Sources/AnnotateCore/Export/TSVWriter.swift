/// `document<TAB>tag<TAB>start<TAB>end`, one line per (span, tag), the
/// layout of the SemEval-2020 propaganda corpus (PTC) labels files: the
/// document as the corpus names it (`111` for `article111.txt`), spans in
/// text order, LF line ends or, with `--crlf`, CRLF. The layout has no
/// annotator column: an export holding several annotators is refused
/// before anything is written.
public struct TSVWriter: AnnotationWriter {
  let sink: OutputSink
  let corpus: Corpus
  let newline: String
  public private(set) var summary = ExportSummary()

  public init(sink: OutputSink, corpus: Corpus, crlf: Bool) {
    self.sink = sink
    self.corpus = corpus
    newline = crlf ? "\r\n" : "\n"
  }

  public mutating func begin() throws(WriteError) {}

  public mutating func write(_ item: AnnotatedDocument) throws(WriteError) {
    summary.documents += 1
    let name = corpus.tableName(of: item.document)
    var rows: [(Int, Int, String)] = []
    for a in item.set.annotations {
      guard let range = countable(a, &summary) else { continue }
      summary.annotations += 1
      for tag in a.tags { rows.append((range.start, range.end, tag)) }
    }
    rows.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
    summary.records += rows.count
    var out = ""
    for (start, end, tag) in rows { out += "\(name)\t\(tag)\t\(start)\t\(end)" + newline }
    try sink.write(out)
  }

  public mutating func end() throws(WriteError) { try sink.flush() }
}
