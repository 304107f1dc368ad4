/// `document<TAB>label<TAB>start<TAB>end`, one span a line: the layout of
/// propaganda-span corpora (SemEval-2020 task 11's `article111.labels.tsv`,
/// whose technique names hold commas). The document is named by its id,
/// or by the number in its file name (`111` is `article111.txt`).
extension Importer {
  func readTSV(
    _ path: String, into spans: inout [ImportedSpan], _ problems: inout [ImportProblem], _ findings: inout Findings
  ) {
    guard let bytes = Self.readAll(path, &problems) else { return }
    var converters: [String: [OffsetUnit: OffsetConverter]] = [:]
    var ignored = false
    for (n, line) in Lines.strings(bytes) {
      guard !line.isEmpty else { continue }
      func fail(_ issue: ImportProblem.Issue) { problems.append(ImportProblem(path: path, line: n, issue: issue)) }
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard fields.count == 4 else {
        fail(.tsvFieldCount(found: fields.count))
        continue
      }
      let named = corpus.documents(named: fields[0])
      guard named.count == 1, let document = named.first else {
        fail(named.isEmpty ? .noSuchDocument(fields[0]) : .ambiguousDocument(fields[0], named.map(\.id)))
        continue
      }
      guard let start = Int(fields[2]), let end = Int(fields[3]) else {
        fail(.offsetsNotWholeNumbers)
        continue
      }
      switch range(
        start, end, unit: .codepoint, in: document, converters: &converters[document.id, default: [:]],
        unitsDiffered: &ignored)
      {
      case .failure(let issue): fail(issue)
      case .success(let r):
        guard let tag = tagName(fields[1], &findings) else {
          fail(unknownTag(fields[1]))
          continue
        }
        guard let who = owner(nil, &findings, fail: fail) else { continue }
        spans.append(ImportedSpan(documentID: document.id, annotator: who, range: r, tags: [tag]))
      }
    }
  }
}
