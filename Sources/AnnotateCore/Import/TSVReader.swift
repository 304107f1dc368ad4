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
    // A file of a million lines names a few documents and one owner: each
    // is looked up once.
    var documentsNamed: [Substring: [Document]] = [:]
    var fileOwner: Result<String, ImportProblem.Issue>?
    for (n, line) in Lines.strings(bytes) {
      guard !line.isEmpty else { continue }
      func fail(_ issue: ImportProblem.Issue) { problems.append(ImportProblem(path: path, line: n, issue: issue)) }
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard fields.count == 4 else {
        fail(.tsvFieldCount(found: fields.count))
        continue
      }
      let named = documentsNamed[fields[0]] ?? corpus.documents(named: String(fields[0]))
      documentsNamed[fields[0]] = named
      guard named.count == 1, let document = named.first else {
        let name = String(fields[0])
        fail(named.isEmpty ? .noSuchDocument(name) : .ambiguousDocument(name, named.map(\.id)))
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
        guard let tag = tagName(String(fields[1]), &findings) else {
          fail(unknownTag(String(fields[1])))
          continue
        }
        if fileOwner == nil {
          var issue = ImportProblem.Issue.annotatorNeeded
          fileOwner = owner(nil, &findings, fail: { issue = $0 }).map { .success($0) } ?? .failure(issue)
        }
        switch fileOwner! {
        case .failure(let issue): fail(issue)
        case .success(let who):
          spans.append(ImportedSpan(documentID: document.id, annotator: who, range: r, tags: [tag]))
        }
      }
    }
  }
}
