/// A reliability data matrix: `items × coders` nominal values, as in
/// Krippendorff's "Computing Krippendorff's Alpha-Reliability" (2011).
///
/// Values are category numbers `0..<categories`; ``missing`` marks a coder
/// who gave no value for an item. Stored row by row (one item's coders
/// together), 32 bits a value, so a million items by three coders is 12 MB.
public struct ReliabilityData: Sendable, Equatable {
  /// The value of a coder who did not code an item.
  public static let missing: Int32 = -1

  public let coders: Int
  public let categories: Int
  /// `values[item * coders + coder]`.
  public private(set) var values: [Int32]

  public var items: Int { coders == 0 ? 0 : values.count / coders }

  /// An empty matrix; add items with ``append(_:)``.
  public init(coders: Int, categories: Int) {
    precondition(coders >= 1 && categories >= 1)
    self.coders = coders
    self.categories = categories
    self.values = []
  }

  /// A matrix from its values, row by row; every value is missing or below `categories`.
  public init(coders: Int, categories: Int, values: [Int32]) {
    precondition(coders >= 1 && categories >= 1 && values.count % coders == 0)
    precondition(values.allSatisfy { $0 == Self.missing || (0..<Int32(categories)).contains($0) })
    self.coders = coders
    self.categories = categories
    self.values = values
  }

  /// Adds one item: a value (or ``missing``) per coder.
  public mutating func append(_ row: [Int32]) {
    precondition(row.count == coders)
    values.append(contentsOf: row)
  }

  public mutating func reserveCapacity(items: Int) { values.reserveCapacity(items * coders) }

  /// Adds the items of `other`, coded by the same coders into the same categories.
  mutating func append(contentsOf other: ReliabilityData) {
    precondition(other.coders == coders && other.categories == categories)
    values.append(contentsOf: other.values)
  }

  /// Adds `count` items at once: `fill` gets their values, all ``missing``,
  /// to set at `item * coders + coder` (each a category below `categories`).
  mutating func appendItems(_ count: Int, _ fill: (UnsafeMutableBufferPointer<Int32>) -> Void) {
    let start = values.count
    values.append(contentsOf: repeatElement(Self.missing, count: count * coders))
    values.withUnsafeMutableBufferPointer { all in fill(UnsafeMutableBufferPointer(rebasing: all[start...])) }
  }

  public subscript(item: Int, coder: Int) -> Int32 { values[item * coders + coder] }
}

/// Agreement coefficients for nominal data. Each returns `nan` when the
/// coefficient is undefined (fewer than two pairable values, or no variation
/// to expect disagreement from), never a made-up number.
public enum Agreement {
  /// Krippendorff's α for nominal data, missing values allowed: items with
  /// fewer than two values are not pairable and drop out (Krippendorff 2011).
  ///
  /// With `n_uc` the number of values `c` in item `u` and `m_u` the item's
  /// values, the coincidence diagonal is `o_cc = Σ_u n_uc(n_uc − 1)/(m_u − 1)`,
  /// the marginals `n_c = Σ_u n_uc` over pairable items, and
  /// `α = 1 − (n − 1)(n − Σ_c o_cc) / (n(n − 1) − Σ_c n_c(n_c − 1))`.
  public static func krippendorffAlpha(_ data: ReliabilityData) -> Double {
    let k = data.categories
    var marginals = [Int](repeating: 0, count: k)
    var diagonal = 0.0
    var counts = [Int](repeating: 0, count: k)
    data.values.withUnsafeBufferPointer { values in
      counts.withUnsafeMutableBufferPointer { counts in
        marginals.withUnsafeMutableBufferPointer { marginals in
          let m = data.coders
          var base = 0
          while base < values.count {
            var present = 0
            for j in 0..<m {
              let v = values[base + j]
              if v >= 0 {
                counts[Int(v)] += 1
                present += 1
              }
            }
            if present >= 2 {
              var same = 0
              for j in 0..<m {
                let v = values[base + j]
                if v >= 0, counts[Int(v)] > 0 {
                  let c = counts[Int(v)]
                  same += c * (c - 1)
                  marginals[Int(v)] += c
                  counts[Int(v)] = 0
                }
              }
              diagonal += Double(same) / Double(present - 1)
            } else {
              for j in 0..<m where values[base + j] >= 0 { counts[Int(values[base + j])] = 0 }
            }
            base += m
          }
        }
      }
    }
    return alpha(marginals: marginals, diagonal: diagonal)
  }

