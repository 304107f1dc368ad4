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
    // A file of a million lines names a few documents, tags and one owner:
    // lines are read as bytes, and a name like the line before's is not
    // looked up again.
    var lastName: ArraySlice<UInt8> = []
    var lastNamed: [Document]?
    var tagNames: [(bytes: ArraySlice<UInt8>, name: String)] = []
    var fileOwner: Result<String, ImportProblem.Issue>?
    for (n, line) in Lines.split(bytes) {
      guard !line.isEmpty else { continue }
      func fail(_ issue: ImportProblem.Issue) { problems.append(ImportProblem(path: path, line: n, issue: issue)) }
      let fields = line.split(separator: 0x09, omittingEmptySubsequences: false)
      guard fields.count == 4 else {
        fail(.tsvFieldCount(found: fields.count))
        continue
      }
      if lastNamed == nil || !fields[0].elementsEqual(lastName) {
        lastName = fields[0]
        lastNamed = corpus.documents(named: String(decoding: fields[0], as: UTF8.self))
      }
      let named = lastNamed!
      guard named.count == 1, let document = named.first else {
        let name = String(decoding: fields[0], as: UTF8.self)
        fail(named.isEmpty ? .noSuchDocument(name) : .ambiguousDocument(name, named.map(\.id)))
        continue
      }
      guard let start = Self.integer(fields[2]), let end = Self.integer(fields[3]) else {
        fail(.offsetsNotWholeNumbers)
        continue
      }
      switch range(
        start, end, unit: .codepoint, in: document, converters: &converters[document.id, default: [:]],
        unitsDiffered: &ignored)
      {
      case .failure(let issue): fail(issue)
      case .success(let r):
        let tag: String
        if let known = tagNames.first(where: { $0.bytes.elementsEqual(fields[1]) }) {
          tag = known.name
        } else {
          let raw = String(decoding: fields[1], as: UTF8.self)
          guard let name = tagName(raw, &findings) else {
            fail(unknownTag(raw))
            continue
          }
          tag = name
          // An unknown label is counted at each use (see `tagName`).
          if codebook.tag(named: name) != nil && tagNames.count < 64 { tagNames.append((fields[1], name)) }
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

  /// A whole number in ASCII digits with an optional sign, as `Int(_:)`
  /// reads it from a string (nil for anything else, or on overflow).
  static func integer(_ bytes: ArraySlice<UInt8>) -> Int? {
    var i = bytes.startIndex
    var negative = false
    if i < bytes.endIndex && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
      negative = bytes[i] == UInt8(ascii: "-")
      i += 1
    }
    guard i < bytes.endIndex else { return nil }
    var value = 0
    while i < bytes.endIndex {
      let digit = Int(bytes[i]) - 48
      guard digit >= 0 && digit <= 9 else { return nil }
      let (times, o1) = value.multipliedReportingOverflow(by: 10)
      let (sum, o2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
      guard !o1 && !o2 else { return nil }
      value = sum
      i += 1
    }
    return value
  }
}
