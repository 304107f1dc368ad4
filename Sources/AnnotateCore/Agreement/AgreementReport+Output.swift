/// A number with `digits` decimals (half away from zero), "—" when undefined.
func fixed(_ value: Double, _ digits: Int = 3) -> String {
  guard value.isFinite else { return "—" }
  var scale = 1.0
  for _ in 0..<digits { scale *= 10 }
  let scaled = (abs(value) * scale).rounded()
  let whole = Int(scaled / scale)
  let fraction = Int(scaled - Double(whole) * scale)
  var text = String(fraction)
  text = String(repeating: "0", count: max(0, digits - text.count)) + text
  let sign = value < 0 && scaled > 0 ? "-" : ""
  return digits == 0 ? sign + String(whole) : sign + String(whole) + "." + text
}

/// A number for CSV and JSON: full precision, nil when undefined.
func exact(_ value: Double?) -> String? {
  guard let value, value.isFinite else { return nil }
  return String(value)
}

/// A number for JSON: full precision, `null` when undefined.
func number(_ value: Double?) -> String { exact(value) ?? "null" }

extension AgreementReport {
  /// Why there is nothing to report, or nil.
  public var emptyReason: String? {
    if annotators.count < 2 {
      let who = annotators.isEmpty ? "no annotator has" : "only \(annotators[0]) has"
      return "\(who) annotations of the open documents — agreement needs two annotators' sidecars"
    }
    if sharedDocuments == 0 { return "no open document was coded by two of \(annotators.joined(separator: ", "))" }
    return nil
  }

  // MARK: Table

  /// The report as lines for the terminal.
  public func lines() -> [OutputLine] {
    if let reason = emptyReason { return [OutputLine(reason, .dim)] }
    var lines = [
      OutputLine(
        [
          TextRun("\(unit == .sentence ? unitKind.rawValue : "span") agreement", .bold),
          TextRun(" · \(annotators.count) annotators (\(annotators.joined(separator: ", "))) · ", .dim),
          TextRun("\(sharedDocuments) of \(plural(documents, "document")) coded by two or more", .dim),
        ], wrapIndent: 2)
    ]
    switch unit {
    case .sentence: lines += unitTable()
    case .span: lines += spanTable()
    }
    lines += levelTables()
    return lines
  }

  /// Variables, relations and attributes, when the codebook has them.
  private func levelTables() -> [OutputLine] {
    var lines: [OutputLine] = []
    if !variableRows.isEmpty {
      lines.append(OutputLine("document variables (items: documents two or more coded):", .dim))
      var table: [[String]] = [["variable", "level", "items", "Krippendorff α"]]
      for r in variableRows {
        table.append([r.variable + (r.value.map { " = " + $0 } ?? ""), r.level, String(r.items), fixed(r.alpha)])
      }
      lines += Self.layout(table, numericFrom: 2)
    }
    if !relationRows.isEmpty {
      lines.append(OutputLine("relations (F1 pooled over pairs and shared documents):", .dim))
      var table: [[String]] = [["relation"] + annotators + ["exact F1", "overlap F1"]]
      for r in relationRows {
        table.append([r.type] + r.counts.map(String.init) + [fixed(r.exactF1), fixed(r.overlapF1)])
      }
      lines += Self.layout(table, numericFrom: 1)
    }
    if !attributeRows.isEmpty {
      lines.append(OutputLine("span attributes (items: spans at the same words by two or more):", .dim))
      var table: [[String]] = [["attribute", "items", "Krippendorff α"]]
      for r in attributeRows { table.append([r.attribute, String(r.items), fixed(r.alpha)]) }
      lines += Self.layout(table, numericFrom: 1)
    }
    return lines
  }

