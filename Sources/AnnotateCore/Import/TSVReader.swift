/// `document<TAB>label<TAB>start<TAB>end`, one span a line: the layout of
/// propaganda-span corpora (SemEval-2020 task 11's `article111.labels.tsv`,
/// whose technique names hold commas). The document is named by its id,
/// or by the number in its file name (`111` is `article111.txt`).
extension Importer {
  func readTSV(
    _ path: String, into spans: inout [ImportedSpan], _ problems: inout [ImportProblem], _ findings: inout Findings
  ) {
    guard let bytes = Self.readAll(path, &problems) else { return }
    // Conversions of the document the lines name now; others' kept aside.
    var converters: [String: [OffsetUnit: OffsetConverter]] = [:]
    var current: (id: String, converters: [OffsetUnit: OffsetConverter]) = ("", [:])
    var ignored = false
    // A file of a million lines names a few documents, tags and one owner:
    // lines are read as bytes, and a name like the line before's is not
    // looked up again.
    var lastName: ArraySlice<UInt8> = []
    var lastNamed: [Document]?
    // Known tags with the one-tag list each span shares.
    var tagNames: [(bytes: ArraySlice<UInt8>, tags: [String])] = []
    var fileOwner: Result<String, ImportProblem.Issue>?
    var tabs: [Int] = []
    // One span a line: room for them all at once (a span is large to move).
    spans.reserveCapacity(spans.count + bytes.lazy.filter { $0 == 0x0A }.count + 1)
    for (n, line) in Lines.split(bytes) {
      guard !line.isEmpty else { continue }
      func fail(_ issue: ImportProblem.Issue) { problems.append(ImportProblem(path: path, line: n, issue: issue)) }
      tabs.removeAll(keepingCapacity: true)
      for i in line.indices where line[i] == 0x09 { tabs.append(i) }
      guard tabs.count == 3 else {
        fail(.tsvFieldCount(found: tabs.count + 1))
        continue
      }
      let (name, label) = (line[line.startIndex..<tabs[0]], line[tabs[0] + 1..<tabs[1]])
      if lastNamed == nil || !name.elementsEqual(lastName) {
        lastName = name
        lastNamed = corpus.documents(named: String(decoding: name, as: UTF8.self))
      }
      let named = lastNamed!
      guard named.count == 1, let document = named.first else {
        let name = String(decoding: name, as: UTF8.self)
        fail(named.isEmpty ? .noSuchDocument(name) : .ambiguousDocument(name, named.map(\.id)))
        continue
      }
      guard let start = Self.integer(line[tabs[1] + 1..<tabs[2]]),
        let end = Self.integer(line[(tabs[2] + 1)..<line.endIndex])
      else {
        fail(.offsetsNotWholeNumbers)
        continue
      }
      if document.id != current.id {
        converters[current.id] = current.converters
        current = (document.id, converters.removeValue(forKey: document.id) ?? [:])
      }
      switch range(
        start, end, unit: .codepoint, in: document, converters: &current.converters, unitsDiffered: &ignored,
        noticeUnits: false)
      {
      case .failure(let issue): fail(issue)
      case .success(let r):
        let tags: [String]
        if let known = tagNames.first(where: { $0.bytes.elementsEqual(label) }) {
          tags = known.tags
        } else {
          let raw = String(decoding: label, as: UTF8.self)
          guard let tag = tagName(raw, &findings) else {
            fail(unknownTag(raw))
            continue
          }
          tags = [tag]
          // An unknown label is counted at each use (see `tagName`).
          if codebook.tag(named: tag) != nil && tagNames.count < 64 { tagNames.append((label, tags)) }
        }
        if fileOwner == nil {
          var issue = ImportProblem.Issue.annotatorNeeded
          fileOwner = owner(nil, &findings, fail: { issue = $0 }).map { .success($0) } ?? .failure(issue)
        }
        switch fileOwner! {
        case .failure(let issue): fail(issue)
        case .success(let who):
          spans.append(ImportedSpan(documentID: document.id, annotator: who, range: r, tags: tags))
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
