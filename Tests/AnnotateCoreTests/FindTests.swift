import Testing

@testable import AnnotateCore

/// `find TEXT` with its byte pre-scan must list exactly what the regex alone lists.
@Suite struct FindTests {
  static let documents = [
    "a.txt":
      "Peace talks in Qatar.\r\nPeace\r\ntalks resumed. PEACE TALKS! peace\ttalks.\n\nThe Kelvin \u{212A}elvin sign. Long ſ here.",
    "b.txt":
      "Zoë Mu\u{308}ller said café talks. The e\u{301}clat was über. İstanbul and ısık. Straße talks.\nTalks,\ntalks.",
    "c.txt": "Nothing to see. Talk is cheap; talking is not. “Talks” began.",
  ]

  @Test(arguments: [
    "talks", "peace talks", "PEACE talks", "k", "kelvin", "e", "ss", "istanbul", "talks.", "s t", "Talks, talks",
    "café", "zo", " ", "q",
  ])
  func theScanChangesNothing(_ query: String) {
    let w = TestProject(documents: Self.documents, seed: true)
    let regex = Regex<AnyRegexOutput>(verbatim: query).ignoresCase()
    let slow = w.session.find(regex)
    let fast = w.session.find(regex, literal: query)
    #expect(fast == slow, "\(query)")
  }

  /// Past the 200 listed, certain matches are counted without the regex:
  /// the count must still be the regex's, grapheme clusters and all.
  @Test func countsPastTheListingLimitAreExact() {
    var text = ""
    for i in 0..<700 {
      switch i % 4 {
      case 0: text += "Talks resumed \(i). "
      case 1: text += "Talks\u{301} stalled \(i). "  // a combining mark: no match at grapheme level
      case 2: text += "Nothing here \(i). "
      default: text += "é talks é \(i). "
      }
    }
    let w = TestProject(documents: ["many.txt": text], seed: false)
    let regex = Regex<AnyRegexOutput>(verbatim: "talks").ignoresCase()
    let slow = w.session.find(regex)
    #expect(w.session.find(regex, literal: "talks") == slow)
    #expect(slow.lines.last == OutputLine("… and 150 more sentences (350 in all; find --all lists them)", .dim))
  }

  @Test func findStillMarksMatchesAcrossLineBreaks() {
    let w = TestProject(documents: Self.documents, seed: false)
    let (out, _, _) = w.run("find peace talks")
    #expect(out.contains("a.txt:1  [Peace talks] in Qatar."))
    #expect(out.contains("a.txt:2  [Peace talks] resumed."))
    #expect(out.contains("[peace talks]"))
  }
}
