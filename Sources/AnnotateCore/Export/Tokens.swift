/// A token of a document, for the formats that count in tokens (Prodigy,
/// CoNLL): code point offsets, and whether one space follows it (spaCy's
/// `whitespace_`). White space other than one space after a token is a
/// token of its own, as spaCy makes it, so the tokens and their spaces
/// give back the text exactly.
struct TextToken: Equatable {
  var start: Int
  var end: Int
  var text: String
  var spaceAfter = false
  var isSpace: Bool
}

enum TextTokenizer {
  /// Tokens of a text: runs of letters and digits, each other character
  /// (punctuation, symbols, emoji) alone, white space as above — and a
  /// break at every offset in `breaks` (the spans' ends), so every span
  /// starts and ends on a token boundary unless it cuts a character.
  static func tokens(of text: String, breaks: Set<Int>) -> [TextToken] {
    var characters: [(character: Character, offset: Int)] = []
    var offset = 0
    for c in text {
      characters.append((c, offset))
      offset += c.unicodeScalars.count
    }
    let total = offset
    func at(_ k: Int) -> Int { k < characters.count ? characters[k].offset : total }
    func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber }
    var tokens: [TextToken] = []
    func emit(_ from: Int, _ to: Int, space: Bool) {
      let s = at(from)
      let e = at(to)
      tokens.append(
        TextToken(start: s, end: e, text: String(characters[from..<to].map(\.character)), isSpace: space))
    }
    var k = 0
    while k < characters.count {
      let c = characters[k].character
      if c.isWhitespace {
        var m = k
        while m < characters.count && characters[m].character.isWhitespace { m += 1 }
        var from = k
        let runStart = at(k)
        let runEnd = at(m)
        if let last = tokens.indices.last, !tokens[last].isSpace, !tokens[last].spaceAfter, c == " ",
          !breaks.contains(where: { $0 > runStart && $0 < runEnd })
        {
          tokens[last].spaceAfter = true
          from = k + 1
        }
        // The rest of the run: white-space tokens, cut where a span ends.
        var piece = from
        for j in from..<m where j > piece && breaks.contains(at(j)) {
          emit(piece, j, space: true)
          piece = j
        }
        if piece < m { emit(piece, m, space: true) }
        k = m
      } else if isWord(c) {
        var m = k + 1
        while m < characters.count && isWord(characters[m].character) && !breaks.contains(at(m)) { m += 1 }
        emit(k, m, space: false)
        k = m
      } else {
        emit(k, k + 1, space: false)
        k += 1
      }
    }
    return tokens
  }
}
