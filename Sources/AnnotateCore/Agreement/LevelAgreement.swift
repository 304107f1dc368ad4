/// Agreement beyond tags: document-level variables (Krippendorff's α,
/// nominal or ordinal), relations (F1 per type), span attributes (α over
/// the spans annotators marked alike).
public struct VariableAgreementRow: Equatable, Sendable {
  /// The variable, and for a several-values variable the value (each value
  /// is then an item of its own: chosen or not).
  public var variable: String
  public var value: String?
  public var level: String
  public var items: Int
  public var alpha: Double
}

public struct RelationAgreementRow: Equatable, Sendable {
  public var type: String
  /// Relations of the type, per annotator.
  public var counts: [Int]
  public var exactF1: Double
  public var overlapF1: Double
}

public struct AttributeAgreementRow: Equatable, Sendable {
  public var attribute: String
  public var items: Int
  public var alpha: Double
}

extension Agreement {
  /// Krippendorff's α with a distance: nominal (0 or 1) or ordinal (the
  /// ranks between two values, Krippendorff 2011 §4: δ²_ck = (Σ_{g=c..k} n_g
  /// − (n_c + n_k)/2)²), from the coincidence matrix of pairable items.
  public static func krippendorffAlpha(_ data: ReliabilityData, ordinal: Bool) -> Double {
    guard ordinal else { return krippendorffAlpha(data) }
    let k = data.categories
    var o = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
    for item in 0..<data.items {
      let values = (0..<data.coders).map { data[item, $0] }.filter { $0 >= 0 }.map(Int.init)
      guard values.count >= 2 else { continue }
      let weight = 1.0 / Double(values.count - 1)
      for (i, c) in values.enumerated() {
        for (j, d) in values.enumerated() where i != j { o[c][d] += weight }
      }
    }
    let n = o.map { $0.reduce(0, +) }
    let total = n.reduce(0, +)
    guard total >= 2 else { return .nan }
    func delta(_ c: Int, _ d: Int) -> Double {
      let (lo, hi) = (min(c, d), max(c, d))
      let between = (lo...hi).reduce(0.0) { $0 + n[$1] } - (n[lo] + n[hi]) / 2
      return between * between
    }
    var observed = 0.0
    var expected = 0.0
    for c in 0..<k {
      for d in 0..<k where c != d {
        let distance = delta(c, d)
        observed += o[c][d] * distance
        expected += n[c] * n[d] * distance
      }
    }
    expected /= (total - 1)
    guard expected > 0 else { return .nan }
    return 1 - observed / expected
  }
}

extension AgreementReport {
  /// α for each document-level variable, over the documents two or more coded.
  mutating func fillVariableRows(team: Team, codebook: Codebook) {
    let m = team.annotators.count
    for variable in codebook.variables {
      if variable.multiple {
        for value in variable.values {
          var data = ReliabilityData(coders: m, categories: 2)
          for row in team.sets {
            let values: [Int32] = row.map { set in
              guard let chosen = set?.codes[variable.name] else { return ReliabilityData.missing }
              return chosen.contains(value) ? 1 : 0
            }
            if values.filter({ $0 >= 0 }).count >= 2 { data.append(values) }
          }
          variableRows.append(
            VariableAgreementRow(
              variable: variable.name, value: value, level: "nominal", items: data.items,
              alpha: Agreement.krippendorffAlpha(data)))
        }
        continue
      }
      var data = ReliabilityData(coders: m, categories: variable.values.count)
      for row in team.sets {
        let values: [Int32] = row.map { set in
          guard let value = set?.codes[variable.name]?.first, let index = variable.values.firstIndex(of: value) else {
            return ReliabilityData.missing
          }
          return Int32(index)
        }
        if values.filter({ $0 >= 0 }).count >= 2 { data.append(values) }
      }
      variableRows.append(
        VariableAgreementRow(
          variable: variable.name, value: nil, level: variable.ordered ? "ordinal" : "nominal", items: data.items,
          alpha: Agreement.krippendorffAlpha(data, ordinal: variable.ordered)))
    }
  }

