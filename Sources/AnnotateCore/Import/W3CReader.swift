/// W3C Web Annotation (JSON-LD): one annotation per line (annotate's
/// export), a JSON array of them, one annotation, or a collection page
/// (`items`). The target's `source` names the document: a `file:` URI of
/// its path, an IRI under `--base-iri`, an IRI ending in its id, or the id
/// itself. A `TextPositionSelector` places the span (code points, as the
/// model requires), checked against the `TextQuoteSelector` when both are
/// given; a quote alone is found in the text, using its prefix and suffix,
/// and when it is not there exactly once the annotation comes in as an
/// orphan (its quote kept, never placed on a guess). Bodies with purpose
/// `tagging` or `classifying` are tags, `commenting` a note.
extension Importer {
  func readW3C(
    _ path: String, into spans: inout [ImportedSpan], _ problems: inout [ImportProblem], _ findings: inout Findings
  ) {
    guard let bytes = Self.readAll(path, &problems) else { return }
    var records = Self.jsonRecords(path, bytes, &problems)
    // A collection or page: its items.
    if records.count == 1, records[0].item == nil, records[0].value["type"]?.string != "Annotation",
      let items = records[0].value["items"]?.array ?? records[0].value["first"]?["items"]?.array
    {
      records = items.enumerated().map { JSONRecord(line: 0, item: $0.offset + 1, value: $0.element) }
    }
    // Linking annotations name the spans' annotations by IRI: resolved once every span is read.
    var links: [(type: String, from: String, to: String, record: JSONRecord, created: String?)] = []
    var keyed: [String: (document: String, annotator: String)] = [:]
    for record in records {
      func fail(_ issue: ImportProblem.Issue) {
        problems.append(ImportProblem(path: path, line: record.line, issue: issue, item: record.item))
      }
      let annotation = record.value
      guard annotation.object != nil, annotation["target"] != nil else {
        fail(.shape("an annotation is an object with a \"target\""))
        continue
      }
      let motivation = annotation["motivation"]?.strings ?? []
      let bodies = annotation["body"].map { $0.array ?? [$0] } ?? []
      // A relation: two targets, the spans' annotations.
      if motivation.contains("linking"), let ends = annotation["target"]?.array?.compactMap(\.string), ends.count == 2 {
        guard let type = bodies.compactMap({ $0["value"]?.string }).first else {
          fail(.shape("a linking annotation has its relation type as a body"))
          continue
        }
        guard codebook.relation(named: type) != nil else {
          findings.unknownLevel["relation " + type, default: 0] += 1
          continue
        }
        links.append((type, ends[0], ends[1], record, annotation["created"]?.string))
        continue
      }
      let target = annotation["target"]!.array?.first ?? annotation["target"]!
      guard let source = target["source"]?.string ?? target["source"]?["id"]?.string else {
        // The whole document: its codes (`variable=value` bodies).
        if let whole = target.string, let document = w3cDocument(whole), motivation.contains("classifying") {
          let creator = annotation["creator"].map { $0.array?.first ?? $0 }
          guard let who = owner(creator?["name"]?.string, &findings, fail: fail) else { continue }
          var values: [String: [String]] = [:]
          for body in bodies {
            guard let text = body["value"]?.string, let equals = text.firstIndex(of: "=") else { continue }
            let name = String(text[..<equals])
            let value = String(text[text.index(after: equals)...])
            guard let variable = codebook.variable(named: name), variable.values.contains(value) else {
              findings.unknownLevel["variable " + name, default: 0] += 1
              continue
            }
            values[name, default: []].append(value)
          }
          for (name, chosen) in values.sorted(by: { $0.key < $1.key }) {
            findings.codes.append(ImportedCode(documentID: document.id, annotator: who, variable: name, values: chosen))
          }
        } else if target.string != nil {
          findings.notImported["annotations of whole documents", default: 0] += 1
        } else {
          fail(.unsupportedTarget("a target without a source"))
        }
        continue
      }
      guard let document = w3cDocument(source) else {
        fail(.unknownSource(source))
        continue
      }
      let selectors = target["selector"].map { $0.array ?? [$0] } ?? []
      let position = selectors.first { $0["type"]?.string == "TextPositionSelector" }
      let quote = selectors.first { $0["type"]?.string == "TextQuoteSelector" }
      guard position != nil || quote != nil else {
        let kinds = selectors.compactMap { $0["type"]?.string }
        fail(
          .unsupportedTarget(
            kinds.isEmpty ? "no TextPositionSelector or TextQuoteSelector" : kinds.joined(separator: ", ")))
        continue
      }
      var placed: TextRange?
      var orphan: Quote?
      if let position {
        guard let start = position["start"]?.int, let end = position["end"]?.int else {
          fail(.shape("a TextPositionSelector has whole-number \"start\" and \"end\""))
          continue
        }
        if let issue = checkRange(start, end, in: document) {
          fail(issue)
          continue
        }
        let r = TextRange(start: start, end: end)
        if let exact = quote?["exact"]?.string, exact != document.string(in: r) {
          fail(.textDiffers(offsets: "\(start)-\(end)", actual: document.string(in: r), given: exact, in: .line))
          continue
        }
        placed = r
      } else if let quote {
        guard let exact = quote["exact"]?.string, !exact.isEmpty else {
          fail(.shape("a TextQuoteSelector has its \"exact\" text"))
          continue
        }
        let prefix = quote["prefix"]?.string ?? ""
        let suffix = quote["suffix"]?.string ?? ""
        let places = Self.places(of: exact, prefix: prefix, suffix: suffix, in: document)
        if places.count == 1 {
          placed = places[0]
        } else {
          orphan = Quote(exact: exact, prefix: prefix, suffix: suffix)
        }
      }
      var tags: [String] = []
      var notes: [String] = []
      var attributes: [String: String] = [:]
      for body in bodies {
        guard let value = body["value"]?.string ?? body.string else { continue }
        let purpose = body["purpose"]?.strings ?? []
        // An attribute: `name=value` describing the span.
        if purpose.contains("describing"), let equals = value.firstIndex(of: "="),
          let definition = codebook.attribute(named: String(value[..<equals])),
          definition.values.contains(String(value[value.index(after: equals)...]))
        {
          attributes[definition.name] = String(value[value.index(after: equals)...])
          continue
        }
        let isTag =
          purpose.contains("tagging") || purpose.contains("classifying")
          || (purpose.isEmpty && (motivation.contains("tagging") || motivation.contains("classifying")))
        if isTag {
          guard let tag = tagName(value, &findings) else {
            fail(unknownTag(value))
            continue
          }
          tags.append(tag)
        } else {
          notes.append(value)
        }
      }
      if let value = annotation["bodyValue"]?.string { notes.append(value) }
      let creator = annotation["creator"].map { $0.array?.first ?? $0 }
      let recorded = creator?["name"]?.string ?? creator?["nick"]?.string
      guard let who = owner(recorded, &findings, fail: fail) else { continue }
      // annotate's own ids come back: urn:annotate:DOCUMENT:ANNOTATOR:N.
      let ownID = annotation["id"]?.string.flatMap { id -> Int? in
        guard id.hasPrefix("urn:annotate:"), let last = id.split(separator: ":").last else { return nil }
        return Int(last)
      }
      spans.append(
        ImportedSpan(
          documentID: document.id, annotator: who, range: placed ?? TextRange(start: 0, end: 0), tags: tags,
          note: notes.isEmpty ? nil : notes.joined(separator: "\n"), id: ownID,
          created: annotation["created"]?.string, modified: annotation["modified"]?.string, orphan: orphan,
          attributes: attributes, key: annotation["id"]?.string))
      if let key = annotation["id"]?.string { keyed[key] = (document.id, who) }
    }
    for (type, from, to, record, created) in links {
      guard let end = keyed[from], let other = keyed[to], end == other else {
        problems.append(
          ImportProblem(
            path: path, line: record.line, issue: .dangling(keyed[from] == nil ? from : to), item: record.item))
        continue
      }
      findings.relations.append(
        ImportedRelation(
          documentID: end.document, annotator: end.annotator, type: type, from: from, to: to, created: created))
    }
  }

