/// Turns command output and errors into the text a terminal or a pipe gets:
/// the one place that decides colour, wrapping and escaping.
public struct Renderer: Sendable {
  /// Emit ANSI colour (SGR) sequences.
  public var color: Bool
  /// Wrap lines that ask for it to this many columns; nil means never wrap.
  public var width: Int?

  public init(color: Bool = false, width: Int? = nil) {
    self.color = color
    self.width = width
  }

  /// The SGR parameters of a style, nil for none.
  static func sgr(_ style: Style) -> String? {
    switch style {
    case .plain, .quoted, .plainOnly: return nil
    case .tag(let color): return "4;" + color.sgr
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

  /// One error as one line: `error: …`.
  public func render(error message: String) -> String {
    paint("error: ", .error) + safe(message) + "\n"
  }

  /// A warning line: `warning: …`.
  public func render(warning message: String) -> String {
    paint("warning: ", .warning) + safe(message) + "\n"
  }

  func paint(_ text: String, _ style: Style) -> String {
    if style == .plainOnly && color { return "" }
    guard color, let code = Self.sgr(style), !text.isEmpty else { return text }
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
      return line.spans.map { safe($0.text, $0.style) }.joined()
    }
    return wrap(line, width: width, indent: indent)
  }

  /// A character cell with its style and width.
  struct Cell {
    var character: Character
    var style: Style
    var width: Int
  }

  /// Greedy word wrap by display width. The first `indent` columns are a
  /// prefix kept as it is; the rest wraps under it. Words longer than a line
  /// are broken; runs of spaces in the body become one.
  func wrap(_ line: OutputLine, width: Int, indent: Int) -> String {
    var cells: [Cell] = []
    for span in line.spans {
      for piece in TerminalSafe.pieces(span.text) {
        if span.style == .plainOnly && color { continue }
        switch piece {
        case .text(let s):
          for c in s { cells.append(Cell(character: c, style: span.style, width: DisplayWidth.of(c))) }
        case .escaped(let s):
          for c in s { cells.append(Cell(character: c, style: .dim, width: 1)) }
        }
      }
    }
    var k = 0
    var column = 0
    while k < cells.count && column < indent {
      column += cells[k].width
      k += 1
    }
    var words: [ArraySlice<Cell>] = []
    var wordStart = k
    for i in k...cells.count {
      if i == cells.count || cells[i].character == " " {
        if wordStart < i { words.append(cells[wordStart..<i]) }
        wordStart = i + 1
      }
    }
    let space = Cell(character: " ", style: .plain, width: 1)
    let margin = Array(repeating: space, count: indent)
    var rows: [[Cell]] = [Array(cells[0..<k])]
    var rowHasWord = false
    for word in words {
      let wordWidth = word.reduce(0) { $0 + $1.width }
      if rowHasWord && column + 1 + wordWidth > width {
        rows.append(margin)
        column = indent
        rowHasWord = false
      }
      if rowHasWord {
        rows[rows.count - 1].append(space)
        column += 1
      }
      for cell in word {
        if column + cell.width > width && column > indent {
          rows.append(margin)
          column = indent
        }
        rows[rows.count - 1].append(cell)
        column += cell.width
      }
      rowHasWord = true
    }
    return rows.map(paintCells).joined(separator: "\n")
  }

  func paintCells(_ cells: [Cell]) -> String {
    var out = ""
    var run = ""
    var style = Style.plain
    for cell in cells {
      if cell.style != style {
        out += paint(run, style)
        run = ""
        style = cell.style
      }
      run.append(cell.character)
    }
    return out + paint(run, style)
  }
}
