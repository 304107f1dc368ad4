/// How a piece of output text looks; the renderer maps styles to colours.
public enum Style: Hashable, Sendable {
  case plain
  case bold
  case dim
  case number
  case accent
  case warning
  case error
  /// Text from a document, a file name or a note: always made terminal-safe.
  case quoted
  /// Text inside a span with this tag colour.
  case tag(TagColor)
  /// Shown only without colour (brackets that mark spans in plain output).
  case plainOnly
  /// Shown only in colour, in a tag's colour (a marker per tag after a span).
  case colorOnly(TagColor)
}

/// A run of output text in one style (not to be confused with a span, the
/// product's word for an annotation).
public struct TextRun: Equatable, Sendable {
  public var text: String
  public var style: Style
  public init(_ text: String, _ style: Style = .plain) {
    self.text = text
    self.style = style
  }
}

/// One line of output. A wrapped line continues under its `indent`.
public struct OutputLine: Equatable, Sendable {
  public var runs: [TextRun]
  /// Wrap to the terminal width, continuing lines indented this many columns.
  public var wrapIndent: Int?

  public init(_ runs: [TextRun], wrapIndent: Int? = nil) {
    self.runs = runs
    self.wrapIndent = wrapIndent
  }

  public init(_ text: String, _ style: Style = .plain) {
    self.init([TextRun(text, style)])
  }

}

/// What a command produced, for the renderer to print.
public struct CommandOutput: Equatable, Sendable {
  public var lines: [OutputLine]
  /// The shell should end after this command.
  public var quit = false

  public init(_ lines: [OutputLine] = [], quit: Bool = false) {
    self.lines = lines
    self.quit = quit
  }

  public init(_ text: String, _ style: Style = .plain) {
    self.init([OutputLine(text, style)])
  }
}