  private func unitTable() -> [OutputLine] {
    let kappaName = annotators.count == 2 ? "Cohen κ" : "Fleiss κ"
    var table: [[String]] = [["tag", "items", "agree", kappaName, "Krippendorff α"]]
    if let bootstrap { table[0] += ["95% CI", "P(α < \(fixed(bootstrap.threshold)))"] }
    table[0].append("α " + AlphaBar.scale)
    for row in unitRows {
      let kappa = annotators.count == 2 ? row.cohen : row.fleiss
      table.append([
        row.tag ?? "all tags (as sets)", String(row.items), fixed(row.percent * 100, 1) + "%", fixed(kappa ?? .nan),
        fixed(row.alpha),
      ])
      let b = row.bootstrap
      if bootstrap != nil {
        table[table.count - 1] += [
          b.map { $0.defined > 0 ? "\(fixed($0.low)) – \(fixed($0.high))" : "—" } ?? "—",
          b.map { fixed($0.pBelow) } ?? "—",
        ]
      }
      table[table.count - 1].append(AlphaBar.draw(alpha: row.alpha, low: b?.low, high: b?.high))
    }
    var lines = Self.layout(table, numericFrom: 1)
    if let bootstrap {
      lines.append(
        OutputLine(
          "95% CI: percentiles of α over \(bootstrap.resamples) resamples of the \(unitKind.rawValue)s (seed \(bootstrap.seed)); bar: filled to α, ▓▒ its interval, ┊ 0.667 and 0.8",
          .dim))
    }
    if annotators.count >= 3, let first = unitRows.first, first.fleissItems != first.items {
      lines.append(
        OutputLine(
          "Fleiss κ uses the \(plural(first.fleissItems, unitKind.rawValue)) every annotator coded; α and agreement use every \(unitKind.rawValue) two or more coded",
          .dim))
    }
    if !pairRows.isEmpty {
      lines.append(OutputLine("pairs, over whole tag sets:", .dim))
      var pairs: [[String]] = [["pair", "items", "agree", "Cohen κ"]]
      for p in pairRows {
        pairs.append(["\(p.a) – \(p.b)", String(p.items), fixed(p.percent * 100, 1) + "%", fixed(p.cohen)])
      }
      lines += Self.layout(pairs, numericFrom: 1)
    }
    if unitRows.contains(where: { $0.alpha.isNaN && $0.items > 0 }) {
      lines.append(OutputLine("— : undefined (every value the same, so no disagreement could be expected)", .dim))
    }
    return lines
  }

  private func spanTable() -> [OutputLine] {
    var table: [[String]] = [["tag"] + annotators + ["exact F1", "overlap F1", "α_u"]]
    for row in spanRows {
      let counts = row.kind == .tag ? row.counts.map(String.init) : annotators.map { _ in "" }
      table.append([row.tag] + counts + [fixed(row.exactF1), fixed(row.overlapF1), fixed(row.unitizingAlpha)])
    }
    var lines = Self.layout(table, numericFrom: 1)
    if annotators.count >= 3 {
      lines.append(OutputLine("F1 per tag and micro are means over the pairs:", .dim))
      var pairs: [[String]] = [["pair", "documents", "exact F1", "overlap F1"]]
      for p in spanPairs {
        pairs.append(["\(p.a) – \(p.b)", String(p.documents), fixed(p.match.exactF1), fixed(p.match.overlapF1)])
      }
      lines += Self.layout(pairs, numericFrom: 1)
    }
    lines.append(
      OutputLine(
        "exact: same start, end and tag; overlap: sharing a code point with a span of the same tag; macro: mean over tags",
        .dim))
    lines.append(
      OutputLine(
        "α_u: Krippendorff's unitizing α over the \(plural(unitizingDocuments, "document")) every annotator coded (\(unitizingLength) code points, end to end); micro pools the tags",
        .dim))
    return lines
  }

  /// Columns padded to their widths; columns from `numericFrom` on are right-aligned.
  static func layout(_ rows: [[String]], numericFrom: Int) -> [OutputLine] {
    guard let header = rows.first else { return [] }
    var widths = [Int](repeating: 0, count: header.count)
    for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
    return rows.enumerated().map { r, row in
      var spans = [TextRun("  ")]
      for (i, cell) in row.enumerated() {
        let pad = String(repeating: " ", count: widths[i] - cell.count)
        if i > 0 { spans.append(TextRun("  ")) }
        let style: Style = r == 0 ? .dim : i == 0 ? .quoted : .number
        if i >= numericFrom {
          spans.append(TextRun(pad + cell, style))
        } else {
          spans.append(TextRun(cell + pad, style))
        }
      }
      return OutputLine(spans)
    }
  }

