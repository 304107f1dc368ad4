extension Session {
  static var helpCommand: Command {
    Command(
      name: "help", aliases: ["?"], usage: "help [COMMAND]",
      summary: "list the commands, or explain one",
      help: """
        Without an argument, lists every command with a one-line summary.
        With a command name (or a unique prefix of one), explains it.
        Example: help show
        """,
      complete: { session, context in context.arguments.isEmpty ? session.commands.names : [] },
      textOnly: true,
      run: { session, args throws(ShellError) in
        let table = session.commands
        guard let topic = args.first else {
          // Usages up to 30 columns share a line with the summary; longer ones
          // get their own line, so one long usage does not squeeze the rest.
          let width = min(30, table.commands.map(\.usage.count).max() ?? 0)
          var lines: [OutputLine] = []
          for command in table.commands {
            if command.usage.count <= width {
              lines.append(
                OutputLine(
                  [
                    TextRun("  "), TextRun(command.usage, .bold),
                    TextRun(String(repeating: " ", count: width - command.usage.count + 2)), TextRun(command.summary),
                  ], wrapIndent: width + 4))
            } else {
              lines.append(OutputLine([TextRun("  "), TextRun(command.usage, .bold)], wrapIndent: 4))
              lines.append(
                OutputLine(
                  [TextRun(String(repeating: " ", count: width + 4)), TextRun(command.summary)], wrapIndent: width + 4))
            }
          }
          lines.append(OutputLine("Tab completes commands and arguments; help COMMAND explains one.", .dim))
          return CommandOutput(lines)
        }
        guard args.count == 1 else { throw session.commands.commands[0].usageError("give one command name") }
        switch table.resolve(topic) {
        case .found(let command):
          var lines = [OutputLine([TextRun("usage: ", .dim), TextRun(command.usage, .bold)])]
          if !command.aliases.isEmpty {
            lines.append(OutputLine([TextRun("aliases: ", .dim), TextRun(command.aliases.joined(separator: ", "))]))
          }
          lines.append(OutputLine(command.summary))
          lines += helpLines(command.help)
          return CommandOutput(lines)
        case .ambiguous(let candidates):
          throw .ambiguousCommand(topic, candidates: candidates)
        case .unknown(let suggestion):
          throw .unknownHelpTopic(topic, suggestion: suggestion)
        }
      })
  }

  static var quitCommand: Command {
    Command(
      name: "quit", aliases: ["exit", "q"], usage: "quit",
      summary: "leave annotate (Ctrl-D does too)",
      help: """
        Ends the session. Annotations are saved as they are made, so there is
        nothing to save first.
        Example: quit
        """,
      textOnly: true,
      run: { _, _ in CommandOutput(quit: true) })
  }
}

/// A command's help as lines the renderer wraps at word boundaries: its
/// prose as one paragraph, indented lines (a table) as they are, and each
/// example (`Example: a    b`, examples apart by four spaces) on a line of
/// its own.
func helpLines(_ help: String) -> [OutputLine] {
  var lines: [OutputLine] = []
  var paragraph: [String] = []
  func flush() {
    if !paragraph.isEmpty { lines.append(OutputLine([TextRun(paragraph.joined(separator: " "))], wrapIndent: 0)) }
    paragraph = []
  }
  for raw in help.split(separator: "\n", omittingEmptySubsequences: false) {
    let line = String(raw)
    if line.hasPrefix("Example: ") || line.hasPrefix("Examples: ") {
      flush()
      let examples = line.drop { $0 != " " }.dropFirst().split(separator: "    ").map {
        String($0.drop { $0 == " " })
      }
      lines.append(OutputLine("examples:", .dim))
      for example in examples where !example.isEmpty {
        lines.append(OutputLine([TextRun("  "), TextRun(example, .bold)], wrapIndent: 4))
      }
    } else if line.hasPrefix(" ") {
      flush()
      lines.append(OutputLine([TextRun(line)], wrapIndent: line.prefix { $0 == " " }.count + 13))
    } else if line.isEmpty {
      flush()
    } else {
      paragraph.append(line)
    }
  }
  flush()
  return lines
}
