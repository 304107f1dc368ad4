import Testing

@testable import AnnotateCore

/// One segmentation case: the text and the units a careful human would mark.
struct SegmentCase: CustomTestStringConvertible, Sendable {
  let phenomenon: String
  let text: String
  let units: [String]
  init(_ phenomenon: String, _ text: String, _ units: [String]) {
    self.phenomenon = phenomenon
    self.text = text
    self.units = units
  }
  var testDescription: String { "\(phenomenon): \(text.prefix(50))" }
}

func segment(_ text: String, _ kind: UnitKind = .sentence) -> [String] {
  let utf8 = try! UTF8Text(validating: Array(text.utf8))
  return Segmenter.units(of: utf8, kind: kind).map { utf8.string(in: $0) }
}

let segmentCases: [SegmentCase] = [
  // Titles and honorifics
  .init("title", "Mr. Smith went to Washington. He stayed.", ["Mr. Smith went to Washington.", "He stayed."]),
  .init("title", "Dr. Jane Doe spoke first.", ["Dr. Jane Doe spoke first."]),
  .init(
    "title", "Gov. Newsom and Sen. Feinstein met. They talked.",
    ["Gov. Newsom and Sen. Feinstein met.", "They talked."]),
  .init("title", "Mrs. Clinton and Ms. Abrams spoke.", ["Mrs. Clinton and Ms. Abrams spoke."]),
  .init("title", "Prof. Lee teaches. Rep. Omar votes.", ["Prof. Lee teaches.", "Rep. Omar votes."]),
  .init("title", "They visited St. Louis and Mt. Everest.", ["They visited St. Louis and Mt. Everest."]),
  .init("title", "Gen. Milley and Lt. Col. Vindman testified.", ["Gen. Milley and Lt. Col. Vindman testified."]),
  // Months
  .init(
    "month", "On Jan. 5 the vote was held. Results came later.",
    ["On Jan. 5 the vote was held.", "Results came later."]),
  .init("month", "It happened in Sept. 2019, not earlier.", ["It happened in Sept. 2019, not earlier."]),
  .init(
    "month", "The deadline is Dec. 31. Nobody expects delays.", ["The deadline is Dec. 31.", "Nobody expects delays."]),
  .init("month", "Talks resumed Feb. 3 in Doha.", ["Talks resumed Feb. 3 in Doha."]),
  // Companies, suffixes
  .init("company", "Apple Inc. reported profits. Shares rose.", ["Apple Inc. reported profits.", "Shares rose."]),
  .init("company", "He works for Acme Corp. The firm is small.", ["He works for Acme Corp.", "The firm is small."]),
  .init("company", "Smith & Co. bought it.", ["Smith & Co. bought it."]),
  .init("suffix", "Martin Luther King Jr. was a pastor.", ["Martin Luther King Jr. was a pastor."]),
  .init(
    "suffix", "The speech was by Martin Luther King Jr. He gave it in 1963.",
    ["The speech was by Martin Luther King Jr.", "He gave it in 1963."]),
  // Dotted abbreviations
  .init("dotted", "The U.S. Army said so.", ["The U.S. Army said so."]),
  .init("dotted", "He moved to Washington, D.C. He never left.", ["He moved to Washington, D.C.", "He never left."]),
  .init("dotted", "The U.N. Security Council met. It voted.", ["The U.N. Security Council met.", "It voted."]),
  .init("dotted", "Troops left the U.S. The war ended.", ["Troops left the U.S.", "The war ended."]),
  .init("dotted", "The bill, H.R. 1, passed.", ["The bill, H.R. 1, passed."]),
  .init("dotted", "An A.P. reporter asked.", ["An A.P. reporter asked."]),
  .init("dotted", "She lives in the U.S. She works in Canada.", ["She lives in the U.S.", "She works in Canada."]),
  // Latin and reference abbreviations
  .init("latin", "Some fruits, e.g. apples, are red.", ["Some fruits, e.g. apples, are red."]),
  .init("latin", "Use a tool, i.e. a hammer. Then stop.", ["Use a tool, i.e. a hammer.", "Then stop."]),
  .init(
    "latin", "We bought apples, pears, etc. The rest was gone.",
    ["We bought apples, pears, etc.", "The rest was gone."]),
  .init("latin", "It was Ali vs. Frazier. Ali won.", ["It was Ali vs. Frazier.", "Ali won."]),
  .init("latin", "It costs approx. 10 dollars.", ["It costs approx. 10 dollars."]),
  .init("latin", "See Smith et al. for details.", ["See Smith et al. for details."]),
  .init("latin", "Compare e.g. Table 2.", ["Compare e.g. Table 2."]),
  // No. before a number
  .init("number", "He was ranked No. 1 in the world.", ["He was ranked No. 1 in the world."]),
  .init("number", "The answer was no. Then he left.", ["The answer was no.", "Then he left."]),
  .init("number", "See p. 12 and Fig. 3 for data.", ["See p. 12 and Fig. 3 for data."]),
  // Initials
  .init("initials", "George W. Bush was president.", ["George W. Bush was president."]),
  .init("initials", "J. R. Smith scored 20 points.", ["J. R. Smith scored 20 points."]),
  .init("initials", "The author is J.K. Rowling. She is British.", ["The author is J.K. Rowling.", "She is British."]),
  .init("initials", "John F. Kennedy spoke. Crowds cheered.", ["John F. Kennedy spoke.", "Crowds cheered."]),
  // Times
  .init("time", "At 5 p.m. the meeting began.", ["At 5 p.m. the meeting began."]),
  .init("time", "The meeting ended at 5 p.m. He went home.", ["The meeting ended at 5 p.m.", "He went home."]),
  .init("time", "It starts at 9 a.m. Eastern time.", ["It starts at 9 a.m. Eastern time."]),
  .init("time", "Polls close at 8 P.M. Results follow.", ["Polls close at 8 P.M.", "Results follow."]),
  // Numbers
  .init("decimal", "The rate is 3.5 percent. It rose.", ["The rate is 3.5 percent.", "It rose."]),
  .init("percent", "Turnout was 62.4% this year.", ["Turnout was 62.4% this year."]),
  .init("money", "It cost $4.2 million. Critics balked.", ["It cost $4.2 million.", "Critics balked."]),
  .init("money", "Prices rose to £1.50 per litre.", ["Prices rose to £1.50 per litre."]),
  .init("date", "It was signed on 12.05.2019 in Berlin.", ["It was signed on 12.05.2019 in Berlin."]),
  .init("number-end", "The vote was in 2019. 45 people attended.", ["The vote was in 2019.", "45 people attended."]),
  .init("version", "Version 2.0.1 fixed it.", ["Version 2.0.1 fixed it."]),
  // URLs and e-mail
  .init("url", "Visit www.example.com for more. It is free.", ["Visit www.example.com for more.", "It is free."]),
  .init("url", "See https://example.org/a.b?c=d. Then reload.", ["See https://example.org/a.b?c=d.", "Then reload."]),
  .init("email", "Write to jane.doe@example.com today.", ["Write to jane.doe@example.com today."]),
  .init("email", "Contact info@news.co.uk. We reply fast.", ["Contact info@news.co.uk.", "We reply fast."]),
  // Ellipses
  .init("ellipsis", "He paused... and then spoke.", ["He paused... and then spoke."]),
  .init("ellipsis", "It was over... The crowd left.", ["It was over...", "The crowd left."]),
  .init("ellipsis", "He hesitated… then agreed.", ["He hesitated… then agreed."]),
  .init("ellipsis", "She waited… Nobody came.", ["She waited…", "Nobody came."]),
  .init("ellipsis", "I think . . . maybe not.", ["I think . . . maybe not."]),
  .init("ellipsis", "“Well...” she began.", ["“Well...” she began."]),
  // Question and exclamation runs
  .init("?!", "Really?! That is absurd.", ["Really?!", "That is absurd."]),
  .init("?", "Why now? Nobody knows.", ["Why now?", "Nobody knows."]),
  .init("!", "Stop! Police!", ["Stop!", "Police!"]),
  .init("?!", "What?!? No way!!", ["What?!?", "No way!!"]),
  // Quotes and brackets
  .init("quote", "He said, “It is over.” Then he left.", ["He said, “It is over.”", "Then he left."]),
  .init("quote", "He said, \"It is over.\" Then he left.", ["He said, \"It is over.\"", "Then he left."]),
  .init("quote", "“Why now?” she asked.", ["“Why now?” she asked."]),
  .init("quote", "“Get out!” he shouted at them.", ["“Get out!” he shouted at them."]),
  .init("quote", "She called it ‘a disaster.’ Others agreed.", ["She called it ‘a disaster.’", "Others agreed."]),
  .init(
    "quote", "They want a “transitional government”. The US refuses.",
    ["They want a “transitional government”.", "The US refuses."]),
  .init("quote", "He asked, “Is it true?” Nobody answered.", ["He asked, “Is it true?”", "Nobody answered."]),
  .init(
    "paren", "The plan failed. (Nobody was surprised.) Talks ended.",
    ["The plan failed.", "(Nobody was surprised.)", "Talks ended."]),
  .init("paren", "He left (as expected). Others stayed.", ["He left (as expected).", "Others stayed."]),
  .init("paren", "The group (see Fig. 2) grew.", ["The group (see Fig. 2) grew."]),
  .init("bracket", "They said [sic] it was fine. It was not.", ["They said [sic] it was fine.", "It was not."]),
  // Headlines, bylines, datelines, sign-offs
  .init(
    "headline", "Peace Talks Collapse in Qatar\n\nThe talks ended.",
    ["Peace Talks Collapse in Qatar", "The talks ended."]),
  .init(
    "headline",
    "Peace Talks Collapse in Qatar\nThe talks ended on Monday after a long day of negotiation between both.",
    ["Peace Talks Collapse in Qatar", "The talks ended on Monday after a long day of negotiation between both."]),
  .init("byline", "By Andrew Korybko\nSource: Oriental Review", ["By Andrew Korybko", "Source: Oriental Review"]),
  .init(
    "dateline", "WASHINGTON (Reuters) - The Senate voted on Tuesday. It passed.",
    ["WASHINGTON (Reuters) - The Senate voted on Tuesday.", "It passed."]),
  .init("dateline", "KABUL, Afghanistan\n\nThe Taliban met.", ["KABUL, Afghanistan", "The Taliban met."]),
  .init(
    "signoff", "Thank you for reading.\n\nSincerely,\nJane Doe", ["Thank you for reading.", "Sincerely,", "Jane Doe"]),
  .init(
    "signoff", "Leave a Reply\n\nYour email address will not be published. Required fields are marked *",
    ["Leave a Reply", "Your email address will not be published.", "Required fields are marked *"]),
  // Lists
  .init("list", "Key points:\n- Troops leave\n- Talks resume", ["Key points:", "- Troops leave", "- Talks resume"]),
  .init("list", "1. First point.\n2. Second point.", ["1. First point.", "2. Second point."]),
  .init("list", "Steps:\n1) Open it\n2) Close it", ["Steps:", "1) Open it", "2) Close it"]),
  .init("list", "• One\n• Two", ["• One", "• Two"]),
  .init("list", "* Alpha item. It has two sentences.\n* Beta", ["* Alpha item.", "It has two sentences.", "* Beta"]),
  // Paragraphs and wrapping
  .init("paragraph", "First paragraph\n\nSecond paragraph", ["First paragraph", "Second paragraph"]),
  .init("paragraph", "One sentence without stop\n\n\n\nAnother", ["One sentence without stop", "Another"]),
  .init(
    "wrap",
    "The Taliban just announced the cancellation of its planned peace\ntalks with the US in Qatar, which surprised many observers in the\nregion. Officials declined to comment on the matter.",
    [
      "The Taliban just announced the cancellation of its planned peace\ntalks with the US in Qatar, which surprised many observers in the\nregion.",
      "Officials declined to comment on the matter.",
    ]),
  .init(
    "wrap",
    "Negotiators from both sides met in Doha on Monday and agreed to\nContinue the talks next week, according to a statement released\nby the foreign ministry.",
    [
      "Negotiators from both sides met in Doha on Monday and agreed to\nContinue the talks next week, according to a statement released\nby the foreign ministry."
    ]),
  .init("wrap", "He met Mr.\nSmith in the lobby.", ["He met Mr.\nSmith in the lobby."]),
  // Whitespace and line endings
  .init("trim", "   Leading and trailing.   ", ["Leading and trailing."]),
  .init("trim", "\n\n  Indented first.  Second one.\n\n", ["Indented first.", "Second one."]),
  .init("crlf", "First line.\r\n\r\nSecond line.\r\n", ["First line.", "Second line."]),
  .init("cr", "Title\r\rBody text here.", ["Title", "Body text here."]),
  .init(
    "crlf-wrap",
    "He spoke at length about the war and its long history in the region\r\nand what it meant. Then he left.",
    ["He spoke at length about the war and its long history in the region\r\nand what it meant.", "Then he left."]),
  .init("nbsp", "It ended.\u{00A0}Then calm.", ["It ended.", "Then calm."]),
  .init("empty", "", []),
  .init("whitespace-only", " \n\t\n  ", []),
  // Unicode
  .init("unicode", "Café owners protested. Zoë agreed.", ["Café owners protested.", "Zoë agreed."]),
  .init("unicode", "Émile left. Über drivers stayed.", ["Émile left.", "Über drivers stayed."]),
  .init("emoji", "Great news 🎉. Everyone cheered 👏.", ["Great news 🎉.", "Everyone cheered 👏."]),
  .init("cjk", "他来了。我们走吧。", ["他来了。", "我们走吧。"]),
  .init(
    "lowercase-start", "The U.S. government said so. officials agreed.",
    ["The U.S. government said so. officials agreed."]),
  // Inline enumerations
  .init(
    "inline-list", "Three demands: 1) troops leave 2) prisoners are freed 3) talks resume",
    ["Three demands:", "1) troops leave", "2) prisoners are freed", "3) talks resume"]),
  .init("inline-list", "1. Withdraw troops. 2. Free prisoners.", ["1. Withdraw troops.", "2. Free prisoners."]),
  .init("inline-list", "a. Ceasefire b. Elections c. Aid", ["a. Ceasefire", "b. Elections", "c. Aid"]),
  .init("inline-list", "• Ceasefire now • Elections later", ["• Ceasefire now", "• Elections later"]),
  .init("not-a-list", "He scored 2. Then 3 more came.", ["He scored 2.", "Then 3 more came."]),
  // Ellipsis forms
  .init(
    "spaced-ellipsis", "It would be “less complex. . . .” Nobody agreed.",
    ["It would be “less complex. . . .”", "Nobody agreed."]),
  .init(
    "spaced-ellipsis", "The habit weakened. . . . The practice survived.",
    ["The habit weakened.", ". . . The practice survived."]),
  .init("bracket-ellipsis", "\"They [...] fled\" (Smith 2019).", ["\"They [...] fled\" (Smith 2019)."]),
  .init("ellipsis-I", "I was . . . I mean, I left.", ["I was . . . I mean, I left."]),
  .init("number-sign", "It is at N°. 12 Main Street.", ["It is at N°. 12 Main Street."]),
  // State abbreviations and introductory phrases
  .init(
    "state", "He lives in Sacramento, Calif. Gov. Newsom lives there too.",
    ["He lives in Sacramento, Calif. Gov. Newsom lives there too."]),
  .init("state", "She moved to Austin, Tex. She likes it.", ["She moved to Austin, Tex.", "She likes it."]),
  .init(
    "introductory", "At 5 a.m. Mr. Smith left. He came back at 6 p.m. Mr. Jones stayed.",
    ["At 5 a.m. Mr. Smith left.", "He came back at 6 p.m.", "Mr. Jones stayed."]),
  // Never final in any case: a capitalised "Vs." or "Cf." is still no end.
  .init("never-final-capitalised", "It was Smith Vs. Jones in the final.", ["It was Smith Vs. Jones in the final."]),
  .init("never-final-capitalised", "See the ruling, CF. Lopez for more.", ["See the ruling, CF. Lopez for more."]),
  .init("never-final-longest", "The crowd was Approx. Ten thousand.", ["The crowd was Approx. Ten thousand."]),
  // Misc
  .init("abbrev-end-quote", "He worked at Apple Inc.” Then he left.", ["He worked at Apple Inc.”", "Then he left."]),
  .init("single-word", "Yes.", ["Yes."]),
  .init("no-terminal", "A sentence without an end", ["A sentence without an end"]),
  .init("colon", "He said: it is over. Done.", ["He said: it is over.", "Done."]),
  .init("semicolon", "It rained; we stayed in. Later it cleared.", ["It rained; we stayed in.", "Later it cleared."]),
]

