import Testing

@testable import AnnotateCore

@Suite struct DocumentTests {
  @Test func byteOrderMarkIsSkippedAndOffsetsCountAfterIt() throws {
    let doc = try Document(id: "x", path: "x", fileBytes: [0xEF, 0xBB, 0xBF] + Array("Hé. Yo.".utf8))
    #expect(doc.hasByteOrderMark)
    #expect(doc.text.scalarCount == 7)
    #expect(doc.units(.sentence) == [TextRange(start: 0, end: 3), TextRange(start: 4, end: 7)])
  }

  /// A file past the size read in pieces on every core comes back byte for
  /// byte, each piece in its place.
  @Test func aLargeFileIsReadWhole() throws {
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    var random = SplitMix64(state: 3)
    let words = ["Talks", "résumé", "北京", "👍🏽", "said", "e\u{301}", "\n\n"]
    var text: [UInt8] = []
    while text.count < parallelReadBytes + 123_457 { text += Array((random.pick(words) + " ").utf8) }
    writeFile(folder + "/big.txt", text)
    guard case .success(let bytes) = Corpus.readFile(folder + "/big.txt") else {
      Issue.record("not read")
      return
    }
    #expect(bytes.count == text.count)
    // Compared first: an expectation on two 16 MB arrays would print them.
    let same = bytes == text
    #expect(same, "first difference at \(bytes.indices.first { $0 < text.count && bytes[$0] != text[$0] } ?? -1)")
  }

  /// A file read as long as `fstat` says, in one read; one that says it is
  /// empty read to its end all the same (a file of /proc has no size).
  @Test func aFileIsReadAsLongAsItSaysOrToItsEnd() throws {
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    writeFile(folder + "/short.txt", "Ein Satz.")
    guard case .success(let short) = Corpus.readFile(folder + "/short.txt"),
      case .success(let status) = Corpus.readFile("/proc/self/status")
    else {
      Issue.record("not read")
      return
    }
    #expect(short == Array("Ein Satz.".utf8))
    #expect(String(decoding: status, as: UTF8.self).hasPrefix("Name:"))
  }