  /// Observed agreement: over items with at least two values, the share of
  /// pairs of coders that agree, averaged over items. For two coders, the
  /// share of items both coded that they coded alike.
  public static func percentAgreement(_ data: ReliabilityData) -> (value: Double, items: Int) {
    var total = 0.0
    var items = 0
    forEachItemCounts(data) { counts, present in
      guard present >= 2 else { return }
      var same = 0
      for c in counts where c > 1 { same += c * (c - 1) }
      total += Double(same) / Double(present * (present - 1))
      items += 1
    }
    return (items == 0 ? .nan : total / Double(items), items)
  }

  /// Cohen's κ (1960) of two coders over the items both coded:
  /// `(p_o − p_e) / (1 − p_e)` with `p_e` from each coder's own marginals.
  public static func cohenKappa(_ data: ReliabilityData, _ a: Int, _ b: Int) -> (value: Double, items: Int) {
    let k = data.categories
    var rowTotals = [Int](repeating: 0, count: k)
    var columnTotals = [Int](repeating: 0, count: k)
    var agree = 0
    var n = 0
    for item in 0..<data.items {
      let x = data[item, a]
      let y = data[item, b]
      guard x >= 0, y >= 0 else { continue }
      rowTotals[Int(x)] += 1
      columnTotals[Int(y)] += 1
      if x == y { agree += 1 }
      n += 1
    }
    guard n > 0 else { return (.nan, 0) }
    let po = Double(agree) / Double(n)
    var pe = 0.0
    for c in 0..<k { pe += Double(rowTotals[c]) * Double(columnTotals[c]) }
    pe /= Double(n) * Double(n)
    return (pe == 1 ? .nan : (po - pe) / (1 - pe), n)
  }

  /// Fleiss' κ (1971) over the items every coder coded.
  public static func fleissKappa(_ data: ReliabilityData) -> (value: Double, items: Int) {
    var rows: [[Int]] = []
    forEachItemCounts(data) { counts, present in
      if present == data.coders { rows.append(Array(counts)) }
    }
    return (fleissKappa(counts: rows), rows.count)
  }

  /// Fleiss' κ from Fleiss' own form: for each subject, how many raters put
  /// it in each category. Every subject needs the same number (≥ 2) of
  /// ratings; the raters themselves may differ from subject to subject.
  public static func fleissKappa(counts: [[Int]]) -> Double {
    guard let first = counts.first else { return .nan }
    let raters = first.reduce(0, +)
    guard raters >= 2, counts.allSatisfy({ $0.reduce(0, +) == raters && $0.count == first.count }) else {
      return .nan
    }
    var categoryTotals = [Int](repeating: 0, count: first.count)
    var pBar = 0.0
    for row in counts {
      var squares = 0
      for (j, c) in row.enumerated() {
        squares += c * c
        categoryTotals[j] += c
      }
      pBar += Double(squares - raters) / Double(raters * (raters - 1))
    }
    let subjects = Double(counts.count)
    pBar /= subjects
    let all = subjects * Double(raters)
    let pe = categoryTotals.reduce(0.0) { $0 + (Double($1) / all) * (Double($1) / all) }
    return pe == 1 ? .nan : (pBar - pe) / (1 - pe)
  }

  /// Calls `body` with each item's category counts and number of values.
  static func forEachItemCounts(_ data: ReliabilityData, _ body: (UnsafeBufferPointer<Int>, Int) -> Void) {
    var counts = [Int](repeating: 0, count: data.categories)
    counts.withUnsafeMutableBufferPointer { counts in
      for item in 0..<data.items {
        var present = 0
        for j in 0..<data.coders {
          let v = data[item, j]
          if v >= 0 {
            counts[Int(v)] += 1
            present += 1
          }
        }
        body(UnsafeBufferPointer(counts), present)
        for j in 0..<data.coders where data[item, j] >= 0 { counts[Int(data[item, j])] = 0 }
      }
    }
  }
}