  // MARK: CSV

  /// Tidy CSV: one row per (tag, measure, pair) with its value and item count.
  /// Columns `unit, tag, measure, annotators, value, items`; an undefined
  /// value is an empty cell (NA in R and pandas).
  public func csv() -> String {
    var out = "unit,tag,measure,annotators,value,items\r\n"
    func row(_ tag: String, _ measure: String, _ who: [String], _ value: Double?, _ items: Int) {
      let cells = [
        unit == .sentence ? unitKind.rawValue : "span", tag, measure, who.joined(separator: "|"), exact(value) ?? "",
        String(items),
      ]
      out += cells.map(CSVWriter.field).joined(separator: ",") + "\r\n"
    }
    for r in unitRows {
      let tag = r.tag ?? "(all)"
      row(tag, "percent_agreement", annotators, r.percent, r.items)
      if let cohen = r.cohen { row(tag, "cohen_kappa", annotators, cohen, r.items) }
      if let fleiss = r.fleiss { row(tag, "fleiss_kappa", annotators, fleiss, r.fleissItems) }
      row(tag, "krippendorff_alpha", annotators, r.alpha, r.items)
      if let b = r.bootstrap {
        row(tag, "krippendorff_alpha_ci95_low", annotators, b.low, r.items)
        row(tag, "krippendorff_alpha_ci95_high", annotators, b.high, r.items)
        row(tag, "p_alpha_below_" + fixed(b.threshold), annotators, b.pBelow, r.items)
      }
    }
    for p in pairRows {
      row("(all)", "percent_agreement", [p.a, p.b], p.percent, p.items)
      row("(all)", "cohen_kappa", [p.a, p.b], p.cohen, p.items)
    }
    for r in spanRows {
      let tag = r.kind == .tag ? r.tag : "(\(r.kind.rawValue))"
      let spans = r.counts.reduce(0, +)
      row(tag, "exact_f1", annotators, r.exactF1, spans)
      row(tag, "overlap_f1", annotators, r.overlapF1, spans)
      row(tag, "unitizing_alpha", annotators, r.unitizingAlpha, unitizingLength)
    }
    for p in spanPairs {
      row("(micro)", "exact_f1", [p.a, p.b], p.match.exactF1, p.match.countA + p.match.countB)
      row("(micro)", "overlap_f1", [p.a, p.b], p.match.overlapF1, p.match.countA + p.match.countB)
    }
    for r in variableRows {
      row(
        "variable:" + r.variable + (r.value.map { "=" + $0 } ?? ""), "krippendorff_alpha_" + r.level, annotators,
        r.alpha, r.items)
    }
    for r in relationRows {
      row("relation:" + r.type, "exact_f1", annotators, r.exactF1, r.counts.reduce(0, +))
      row("relation:" + r.type, "overlap_f1", annotators, r.overlapF1, r.counts.reduce(0, +))
    }
    for r in attributeRows { row("attribute:" + r.attribute, "krippendorff_alpha", annotators, r.alpha, r.items) }
    return out
  }

  // MARK: JSON

