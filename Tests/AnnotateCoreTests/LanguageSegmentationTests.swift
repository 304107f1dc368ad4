import FoundationEssentials
import Testing

@testable import AnnotateCore

/// Sentence units by each language's rules, against a table written from
/// grammar and style references (`Tests/fixtures/segmentation-cases.jsonl`:
/// news-style cases in 31 languages, each with the units a careful reader
/// would choose; `annotate-bench languages` scores sentencex and pySBD on
/// the same table), and the detector on the same texts.
@Suite struct LanguageSegmentationTests {
  struct Case: CustomStringConvertible, Sendable, Decodable {
    var language: String
    var text: String
    var units: [String]
    var description: String { "\(language): \(text.prefix(60))" }
  }

  static let allCases: [Case] = {
    let bytes = readFileBytes(repositoryRoot + "/Tests/fixtures/segmentation-cases.jsonl") ?? []
    return bytes.split(separator: UInt8(ascii: "\n")).map { try! JSONDecoder().decode(Case.self, from: Data($0)) }
  }()

  static func segment(_ text: String, _ language: Language) -> [String] {
    let utf8 = try! UTF8Text(validating: Array(text.utf8))
    return Segmenter.units(of: utf8, kind: .sentence, language: language).map { utf8.string(in: $0) }
  }

  @Test(arguments: allCases) func sentencesAsAReaderWouldCut(_ c: Case) throws {
    let language = try #require(Language(c.language), "no rules for \(c.language)")
    #expect(Self.segment(c.text, language) == c.units)
  }

  /// The scanner skips eight bytes at a time: a sentence mark must be
  /// found wherever it falls in a block (regression: a danda's bytes split
  /// across two blocks were missed).
  @Test(arguments: allCases) func unitsDoNotDependOnWhereTheTextStarts(_ c: Case) throws {
    let language = try #require(Language(c.language))
    for shift in 1...8 {
      #expect(Self.segment(String(repeating: " ", count: shift) + c.text, language) == c.units, "shifted by \(shift)")
    }
  }

  @Test func everyLanguageHasCasesAndEveryCaseIsWellFormed() {
    let covered = Set(Self.allCases.map(\.language))
    for language in Language.supported { #expect(covered.contains(language.code), "no cases for \(language)") }
    for c in Self.allCases {
      // Units are pieces of the text, in order, with only white space between.
      var rest = Substring(c.text)
      for unit in c.units {
        let trimmed = rest.drop { $0.isWhitespace }
        #expect(trimmed.hasPrefix(unit), "\(c)")
        rest = trimmed.dropFirst(unit.count)
      }
      #expect(rest.allSatisfy { $0.isWhitespace }, "\(c)")
    }
  }

  @Test(arguments: Language.supported) func detectedFromItsOwnText(_ language: Language) {
    let text = Self.allCases.filter { $0.language == language.code }.map(\.text).joined(separator: "\n\n")
    guard !text.isEmpty else { return }
    let found = LanguageDetector.detect(try! UTF8Text(validating: Array(text.utf8)))
    #expect(found.language == language, "took \(language) for \(found.language)")
  }

  /// The detector reads an article's opening, not all of it: a German
  /// article that goes on to quote a long English speech is German, and
  /// each of the 31 languages is told from its own cases' first 128 words.
  @Test func theOpeningDecides() {
    let german = Self.allCases.filter { $0.language == "de" }.map(\.text).joined(separator: " ")
    let english = String(repeating: "He said that the talks would go on and that they were not over yet. ", count: 400)
    let found = LanguageDetector.detect(try! UTF8Text(validating: Array((german + " " + english).utf8)))
    #expect(found.language == Language("de"))
    #expect(found.confident)
    // And the other way round: the English speech first.
    let reversed = LanguageDetector.detect(try! UTF8Text(validating: Array((english + " " + german).utf8)))
    #expect(reversed.language == .english)
  }
}
