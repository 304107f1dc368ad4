import Testing

@testable import AnnotateCore

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
