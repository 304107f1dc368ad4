/// CoNLL BIO (IOB2) columns for training sequence taggers: a token a line,
/// then one column per tag (the codebook's tags in order, then any other
/// tag the annotations use): `B-TAG` on a span's first token, `I-TAG` on
/// the rest, `O` elsewhere. Columns are separated by one space, sentences
/// by a blank line, and each (document, annotator) starts with a
/// `-DOCSTART-` line. A column per tag lets spans of different tags
/// overlap; spans of one tag that overlap in one annotator's document
/// cannot be written and refuse the export, each pair named (see
/// ``survey(_:)``). White space is not a token.
public struct CoNLLWriter: AnnotationWriter {
  let sink: OutputSink
  /// The tag of each column after the token.
  public let columns: [String]
  public private(set) var summary = ExportSummary()

  public init(sink: OutputSink, columns: [String]) {
    self.sink = sink
    self.columns = columns
  }

  public mutating func begin() throws(WriteError) {}

  public mutating func write(_ item: AnnotatedDocument) throws(WriteError) {
    summary.documents += 1
    let kept = spanned(item.set, &summary)
    let document = item.document
    let tokens = TextTokenizer.tokens(
      of: document.text.string, breaks: Set(kept.flatMap { [$0.range.start, $0.range.end] })
    )
    .filter { !$0.isSpace }
    // labels[token][column]
    var labels = Array(repeating: Array(repeating: "O", count: columns.count), count: tokens.count)
    let column = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($0.element, $0.offset) })
    for a in kept {
      let inside = tokens.indices.filter { tokens[$0].start >= a.range.start && tokens[$0].end <= a.range.end }
      guard let first = inside.first else {
        summary.skipped[.empty, default: 0] += 1
        continue
      }
      summary.annotations += 1
      for tag in a.tags {
        guard let c = column[tag] else { continue }
        summary.records += 1
        for t in inside { labels[t][c] = (t == first ? "B-" : "I-") + tag }
      }
    }
    var out = "-DOCSTART-" + String(repeating: " O", count: columns.count) + "\n\n"
    let sentences = document.units(.sentence)
    var s = 0
    var started = false
    for (t, token) in tokens.enumerated() {
      // A blank line where a new sentence starts.
      var next = s
      while next + 1 < sentences.count && sentences[next + 1].start <= token.start { next += 1 }
      if next != s && started { out += "\n" }
      s = next
      started = true
      out += token.text
      for label in labels[t] { out += " " + label }
      out += "\n"
    }
    if started { out += "\n" }
    try sink.write(out)
  }

  public mutating func end() throws(WriteError) { try sink.flush() }

  /// The columns of an export: the codebook's tags, then others in use.
  static func columns(codebook: Codebook, used: Set<String>) -> [String] {
    codebook.names + used.subtracting(codebook.names).sorted()
  }

  /// Every pair of spans of one tag that share characters, in one
  /// annotator's document, and the tags in use.
  static func survey(_ source: ExportSource) -> (clashes: [SameTagOverlap], used: Set<String>) {
    var clashes: [SameTagOverlap] = []
    var used = Set<String>()
    _ = source.forEach { item in
      var byTag: [String: [Annotation]] = [:]
      for a in item.set.annotations where !a.orphaned && a.range.start < a.range.end {
        for tag in a.tags { byTag[tag, default: []].append(a) }
      }
      used.formUnion(byTag.keys)
      for (tag, spans) in byTag.sorted(by: { $0.key < $1.key }) {
        let sorted = spans.sorted { ($0.range.start, $0.range.end, $0.id) < ($1.range.start, $1.range.end, $1.id) }
        var open: [Annotation] = []
        for a in sorted {
          open.removeAll { $0.range.end <= a.range.start }
          for b in open {
            clashes.append(
              SameTagOverlap(document: item.document.id, annotator: item.annotator, tag: tag, first: b.id, second: a.id)
            )
          }
          open.append(a)
        }
      }
    }
    return (clashes, used)
  }
}