@Suite struct SegmenterTests {
  @Test(arguments: segmentCases)
  func segments(_ c: SegmentCase) {
    #expect(segment(c.text) == c.units)
  }

  /// A large text is segmented in runs of paragraphs on several cores: the
  /// units must be exactly those of one pass, whatever the number of runs.
  @Test func paragraphsSegmentedInParallelGiveTheSameUnits() throws {
    var text = ""
    var k = 0
    while text.utf8.count < 300_000 {
      let c = segmentCases[k % segmentCases.count]
      // Blocks of two lines, between blank lines of every kind (and lines
      // ended by a lone CR, or a single line feed, which end no block).
      let ends = ["\r\n\r\n", "\n\n", "\n \n\n", "\r\r", "\n\u{A0}\u{3000}\n", "\n\r\n", "\n"]
      text += c.text + "\n" + segmentCases[(k + 1) % segmentCases.count].text + ends[k % ends.count]
      k += 1
    }
    let bytes = Array(text.utf8)
    for kind in [UnitKind.sentence, .paragraph, .line] {
      for language in [Language.english, Language("de")!, Language("ja")!] {
        let rules = SegmentationRules.rules(for: language)
        let one = bytes.withUnsafeBufferPointer { Segmenter.byteUnits(in: $0, kind: kind, rules: rules, parts: 1) }
        #expect(one.count > 1000)
        for parts in [2, 3, 7] {
          let split = bytes.withUnsafeBufferPointer {
            Segmenter.byteUnits(in: $0, kind: kind, rules: rules, parts: parts)
          }
          #expect(split == one, "\(kind) \(language) in \(parts) parts")
        }
      }
    }
  }

