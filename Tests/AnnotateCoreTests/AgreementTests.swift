import Testing

@testable import AnnotateCore

/// A reliability matrix from rows of 1-based values, nil for missing.
func reliability(_ rows: [[Int?]], categories: Int) -> ReliabilityData {
  var data = ReliabilityData(coders: rows[0].count, categories: categories)
  for row in rows { data.append(row.map { $0.map { Int32($0 - 1) } ?? ReliabilityData.missing }) }
  return data
}

func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool { abs(a - b) <= tolerance }

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

@Suite struct SpanMatchTests {
  func spans(_ list: [(Int, Int, String)], document: Int = 0) -> [LabelledSpan] {
    list.map { LabelledSpan(document: document, range: TextRange(start: $0.0, end: $0.1), tag: $0.2) }
  }

  @Test func exactAndOverlapF1PerTag() {
    let a = spans([(0, 10, "claim"), (20, 30, "claim"), (40, 50, "claim"), (5, 8, "opinion")])
    let b = spans([(0, 10, "claim"), (25, 35, "claim"), (60, 70, "opinion")])
    let m = Agreement.matchSpans(a, b)
    let claim = m["claim"]!
    #expect(claim.countA == 3 && claim.countB == 2 && claim.exact == 1)
    #expect(close(claim.exactF1, 2.0 / 5))
    // A: 2 of 3 overlap; B: 2 of 2. F1 = 2·(2/3·1)/(2/3 + 1) = 0.8.
    #expect(claim.overlappingA == 2 && claim.overlappingB == 2)
    #expect(close(claim.overlapF1, 0.8))
    let opinion = m["opinion"]!
    #expect(opinion.exactF1 == 0 && opinion.overlapF1 == 0)
  }

  @Test func spansOnlyMatchWithinTheirDocumentAndTag() {
    let a = spans([(0, 10, "claim")], document: 0)
    let b = spans([(0, 10, "claim")], document: 1) + spans([(0, 10, "source")], document: 0)
    let m = Agreement.matchSpans(a, b)
    #expect(m["claim"]!.exact == 0 && m["claim"]!.overlappingA == 0)
  }

  @Test func touchingSpansDoNotOverlapButEmptyOnesInsideDo() {
    let touching = Agreement.matchSpans(spans([(0, 10, "t")]), spans([(10, 20, "t")]))["t"]!
    #expect(touching.overlappingA == 0 && touching.overlappingB == 0)
    // An empty span at 12 sits inside 10-20: the two overlap, both ways.
    let empty = Agreement.matchSpans(spans([(12, 12, "t")]), spans([(10, 20, "t")]))["t"]!
    #expect(empty.overlappingA == 1 && empty.overlappingB == 1)
    let emptyAtStart = Agreement.matchSpans(spans([(10, 10, "t")]), spans([(10, 20, "t")]))["t"]!
    #expect(emptyAtStart.overlappingA == 1 && emptyAtStart.overlappingB == 1)
  }

  @Test func duplicatesMatchAsAMultiset() {
    let m = Agreement.matchSpans(spans([(0, 5, "t"), (0, 5, "t")]), spans([(0, 5, "t")]))["t"]!
    #expect(m.exact == 1)
    #expect(close(m.exactF1, 2.0 / 3))
  }

  @Test func nothingOnEitherSideIsUndefined() {
    #expect(SpanMatch().exactF1.isNaN)
    #expect(SpanMatch().overlapF1.isNaN)
  }
}

@Suite struct UnitizingAlphaTests {
  func r(_ start: Int, _ length: Int) -> TextRange { TextRange(start: start - 150, end: start - 150 + length) }

  /// Krippendorff (2004), Content Analysis, p. 254: a continuum of 300 from
  /// position 150, two observers, categories c and k (as DKPro Statistics'
  /// tests reproduce it: c has D_o 0.0144, D_e 0.0532, α 0.7286; k α 1;
  /// both 0.8591 ± 0.0005).
  @Test func krippendorffs2004Example() {
    let data = UnitizingData(
      length: 300, raters: 2,
      units: [
        [[r(225, 70), r(370, 30)], [r(220, 80), r(355, 20), r(400, 20)]],
        [[r(180, 60), r(300, 50)], [r(180, 60), r(300, 50)]],
      ])
    let (categories, alpha) = Agreement.unitizingAlpha(data)
    #expect(abs(categories[0].observed - 0.0144) < 0.0001)
    #expect(abs(categories[0].expected - 0.0532) < 0.0001)
    #expect(fixed(categories[0].alpha, 4) == "0.7286")
    #expect(categories[1].observed == 0)
    #expect(abs(categories[1].expected - 0.0490) < 0.0001)
    #expect(categories[1].alpha == 1)
    // δ² = 50 + 850 + 400 over the sections, · 2 / (2 · 1 · 300²).
    #expect(close(categories[0].observed, 1300.0 / 90000))
    // Exactly 1 − 0.014444 / (0.053222 + 0.048979) = 0.8587; the published
    // 0.8591 comes from rounded intermediates (DKPro allows ±0.0005).
    #expect(abs(alpha - 0.8591) < 0.0005)
  }

  @Test func identicalUnitizingIsOneAndOverlapsOfOneRaterMerge() {
    let units = [TextRange(start: 10, end: 20), TextRange(start: 40, end: 45)]
    let data = UnitizingData(
      length: 100, raters: 3,
      units: [
        [units, units, [TextRange(start: 10, end: 15), TextRange(start: 12, end: 20), TextRange(start: 40, end: 45)]]
      ])
    #expect(data.units[0][2] == units)
    #expect(Agreement.unitizingAlpha(data).alpha == 1)
  }

  @Test func nothingMarkedIsUndefined() {
    let data = UnitizingData(length: 10, raters: 2, units: [[[], []]])
    #expect(Agreement.unitizingAlpha(data).alpha.isNaN)
  }

  @Test func disjointUnitsDisagree() {
    let data = UnitizingData(
      length: 100, raters: 2, units: [[[TextRange(start: 0, end: 10)], [TextRange(start: 50, end: 60)]]])
    #expect(Agreement.unitizingAlpha(data).alpha < 0)
  }
}
