import Testing

@testable import AnnotateCore

/// Opening a document validates and indexes its bytes in one pass; the
/// pass is checked here against the standard library's UTF-8 decoder, on
/// bytes made to hit every way a sequence can be good or bad, at every
/// place in the blocks the pass reads at once, and cut into pieces anywhere.
@Suite struct UTF8TextTests {
  /// Pieces bytes are made of: plain ASCII, good sequences of each length
  /// (at the edges of table 3-7's ranges), and the bad ones: overlongs,
  /// surrogates, values past U+10FFFF, stray and missing continuations, NUL.
  static let good: [[UInt8]] = [
    Array("a".utf8), Array("plain ASCII words ".utf8), Array("é".utf8), Array("ß".utf8), [0xC2, 0x80], [0xDF, 0xBF],
    [0xE0, 0xA0, 0x80], [0xE1, 0x80, 0x80], [0xEC, 0xBF, 0xBF], [0xED, 0x80, 0x80], [0xED, 0x9F, 0xBF],
    [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF], Array("“”—".utf8), Array("北京".utf8), [0xF0, 0x90, 0x80, 0x80],
    [0xF1, 0x80, 0x80, 0x80], [0xF3, 0xBF, 0xBF, 0xBF], [0xF4, 0x80, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
    Array("👍🏽".utf8), Array("e\u{301}".utf8), [0x7F], [0x0A],
  ]
  static let bad: [[UInt8]] = [
    [0x00], [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC2], [0xC2, 0x41], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF],
    [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xE1, 0x80], [0xE1, 0x80, 0x41], [0xE1, 0x41, 0x80],
    [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
    [0xF8], [0xFF], [0xF1, 0x80, 0x80], [0xF1, 0x80, 0x80, 0x41], [0xF1, 0x80, 0x41, 0x80],
  ]

  /// What the standard library makes of `bytes`: the first offset where
  /// decoding fails (a NUL counts, as a binary file's mark), or the code
  /// points' byte offsets.
  static func reference(_ bytes: [UInt8]) -> Result<[Int], TextDecodingError> {
    var starts: [Int] = []
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        if encoded.count == 1 && encoded.first == 0 { return .failure(.binary(offset: offset)) }
        starts.append(offset)
        offset += encoded.count
      case .error:
        return .failure(.invalidUTF8(offset: offset))
      case .emptyInput:
        return .success(starts)
      }
    }
  }

  @Test func validationAndIndexEqualTheStandardLibrarys() {
    var random = SplitMix64(state: 8)
    var checked = (good: 0, bad: 0)
    for round in 0..<3000 {
      // Mostly good text, long enough to cross blocks and checkpoints, and
      // in a third of the rounds one bad piece somewhere in it.
      var bytes: [UInt8] = []
      let pieces = 1 + random.below(round % 10 == 0 ? 400 : 60)
      let badAt = round % 3 == 0 ? random.below(pieces) : -1
      for k in 0..<pieces {
        bytes += k == badAt ? random.pick(Self.bad) : random.pick(Self.good)
      }
      // Cut anywhere: a sequence may end short at the end of the text.
      if round % 7 == 0 && !bytes.isEmpty { bytes.removeLast(random.below(min(4, bytes.count))) }
      let expected = Self.reference(bytes)
      let reportOffset = round % 5 == 0 ? 3 : 0
      do {
        // In one pass, or in up to eight pieces (as a large text is, on
        // every core): the same.
        let text = try UTF8Text(validating: bytes, reportOffset: reportOffset, parts: 1 + round % 8)
        guard case .success(let starts) = expected else {
          Issue.record("accepted \(bytes), expected \(expected)")
          return
        }
        #expect(text.scalarCount == starts.count)
        #expect(text.utf16Count == String(decoding: bytes, as: UTF8.self).utf16.count)
        for (scalar, byte) in starts.enumerated() where scalar % 37 == 0 || scalar % UTF8Text.stride == 0 {
          #expect(text.byteOffset(ofScalar: scalar) == byte, "scalar \(scalar) of \(bytes)")
          #expect(text.scalarOffset(ofByte: byte) == scalar)
        }
        #expect(text.byteOffset(ofScalar: starts.count) == bytes.count)
        checked.good += 1
      } catch {
        guard case .failure(let reason) = expected else {
          Issue.record("refused \(bytes) with \(error)")
          return
        }
        switch reason {
        case .binary(let offset): #expect(error == .binary(offset: offset + reportOffset), "\(bytes)")
        case .invalidUTF8(let offset): #expect(error == .invalidUTF8(offset: offset + reportOffset), "\(bytes)")
        }
        checked.bad += 1
      }
    }
    #expect(checked.good > 1500 && checked.bad > 700)
  }
}
