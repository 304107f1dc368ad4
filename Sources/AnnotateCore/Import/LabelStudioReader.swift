/// Label Studio's JSON export: a list of tasks, each `{"data": {"text": …},
/// "annotations": [{"completed_by": …, "result": [...]}]}` (`completions`
/// before 1.0). Results of `type: labels` are spans, `value.start/end` in
/// code points (the editor's unit since 2022; `--offsets` for older files),
/// `value.labels` their tags. Relations, choices and text areas are counted,
/// not imported (a `textarea` result with a region's id is that region's
/// note); cancelled annotations are counted as rejected.
///
/// Label Studio names annotators by number: `completed_by` 3 is `user-3`
/// unless the task's `data.annotators` maps numbers to names (annotate's
/// export writes that map), or `completed_by` is an object with an `email`.
extension Importer {
  func readLabelStudio(
    _ path: String, textIndex: inout [String: Document]?, into spans: inout [ImportedSpan],
    _ problems: inout [ImportProblem], _ findings: inout Findings
  ) {
    guard let bytes = Self.readAll(path, &problems) else { return }
    let unit = options.offsets ?? ImportFormat.labelstudio.defaultOffsets
    for record in Self.jsonRecords(path, bytes, &problems) {
      func fail(_ issue: ImportProblem.Issue) {
        problems.append(ImportProblem(path: path, line: record.line, issue: issue, item: record.item))
      }
      let task = record.value
      guard task.object != nil else {
        fail(.shape("a task is an object with \"data\" and \"annotations\""))
        continue
      }
      // A task without `data` is its own data (Label Studio's import rule).
      let data = task["data"]?.object != nil ? task["data"]! : task
      let strings = (data.object ?? [:]).filter { $0.value.string != nil && $0.key != "document" }
      guard let text = data["text"]?.string ?? (strings.count == 1 ? strings.first!.value.string : nil) else {
        fail(.shape("a task's text is \"data\": {\"text\": …}"))
        continue
      }
      let named = data["document"]?.string
      let document: Document
      switch self.document(named: named, text: text, textIndex: &textIndex) {
      case .success(let found): document = found
      case .failure(let issue):
        fail(issue)
        continue
      }
      let names = data["annotators"]?.object ?? [:]
      var converters: [OffsetUnit: OffsetConverter] = [:]
      var differed = false
      for annotation in (task["annotations"] ?? task["completions"])?.array ?? [] {
        if case .bool(true)? = annotation["was_cancelled"] {
          findings.rejected += 1
          continue
        }
        var recorded: String?
        switch annotation["completed_by"] {
        case .integer(let n)?: recorded = names[String(n)]?.string ?? "user-\(n)"
        case .string(let s)?: recorded = s
        case .object(let o)?:
          recorded =
            o["email"]?.string.map { String($0.prefix { $0 != "@" }) }
            ?? o["id"]?.int.map { names[String($0)]?.string ?? "user-\($0)" }
        default: recorded = nil
        }
        let results = annotation["result"]?.array ?? []
        let regions = results.filter { $0["type"]?.string == "labels" }
        // A region's own text area (same id) is its note.
        let regionIDs = Set(regions.compactMap { $0["id"]?.string })
        var notes: [String: String] = [:]
        for result in results where result["type"]?.string == "textarea" {
          guard let id = result["id"]?.string, regionIDs.contains(id),
            let text = result["value"]?["text"]?.strings, !text.isEmpty
          else { continue }
          notes[id] = text.joined(separator: "\n")
        }
        // Relations, document choices (variables) and per-region choices (attributes).
        var relations: [(type: String, from: String, to: String)] = []
        var codes: [(String, [String])] = []
        var attributes: [String: [String: String]] = [:]
        for other in results where other["type"]?.string != "labels" {
          let kind = other["type"]?.string ?? "unknown"
          if kind == "textarea", let id = other["id"]?.string, notes[id] != nil { continue }
          if kind == "relation", let from = other["from_id"]?.string, let to = other["to_id"]?.string,
            let type = other["labels"]?.strings?.first
          {
            if codebook.relation(named: type) != nil {
              relations.append((type, from, to))
            } else {
              findings.unknownLevel["relation " + type, default: 0] += 1
            }
            continue
          }
          if kind == "choices", let name = other["from_name"]?.string, let chosen = other["value"]?["choices"]?.strings
          {
            let onRegion = other["id"]?.string.map { regionIDs.contains($0) } ?? false
            if onRegion, let definition = codebook.attribute(named: name), let value = chosen.first,
              definition.values.contains(value)
            {
              attributes[other["id"]!.string!, default: [:]][name] = value
              continue
            }
            if !onRegion, let variable = codebook.variable(named: name), chosen.allSatisfy(variable.values.contains) {
              codes.append((name, chosen))
              continue
            }
            findings.unknownLevel[(onRegion ? "attribute " : "variable ") + name, default: 0] += 1
            continue
          }
          findings.notImported[(kind == "relation" ? "relations" : kind + " results"), default: 0] += 1
        }
        guard !regions.isEmpty || !codes.isEmpty, let who = owner(recorded, &findings, fail: fail) else { continue }
        for (type, from, to) in relations {
          findings.relations.append(
            ImportedRelation(documentID: document.id, annotator: who, type: type, from: from, to: to))
        }
        for (name, values) in codes {
          findings.codes.append(ImportedCode(documentID: document.id, annotator: who, variable: name, values: values))
        }
        for (k, region) in regions.enumerated() {
          let value = region["value"]
          guard let start = value?["start"]?.int, let end = value?["end"]?.int, let labels = value?["labels"]?.array
          else {
            fail(.labelShape(k + 1))
            continue
          }
          let names = labels.compactMap(\.string)
          guard names.count == labels.count, !names.isEmpty else {
            fail(.labelNotText)
            continue
          }
          switch range(start, end, unit: unit, in: document, converters: &converters, unitsDiffered: &differed) {
          case .failure(let issue): fail(issue)
          case .success(let r):
            if differed { findings.unitMattered = unit }
            // Label Studio may save the text with white space collapsed
            // (its #3078); anything else is a span on other words.
            let actual = document.string(in: r)
            if let given = value?["text"]?.string, Self.collapsed(given) != Self.collapsed(actual) {
              fail(.textDiffers(offsets: "\(start)-\(end)", actual: actual, given: given, in: .line))
              continue
            }
            var tags: [String] = []
            for raw in names {
              guard let tag = tagName(raw, &findings) else {
                fail(unknownTag(raw))
                continue
              }
              tags.append(tag)
            }
            // annotate's own region ids (`a12`) give the span its id back; the
            // annotation's times are the best the file knows of the span's.
            let regionID = region["id"]?.string
            let ownID = regionID.flatMap { $0.hasPrefix("a") ? Int($0.dropFirst()) : nil }
            spans.append(
              ImportedSpan(
                documentID: document.id, annotator: who, range: r, tags: tags, note: regionID.flatMap { notes[$0] },
                id: ownID, created: annotation["created_at"]?.string, modified: annotation["updated_at"]?.string,
                attributes: regionID.flatMap { attributes[$0] } ?? [:], key: regionID))
          }
        }
      }
    }
  }

  /// Text with each run of white space made one space, ends trimmed.
  static func collapsed(_ text: String) -> String {
    text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }
}
