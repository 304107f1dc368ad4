/// Prodigy JSONL, one task per (document, annotator), as its span recipes
/// (`spans.manual`, `ner.manual`) take and give them: the text, its tokens
/// (`text`, `start`, `end`, `id`, `ws`), the spans with `token_start` and
/// an inclusive `token_end`, `answer: accept`, and `meta` naming the
/// document and the annotator. Tokens break at every span end, so each
/// span lines up with them (spaCy's `char_span`, strict).
public struct ProdigyWriter: AnnotationWriter {
  let sink: OutputSink
  public private(set) var summary = ExportSummary()

  public init(sink: OutputSink) { self.sink = sink }

  public mutating func begin() throws(WriteError) {}

  public mutating func write(_ item: AnnotatedDocument) throws(WriteError) {
    summary.documents += 1
    let kept = spanned(item.set, &summary)
    let text = item.document.text.string
    let tokens = TextTokenizer.tokens(of: text, breaks: Set(kept.flatMap { [$0.range.start, $0.range.end] }))
    var byStart: [Int: Int] = [:]
    var byEnd: [Int: Int] = [:]
    for (i, t) in tokens.enumerated() {
      byStart[t.start] = i
      byEnd[t.end] = i
    }
    var spans: [String] = []
    for a in kept {
      guard let first = byStart[a.range.start], let last = byEnd[a.range.end] else {
        summary.skipped[.cutsCharacter, default: 0] += 1
        continue
      }
      summary.annotations += 1
      for tag in a.tags {
        spans.append(
          "{\"start\":\(a.range.start),\"end\":\(a.range.end),\"label\":\(JSON.quote(tag)),\"token_start\":\(first),\"token_end\":\(last)}"
        )
        summary.records += 1
      }
    }
    var line = "{\"text\":" + JSON.quote(text) + ",\"tokens\":["
    line += tokens.enumerated().map { i, t in
      "{\"text\":\(JSON.quote(t.text)),\"start\":\(t.start),\"end\":\(t.end),\"id\":\(i),\"ws\":\(t.spaceAfter)}"
    }.joined(separator: ",")
    line += "],\"spans\":[" + spans.joined(separator: ",") + "],\"answer\":\"accept\""
    line += ",\"meta\":{\"document\":\(JSON.quote(item.document.id)),\"annotator\":\(JSON.quote(item.annotator))}}\n"
    try sink.write(line)
  }

  public mutating func end() throws(WriteError) { try sink.flush() }
}