  /// Relation F1 per type, pooled over the pairs of annotators and the
  /// documents both coded: exact (both ends at the same ranges) and
  /// overlapping (each end overlapping, matched one to one in text order).
  mutating func fillRelationRows(team: Team, codebook: Codebook) {
    let m = team.annotators.count
    var types = codebook.relations.map(\.name)
    for row in team.sets {
      for set in row.compactMap({ $0 }) {
        for r in set.relations where !types.contains(r.type) { types.append(r.type) }
      }
    }
    for type in types {
      let directed = codebook.relation(named: type)?.directed ?? true
      var counts = [Int](repeating: 0, count: m)
      var exactMatched = 0
      var overlapMatched = 0
      var size = 0
      for row in team.sets {
        let ends: [[(TextRange, TextRange)]?] = row.map { set in
          set.map { set in
            set.relations.filter { $0.type == type }.compactMap { r -> (TextRange, TextRange)? in
              guard let a = set.annotation(r.from), let b = set.annotation(r.to), !a.orphaned, !b.orphaned else {
                return nil
              }
              let pair = (a.range, b.range)
              return directed || (pair.0.start, pair.0.end) <= (pair.1.start, pair.1.end) ? pair : (pair.1, pair.0)
            }.sorted { ($0.0.start, $0.0.end, $0.1.start, $0.1.end) < ($1.0.start, $1.0.end, $1.1.start, $1.1.end) }
          }
        }
        for j in 0..<m { counts[j] += ends[j]?.count ?? 0 }
        for a in 0..<m {
          for b in (a + 1)..<m {
            guard let x = ends[a], let y = ends[b] else { continue }
            size += x.count + y.count
            // Exact: the multiset intersection.
            var left = y.map { "\($0.0.start),\($0.0.end),\($0.1.start),\($0.1.end)" }
            for r in x {
              let key = "\(r.0.start),\(r.0.end),\(r.1.start),\(r.1.end)"
              if let i = left.firstIndex(of: key) {
                left.remove(at: i)
                exactMatched += 1
              }
            }
            // Overlapping: each of x takes the first of y still free whose ends both overlap.
            var free = [Bool](repeating: true, count: y.count)
            for r in x {
              if let i = y.indices.first(where: { free[$0] && y[$0].0.overlaps(r.0) && y[$0].1.overlaps(r.1) }) {
                free[i] = false
                overlapMatched += 1
              }
            }
          }
        }
      }
      relationRows.append(
        RelationAgreementRow(
          type: type, counts: counts, exactF1: size == 0 ? .nan : 2 * Double(exactMatched) / Double(size),
          overlapF1: size == 0 ? .nan : 2 * Double(overlapMatched) / Double(size)))
    }
  }

  /// Nominal α for each attribute over spans at the same range by two or
  /// more annotators: a value, "not set" on a span without it, missing for
  /// an annotator with no span there.
  mutating func fillAttributeRows(team: Team, codebook: Codebook) {
    let m = team.annotators.count
    for attribute in codebook.attributes {
      var data = ReliabilityData(coders: m, categories: attribute.values.count + 1)
      for row in team.sets {
        var byRange: [TextRange: [Int32]] = [:]
        for (j, set) in row.enumerated() {
          for a in set?.annotations ?? AnnotationList()
          where !a.orphaned && (attribute.tags.isEmpty || a.tags.contains(where: attribute.tags.contains)) {
            let value = a.attributes[attribute.name].flatMap { attribute.values.firstIndex(of: $0) }
            byRange[a.range, default: [Int32](repeating: ReliabilityData.missing, count: m)][j] =
              Int32(value ?? attribute.values.count)
          }
        }
        for range in byRange.keys.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
          let values = byRange[range]!
          if values.filter({ $0 >= 0 }).count >= 2 { data.append(values) }
        }
      }
      attributeRows.append(
        AttributeAgreementRow(attribute: attribute.name, items: data.items, alpha: Agreement.krippendorffAlpha(data)))
    }
  }
}
