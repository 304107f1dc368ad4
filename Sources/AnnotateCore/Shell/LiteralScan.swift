/// A fast first pass for a plain-text `find`: where in a document's bytes an
/// ASCII query can match, ignoring ASCII case, with a space in the query
/// matching any white space `oneLine` turns into one (space, tab, LF, CR,
/// CRLF). It finds every place the case-insensitive regex can match — a
/// superset: the regex then decides — except where a non-ASCII character
/// folds to an ASCII letter (the Kelvin sign to k, say); a document with
/// such a character is searched unit by unit instead.
struct LiteralScan {
  /// The query's bytes, letters lowered; 0x20 stands for any white space.
  private let needle: [UInt8]

  init?(_ query: String) {
    let bytes = Array(query.utf8)
    guard !bytes.isEmpty, bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
    needle = bytes.map { b in
      b == 0x09 || b == 0x0A || b == 0x0D ? 0x20 : Self.lower(b)
    }
  }

  @inline(__always) private static func lower(_ b: UInt8) -> UInt8 {
    b >= 0x41 && b <= 0x5A ? b | 0x20 : b
  }

  /// UTF-8 of characters whose case folds to an ASCII letter: K (U+212A),
  /// ſ (U+017F), İ (U+0130), ı (U+0131).
  private static let folding: [[UInt8]] = [[0xE2, 0x84, 0xAA], [0xC5, 0xBF], [0xC4, 0xB0], [0xC4, 0xB1]]

  /// The units that contain a candidate match, in order, each with whether
  /// the match is certain: it lies inside the unit with ASCII (or the text's
  /// edge) on both sides, so no grapheme cluster straddles it and the regex
  /// must match there too. Nil when the document needs the unit-by-unit search.
  func units(in text: UTF8Text, units: [TextRange]) -> [(index: Int, certain: Bool)]? {
    text.bytes.withUnsafeBufferPointer { bytes -> [(index: Int, certain: Bool)]? in
      var hits: [(start: Int, end: Int)] = []
      let n = bytes.count
      let first = needle[0]
      var i = 0
      while i < n {
        let b = bytes[i]
        if b >= 0xC4 {
          for f in Self.folding where i + f.count <= n && bytes[i] == f[0] && bytes[i + 1] == f[1] {
            if f.count == 2 || bytes[i + 2] == f[2] { return nil }
          }
        }
        if Self.lower(b) == first || (first == 0x20 && Self.isSpace(b)), let end = match(bytes, at: i) {
          hits.append((i, end))
        }
        i += 1
      }
      guard !hits.isEmpty else { return [] }
      // Byte hits to the units they overlap.
      var result: [(index: Int, certain: Bool)] = []
      var u = 0
      for hit in hits {
        let start = text.scalarOffset(ofByte: hit.start)
        let end = text.scalarOffset(ofByte: hit.end)
        let clean = (hit.start == 0 || bytes[hit.start - 1] < 0x80) && (hit.end == n || bytes[hit.end] < 0x80)
        while u < units.count && units[u].end <= start { u += 1 }
        var k = u
        while k < units.count && units[k].start < end {
          let certain = clean && units[k].start <= start && end <= units[k].end
          if result.last?.index == k {
            result[result.count - 1].certain = result[result.count - 1].certain || certain
          } else {
            result.append((k, certain))
          }
          k += 1
        }
      }
      return result
    }
  }

  @inline(__always) private static func isSpace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
  }

  /// The end of a match starting at `i`, or nil.
  private func match(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
    var i = start
    for want in needle {
      guard i < bytes.count else { return nil }
      let b = bytes[i]
      if want == 0x20 {
        guard Self.isSpace(b) else { return nil }
        i += b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A ? 2 : 1
      } else {
        guard Self.lower(b) == want else { return nil }
        i += 1
      }
    }
    return i
  }
}
