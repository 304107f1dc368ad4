/// Raters' units on one continuum, per category: what Krippendorff's
/// unitizing α (α_u) compares. Positions are code points of the continuum.
public struct UnitizingData: Sendable {
  /// The continuum is `0..<length`.
  public let length: Int
  public let raters: Int
  /// `units[category][rater]`: sorted, non-overlapping, non-empty, inside the continuum.
  public private(set) var units: [[[TextRange]]]

  /// Units of each category and rater, given in any order: overlapping or
  /// touching units of one rater and category are merged (α_u assumes a
  /// rater's units of a category never overlap), empty ones dropped.
  public init(length: Int, raters: Int, units: [[[TextRange]]]) {
    precondition(length >= 1 && raters >= 2 && units.allSatisfy { $0.count == raters })
    self.length = length
    self.raters = raters
    self.units = units.map { perRater in
      perRater.map { list in
        var merged: [TextRange] = []
        for r in list.sorted() where !r.isEmpty {
          precondition(r.start >= 0 && r.end <= length, "unit \(r) is outside the continuum 0..<\(length)")
          if let last = merged.last, r.start <= last.end {
            merged[merged.count - 1] = TextRange(start: last.start, end: max(last.end, r.end))
          } else {
            merged.append(r)
          }
        }
        return merged
      }
    }
  }
}

/// α_u for one category: observed and expected disagreement.
public struct UnitizingFigures: Equatable, Sendable {
  public var observed: Double
  public var expected: Double
  public var alpha: Double { expected > 0 ? 1 - observed / expected : .nan }
}

extension Agreement {
  /// Krippendorff's unitizing α (1995; Content Analysis, 2004, ch. 12) per
  /// category, and over all categories as `1 − ΣD_o / ΣD_e`.
  ///
  /// Each rater's continuum is cut into sections: units of the category and
  /// the gaps between them. Two overlapping sections of two raters disagree
  /// by `(b_i − b_j)² + (e_i − e_j)²` when both are units, by `l²` when a unit
  /// of length l lies inside the other's gap, and not at all otherwise.
  public static func unitizingAlpha(_ data: UnitizingData) -> (categories: [UnitizingFigures], alpha: Double) {
    // Each category on its own core.
    let length = data.length
    let figures = Parallel.map(data.units) { unitizingFigures($0, length: length) }
    let observed = figures.reduce(0) { $0 + $1.observed }
    let expected = figures.reduce(0) { $0 + $1.expected }
    return (figures, expected > 0 ? 1 - observed / expected : .nan)
  }

  /// A section of one rater's continuum: a unit or a gap.
  private struct Section {
    var start: Int
    var end: Int
    var isUnit: Bool
  }

  private static func sections(_ units: [TextRange], length: Int) -> [Section] {
    var out: [Section] = []
    var position = 0
    for u in units {
      if u.start > position { out.append(Section(start: position, end: u.start, isUnit: false)) }
      out.append(Section(start: u.start, end: u.end, isUnit: true))
      position = u.end
    }
    if position < length { out.append(Section(start: position, end: length, isUnit: false)) }
    return out
  }

  private static func distance(_ a: Section, _ b: Section) -> Double {
    let la = Double(a.end - a.start)
    let lb = Double(b.end - b.start)
    switch (a.isUnit, b.isUnit) {
    case (true, true) where a.start < b.end && b.start < a.end:
      let ds = Double(a.start - b.start)
      let de = Double(a.end - b.end)
      return ds * ds + de * de
    case (true, false) where b.start <= a.start && a.end <= b.end: return la * la
    case (false, true) where a.start <= b.start && b.end <= a.end: return lb * lb
    default: return 0
    }
  }

  static func unitizingFigures(_ units: [[TextRange]], length: Int) -> UnitizingFigures {
    let raters = units.count
    let L = Double(length)
    let R = Double(raters)
    let cuts = units.map { sections($0, length: length) }
    // Observed: every overlapping pair of sections of every pair of raters, once.
    var observed = 0.0
    for a in 0..<raters {
      for b in (a + 1)..<raters {
        let x = cuts[a]
        let y = cuts[b]
        var i = 0
        var j = 0
        while i < x.count && j < y.count {
          observed += distance(x[i], y[j])
          if x[i].end < y[j].end {
            i += 1
          } else if y[j].end < x[i].end {
            j += 1
          } else {
            i += 1
            j += 1
          }
        }
      }
    }
    observed = 2 * observed / (R * (R - 1) * L * L)
    // Expected: every unit against every gap it could fall into, and every other unit.
    let all = units.flatMap { $0 }
    let count = Double(all.count)
    guard !all.isEmpty else { return UnitizingFigures(observed: observed, expected: 0) }
    var gaps = cuts.flatMap { $0.filter { !$0.isUnit }.map { Double($0.end - $0.start) } }
    gaps.sort()
    // suffix[k]: the sum of gaps[k...].
    var suffix = [Double](repeating: 0, count: gaps.count + 1)
    for k in stride(from: gaps.count - 1, through: 0, by: -1) { suffix[k] = suffix[k + 1] + gaps[k] }
    var sum = 0.0
    var squaredLengths = 0.0
    for u in all {
      let l = Double(u.count)
      squaredLengths += l * (l - 1)
      // Σ over gaps g ≥ l of (g − l + 1).
      var lo = 0
      var hi = gaps.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if gaps[mid] < l { lo = mid + 1 } else { hi = mid }
      }
      let fitting = suffix[lo] - Double(gaps.count - lo) * (l - 1)
      sum += (count - 1) * (2 * l * l * l - 3 * l * l + l) / 3 + l * l * fitting
    }
    let expected = (2 / L) * sum / (R * L * (R * L - 1) - squaredLengths)
    return UnitizingFigures(observed: observed, expected: expected)
  }
}