  /// Inline list markers are looked for only once the scan meets a
  /// possible one, and the stretch is then split again: the units must be
  /// those of looking for them first, wherever the first marker falls.
  @Test func listMarkersLookedForLateSplitAsLookedForFirst() {
    let pieces = [
      "He spoke.", "1)", "2)", "3)", "a.", "b.", "c)", "•", "‣", "No. 8)", "Then:", "troops leave", "Prisoners go",
      "3.", "10.", "in 2019.", "rose 5.", "(c)", "e.g.", "U.S.", "x", "—", "”", "!", "?", "1.)", "¿Qué?", "北京。",
    ]
    var state: UInt64 = 42
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    var differing = 0
    var relisted = 0
    for _ in 0..<3000 {
      let text = (0..<(3 + next(12))).map { _ in pieces[next(pieces.count)] }.joined(separator: " ")
      let bytes = Array(text.utf8)
      bytes.withUnsafeBufferPointer { b in
        let scanner = Scanner(b: b)
        var late: [Range<Int>] = [0..<0]
        var first: [Range<Int>] = [0..<0]
        scanner.split(0, b.count, into: &late)
        let markers = scanner.inlineListMarkers(0, b.count)
        scanner.split(0, b.count, markers: markers, into: &first)
        if late != first { differing += 1 }
        if !markers.isEmpty && first.count > 2 { relisted += 1 }
      }
    }
    #expect(differing == 0)
    // The texts did hold lists found after other units (the case re-split).
    #expect(relisted > 100)
  }