  @Test func invalidUTF8IsReportedAtTheFileByte() {
    #expect(throws: TextDecodingError.invalidUTF8(offset: 5)) {
      try Document(id: "x", path: "x", fileBytes: [0xEF, 0xBB, 0xBF, 0x41, 0x42, 0xC0, 0x80])
    }
    // Overlong, truncated, past U+10FFFF, stray continuation.
    for bad: [UInt8] in [[0xE0, 0x80, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0x80]] {
      #expect(throws: TextDecodingError.invalidUTF8(offset: 0)) { try UTF8Text(validating: bad) }
    }
    // Inside a long ASCII stretch (read a stride at a time): the exact byte.
    let ascii = Array(String(repeating: "plain words. ", count: 40).utf8)
    for at in [0, 7, 127, 128, 200, 255, 256, 500] {
      var nul = ascii
      nul[at] = 0
      #expect(throws: TextDecodingError.binary(offset: at)) { try UTF8Text(validating: nul) }
      var high = ascii
      high[at] = 0xFF
      #expect(throws: TextDecodingError.invalidUTF8(offset: at)) { try UTF8Text(validating: high) }
    }
  }

  @Test func newlineConventions() throws {
    func convention(_ s: String) throws -> NewlineConvention {
      try Document(id: "x", path: "x", fileBytes: Array(s.utf8)).newline
    }
    #expect(try convention("a\nb\n") == .lf)
    #expect(try convention("a\r\nb\r\n") == .crlf)
    #expect(try convention("a\rb") == .cr)
    #expect(try convention("a\r\nb\n") == .mixed)
    #expect(try convention("ab") == .none)
    // A large text is looked through on every core: a CR in any piece counts.
    let lines = String(repeating: "Eine Zeile.\n", count: UTF8Text.parallelBytes / 12 + 1)
    #expect(try convention(lines) == .lf)
    #expect(try convention(lines + "Ende.\r\n") == .mixed)
    #expect(try convention("\r" + lines) == .mixed)
  }

  @Test func scalarIndexMatchesAFullScan() throws {
    // Long enough to cross many checkpoints, with 1- to 4-byte scalars; the
    // second with all-ASCII stretches (one byte per code point) between them.
    var mixed = ""
    for i in 0..<2000 { mixed += ["a", "é", "中", "😀", "\r\n"][i % 5] }
    var stretches = ""
    for i in 0..<3000 { stretches += i % 300 < 250 ? "x" : ["é", "中", "😀"][i % 3] }
    for text in [mixed, stretches] {
      let utf8 = try UTF8Text(validating: Array(text.utf8))
      let scalars = Array(text.unicodeScalars)
      #expect(utf8.scalarCount == scalars.count)
      #expect(utf8.utf16Count == text.utf16.count)
      var byte = 0
      for (k, scalar) in scalars.enumerated() {
        #expect(utf8.byteOffset(ofScalar: k) == byte)
        #expect(utf8.scalarOffset(ofByte: byte) == k)
        byte += String(scalar).utf8.count
      }
      #expect(utf8.byteOffset(ofScalar: scalars.count) == byte)
    }
    #expect(try UTF8Text(validating: Array(mixed.utf8)).string(in: TextRange(start: 1, end: 4)) == "é中😀")
  }

  /// Byte ranges counted out from a known byte (quotes, short spans) equal
  /// those looked up through the checkpoints.
  @Test func countingOutFromAByteMatchesTheLookUp() throws {
    var text = ""
    for i in 0..<1500 { text += ["ab", "é", "中", "😀", " ", "e\u{301}"][i % 6] }
    let utf8 = try UTF8Text(validating: Array(text.utf8))
    let n = utf8.scalarCount
    for start in stride(from: 0, through: n, by: 7) {
      let byte = utf8.byteOffset(ofScalar: start)
      for count in [0, 1, 5, 32, 127, 300] {
        #expect(utf8.byteOffset(count, scalarsAfter: byte) == utf8.byteOffset(ofScalar: min(n, start + count)))
        #expect(utf8.byteOffset(count, scalarsBefore: byte) == utf8.byteOffset(ofScalar: max(0, start - count)))
        let range = TextRange(start: start, end: min(n, start + count))
        #expect(utf8.byteRange(of: range) == byte..<utf8.byteOffset(ofScalar: range.end))
      }
      // A quote is the span and the 32 code points on either side.
      let range = TextRange(start: start, end: min(n, start + 9))
      let quote = Quote(of: range, in: utf8)
      let scalars = Array(text.unicodeScalars)
      func piece(_ from: Int, _ to: Int) -> String { String(String.UnicodeScalarView(scalars[from..<to])) }
      #expect(quote.exact == piece(range.start, range.end))
      #expect(quote.prefix == piece(max(0, range.start - 32), range.start))
      #expect(quote.suffix == piece(range.end, min(n, range.end + 32)))
    }
  }

  /// The grapheme boundaries found from the clusters around a place are
  /// those of the whole text, as Swift draws them: combining marks, emoji
  /// sequences, flags (counted in pairs), Hangul syllables, an Indic
  /// conjunct, CR LF; and none is guessed where no ASCII pair is near.
  @Test func graphemeBoundariesFromAroundAPlaceAreTheWholeTexts() throws {
    let pieces = [
      "a", "b", " ", "e\u{301}", "\u{301}", "👩\u{200D}💻", "\u{200D}", "🇫🇷", "🇩", "\r", "\n", "\r\n", "각",
      "\u{1100}\u{1161}\u{11A8}", "क्ष", "\u{94D}", "中", "👍🏽", "\u{FE0F}", "1\u{FE0F}\u{20E3}",
    ]
    var generator = SplitMix64(state: 19)
    for _ in 0..<200 {
      var text = ""
      for _ in 0..<(Int(generator.next() % 40) + 1) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
      let utf8 = try UTF8Text(validating: Array(text.utf8))
      var boundaries = Set([0])
      var place = 0
      for character in text {
        place += character.unicodeScalars.count
        boundaries.insert(place)
      }
      for offset in 0...utf8.scalarCount {
        let found = utf8.isGraphemeBoundary(atByte: utf8.byteOffset(ofScalar: offset))
        #expect(
          found == boundaries.contains(offset),
          "\(text.unicodeScalars.map { String($0.value, radix: 16) }) at \(offset)")
      }
    }
    // Past the window with no ASCII pair: no answer, not a guess.
    let cjk = try UTF8Text(validating: Array(String(repeating: "中", count: 2000).utf8))
    #expect(cjk.isGraphemeBoundary(atByte: 3000) == nil)
    #expect(cjk.isGraphemeBoundary(atByte: 3000, window: 4000) == true)
  }

  @Test func emptyAndWhitespaceDocumentsHaveNoUnits() throws {
    for text in ["", "   ", "\n\n\r\n\t"] {
      let doc = try Document(id: "x", path: "x", fileBytes: Array(text.utf8))
      #expect(doc.units(.sentence).isEmpty)
      #expect(doc.units(.paragraph).isEmpty)
      #expect(doc.units(.line).isEmpty)
    }
  }
}
