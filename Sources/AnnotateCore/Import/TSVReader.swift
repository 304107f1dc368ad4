/// `document<TAB>label<TAB>start<TAB>end`, one span a line: the layout of
/// propaganda-span corpora (SemEval-2020 task 11's `article111.labels.tsv`,
/// whose technique names hold commas). The document is named by its id,
/// or by the number in its file name (`111` is `article111.txt`).
extension Importer {
  func readTSV(
    _ path: String, into spans: inout [ImportedSpan], _ problems: inout [ImportProblem], _ findings: inout Findings
  ) {
    guard let bytes = Self.readAll(path, &problems) else { return }
    let lines = Lines.split(bytes)
    // First, in order, each line's fields and document. A file of a
    // million lines names a few documents, tags and one owner: lines are
    // read as bytes, and a name like the line before's is not looked up
    // again.
    var documents: [Document] = []
    var texts: [(id: String, text: UTF8Text)] = []
    var lastName: ArraySlice<UInt8> = []
    var lastNamed: (documents: [Document], index: Int)?
    var read: [TSVLine] = []
    read.reserveCapacity(lines.count)
    var early: [(line: Int, issue: ImportProblem.Issue)] = []
    var tabs: [Int] = []
    for (k, (n, line)) in lines.enumerated() {
      guard !line.isEmpty else { continue }
      tabs.removeAll(keepingCapacity: true)
      for i in line.indices where line[i] == 0x09 { tabs.append(i) }
      guard tabs.count == 3 else {
        early.append((n, .tsvFieldCount(found: tabs.count + 1)))
        continue
      }
      let name = line[line.startIndex..<tabs[0]]
      if lastNamed == nil || !name.elementsEqual(lastName) {
        lastName = name
        let named = corpus.documents(named: String(decoding: name, as: UTF8.self))
        var index = -1
        if named.count == 1, let document = named.first {
          index = documents.firstIndex { $0 === document } ?? documents.count
          if index == documents.count {
            documents.append(document)
            texts.append((document.id, document.text))
          }
        }
        lastNamed = (named, index)
      }
      guard lastNamed!.index >= 0 else {
        let (name, named) = (String(decoding: name, as: UTF8.self), lastNamed!.documents)
        early.append((n, named.isEmpty ? .noSuchDocument(name) : .ambiguousDocument(name, named.map(\.id))))
        continue
      }
      guard let start = Self.integer(line[tabs[1] + 1..<tabs[2]]),
        let end = Self.integer(line[(tabs[2] + 1)..<line.endIndex])
      else {
        early.append((n, .offsetsNotWholeNumbers))
        continue
      }
      read.append(
        TSVLine(line: k, document: Int32(lastNamed!.index), start: start, end: end, label: tabs[0] + 1..<tabs[1]))
    }
    // Then the offsets, on every core: each end's place in the text (the
    // slow part, a look at the text at random places).
    let checked = texts
    let blocks = Parallel.blocks(read.count, of: max(4096, read.count / (Parallel.width * 4) + 1))
    let refused = read.withUnsafeBufferPointer { buffer in
      nonisolated(unsafe) let read = buffer
      return Parallel.map(blocks) { block -> [(at: Int, issue: ImportProblem.Issue)] in
        var converters: [Int: [OffsetUnit: OffsetConverter]] = [:]
        var ignored = false
        var refused: [(at: Int, issue: ImportProblem.Issue)] = []
        for i in block {
          let (d, item) = (Int(read[i].document), read[i])
          if case .failure(let issue) = Self.range(
            item.start, item.end, unit: .codepoint, text: checked[d].text, documentID: checked[d].id,
            converters: &converters[d, default: [:]], unitsDiffered: &ignored, noticeUnits: false)
          {
            refused.append((i, issue))
          }
        }
        return refused
      }
    }.flatMap { $0 }
    // Last, in order: tags, the owner and the spans; problems by line.
    var (nextEarly, nextRefused) = (early.startIndex, refused.startIndex)
    func earlyUpTo(_ k: Int) {
      while nextEarly < early.count && early[nextEarly].line <= lines[k].number {
        problems.append(ImportProblem(path: path, line: early[nextEarly].line, issue: early[nextEarly].issue))
        nextEarly += 1
      }
    }
    // Known tags with the one-tag list each span shares.
    var tagNames: [(bytes: ArraySlice<UInt8>, tags: [String])] = []
    var fileOwner: Result<String, ImportProblem.Issue>?
    // One span a line: room for them all at once (a span is large to move).
    spans.reserveCapacity(spans.count + read.count)
    for (i, item) in read.enumerated() {
      let n = lines[item.line].number
      earlyUpTo(item.line)
      func fail(_ issue: ImportProblem.Issue) { problems.append(ImportProblem(path: path, line: n, issue: issue)) }
      if nextRefused < refused.endIndex && refused[nextRefused].at == i {
        fail(refused[nextRefused].issue)
        nextRefused += 1
        continue
      }
      let label = lines[item.line].bytes[item.label]
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
        spans.append(
          ImportedSpan(
            documentID: texts[Int(item.document)].id, annotator: who,
            range: TextRange(start: item.start, end: item.end), tags: tags))
      }
    }
    if !lines.isEmpty { earlyUpTo(lines.count - 1) }
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

/// A line of a TSV file read as far as its fields and document: its index
/// among the file's lines, the document's in the reader's table, the
/// offsets, and where its label is in the line.
private struct TSVLine {
  var line: Int
  var document: Int32
  var start: Int
  var end: Int
  var label: Range<Int>
}
