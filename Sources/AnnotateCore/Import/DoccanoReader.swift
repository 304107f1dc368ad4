/// doccano JSONL, every shape its importer takes and its exports have had:
/// the text as `text` (or `data`, v1.5); spans as `label` (or the older
/// `labels`), each `[start, end, "TAG"]` or `{"start_offset", "end_offset",
/// "label"}`, or as relation-mode `entities` with `relations` beside them.
/// Offsets count what doccano's browser counted (``ImportFormat/defaultOffsets``,
/// or `--offsets`). A line's `annotator` (annotate's export) or `username`
/// (doccano's older export) says whose span it is.
extension Importer {
  func readDoccano(
    _ path: String, textIndex: inout [String: Document]?, into spans: inout [ImportedSpan],
    _ problems: inout [ImportProblem], _ findings: inout Findings
  ) {
    guard let bytes = Self.readAll(path, &problems) else { return }
    let unit = options.offsets ?? ImportFormat.doccano.defaultOffsets
    for record in Self.jsonRecords(path, bytes, &problems) {
      func fail(_ issue: ImportProblem.Issue) {
        problems.append(ImportProblem(path: path, line: record.line, issue: issue, item: record.item))
      }
      let line = record.value
      guard line.object != nil else {
        fail(.shape("each line is an object with \"text\" and \"label\""))
        continue
      }
      guard let text = line["text"]?.string ?? line["data"]?.string else {
        fail(.shape("a line needs its text as \"text\" (or \"data\")"))
        continue
      }
      var entries: [JSONValue] = []
      for key in ["label", "labels", "entities"] {
        guard let value = line[key], value != .null else { continue }
        guard let list = value.array else {
          fail(.shape("\"\(key)\" is a list of spans"))
          continue
        }
        // A list of strings is a text-classification label, not a span.
        if !list.isEmpty && list.allSatisfy({ $0.string != nil }) {
          findings.notImported["document labels", default: 0] += list.count
          continue
        }
        entries += list
      }
      let relations = line["relations"]?.array ?? []
      let document: Document
      switch self.document(named: line["document"]?.string, text: text, textIndex: &textIndex) {
      case .success(let found): document = found
      case .failure(let issue):
        fail(issue)
        continue
      }
      guard let who = owner(line["annotator"]?.string ?? line["username"]?.string, &findings, fail: fail) else {
        continue
      }
      var converters: [OffsetUnit: OffsetConverter] = [:]
      var differed = false
      for (k, entry) in entries.enumerated() {
        var start: Int?
        var end: Int?
        var label: JSONValue?
        let key = entry["id"]?.int.map(String.init)
        if let parts = entry.array, parts.count == 3 {
          (start, end, label) = (parts[0].int, parts[1].int, parts[2])
        } else if entry.object != nil {
          (start, end, label) = (entry["start_offset"]?.int, entry["end_offset"]?.int, entry["label"])
        }
        guard let start, let end, let label else {
          fail(.labelShape(k + 1))
          continue
        }
        guard let raw = label.string else {
          fail(.labelNotText)
          continue
        }
        // doccano refuses empty and backwards spans itself.
        guard start < end else {
          fail(.notASpan(start: start, end: end))
          continue
        }
        switch range(start, end, unit: unit, in: document, converters: &converters, unitsDiffered: &differed) {
        case .failure(let issue): fail(issue)
        case .success(let r):
          if differed { findings.unitMattered = unit }
          guard let tag = tagName(raw, &findings) else {
            fail(unknownTag(raw))
            continue
          }
          spans.append(ImportedSpan(documentID: document.id, annotator: who, range: r, tags: [tag], key: key))
        }
      }
      for relation in relations {
        guard let type = relation["type"]?.string, let from = relation["from_id"]?.int, let to = relation["to_id"]?.int
        else {
          fail(.shape("a relation is {\"from_id\", \"to_id\", \"type\"}"))
          continue
        }
        guard codebook.relation(named: type) != nil else {
          findings.unknownLevel["relation " + type, default: 0] += 1
          continue
        }
        findings.relations.append(
          ImportedRelation(documentID: document.id, annotator: who, type: type, from: String(from), to: String(to)))
      }
    }
  }
}
