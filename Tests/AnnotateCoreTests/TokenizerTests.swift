import Testing

@testable import AnnotateCore

@Suite struct TokenizerTests {
  @Test(arguments: [
    ("tag 3 opinion", ["tag", "3", "opinion"]),
    ("  hl   3  \"rightly felt\" ", ["hl", "3", "rightly felt"]),
    ("hl 3 'it''s'", ["hl", "3", "its"]),
    ("hl 3 “rightly felt”", ["hl", "3", "rightly felt"]),
    ("hl 3 „low“", ["hl", "3", "low"]),
    ("note #2 \"\"", ["note", "#2", ""]),
    ("note #2 \"say \\\"no\\\"\"", ["note", "#2", "say \"no\""]),
    ("open my\\ file.txt", ["open", "my file.txt"]),
    ("find /a\\.b/", ["find", "/a\\.b/"]),
    ("find 'a;b'", ["find", "a;b"]),
    ("hl 3 \"don’t\"", ["hl", "3", "don’t"]),
    ("x \"a\"b'c'", ["x", "abc"]),
  ])
  func words(_ line: String, _ expected: [String]) throws {
    #expect(try Tokenizer.words(line) == expected)
  }

  @Test func semicolonsSeparateCommands() throws {
    #expect(try Tokenizer.commands("docs; show 1 ;; quit") == [["docs"], ["show", "1"], ["quit"]])
    #expect(try Tokenizer.commands("find \"a;b\"; quit") == [["find", "a;b"], ["quit"]])
    #expect(try Tokenizer.commands("   ") == [])
  }

  @Test func unterminatedQuotesAreErrors() {
    #expect(throws: TokenizeError.unterminatedQuote("\"")) { try Tokenizer.words("hl 3 \"open") }
    #expect(throws: TokenizeError.unterminatedQuote("”")) { try Tokenizer.words("hl 3 “open") }
    #expect(throws: TokenizeError.unterminatedQuote("'")) { try Tokenizer.commands("x 'y") }
  }

  @Test func partialWordForCompletion() {
    let p = Tokenizer.partial("show 1; op")
    #expect(p.words == [])
    #expect(p.current == "op")
    #expect(p.currentStart == 8)
    let q = Tokenizer.partial("open seeds/ ")
    #expect(q.words == ["open", "seeds/"])
    #expect(q.current == "")
    let r = Tokenizer.partial("open \"my fi")
    #expect(r.words == ["open"])
    #expect(r.current == "my fi")
    #expect(r.currentStart == 5)
  }

  @Test(arguments: ["plain", "two words", "quote\"d", "semi;colon", "back\\slash", "", "“curly”"])
  func quoteRoundTrips(_ word: String) throws {
    #expect(try Tokenizer.words("x " + Tokenizer.quote(word)) == ["x", word])
  }
}