  @Test func tableIsLargeEnough() {
    #expect(segmentCases.count >= 80)
  }

  @Test func seedArticleHasNineteenUnits() throws {
    let bytes = try #require(readFileBytes(seedPath))
    let text = try UTF8Text(validating: bytes)
    let units = Segmenter.units(of: text, kind: .sentence).map { text.string(in: $0) }
    #expect(units.count == 19)
    #expect(units[0] == "Who’s to Blame for the Collapse of US-Taliban Peace Talks in Qatar?")
    #expect(units[1].hasPrefix("The Taliban just announced"))
    #expect(units[9].hasPrefix("At the same time"))
    #expect(units[10].hasPrefix("Trump didn’t really"))
    #expect(
      Array(units[13...]) == [
        "By Andrew Korybko", "Source: Oriental Review", "Similar Posts", "Leave a Reply",
        "Your email address will not be published.", "Required fields are marked *",
      ])
  }

  @Test func paragraphsAndLines() {
    let text = "Title\n\nOne. Two.\nThree.\n\n  Last line  "
    #expect(segment(text, .paragraph) == ["Title", "One. Two.\nThree.", "Last line"])
    #expect(segment(text, .line) == ["Title", "One. Two.", "Three.", "Last line"])
  }

  @Test func offsetsAreCodePoints() throws {
    let first = "“Ça va?” he asked 👍🏽."
    let text = first + " Ok.\r\n\r\nNext é\u{301} unit."
    let utf8 = try UTF8Text(validating: Array(text.utf8))
    let ranges = Segmenter.units(of: utf8, kind: .sentence)
    let scalars = Array(text.unicodeScalars)
    for range in ranges {
      var slice = String.UnicodeScalarView()
      slice.append(contentsOf: scalars[range.start..<range.end])
      #expect(String(slice) == utf8.string(in: range))
    }
    #expect(ranges.first == TextRange(start: 0, end: first.unicodeScalars.count))
    #expect(ranges.count == 3)
  }

  @Test func longSingleLineAndNulFreeBinaryLikeText() {
    let line = String(repeating: "word ", count: 200_000) + "end."
    #expect(segment(line).count == 1)
    let many = String(repeating: "A sentence here. ", count: 10_000)
    #expect(segment(many).count == 10_000)
  }
}