  /// The report as one JSON object; undefined values are null.
  public func json() -> String {
    func list(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }
    var fields = [
      "\"unit\": \(JSON.quote(unit == .sentence ? unitKind.rawValue : "span"))",
      "\"annotators\": \(list(annotators.map(JSON.quote)))",
      "\"documents\": \(documents)",
      "\"shared_documents\": \(sharedDocuments)",
    ]
    if unit == .sentence {
      fields.append(
        "\"tags\": "
          + list(
            unitRows.map { r in
              "{\"tag\": \(r.tag.map(JSON.quote) ?? "null"), \"items\": \(r.items), \"percent_agreement\": \(number(r.percent)), \"cohen_kappa\": \(number(r.cohen)), \"fleiss_kappa\": \(number(r.fleiss)), \"fleiss_items\": \(r.fleissItems), \"krippendorff_alpha\": \(number(r.alpha))\(bootstrapJSON(r.bootstrap))}"
            }))
      fields.append(
        "\"pairs\": "
          + list(
            pairRows.map { p in
              "{\"annotators\": \(list([JSON.quote(p.a), JSON.quote(p.b)])), \"items\": \(p.items), \"percent_agreement\": \(number(p.percent)), \"cohen_kappa\": \(number(p.cohen))}"
            }))
    } else {
      fields.append(
        "\"tags\": "
          + list(
            spanRows.map { r in
              let counts = r.kind == .tag ? list(r.counts.map(String.init)) : "null"
              return
                "{\"tag\": \(JSON.quote(r.tag)), \"kind\": \(JSON.quote(r.kind.rawValue)), \"spans\": \(counts), \"exact_f1\": \(number(r.exactF1)), \"overlap_f1\": \(number(r.overlapF1)), \"unitizing_alpha\": \(number(r.unitizingAlpha))}"
            }))
      fields.append("\"unitizing_documents\": \(unitizingDocuments), \"unitizing_length\": \(unitizingLength)")
      fields.append(
        "\"pairs\": "
          + list(
            spanPairs.map { p in
              "{\"annotators\": \(list([JSON.quote(p.a), JSON.quote(p.b)])), \"documents\": \(p.documents), \"spans\": [\(p.match.countA), \(p.match.countB)], \"exact_matches\": \(p.match.exact), \"exact_f1\": \(number(p.match.exactF1)), \"overlap_f1\": \(number(p.match.overlapF1))}"
            }))
    }
    fields.append(
      "\"variables\": "
        + list(
          variableRows.map { r in
            "{\"variable\": \(JSON.quote(r.variable)), \"value\": \(r.value.map(JSON.quote) ?? "null"), \"level\": \(JSON.quote(r.level)), \"items\": \(r.items), \"krippendorff_alpha\": \(number(r.alpha))}"
          }))
    fields.append(
      "\"relations\": "
        + list(
          relationRows.map { r in
            "{\"type\": \(JSON.quote(r.type)), \"counts\": \(list(r.counts.map(String.init))), \"exact_f1\": \(number(r.exactF1)), \"overlap_f1\": \(number(r.overlapF1))}"
          }))
    fields.append(
      "\"attributes\": "
        + list(
          attributeRows.map { r in
            "{\"attribute\": \(JSON.quote(r.attribute)), \"items\": \(r.items), \"krippendorff_alpha\": \(number(r.alpha))}"
          }))
    return "{" + fields.joined(separator: ", ") + "}\n"
  }
}

/// `, "bootstrap": {...}` for a unit row's JSON, or nothing.
func bootstrapJSON(_ b: AlphaBootstrap?) -> String {
  guard let b else { return "" }
  return
    ", \"bootstrap\": {\"resamples\": \(b.resamples), \"defined\": \(b.defined), \"seed\": \(b.seed), \"ci95\": [\(number(b.low)), \(number(b.high))], \"threshold\": \(number(b.threshold)), \"p_below\": \(number(b.pBelow))}"
}

/// α as a bar on [0, 1] in block characters: filled up to α, its 95%
/// interval shaded (▓ from the lower end up to α, ▒ from α to the upper
/// end), the thresholds 0.667 and 0.8 dotted where nothing else is.
enum AlphaBar {
  static let width = 20
  static let scale = "0" + String(repeating: " ", count: width - 2) + "1"

  static func draw(alpha: Double, low: Double?, high: Double?) -> String {
    guard alpha.isFinite else { return String(repeating: " ", count: width) }
    let lower = low.flatMap { $0.isFinite ? $0 : nil } ?? alpha
    let upper = high.flatMap { $0.isFinite ? $0 : nil } ?? alpha
    var cells = ""
    for i in 0..<width {
      let middle = (Double(i) + 0.5) / Double(width)
      if middle <= alpha {
        cells += middle < lower ? "█" : "▓"
      } else if middle <= upper {
        cells += "▒"
      } else if i == Int(0.667 * Double(width)) || i == Int(0.8 * Double(width)) {
        cells += "┊"
      } else {
        cells += "·"
      }
    }
    return cells
  }
}
