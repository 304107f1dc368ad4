/// doccano or Prodigy JSONL: one line per (document, annotator).
public struct JSONLWriter: AnnotationWriter {
  public enum Flavour: Sendable { case doccano, prodigy }
  let sink: OutputSink
  let flavour: Flavour
  public private(set) var summary = ExportSummary()

  public init(sink: OutputSink, flavour: Flavour) {
    self.sink = sink
    self.flavour = flavour
  }

  public mutating func begin() throws(WriteError) {}

  public mutating func write(_ item: AnnotatedDocument) throws(WriteError) {
    summary.documents += 1
    var line = "{\"text\":" + JSON.quote(item.document.text.string)
    var entries: [String] = []
    summary.skipped += item.set.orphans.count
    for a in item.set.annotations where !a.orphaned {
      summary.annotations += 1
      for tag in a.tags {
        switch flavour {
        case .doccano: entries.append("[\(a.range.start),\(a.range.end),\(JSON.quote(tag))]")
        case .prodigy:
          entries.append("{\"start\":\(a.range.start),\"end\":\(a.range.end),\"label\":\(JSON.quote(tag))}")
        }
        summary.records += 1
      }
      if a.tags.isEmpty { summary.skipped += 1 }
    }
    switch flavour {
    case .doccano:
      line += ",\"label\":[" + entries.joined(separator: ",") + "]"
      line += ",\"document\":\(JSON.quote(item.document.id)),\"annotator\":\(JSON.quote(item.annotator))}\n"
    case .prodigy:
      line += ",\"spans\":[" + entries.joined(separator: ",") + "]"
      line += ",\"meta\":{\"document\":\(JSON.quote(item.document.id)),\"annotator\":\(JSON.quote(item.annotator))}}\n"
    }
    try sink.write(line)
  }

  public mutating func end() throws(WriteError) { try sink.flush() }
}