  /// The open document an IRI names.
  func w3cDocument(_ source: String) -> Document? {
    if let base = options.baseIRI {
      let prefix = base.hasSuffix("/") ? base : base + "/"
      if source.hasPrefix(prefix), let id = IRI.decoded(String(source.dropFirst(prefix.count))) {
        return document(id)
      }
    }
    guard let decoded = IRI.decoded(source) else { return nil }
    if decoded.hasPrefix("file://") {
      let path = String(decoded.dropFirst("file://".count))
      if let found = corpus.documents.first(where: { Path.absolute($0.path) == path }) { return found }
      return byIDSuffix(path)
    }
    if let found = document(decoded) { return found }
    return byIDSuffix(decoded)
  }

  /// The one document whose id ends a path (after a `/`), else nil.
  private func byIDSuffix(_ path: String) -> Document? {
    let matches = corpus.documents.filter { path.hasSuffix("/" + $0.id) }
    return matches.count == 1 ? matches[0] : nil
  }

  /// Where a quote is, in code points, with its prefix before it and its
  /// suffix after it (each as far as the text goes).
  static func places(of exact: String, prefix: String, suffix: String, in document: Document) -> [TextRange] {
    let text = Array(document.text.string.unicodeScalars)
    let needle = Array(exact.unicodeScalars)
    let before = Array(prefix.unicodeScalars)
    let after = Array(suffix.unicodeScalars)
    guard !needle.isEmpty, needle.count <= text.count else { return [] }
    var found: [TextRange] = []
    for start in 0...(text.count - needle.count) where text[start] == needle[0] {
      guard text[start..<start + needle.count].elementsEqual(needle) else { continue }
      let end = start + needle.count
      let p = before.suffix(start)
      let s = after.prefix(text.count - end)
      guard text[(start - p.count)..<start].elementsEqual(p), text[end..<(end + s.count)].elementsEqual(s) else {
        continue
      }
      found.append(TextRange(start: start, end: end))
    }
    return found
  }
}
