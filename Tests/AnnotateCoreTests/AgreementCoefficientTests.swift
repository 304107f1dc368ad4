import Testing

@testable import AnnotateCore

@Suite struct AgreementCoefficientTests {
  /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the
  /// example with missing data: 4 observers, 12 units, values 1-5.
  static let krippendorff2011: [[Int?]] = [
    [1, 1, nil, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
    [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [nil, 5, 5, 5], [nil, nil, 1, 1], [nil, 3, nil, nil],
  ]

  @Test func krippendorffsPublishedNominalExampleWithMissingData() {
    let alpha = Agreement.krippendorffAlpha(reliability(Self.krippendorff2011, categories: 5))
    // The paper gives α = 0.743; the exact value is 1 − 9.5/37 · … = 0.74342…
    #expect(fixed(alpha) == "0.743")
    #expect(close(alpha, 0.743421052631579))
  }

  /// Fleiss (1971), Table 1: 30 patients, 6 diagnoses each (from varying
  /// psychiatrists), 5 categories; Fleiss reports κ = .430.
  static let fleiss1971: [[Int]] = [
    [0, 0, 0, 6, 0], [0, 3, 0, 0, 3], [0, 1, 4, 0, 1], [0, 0, 0, 0, 6], [0, 3, 0, 3, 0], [2, 0, 4, 0, 0],
    [0, 0, 4, 0, 2], [2, 0, 3, 1, 0], [2, 0, 0, 4, 0], [0, 0, 0, 0, 6], [1, 0, 0, 5, 0], [1, 1, 0, 4, 0],
    [0, 3, 3, 0, 0], [1, 0, 0, 5, 0], [0, 2, 0, 3, 1], [0, 0, 5, 0, 1], [3, 0, 0, 1, 2], [5, 1, 0, 0, 0],
    [0, 2, 0, 4, 0], [1, 0, 2, 0, 3], [0, 0, 0, 0, 6], [0, 1, 0, 5, 0], [0, 2, 0, 1, 3], [2, 0, 0, 4, 0],
    [1, 0, 0, 4, 1], [0, 5, 0, 1, 0], [4, 0, 0, 0, 2], [0, 2, 0, 4, 0], [1, 0, 5, 0, 0], [0, 0, 0, 0, 6],
  ]

  @Test func fleissPublishedExample() {
    let kappa = Agreement.fleissKappa(counts: Self.fleiss1971)
    #expect(fixed(kappa) == "0.430")
  }

  /// The standard two-rater worked example (50 grant proposals: 20 both yes,
  /// 15 both no, 5 and 10 split): p_o = 0.70, p_e = 0.50, κ = 0.40.
  @Test func cohenWorkedExample() {
    let rows: [[Int?]] =
      Array(repeating: [1, 1], count: 20) + Array(repeating: [1, 2], count: 5) + Array(repeating: [2, 1], count: 10)
      + Array(repeating: [2, 2], count: 15)
    let data = reliability(rows, categories: 2)
    let (kappa, items) = Agreement.cohenKappa(data, 0, 1)
    #expect(items == 50)
    #expect(close(kappa, 0.4))
    #expect(close(Agreement.percentAgreement(data).value, 0.7))
  }

  /// High agreement, κ = 0: one rater always says the same (Wills, "More on Cohen's kappa").
  @Test func cohenIsZeroWhenOneRaterNeverVaries() {
    let data = reliability([[3, 3], [3, 4], [3, 3], [3, 3], [3, 3]], categories: 4)
    #expect(close(Agreement.cohenKappa(data, 0, 1).value, 0))
    #expect(close(Agreement.percentAgreement(data).value, 0.8))
  }

  @Test func fleissOnAMatrixUsesOnlyCompleteItems() {
    let data = reliability(Self.krippendorff2011, categories: 5)
    let (_, items) = Agreement.fleissKappa(data)
    #expect(items == 8)
  }

  @Test func undefinedCoefficientsAreNaNNotNumbers() {
    let same = reliability([[1, 1], [1, 1], [1, 1]], categories: 2)
    #expect(Agreement.krippendorffAlpha(same).isNaN)
    #expect(Agreement.cohenKappa(same, 0, 1).value.isNaN)
    #expect(Agreement.percentAgreement(same).value == 1)
    let unpaired = reliability([[1, nil], [nil, 2]], categories: 2)
    #expect(Agreement.krippendorffAlpha(unpaired).isNaN)
    #expect(Agreement.percentAgreement(unpaired).items == 0)
    #expect(Agreement.fleissKappa(counts: []).isNaN)
  }

  @Test func percentAgreementAveragesPairsPerItem() {
    // Item 1: all three agree (3/3 pairs); item 2: one pair of three (1/3).
    let data = reliability([[1, 1, 1], [1, 1, 2]], categories: 2)
    #expect(close(Agreement.percentAgreement(data).value, (1 + 1.0 / 3) / 2))
  }

  @Test func fixedRoundsHalfAwayFromZeroAndShowsUndefined() {
    #expect(fixed(0.4305) == "0.431")
    #expect(fixed(-0.0004) == "0.000")
    #expect(fixed(-0.25, 1) == "-0.3")
    #expect(fixed(1) == "1.000")
    #expect(fixed(.nan) == "—")
  }
}

/// The bootstrap of α: repeatable by seed, the same on one core as on
/// many, and honest about resamples where α is undefined.
@Suite struct AlphaBootstrapTests {
  static func data(items: Int, agreeing: Int) -> ReliabilityData {
    var values: [Int32] = []
    for i in 0..<items {
      let truth = Int32(i % 2)
      values += [truth, i < agreeing ? truth : 1 - truth, truth]
    }
    return ReliabilityData(coders: 3, categories: 2, values: values)
  }

  @Test func theSameSeedGivesTheSameIntervalAndAnotherSeedAnother() throws {
    let data = Self.data(items: 400, agreeing: 340)
    let a = try #require(Agreement.bootstrapAlpha(data, resamples: 300, seed: 7, threshold: 0.8))
    let b = try #require(Agreement.bootstrapAlpha(data, resamples: 300, seed: 7, threshold: 0.8))
    let c = try #require(Agreement.bootstrapAlpha(data, resamples: 300, seed: 8, threshold: 0.8))
    #expect(a == b)
    #expect(a != c)
    let alpha = Agreement.krippendorffAlpha(data)
    #expect(a.low < alpha && alpha < a.high)
    #expect(a.defined == 300)
    #expect((0...1).contains(a.pBelow))
    // More resamples of the same data: an interval of about the same place.
    let wide = try #require(Agreement.bootstrapAlpha(data, resamples: 2000, seed: 7, threshold: 0.8))
    #expect(abs(wide.low - a.low) < 0.05 && abs(wide.high - a.high) < 0.05)
  }

  @Test func perfectAgreementHasNoDisagreementToResample() throws {
    let same = Self.data(items: 50, agreeing: 50)
    let b = try #require(Agreement.bootstrapAlpha(same, resamples: 100, seed: 1, threshold: 0.667))
    #expect(b.low == 1 && b.high == 1 && b.pBelow == 0)
    // One value per unit: nothing pairable, no bootstrap.
    let lonely = ReliabilityData(
      coders: 2, categories: 2, values: [0, ReliabilityData.missing, 1, ReliabilityData.missing])
    #expect(Agreement.bootstrapAlpha(lonely, resamples: 100, seed: 1, threshold: 0.667) == nil)
    // Every unit holds one category only: α undefined on every resample.
    let flat = ReliabilityData(coders: 2, categories: 2, values: [0, 0, 0, 0, 0, 0])
    let none = try #require(Agreement.bootstrapAlpha(flat, resamples: 10, seed: 1, threshold: 0.667))
    #expect(none.defined == 0 && none.low.isNaN && none.pBelow.isNaN)
  }
}
