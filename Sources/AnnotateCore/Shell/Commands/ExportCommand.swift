extension Session {
  static var exportCommand: Command {
    Command(
      name: "export", usage: "export csv|doccano|prodigy|brat|webanno [PATH | -] [--bom] [--excel-safe] [--mine]",
      summary: "write every document's annotations for pandas, R and other tools",
      help: """
        Writes the annotations of every open document, by every annotator (only
        yours with --mine): csv (one row per annotation and tag; --bom for
        Excel, --excel-safe against formula injection), doccano or prodigy
        JSONL, brat (a folder), webanno (W3C Web Annotation JSON-LD). Without
        PATH, or with -, the output goes to the screen (brat needs a folder).
        Offsets are code points: Python's text[start:end].
        Example: export csv annotations.csv
        """,
      complete: { _, context in
        context.arguments.isEmpty
          ? ExportFormat.allCases.map(\.rawValue)
          : pathCandidates(context.partial) + ["--bom", "--excel-safe", "--mine"]
      },
      run: { session, args throws(ShellError) in
        let command = session.command("export")
        var csv = CSVOptions()
        var mine = false
        var positional: [String] = []
        for arg in args {
          switch arg {
          case "--bom": csv.byteOrderMark = true
          case "--excel-safe": csv.excelSafe = true
          case "--mine": mine = true
          default:
            if arg.hasPrefix("--") { throw command.usageError("unknown option '\(arg)'") }
            positional.append(arg)
          }
        }
        guard let formatName = positional.first else {
          throw command.usageError("name a format: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let format = ExportFormat(rawValue: formatName.lowercased()) else {
          let names = ExportFormat.allCases.map(\.rawValue)
          let hint = closest(to: formatName, in: names).map { " — did you mean '\($0)'?" } ?? ""
          throw command.usageError("'\(formatName)' is not a format\(hint); valid: \(names.joined(separator: ", "))")
        }
        try command.expectAtMost(2, positional)
        guard !session.corpus.isEmpty else { throw .noDocument }
        session.corpus.segment(.sentence)  // the sentence column
        // The screen gets the export through the renderer, made terminal-safe.
        let destination: String? = positional.count > 1 && positional[1] != "-" ? positional[1] : nil
        let source = ExportSource(
          workspace: session.workspace, filter: ExportFilter(annotators: mine ? [session.workspace.annotator] : []))
        do throws(WriteError) {
          let (summary, problems, output) = try Exporter.run(
            format: format, source: source, destination: destination, csv: csv, codebook: session.workspace.codebook,
            progress: destination == nil ? nil : session.progress)
          var lines = session.warnings(problems)
          if destination == nil {
            lines += quotedLines(String(decoding: output, as: UTF8.self))
          } else if let destination {
            lines.append(
              OutputLine([TextRun(summary.message(format: format) + " to "), TextRun(destination, .quoted)]))
            if let skipped = summary.skippedMessage(format: format) { lines.append(OutputLine(skipped, .dim)) }
          }
          return CommandOutput(lines)
        } catch {
          throw .exportFailed(error)
        }
      })
  }
}
