import Testing

@testable import AnnotateCore

@Suite struct DocumentTests {
  @Test func byteOrderMarkIsSkippedAndOffsetsCountAfterIt() throws {
    let doc = try Document(id: "x", path: "x", fileBytes: [0xEF, 0xBB, 0xBF] + Array("Hé. Yo.".utf8))
    #expect(doc.hasByteOrderMark)
    #expect(doc.text.scalarCount == 7)
    #expect(doc.units(.sentence) == [TextRange(start: 0, end: 3), TextRange(start: 4, end: 7)])
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

  @Test func emptyAndWhitespaceDocumentsHaveNoUnits() throws {
    for text in ["", "   ", "\n\n\r\n\t"] {
      let doc = try Document(id: "x", path: "x", fileBytes: Array(text.utf8))
      #expect(doc.units(.sentence).isEmpty)
      #expect(doc.units(.paragraph).isEmpty)
      #expect(doc.units(.line).isEmpty)
    }
  }
}
