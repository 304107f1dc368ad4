/// A bootstrap distribution of Krippendorff's α (nominal): how far α could
/// move if other units of the same kind had been coded.
///
/// Following Hayes & Krippendorff (2007), the units are resampled: each
/// resample draws as many pairable units as the data has, with replacement,
/// and α is computed again on it. The 95% interval is the 2.5th and 97.5th
/// percentiles of the resampled α; `pBelow` is the share of resamples whose
/// α falls below the threshold a study must reach (0.667 for tentative
/// conclusions, 0.8 for firm ones, in Krippendorff's terms).
///
/// The draws are the contract `Tests/clients/bootstrap_reference.py`
/// follows: resample `r` uses SplitMix64 from `seed + r × 0xD1B54A32D192ED03`
/// and takes unit `⌊next() × N / 2⁶⁴⌋` each time, so the same seed gives
/// the same interval on any machine and any number of cores.
public struct AlphaBootstrap: Equatable, Sendable {
  public var resamples: Int
  public var seed: UInt64
  public var threshold: Double
  /// Resamples on which α was defined (a resample may hold one category only).
  public var defined: Int
  public var low: Double
  public var high: Double
  /// The share of resamples with α below `threshold`.
  public var pBelow: Double

  /// What `agree --bootstrap` runs with unless told otherwise.
  public static let defaultSeed: UInt64 = 1
  public static let defaultThreshold = 0.667
}

extension Agreement {
  /// The bootstrap of α on `data` (see ``AlphaBootstrap``); nil when no
  /// unit is pairable. Resamples are spread over every core.
  public static func bootstrapAlpha(
    _ data: ReliabilityData, resamples: Int, seed: UInt64, threshold: Double, progress: ((Int, Int) -> Void)? = nil
  ) -> AlphaBootstrap? {
    // A pairable unit's part in α is its coincidence diagonal and its values'
    // counts; units alike in both are one kind, so a resample is a count per kind.
    var kindOf: [Int32] = []
    var kinds: [[Int]: Int32] = [:]
    var kindCounts: [[Int]] = []
    forEachItemCounts(data) { counts, present in
      guard present >= 2 else { return }
      let key = Array(counts)
      let next = Int32(kindCounts.count)
      let kind = kinds[key, default: next]
      if kind == next {
        kinds[key] = next
        kindCounts.append(key)
      }
      kindOf.append(kind)
    }
    guard !kindOf.isEmpty, resamples > 0 else { return nil }
    let units = kindOf
    // Per kind: its diagonal share, and its values as (category, count).
    let diagonal = kindCounts.map { counts -> Double in
      let present = counts.reduce(0, +)
      return Double(counts.reduce(0) { $0 + $1 * ($1 - 1) }) / Double(present - 1)
    }
    let values = kindCounts.map { counts in counts.indices.filter { counts[$0] > 0 }.map { ($0, counts[$0]) } }
    let categories = data.categories
    let chunk = 16
    let blocks = Array(stride(from: 0, to: resamples, by: chunk))
    // In waves, so that progress is told between them from this thread.
    var alphas: [Double] = []
    alphas.reserveCapacity(resamples)
    for wave in stride(from: 0, to: blocks.count, by: 64) {
      alphas += resample(
        Array(blocks[wave..<min(wave + 64, blocks.count)]), chunk: chunk, resamples: resamples, seed: seed,
        units: units, diagonal: diagonal, values: values, categories: categories)
      progress?(alphas.count, resamples)
    }
    let sorted = alphas.filter { !$0.isNaN }.sorted()
    let v = sorted.count
    guard v > 0 else {
      return AlphaBootstrap(
        resamples: resamples, seed: seed, threshold: threshold, defined: 0, low: .nan, high: .nan, pBelow: .nan)
    }
    let low = sorted[Int((0.025 * Double(v)).rounded(.down))]
    let high = sorted[max(0, Int((0.975 * Double(v)).rounded(.up)) - 1)]
    let below = sorted.lazy.filter { $0 < threshold }.count
    return AlphaBootstrap(
      resamples: resamples, seed: seed, threshold: threshold, defined: v, low: low, high: high,
      pBelow: Double(below) / Double(v))
  }

  /// α on each resample of a wave of blocks, on every core.
  private static func resample(
    _ blocks: [Int], chunk: Int, resamples: Int, seed: UInt64, units: [Int32], diagonal: [Double],
    values: [[(Int, Int)]], categories: Int
  ) -> [Double] {
    Parallel.map(blocks) { first -> [Double] in
      var drawn = [Int](repeating: 0, count: values.count)
      var marginals = [Int](repeating: 0, count: categories)
      var out: [Double] = []
      for r in first..<min(first + chunk, resamples) {
        var rng = SplitMix64(state: seed &+ UInt64(r) &* 0xD1B5_4A32_D192_ED03)
        for k in drawn.indices { drawn[k] = 0 }
        let n = UInt64(units.count)
        units.withUnsafeBufferPointer { units in
          drawn.withUnsafeMutableBufferPointer { drawn in
            for _ in 0..<units.count { drawn[Int(units[Int(rng.next().multipliedFullWidth(by: n).high)])] += 1 }
          }
        }
        for c in marginals.indices { marginals[c] = 0 }
        var same = 0.0
        for (kind, times) in drawn.enumerated() where times > 0 {
          same += Double(times) * diagonal[kind]
          for (category, count) in values[kind] { marginals[category] += times * count }
        }
        out.append(alpha(marginals: marginals, diagonal: same))
      }
      return out
    }.flatMap { $0 }
  }

  /// α from the marginals of the pairable values and the coincidence
  /// diagonal's sum (the formula of ``krippendorffAlpha(_:)``).
  static func alpha(marginals: [Int], diagonal: Double) -> Double {
    let n = Double(marginals.reduce(0, +))
    let expected = n * (n - 1) - marginals.reduce(0.0) { $0 + Double($1) * Double($1 - 1) }
    guard n >= 2, expected > 0 else { return .nan }
    return 1 - (n - 1) * (n - diagonal) / expected
  }
}
