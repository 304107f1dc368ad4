/// Turns command output and errors into the text a terminal or a pipe gets:
/// the one place that decides colour, wrapping and escaping.
public struct Renderer: Sendable {
  /// Emit ANSI colour (SGR) sequences.
  public var color: Bool
  /// Wrap lines that ask for it to this many columns; nil means never wrap.
  public var width: Int?
  /// The terminal shows the 256-colour palette (else palette tag colours fall back to named ones).
  public var extendedColors: Bool

  public init(color: Bool = false, width: Int? = nil, extendedColors: Bool = false) {
    self.color = color
    self.width = width
    self.extendedColors = extendedColors
  }

  /// The SGR parameters of a style, nil for none.
  func sgr(_ style: Style) -> String? {
    switch style {
    case .plain, .quoted, .plainOnly: return nil
    case .tag(let color): return "4;" + color.sgr(extended: extendedColors)
    case .colorOnly(let color): return color.sgr(extended: extendedColors)
    case .bold: return "1"
    case .dim: return "2"
    case .number: return "36"
    case .accent: return "1;34"
    case .warning: return "33"
    case .error: return "1;31"
    }
  }

  public func render(_ output: CommandOutput) -> String {
    var text = ""
    for line in output.lines { text += render(line) + "\n" }
    return text
  }

  /// One error as one line: `error: …` (wrapped on a terminal).
  public func render(error message: String) -> String {
    render(OutputLine([TextRun("error: ", .error), TextRun(message, .quoted)], wrapIndent: 2)) + "\n"
  }

  /// A warning line: `warning: …`.
  public func render(warning message: String) -> String {
    render(OutputLine([TextRun("warning: ", .warning), TextRun(message, .quoted)], wrapIndent: 2)) + "\n"
  }

  func paint(_ text: String, _ style: Style) -> String {
    if style == .plainOnly && color { return "" }
    if case .colorOnly = style, !color { return "" }
    guard color, let code = sgr(style), !text.isEmpty else { return text }
    return "\u{1B}[\(code)m" + text + "\u{1B}[0m"
  }

  /// Escapes control characters, and dims their visible stand-ins.
  func safe(_ text: String, _ style: Style = .plain) -> String {
    TerminalSafe.pieces(text).map {
      switch $0 {
      case .text(let s): return paint(s, style)
      case .escaped(let s): return paint(s, .dim)
      }
    }.joined()
  }

  public func render(_ line: OutputLine) -> String {
    guard let indent = line.wrapIndent, let width, width > indent + 10 else {
      return line.runs.map { safe($0.text, $0.style) }.joined()
    }
    return wrap(line, width: width, indent: indent)
  }

  /// A piece of a word in one style.
  struct Fragment {
    var text: Substring
    var style: Style
    var width: Int
  }

  /// Greedy word wrap by display width. The first `indent` columns are a
  /// prefix kept as it is; the rest wraps under it. Words longer than a line
  /// are broken; runs of spaces in the body become one.
  func wrap(_ line: OutputLine, width: Int, indent: Int) -> String {
    // Sanitised runs, each with its style.
    var runs: [(String, Style)] = []
    for span in line.runs {
      if span.style == .plainOnly && color { continue }
      if case .colorOnly = span.style, !color { continue }
      for piece in TerminalSafe.pieces(span.text) {
        switch piece {
        case .text(let s): runs.append((s, span.style))
        case .escaped(let s): runs.append((s, .dim))
        }
      }
    }
    // The prefix: whole runs until `indent` columns are used.
    var out = ""
    var column = 0
    var k = 0
    // (A run wider than what is left of the indent is body text: it wraps.)
    while k < runs.count && column < indent && column + DisplayWidth.of(runs[k].0) <= indent {
      out += paint(runs[k].0, runs[k].1)
      column += DisplayWidth.of(runs[k].0)
      k += 1
    }
    // Words of the body, made of fragments that may differ in style.
    var words: [[Fragment]] = []
    var current: [Fragment] = []
    for (text, style) in runs[k...] {
      var start = text.startIndex
      var i = text.utf8.startIndex
      let utf8 = text.utf8
      while i < utf8.endIndex {
        if utf8[i] == 0x20 {
          if start < i {
            let piece = text[start..<i]
            current.append(Fragment(text: piece, style: style, width: DisplayWidth.of(piece)))
          }
          if !current.isEmpty {
            words.append(current)
            current = []
          }
          start = utf8.index(after: i)
        }
        i = utf8.index(after: i)
      }
      if start < text.endIndex {
        let piece = text[start...]
        current.append(Fragment(text: piece, style: style, width: DisplayWidth.of(piece)))
      }
    }
    if !current.isEmpty { words.append(current) }
    let margin = "\n" + String(repeating: " ", count: indent)
    // Text is painted a style at a time: neighbouring words of one style
    // share one colour sequence.
    var pending = ""
    var pendingStyle = Style.plain
    func emit(_ text: String, _ style: Style) {
      if style != pendingStyle && !pending.isEmpty {
        out += paint(pending, pendingStyle)
        pending = ""
      }
      pendingStyle = style
      pending += text
    }
    func newRow() {
      out += paint(pending, pendingStyle)
      pending = ""
      out += margin
    }
    // A space between the prefix and the body is kept: the first word then
    // follows as any other word does.
    let bodyStartsWithSpace = runs[k...].first?.0.utf8.first == 0x20
    let prefixEndsWithSpace = runs[..<k].last.map { $0.0.utf8.last == 0x20 } ?? true
    var rowHasWord = bodyStartsWithSpace && !prefixEndsWithSpace
    for word in words {
      let wordWidth = word.reduce(0) { $0 + $1.width }
      if rowHasWord && column + 1 + wordWidth > width {
        newRow()
        column = indent
        rowHasWord = false
      }
      if rowHasWord {
        // The space takes the style of the text around it when both sides share one.
        emit(" ", word.first!.style == pendingStyle ? pendingStyle : .plain)
        column += 1
      }
      for fragment in word {
        if column + fragment.width <= width || column <= indent && fragment.width <= width - indent {
          emit(String(fragment.text), fragment.style)
          column += fragment.width
          continue
        }
        // Longer than the room left: break it by characters.
        for c in fragment.text {
          let w = DisplayWidth.of(c)
          if column + w > width && column > indent {
            newRow()
            column = indent
          }
          emit(String(c), fragment.style)
          column += w
        }
      }
      rowHasWord = true
    }
    out += paint(pending, pendingStyle)
    return out
  }

}
