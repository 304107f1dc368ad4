/// Why a command line could not be split into words.
public enum TokenizeError: Error, Equatable, Sendable {
  case unterminatedQuote(Character)
}

/// Shell-like splitting of a command line.
///
/// Words are separated by white space; `"double"`, `'single'` and curly
/// `“double”` quotes group words (an empty pair gives an empty word); a
/// backslash escapes a quote, a backslash, `;` or white space and is kept
/// before anything else (so `find /a\.b/` keeps its regex); an unquoted `;`
/// separates commands; an unquoted `#` at the start of a command, or as a
/// word of its own, starts a comment that runs to the end of the line.
public enum Tokenizer {
  static func closingQuote(for c: Character) -> Character? {
    switch c {
    case "\"": return "\""
    case "'": return "'"
    case "“", "„": return "”"
    default: return nil
    }
  }

  static func isEscapable(_ c: Character, inQuote quote: Character?) -> Bool {
    if let quote { return c == quote || c == "\\" || (quote == "”" && c == "“") }
    return c == "\"" || c == "'" || c == "\\" || c == ";" || c == "“" || c == "”" || c.isWhitespace
  }

  /// The commands on a line, each as its words; empty commands are dropped.
  public static func commands(_ line: String) throws(TokenizeError) -> [[String]] {
    let state = scan(line)
    if let quote = state.openQuote { throw .unterminatedQuote(quote) }
    return state.commands.filter { !$0.isEmpty }
  }

  /// The words of a single command (a `;` is an ordinary character here).
  public static func words(_ line: String) throws(TokenizeError) -> [String] {
    let state = scan(line, splitCommands: false)
    if let quote = state.openQuote { throw .unterminatedQuote(quote) }
    return state.commands.first ?? []
  }

  /// What completion needs: the finished words of the last command on the
  /// line, the unfinished word at the end, and where it starts (in characters).
  public static func partial(_ line: String) -> (words: [String], current: String, currentStart: Int) {
    let state = scan(line)
    var words = state.commands.last ?? []
    if state.inWord {
      let current = words.removeLast()
      return (words, current, state.wordStart)
    }
    return (words, "", line.count)
  }

  struct State {
    var commands: [[String]] = [[]]
    var inWord = false
    var wordStart = 0
    var openQuote: Character?
  }

  static func scan(_ line: String, splitCommands: Bool = true) -> State {
    var state = State()
    var word = ""
    var escaped = false
    var offset = 0
    func finishWord(_ state: inout State) {
      if state.inWord { state.commands[state.commands.count - 1].append(word) }
      word = ""
      state.inWord = false
    }
    let chars = Array(line)
    var i = 0
    while i < chars.count {
      let c = chars[i]
      defer {
        i += 1
        offset += 1
      }
      // `#` starting a command, or followed by a space, starts a comment to
      // the end of the line (`#12`, a span id, is a word; so is a `#` being
      // typed at the end, for completion).
      if !state.inWord && !escaped && state.openQuote == nil && c == "#"
        && (state.commands[state.commands.count - 1].isEmpty || (i + 1 < chars.count && chars[i + 1].isWhitespace))
      {
        break
      }
      if !state.inWord && !c.isWhitespace && !(c == ";" && splitCommands && state.openQuote == nil) {
        state.inWord = true
        state.wordStart = offset
      }
      if escaped {
        word.append(c)
        escaped = false
        continue
      }
      if c == "\\" {
        if i + 1 < chars.count, isEscapable(chars[i + 1], inQuote: state.openQuote) {
          escaped = true
        } else {
          word.append(c)
        }
        continue
      }
      if let quote = state.openQuote {
        if c == quote || (quote == "”" && c == "“") {
          state.openQuote = nil
        } else {
          word.append(c)
        }
        continue
      }
      if let close = closingQuote(for: c) {
        state.openQuote = close
        continue
      }
      if c.isWhitespace {
        finishWord(&state)
        continue
      }
      if c == ";" && splitCommands {
        finishWord(&state)
        state.commands.append([])
        continue
      }
      word.append(c)
    }
    if state.inWord || state.openQuote != nil {
      state.inWord = true
      state.commands[state.commands.count - 1].append(word)
    }
    return state
  }

  /// Quotes a word so that ``words(_:)`` gives it back unchanged.
  public static func quote(_ word: String) -> String {
    guard !word.isEmpty else { return "\"\"" }
    var out = ""
    for c in word {
      if isEscapable(c, inQuote: nil) { out.append("\\") }
      out.append(c)
    }
    return out
  }
}
