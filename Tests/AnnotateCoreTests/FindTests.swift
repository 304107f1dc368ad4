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

  // MARK: find /REGEX/ (PCRE2)

  @Test func aRegexIsListedUnderTheSentenceItBeginsIn() {
    let w = TestProject(documents: ["r.txt": "Talks began. Peace\ntalks ended. Zoë said “no”."], seed: false)
    let (out, err, _) = w.run("find /peace\\stalks/i; find /ended\\. Zoë/; find '/zoë|“\\w+”/i'")
    #expect(err.isEmpty, "\(err)")
    // A line break inside the match is shown as a space, as units are.
    #expect(out.contains("r.txt:2  [Peace talks] ended.\n1 sentence matched"), "\(out)")
    // A match running into the next sentence is marked up to its unit's end.
    #expect(out.contains("r.txt:2  Peace talks [ended.]\n1 sentence matched"), "\(out)")
    #expect(out.contains("r.txt:3  [Zoë] said [“no”].\n1 sentence matched"), "\(out)")
  }

  /// Past the listing, a regex's matches and documents are counted without
  /// units: only the documents listed get them, and one more to tell that
  /// the listing is incomplete.
  @Test func aRegexListingSegmentsOnlyWhatItLists() {
    var documents: [String: String] = [:]
    for d in 0..<30 {
      documents["d\(d + 10).txt"] = (0..<10).map { "Envoy \($0) said no." }.joined(separator: " ")
    }
    let w = TestProject(documents: documents, seed: false)
    let (out, err, _) = w.run("find /\\bsaid\\b/")
    #expect(err.isEmpty, "\(err)")
    #expect(out.hasPrefix("d10.txt:1  Envoy 0 [said] no.\n"), "\(out)")
    #expect(
      out.hasSuffix(
        "d29.txt:10  Envoy 9 [said] no.\n… more sentences than the 200 listed: 300 matches in 30 documents in all"
          + " (find --all lists every sentence)\n"), "\(out)")
    let segmented = w.session.corpus.documents.map { $0.hasUnits(.sentence) }
    #expect(segmented == (0..<30).map { $0 <= 20 }, "\(segmented)")
    // --all lists every sentence.
    let (all, _, _) = w.run("find --all /\\bsaid\\b/")
    #expect(all.hasSuffix("d39.txt:10  Envoy 9 [said] no.\n300 sentences matched\n"), "\(all.suffix(200))")
  }

  /// A listing that is full is complete when the documents after it have
  /// matches only in the white space between sentences, which no unit lists.
  @Test func aFullListingIsCompleteWhenNoUnitIsLeft() throws {
    let w = TestProject(
      documents: ["a.txt": "One said. Two said.", "b.txt": "Nothing.   Here.", "c.txt": "Also said."], seed: false)
    let pattern = try RegexPattern(#"said|\s{3}"#)
    let corpus = w.session.corpus
    var full = try corpus.search(pattern, kind: .sentence, limit: 2)
    #expect(full.hits.map(\.document) == [0, 0] && !full.complete)
    #expect(full.matchCount == 4 && full.documentCount == 3)
    full = try corpus.search(try RegexPattern(#"One said|Two said|\s{3}"#), kind: .sentence, limit: 2)
    #expect(full.hits.map(\.unit) == [0, 1] && full.complete)
    #expect(full.matchCount == 3 && full.documentCount == 2)
    let all = try corpus.search(pattern, kind: .sentence, limit: 2_000)
    #expect(all.hits.count == 3 && all.complete && all.matchCount == 4)
  }

  @Test func aBadPatternIsOneLineWithThePlaceMarked() {
    let w = TestProject(documents: Self.documents, seed: false)
    let (out, err, _) = w.run("find /peace (talks/")
    #expect(out.isEmpty)
    #expect(
      err
        == "error: /peace (talks/ is not a valid regular expression: missing closing parenthesis at character 13: /peace (talks⟨here⟩/\n"
    )
    let (_, flagErr, _) = w.run("find /talks/g")
    #expect(flagErr.contains("unknown flag in g after the pattern — flags are i (ignore case)"), "\(flagErr)")
    let (_, emptyErr, _) = w.run("find //i")
    #expect(emptyErr.contains("the pattern between the slashes is empty"), "\(emptyErr)")
  }

  @Test func aPatternThatBacktracksForeverStopsWithOneLine() {
    let w = TestProject(documents: ["slow.txt": String(repeating: "a", count: 40) + "c. Done."], seed: false)
    let (out, err, _) = w.run("find /(a+)+$/; find /done/i")
    #expect(err.hasPrefix("error: find stopped in slow.txt: match limit exceeded"), "\(err)")
    #expect(out.contains("slow.txt:2  [Done]."), "the shell goes on: \(out)")
  }

  /// White space, quotes, `;` and `#` are the shell's: a pattern with them is quoted.
  @Test func flagsXAndSChangeTheDialectAsDocumented() {
    let w = TestProject(documents: ["f.txt": "One line\nand the next. Two."], seed: false)
    let (out, _, _) = w.run("find /line.and/; find /line.and/s; find '/t w o # a comment/xi'")
    #expect(out.hasPrefix("no matches\n"), "\(out)")
    #expect(out.contains("f.txt:1  One [line and] the next.\n1 sentence matched"), "\(out)")
    #expect(out.contains("f.txt:2  [Two].\n1 sentence matched"), "\(out)")
  }
}
