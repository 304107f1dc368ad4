extension Session {
  /// Every command of the shell, in the order `help` lists them.
  public static var standardCommands: [Command] {
    [
      helpCommand, openCommand, docsCommand, docCommand, showCommand, unitsCommand, langCommand, tagCommand,
      highlightCommand,
      untagCommand, noteCommand, selectCommand, deleteCommand, spansCommand, findCommand, todoCommand, nothingCommand,
      doneCommand, codeCommand, codesCommand, linkCommand, unlinkCommand, linksCommand, attrCommand, statsCommand,
      pagerCommand,
      codebookCommand, undoCommand, redoCommand, saveCommand, orphansCommand, reattachCommand, relinkCommand,
      annotatorsCommand,
      compareCommand, agreeCommand, adjudicateCommand, exportCommand, importCommand, quitCommand,
    ]
  }
}

/// Parses a 1-based unit number against a count.
func parseUnitNumber(_ text: String, count: Int, kind: UnitKind, command: Command) throws(ShellError) -> Int {
  guard let n = Int(text) else {
    throw command.usageError("'\(text)' is not a \(kind.rawValue) number")
  }
  guard n >= 1 && n <= count else { throw .unitOutOfRange(n, count: count, kind: kind) }
  return n
}

/// Parses `N` or `N-M` (also `N–M`) into a closed range of unit numbers.
func parseUnitRange(_ text: String, count: Int, kind: UnitKind, command: Command) throws(ShellError)
  -> ClosedRange<Int>
{
  let parts = text.split(whereSeparator: { $0 == "-" || $0 == "–" }).map(String.init)
  if parts.count == 2, !text.hasPrefix("-") {
    let a = try parseUnitNumber(parts[0], count: count, kind: kind, command: command)
    let b = try parseUnitNumber(parts[1], count: count, kind: kind, command: command)
    guard a <= b else { throw command.usageError("the range \(text) runs backwards; write \(b)-\(a)") }
    return a...b
  }
  let n = try parseUnitNumber(text, count: count, kind: kind, command: command)
  return n...n
}

/// Machine output (CSV, JSON, JSONL) as lines for the screen, made safe by
/// the renderer; a final line end adds no empty line.
func quotedLines(_ text: String) -> [OutputLine] {
  var text = text
  // "\r\n" is one Character in Swift: hasSuffix("\n") does not see it.
  if text.last == "\n" || text.last == "\r\n" { text.removeLast() }
  return text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map {
    OutputLine($0.contains("\t") ? expandingTabs($0) : String($0), .quoted)
  }
}

/// Tabs as spaces to the next multiple of eight columns, as a terminal's
/// `cat` shows a TSV (a tab itself would be shown escaped).
func expandingTabs(_ line: Substring) -> String {
  var out = ""
  var column = 0
  for c in line {
    if c == "\t" {
      let spaces = 8 - column % 8
      out += String(repeating: " ", count: spaces)
      column += spaces
    } else {
      out.append(c)
      column += DisplayWidth.of(c)
    }
  }
  return out
}

/// "1 sentence", "19 sentences".
public func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

extension Command {
  /// Refuses arguments beyond `limit`.
  func expectAtMost(_ limit: Int, _ args: [String]) throws(ShellError) {
    if args.count > limit {
      let extra = args[limit...].map { "'\($0)'" }.joined(separator: " ")
      throw usageError("unexpected \(extra)")
    }
  }
}

/// A word as the user would type it again: in quotes when empty or holding white space.
func displayWord(_ word: String) -> String {
  word.isEmpty || word.contains(where: \.isWhitespace) ? "\"" + word + "\"" : word
}

/// A command's words, one at a time, for commands with options that take
/// values (`--offsets utf16`, `--as bob`).
struct Words {
  let command: Command
  let args: [String]
  private var i = 0

  init(_ args: [String], of command: Command) {
    self.args = args
    self.command = command
  }

  /// The next word, or nil at the end.
  mutating func next() -> String? {
    guard i < args.count else { return nil }
    i += 1
    return args[i - 1]
  }

  /// The word after an option, which must be there.
  mutating func value(of option: String) throws(ShellError) -> String {
    guard let word = next() else { throw command.usageError("\(option) needs a value") }
    return word
  }

  /// The unit after `--offsets`.
  mutating func unit(of option: String) throws(ShellError) -> OffsetUnit {
    let given = try value(of: option)
    guard let unit = OffsetUnit(rawValue: given) else {
      throw command.usageError(
        "'\(given)' is not a unit: \(OffsetUnit.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return unit
  }

  /// The option is not one the command has.
  func unknown(_ word: String) -> ShellError { command.usageError("unknown option '\(word)'") }
}
