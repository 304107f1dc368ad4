/// doccano JSONL, one line per (document, annotator): `{"text", "label":
/// [[start, end, "TAG"]], "document", "annotator"}`, spans sorted as
/// doccano's own export sorts them. Offsets are in the unit doccano's
/// browser counts (UTF-16 code units by default, grapheme clusters in its
/// grapheme mode, `--offsets`); a span that would cut a character of that
/// unit is left out and counted.
public struct DoccanoWriter: AnnotationWriter {
  let sink: OutputSink
  let unit: OffsetUnit
  public private(set) var summary = ExportSummary()

  public init(sink: OutputSink, unit: OffsetUnit) {
    self.sink = sink
    self.unit = unit
  }

  public mutating func begin() throws(WriteError) {}

  public mutating func write(_ item: AnnotatedDocument) throws(WriteError) {
    summary.documents += 1
    let converter = unit == .codepoint ? nil : OffsetConverter(text: item.document.text.string, unit: unit)
    var entries: [(Int, Int, String, Int)] = []
    for a in item.set.annotations {
      guard let range = countable(a, &summary), let (start, end) = inUnit(range, converter, &summary) else {
        continue
      }
      summary.annotations += 1
      for tag in a.tags { entries.append((start, end, tag, a.id)) }
    }
    entries.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
    summary.records += entries.count
    var line = "{\"text\":" + JSON.quote(item.document.text.string)
    if item.set.relations.isEmpty {
      line += ",\"label\":[" + entries.map { "[\($0.0),\($0.1),\(JSON.quote($0.2))]" }.joined(separator: ",") + "]"
    } else {
      // Relation mode: entities with ids, and relations between them (a
      // span's first entity stands for it).
      var entityOf: [Int: Int] = [:]
      var entities: [String] = []
      for (k, e) in entries.enumerated() {
        if entityOf[e.3] == nil { entityOf[e.3] = k + 1 }
        entities.append(
          "{\"id\":\(k + 1),\"start_offset\":\(e.0),\"end_offset\":\(e.1),\"label\":\(JSON.quote(e.2))}")
      }
      var relations: [String] = []
      for r in item.set.relations {
        guard let from = entityOf[r.from], let to = entityOf[r.to] else {
          summary.skippedRelations += 1
          continue
        }
        relations.append(
          "{\"id\":\(relations.count + 1),\"from_id\":\(from),\"to_id\":\(to),\"type\":\(JSON.quote(r.type))}")
      }
      line +=
        ",\"entities\":[" + entities.joined(separator: ",") + "],\"relations\":[" + relations.joined(separator: ",")
        + "]"
    }
    summary.skippedCodes += item.set.codes.count
    line += ",\"document\":\(JSON.quote(item.document.id)),\"annotator\":\(JSON.quote(item.annotator))}\n"
    try sink.write(line)
  }

  public mutating func end() throws(WriteError) { try sink.flush() }
}
