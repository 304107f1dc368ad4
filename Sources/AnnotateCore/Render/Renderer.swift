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
    var bytes: [UInt8] = []
    for line in output.lines {
      append(line, to: &bytes)
      bytes.append(0x0A)
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// One error as one line: `error: …` (wrapped on a terminal).
  public func render(error message: String) -> String {
    render(OutputLine([TextRun("error: ", .error), TextRun(message, .quoted)], wrapIndent: 2)) + "\n"
  }

  /// A warning line: `warning: …`.
  public func render(warning message: String) -> String {
    render(OutputLine([TextRun("warning: ", .warning), TextRun(message, .quoted)], wrapIndent: 2)) + "\n"
  }

  /// Appends text painted in a style: wrapped in its SGR sequence when
  /// colour is on and the style has one; nothing for text shown only
  /// without colour (or only with it) when that is not the case.
  func appendPainted<Text: Collection<UInt8>>(_ text: Text, _ style: Style, to out: inout [UInt8]) {
    if style == .plainOnly && color { return }
    if case .colorOnly = style, !color { return }
    guard color, !text.isEmpty, let code = sgr(style) else {
      out.append(contentsOf: text)
      return
    }
    out.append(contentsOf: [0x1B, 0x5B])
    out.append(contentsOf: code.utf8)
    out.append(0x6D)
    out.append(contentsOf: text)
    out.append(contentsOf: [0x1B, 0x5B, 0x30, 0x6D])
  }

  public func render(_ line: OutputLine) -> String {
    var bytes: [UInt8] = []
    append(line, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends a rendered line (no line break after it).
  func append(_ line: OutputLine, to out: inout [UInt8]) {
    guard let indent = line.wrapIndent, let width, width > indent + 10 else {
      for run in line.runs {
        for piece in TerminalSafe.pieces(run.text) {
          switch piece {
          case .text(let s): appendPainted(s.utf8, run.style, to: &out)
          case .escaped(let s): appendPainted(s.utf8, .dim, to: &out)
          }
        }
      }
      return
    }
    wrap(line, width: width, indent: indent, into: &out)
  }

  /// A piece of a word in one style: bytes `range` of run `run`.
  struct Fragment {
    var run: Int
    var range: Range<Int>
    var style: Style
    var width: Int
  }

  /// Columns the UTF-8 `bytes` take.
  static func columns(_ bytes: ArraySlice<UInt8>) -> Int {
    bytes.withUnsafeBufferPointer { DisplayWidth.of(utf8: $0) }
  }

  /// Greedy word wrap by display width, appended as UTF-8. The first
  /// `indent` columns are a prefix kept as it is; the rest wraps under it.
  /// Words longer than a line are broken; runs of spaces in the body
  /// become one.
  func wrap(_ line: OutputLine, width: Int, indent: Int, into out: inout [UInt8]) {
    // Sanitised runs, each with its style, as bytes.
    var runs: [(bytes: [UInt8], style: Style)] = []
    for span in line.runs {
      if span.style == .plainOnly && color { continue }
      if case .colorOnly = span.style, !color { continue }
      for piece in TerminalSafe.pieces(span.text) {
        switch piece {
        case .text(let s): runs.append((Array(s.utf8), span.style))
        case .escaped(let s): runs.append((Array(s.utf8), .dim))
        }
      }
    }
    // The prefix: whole runs until `indent` columns are used.
    var column = 0
    var k = 0
    // (A run wider than what is left of the indent is body text: it wraps.)
    while k < runs.count && column < indent {
      let columns = Self.columns(runs[k].bytes[...])
      guard column + columns <= indent else { break }
      appendPainted(runs[k].bytes, runs[k].style, to: &out)
      column += columns
      k += 1
    }
    // Words of the body, made of fragments that may differ in style.
    var words: [[Fragment]] = []
    var current: [Fragment] = []
    for r in k..<runs.count {
      let (bytes, style) = runs[r]
      var start = 0
      for i in bytes.indices where bytes[i] == 0x20 {
        if start < i {
          current.append(Fragment(run: r, range: start..<i, style: style, width: Self.columns(bytes[start..<i])))
        }
        if !current.isEmpty {
          words.append(current)
          current = []
        }
        start = i + 1
      }
      if start < bytes.count {
        current.append(
          Fragment(run: r, range: start..<bytes.count, style: style, width: Self.columns(bytes[start...])))
      }
    }
    if !current.isEmpty { words.append(current) }
    // Text is painted a style at a time: neighbouring words of one style
    // share one colour sequence.
    var pending: [UInt8] = []
    var pendingStyle = Style.plain
    func emit<Text: Collection<UInt8>>(_ text: Text, _ style: Style) {
      if style != pendingStyle && !pending.isEmpty {
        appendPainted(pending, pendingStyle, to: &out)
        pending.removeAll(keepingCapacity: true)
      }
      pendingStyle = style
      pending.append(contentsOf: text)
    }
    func newRow() {
      appendPainted(pending, pendingStyle, to: &out)
      pending.removeAll(keepingCapacity: true)
      out.append(0x0A)
      out.append(contentsOf: repeatElement(0x20, count: indent))
    }
    // A space between the prefix and the body is kept: the first word then
    // follows as any other word does.
    let bodyStartsWithSpace = k < runs.count && runs[k].bytes.first == 0x20
    let prefixEndsWithSpace = k == 0 || runs[k - 1].bytes.last == 0x20
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
        emit(CollectionOfOne(0x20), word.first!.style == pendingStyle ? pendingStyle : .plain)
        column += 1
      }
      for fragment in word {
        let bytes = runs[fragment.run].bytes[fragment.range]
        if column + fragment.width <= width || column <= indent && fragment.width <= width - indent {
          emit(bytes, fragment.style)
          column += fragment.width
          continue
        }
        // Longer than the room left: break it by characters.
        for c in String(decoding: bytes, as: UTF8.self) {
          let w = DisplayWidth.of(c)
          if column + w > width && column > indent {
            newRow()
            column = indent
          }
          emit(c.utf8, fragment.style)
          column += w
        }
      }
      rowHasWord = true
    }
    appendPainted(pending, pendingStyle, to: &out)
  }

}
