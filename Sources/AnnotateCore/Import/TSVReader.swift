extension Importer {
  /// `document<TAB>label<TAB>start<TAB>end`, the layout of propaganda-span corpora.
  func readTSV(_ path: String, into spans: inout [ImportedSpan], _ problems: inout [ImportProblem]) {
    guard let bytes = Self.readAll(path, &problems) else { return }
    for (n, rawLine) in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
      guard !line.isEmpty else { continue }
      func fail(_ issue: ImportProblem.Issue) { problems.append(ImportProblem(path: path, line: n + 1, issue: issue)) }
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard fields.count == 4 else {
        fail(.tsvFieldCount(found: fields.count))
        continue
      }
      guard let document = document(fields[0]) ?? document("article" + fields[0]) else {
        fail(.noSuchDocument(fields[0]))
        continue
      }
      guard let start = Int(fields[2]), let end = Int(fields[3]) else {
        fail(.offsetsNotWholeNumbers)
        continue
      }
      if let issue = checkRange(start, end, in: document) {
        fail(issue)
        continue
      }
      guard let tag = tagName(fields[1]) else {
        fail(unknownTag(fields[1]))
        continue
      }
      spans.append(
        ImportedSpan(
          documentID: document.id, annotator: annotator!, range: TextRange(start: start, end: end), tags: [tag]))
    }
  }
}
