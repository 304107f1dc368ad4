/// Prodigy JSONL (and spaCy-style span files): `text` and `spans` of
/// `{"start", "end", "label"}` in code points (Python's). Only answers
/// `accept` (or lines without an answer) are annotations: `reject` and
/// `ignore` are counted, not imported. The annotator is `meta.annotator`
/// (annotate's export) or Prodigy's own `_annotator_id`.
extension Importer {
  func readProdigy(
    _ path: String, textIndex: inout [String: Document]?, into spans: inout [ImportedSpan],
    _ problems: inout [ImportProblem], _ findings: inout Findings
  ) {
    guard let bytes = Self.readAll(path, &problems) else { return }
    for record in Self.jsonRecords(path, bytes, &problems) {
      func fail(_ issue: ImportProblem.Issue) {
        problems.append(ImportProblem(path: path, line: record.line, issue: issue, item: record.item))
      }
      let line = record.value
      guard line.object != nil, let text = line["text"]?.string else {
        fail(.shape("each line is an object with \"text\" and \"spans\""))
        continue
      }
      if let answer = line["answer"]?.string, answer != "accept" {
        findings.rejected += 1
        continue
      }
      if line["label"]?.string != nil && line["spans"] == nil {
        findings.notImported["document labels", default: 0] += 1
        continue
      }
      let named = line["meta"]?["document"]?.string
      let document: Document
      switch self.document(named: named, text: text, textIndex: &textIndex) {
      case .success(let found): document = found
      case .failure(let issue):
        fail(issue)
        continue
      }
      let entries: [JSONValue]
      switch line["spans"] {
      case nil, .null?: entries = []
      case .array(let list)?: entries = list
      default:
        fail(.shape("\"spans\" is a list of {\"start\", \"end\", \"label\"}"))
        continue
      }
      if let relations = line["relations"]?.array, !relations.isEmpty {
        findings.notImported["relations", default: 0] += relations.count
      }
      guard
        let who = owner(line["meta"]?["annotator"]?.string ?? line["_annotator_id"]?.string, &findings, fail: fail)
      else { continue }
      var converters: [OffsetUnit: OffsetConverter] = [:]
      var ignored = false
      for (k, entry) in entries.enumerated() {
        guard let start = entry["start"]?.int, let end = entry["end"]?.int, let label = entry["label"] else {
          fail(.labelShape(k + 1))
          continue
        }
        guard let raw = label.string else {
          fail(.labelNotText)
          continue
        }
        switch range(
          start, end, unit: .codepoint, in: document, converters: &converters, unitsDiffered: &ignored,
          noticeUnits: false)
        {
        case .failure(let issue): fail(issue)
        case .success(let r):
          let actual = document.string(in: r)
          if let given = entry["text"]?.string, given != actual {
            fail(.textDiffers(offsets: "\(start)-\(end)", actual: actual, given: given, in: .line))
            continue
          }
          guard let tag = tagName(raw, &findings) else {
            fail(unknownTag(raw))
            continue
          }
          spans.append(ImportedSpan(documentID: document.id, annotator: who, range: r, tags: [tag]))
        }
      }
    }
  }
}
