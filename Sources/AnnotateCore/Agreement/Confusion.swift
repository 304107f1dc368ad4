/// Which tags two annotators give the same words: each of A's labelled
/// spans paired with the one of B's it overlaps most (exact same range and
/// tag first, then the largest overlap, each span used once), in the
/// documents both coded. Unpaired spans count against "none", so the
/// diagonal is agreement and the rest shows which tags are confused with
/// which, and which are missed.
public struct TagConfusion: Equatable, Sendable {
  public var a: String
  public var b: String
  /// Row and column labels: the tags in codebook order, then "none".
  public var labels: [String]
  /// `counts[row][column]`: A's label by B's label.
  public var counts: [[Int]]
  public var documents: Int

  public static let none = "none"

  public static func make(team: Team, a: Int, b: Int, codebook: Codebook) -> TagConfusion {
    let shared = team.sets.map { $0[a] != nil && $0[b] != nil }
    let spansA = team.labelledSpans(a, documents: shared)
    let spansB = team.labelledSpans(b, documents: shared)
    let tags = codebook.ordered(Set(spansA.map(\.tag) + spansB.map(\.tag)))
    let labels = tags + [none]
    let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
    var counts = [[Int]](repeating: [Int](repeating: 0, count: labels.count), count: labels.count)
    let byDocumentA = Dictionary(grouping: spansA, by: \.document)
    let byDocumentB = Dictionary(grouping: spansB, by: \.document)
    for d in shared.indices where shared[d] {
      let x = byDocumentA[d] ?? []
      let y = byDocumentB[d] ?? []
      // Candidate pairs, best first: the same words and tag, then overlap, then the same tag.
      var pairs: [(i: Int, j: Int, exact: Bool, overlap: Int, same: Bool)] = []
      for (i, s) in x.enumerated() {
        for (j, t) in y.enumerated() {
          let overlap = min(s.range.end, t.range.end) - max(s.range.start, t.range.start)
          guard overlap > 0 || s.range == t.range else { continue }
          pairs.append((i, j, s.range == t.range && s.tag == t.tag, overlap, s.tag == t.tag))
        }
      }
      pairs.sort { ($0.exact ? 1 : 0, $0.overlap, $0.same ? 1 : 0) > ($1.exact ? 1 : 0, $1.overlap, $1.same ? 1 : 0) }
      var usedA = Set<Int>()
      var usedB = Set<Int>()
      for p in pairs where !usedA.contains(p.i) && !usedB.contains(p.j) {
        usedA.insert(p.i)
        usedB.insert(p.j)
        counts[index[x[p.i].tag]!][index[y[p.j].tag]!] += 1
      }
      for (i, s) in x.enumerated() where !usedA.contains(i) { counts[index[s.tag]!][labels.count - 1] += 1 }
      for (j, t) in y.enumerated() where !usedB.contains(j) { counts[labels.count - 1][index[t.tag]!] += 1 }
    }
    return TagConfusion(
      a: team.annotators[a], b: team.annotators[b], labels: labels, counts: counts,
      documents: shared.lazy.filter { $0 }.count)
  }

  /// The matrix as a table, rows A's tags and columns B's, the diagonal bold.
  public func lines() -> [OutputLine] {
    guard documents > 0 else {
      return [OutputLine("\(a) and \(b) have coded no document in common — nothing to compare", .dim)]
    }
    var lines = [
      OutputLine(
        [
          TextRun("tag confusion", .bold),
          TextRun(
            " · rows \(a), columns \(b) · \(plural(documents, "document")) both coded · spans paired by overlap",
            .dim),
        ], wrapIndent: 2)
    ]
    let rowWidth = max(a.count + 3, (labels.map(\.count).max() ?? 0))
    let widths = labels.map { label in max(label.count, counts.flatMap { $0 }.map { String($0).count }.max() ?? 1) }
    var header = [TextRun("  " + "\(a) ↓ \(b) →".padding(toLength: rowWidth + 6) + "  ", .dim)]
    for (k, label) in labels.enumerated() {
      header.append(TextRun(String(repeating: " ", count: widths[k] - label.count) + label + "  ", .bold))
    }
    lines.append(OutputLine(header))
    for (r, label) in labels.enumerated() {
      var runs = [TextRun("  " + label.padding(toLength: rowWidth + 6) + "  ", .bold)]
      for (c, count) in counts[r].enumerated() {
        let text = String(repeating: " ", count: widths[c] - String(count).count) + String(count) + "  "
        runs.append(TextRun(text, r == c && r < labels.count - 1 ? .number : count == 0 ? .dim : .warning))
      }
      lines.append(OutputLine(runs))
    }
    let agreed = (0..<(labels.count - 1)).reduce(0) { $0 + counts[$1][$1] }
    let total = counts.flatMap { $0 }.reduce(0, +)
    lines.append(
      OutputLine(
        "\(agreed) of \(plural(total, "span")) on the diagonal (same words, overlapping, and the same tag); none: a span the other did not overlap",
        .dim))
    return lines
  }

  /// Tidy CSV: `a_tag,b_tag,count`, "none" for an unpaired span.
  public func csv() -> String {
    var out = "annotator_a,annotator_b,tag_a,tag_b,count\r\n"
    for (r, row) in labels.enumerated() {
      for (c, column) in labels.enumerated() {
        out += [a, b, row, column, String(counts[r][c])].map(CSVWriter.field).joined(separator: ",") + "\r\n"
      }
    }
    return out
  }
}

extension TagConfusion {
  /// `{"a": …, "b": …, "labels": […], "counts": [[…]], "documents": N}`.
  public func json() -> String {
    let rows = counts.map { "[" + $0.map(String.init).joined(separator: ", ") + "]" }.joined(separator: ", ")
    return
      "{\"a\": \(JSON.quote(a)), \"b\": \(JSON.quote(b)), \"documents\": \(documents), \"labels\": [\(labels.map(JSON.quote).joined(separator: ", "))], \"counts\": [\(rows)]}\n"
  }

  public func text(_ format: AgreementFormat) -> String {
    switch format {
    case .table: return Renderer(color: false).render(CommandOutput(lines()))
    case .csv: return csv()
    case .json: return json()
    }
  }
}

extension String {
  /// Padded with spaces to `length` characters (never cut).
  func padding(toLength length: Int) -> String { self + String(repeating: " ", count: max(0, length - count)) }
}
