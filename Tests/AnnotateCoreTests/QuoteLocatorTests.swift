import Testing

@testable import AnnotateCore

/// Finding the words a user types inside a sentence: whole words first,
/// never half a character, forgiving what keyboards get wrong and saying so.
@Suite struct QuoteLocatorTests {
  /// A one-unit document of `text` (its only sentence is unit 1).
  func locate(_ quote: String, in source: String, occurrence: Int? = nil) throws(QuoteError) -> (
    QuoteMatch, [TextRange]
  ) {
    let (text, ranges) = marked(source)
    let document = try! Document(id: "d", path: "d", fileBytes: Array(text.utf8))
    let unit = [TextRange(start: 0, end: document.text.scalarCount)]
    return (
      try QuoteLocator.quote(quote, occurrence: occurrence, inUnit: 1, units: unit, document: document), ranges
    )
  }

  /// Regression: `hl 9 "the" 2` highlighted the "the" inside "them", and
  /// `hl 9 "the" 4` landed inside "either".
  @Test func occurrencesCountWholeWordsOnly() throws {
    let source = "From ⟦the⟧ Taliban’s view, obstruct them if ⟦the⟧ US proved either way to ⟦the⟧ country."
    for k in 1...3 {
      let (match, ranges) = try locate("the", in: source, occurrence: k)
      #expect(match.range == ranges[k - 1])
      #expect(!match.insideWord)
    }
    #expect(throws: QuoteError.noOccurrence(4, count: 3)) { try locate("the", in: source, occurrence: 4) }
  }

  @Test func aQuoteOnlyInsideWordsIsFoundAndSaidSo() throws {
    let (match, ranges) = try locate("hem", in: "Obstruct t⟦hem⟧ now.")
    #expect(match.range == ranges[0])
    #expect(match.insideWord)
  }

  @Test func severalOccurrencesAreListedWithContext() {
    #expect {
      try locate("the", in: "the cat and the dog")
    } throws: { error in
      guard case QuoteError.ambiguous("the", unit: 1, let occurrences) = error else { return false }
      return occurrences == ["[the] cat and the…", "the cat and [the] dog"]
    }
  }

  /// Regression: `highlight 6 "units 👩"` ended inside a ZWJ emoji sequence.
  @Test func aQuoteNeverEndsInsideACharacter() {
    #expect {
      try locate("units 👩", in: "Three units 👩‍👩‍👧 left.")
    } throws: { error in
      guard case QuoteError.notFound(_, _, _, let closest) = error else { return false }
      return closest == "units 👩‍👩‍👧"
    }
  }

  @Test func typedStraightQuotesDashesCaseAndSpacingAreForgivenAndShown() throws {
    let (match, ranges) = try locate("his country's intent", in: "about ⟦his country’s intent⟧ here")
    #expect(match.range == ranges[0])
    #expect(match.differences == [.quotes(typed: "'", found: "’")])
    let (dash, dashRanges) = try locate("peace - talks", in: "the ⟦Peace — talks⟧ failed")
    #expect(dash.range == dashRanges[0])
    #expect(dash.differences == [.letterCase, .dashes(typed: "-", found: "—")])
    let (wrapped, wrappedRanges) = try locate("peace talks", in: "the ⟦peace\r\n  talks⟧ failed")
    #expect(wrapped.range == wrappedRanges[0])
    #expect(wrapped.differences == [.whiteSpace])
  }

  @Test func anotherUnicodeFormOfTheSameLettersIsFound() throws {
    // The text has e + combining diaeresis; the user types ë as one code point.
    let (match, ranges) = try locate("Zo\u{EB}", in: "said ⟦Zoe\u{308}⟧ Müller")
    #expect(match.range == ranges[0])
    #expect(match.differences == [.unicodeForm])
  }

  @Test func notFoundShowsTheClosestText() {
    #expect {
      try locate("rigthly felt", in: "America rightly felt like it was losing")
    } throws: { error in
      guard case QuoteError.notFound("rigthly felt", unit: 1, _, let closest) = error else { return false }
      return closest == "rightly felt"
    }
  }

  @Test func positionsThatCutACharacterAreRefusedWithTheNearestWholeOnes() throws {
    let text = "Zoe\u{308} 👍🏽 ok\r\nnext"
    let document = try Document(id: "d", path: "d", fileBytes: Array(text.utf8))
    let unit = [TextRange(start: 0, end: document.text.scalarCount)]
    // Between e and its accent.
    #expect(throws: QuoteError.splitsCharacter(start: 0, end: 3, nearest: (0, 4), unit: 1)) {
      try QuoteLocator.positions(0, 3, inUnit: 1, units: unit, document: document)
    }
    // Between the thumb and its skin tone.
    #expect(throws: QuoteError.splitsCharacter(start: 5, end: 6, nearest: (5, 7), unit: 1)) {
      try QuoteLocator.positions(5, 6, inUnit: 1, units: unit, document: document)
    }
    // Between CR and LF.
    #expect(throws: QuoteError.splitsCharacter(start: 8, end: 11, nearest: (8, 12), unit: 1)) {
      try QuoteLocator.positions(8, 11, inUnit: 1, units: unit, document: document)
    }
    #expect(try QuoteLocator.positions(0, 4, inUnit: 1, units: unit, document: document) == TextRange(start: 0, end: 4))
  }

  @Test func theShellSaysWhatItForgave() {
    let w = TestProject()
    let (out, err, failed) = w.run("hl 9 \"the taliban's\"", "hl 9 \"the\" 4", "hl 9 \"hem\"")
    #expect(failed)
    #expect(out.contains("note: matched “the Taliban’s” (different case; typed ' for ’)"), "\(out)")
    #expect(out.contains("highlighted #1 [untagged] sentence 9: “the Taliban’s”"))
    #expect(err == "error: there is no occurrence 4 — valid: 1-3\n")
    #expect(out.contains("note: matched “hem” (only inside a longer word)"))
  }
}
