/// annotate's own CSV export read back: rows of one annotation (document,
/// annotator, id) become one span with all its tags; ids, notes and times
/// are kept.
extension Importer {

  func readCSV(
    _ path: String, into spans: inout [ImportedSpan], _ problems: inout [ImportProblem], _ findings: inout Findings
  ) {
    guard let bytes = Self.readAll(path, &problems) else { return }
    let (records, error) = CSVReader.records(bytes)
    if let error {
      problems.append(ImportProblem(path: path, line: error.line, issue: .csv(error.failure)))
      return
    }
    guard let header = records.first?.fields else {
      problems.append(ImportProblem(path: path, line: 0, issue: .emptyFile))
      return
    }
    var column: [String: Int] = [:]
    for (i, name) in header.enumerated() { column[name] = i }
    let required = ["document", "tag", "start", "end", "text"]
    let missing = required.filter { column[$0] == nil }
    guard missing.isEmpty else {
      problems.append(ImportProblem(path: path, line: 1, issue: .missingColumns(missing)))
      return
    }
    // Rows of one annotation (document, annotator, id) become one span with all its tags.
    var index: [String: Int] = [:]
    for (line, fields) in records.dropFirst() {
      func value(_ name: String) -> String? { column[name].flatMap { $0 < fields.count ? fields[$0] : nil } }
      func fail(_ issue: ImportProblem.Issue) { problems.append(ImportProblem(path: path, line: line, issue: issue)) }
      guard fields.count == header.count else {
        fail(.fieldCount(found: fields.count, header: header.count))
        continue
      }
      guard let id = value("document"), let document = document(id) else {
        fail(.noSuchDocument(value("document") ?? ""))
        continue
      }
      // An orphan's row has no offsets: its quote and context come back as they are.
      let orphan =
        value("status") == "orphaned" && value("start") == "" && value("end") == ""
        ? Quote(exact: value("text")!, prefix: value("prefix") ?? "", suffix: value("suffix") ?? "") : nil
      var start = 0
      var end = 0
      if orphan == nil {
        guard let s = Int(value("start")!), let e = Int(value("end")!) else {
          fail(.offsetsNotWholeNumbers)
          continue
        }
        (start, end) = (s, e)
        if let issue = checkRange(start, end, in: document) {
          fail(issue)
          continue
        }
        var text = value("text")!
        let actual = document.string(in: TextRange(start: start, end: end))
        // An --excel-safe export prefixed the cell with a quote.
        if text != actual && text.hasPrefix("'") && String(text.dropFirst()) == actual { text = actual }
        guard text == actual else {
          fail(.textDiffers(offsets: "\(start)-\(end)", actual: actual, given: text, in: .row))
          continue
        }
      }
      let rawTag = value("tag")!
      var tags: [String] = []
      if !rawTag.isEmpty {
        guard let tag = tagName(rawTag, &findings) else {
          fail(unknownTag(rawTag))
          continue
        }
        tags = [tag]
      }
      guard let owner = owner(value("annotator"), &findings, fail: fail) else { continue }
      let annotationID = value("annotation_id").flatMap { Int($0) }
      let note = value("note").flatMap { $0.isEmpty ? nil : $0 }
      let key =
        annotationID.map { "\(document.id)\u{0}\(owner)\u{0}\($0)" }
        ?? "\(document.id)\u{0}\(owner)\u{0}\(start)-\(end)"
      if let existing = index[key] {
        spans[existing].tags += tags
        continue
      }
      index[key] = spans.count
      spans.append(
        ImportedSpan(
          documentID: document.id, annotator: owner, range: TextRange(start: start, end: end), tags: tags, note: note,
          id: annotationID, created: value("created").flatMap { $0.isEmpty ? nil : $0 },
          modified: value("modified").flatMap { $0.isEmpty ? nil : $0 }, orphan: orphan,
          attributes: Self.attributes(value("attributes") ?? ""), key: annotationID.map(String.init)))
    }
    readTablesBeside(path, into: &problems, &findings)
  }

  /// `checkworthy=yes;named=no` as a dictionary.
  static func attributes(_ cell: String) -> [String: String] {
    var result: [String: String] = [:]
    for pair in cell.split(separator: ";") {
      guard let equals = pair.firstIndex(of: "=") else { continue }
      result[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
    }
    return result
  }

  /// The relations and documents tables written beside a CSV export
  /// (`out.relations.csv`, `out.documents.csv`), when they are there.
  func readTablesBeside(_ path: String, into problems: inout [ImportProblem], _ findings: inout Findings) {
    for table in ["relations", "documents"] {
      let beside = CSVWriter.tablePath(path, table)
      guard FileSystem.exists(beside), let bytes = Self.readAll(beside, &problems) else { continue }
      let (records, error) = CSVReader.records(bytes)
      if let error {
        problems.append(ImportProblem(path: beside, line: error.line, issue: .csv(error.failure)))
        continue
      }
      guard let header = records.first?.fields else { continue }
      let columns = table == "relations" ? CSVWriter.relationColumns : CSVWriter.documentColumns
      let missing = columns.filter { !header.contains($0) }
      guard missing.isEmpty else {
        problems.append(ImportProblem(path: beside, line: 1, issue: .missingColumns(missing)))
        continue
      }
      var codes: [String: ImportedCode] = [:]
      for (line, fields) in records.dropFirst() {
        func value(_ name: String) -> String {
          let i = header.firstIndex(of: name)!
          return i < fields.count ? fields[i] : ""
        }
        guard let document = document(value("document")) else {
          problems.append(ImportProblem(path: beside, line: line, issue: .noSuchDocument(value("document"))))
          continue
        }
        let who = annotator ?? value("annotator")
        if table == "relations" {
          guard codebook.relation(named: value("type")) != nil else {
            findings.unknownLevel["relation " + value("type"), default: 0] += 1
            continue
          }
          findings.relations.append(
            ImportedRelation(
              documentID: document.id, annotator: who, type: value("type"), from: value("from_id"), to: value("to_id"),
              created: value("created").isEmpty ? nil : value("created")))
        } else if !value("variable").isEmpty {
          guard let variable = codebook.variable(named: value("variable")), variable.values.contains(value("value"))
          else {
            findings.unknownLevel["variable " + value("variable"), default: 0] += 1
            continue
          }
          _ = variable
          let key = document.id + "\u{0}" + who + "\u{0}" + value("variable")
          codes[
            key, default: ImportedCode(documentID: document.id, annotator: who, variable: value("variable"), values: [])
          ]
          .values.append(value("value"))
        }
      }
      findings.codes += codes.keys.sorted().map { codes[$0]! }
    }
  }
}
