extension Session {
  static var exportCommand: Command {
    let names = ExportFormat.allCases.map(\.rawValue)
    return Command(
      name: "export",
      usage:
        "export FORMAT [PATH | -] [--mine | --annotator NAME] [--offsets UNIT] [--base-iri IRI] [--crlf] [--bom] [--excel-safe]",
      summary: "write every document's annotations for pandas, R and other tools",
      help: """
        Writes the annotations of every open document, by every annotator (only
        yours with --mine, one with --annotator). Formats:
          csv          one row per annotation and tag (--bom for Excel, --excel-safe
                       against formula injection)
          tsv          document, tag, start, end: the SemEval propaganda layout (--crlf)
          doccano      JSONL in UTF-16 units, doccano's default (--offsets codepoint|grapheme)
          prodigy      JSONL with tokens, for spans.manual / ner.manual
          labelstudio  Label Studio JSON tasks (--offsets for old versions)
          brat         a folder of .txt/.ann with annotation.conf (INCEpTION reads it too)
          w3c          W3C Web Annotation JSON-LD (--base-iri for document IRIs)
          conll        BIO token columns, one per tag
          sqlite       a database for R, pandas and datasette
          html         a folder of pages for a browser: index.html with progress and
                       agreement, a page per document (several annotators side by side)
        Without PATH, or with -, the output goes to the screen (brat, sqlite and
        html need a path). Offsets are code points unless the format says otherwise.
        Example: export csv annotations.csv    export html report
        """,
      complete: { _, context in
        context.arguments.isEmpty
          ? names
          : pathCandidates(context.partial) + [
            "--mine", "--annotator", "--offsets", "--base-iri", "--crlf", "--bom", "--excel-safe",
          ]
      },
      run: { session, args throws(ShellError) in
        let command = session.command("export")
        var options = ExportOptions()
        var mine = false
        var only: String?
        var positional: [String] = []
        var words = Words(args, of: command)
        while let word = words.next() {
          switch word {
          case "--bom": options.csv.byteOrderMark = true
          case "--excel-safe": options.csv.excelSafe = true
          case "--crlf": options.crlf = true
          case "--mine": mine = true
          case "--annotator": only = try words.value(of: word)
          case "--base-iri": options.baseIRI = try words.value(of: word)
          case "--offsets": options.offsets = try words.unit(of: word)
          default:
            if word.hasPrefix("--") { throw words.unknown(word) }
            positional.append(word)
          }
        }
        guard let formatName = positional.first else {
          throw command.usageError("name a format: \(names.joined(separator: ", "))")
        }
        guard let format = ExportFormat(name: formatName) else {
          let hint = closest(to: formatName, in: names).map { " — did you mean '\($0)'?" } ?? ""
          throw command.usageError("'\(formatName)' is not a format\(hint); valid: \(names.joined(separator: ", "))")
        }
        try command.expectAtMost(2, positional)
        guard !session.corpus.isEmpty else { throw .noDocument }
        session.corpus.segment(.sentence)  // the sentence column
        // The screen gets the export through the renderer, made terminal-safe.
        let destination: String? = positional.count > 1 && positional[1] != "-" ? positional[1] : nil
        let annotators: Set<String> = mine ? [session.workspace.annotator] : only.map { [$0] } ?? []
        let source = ExportSource(workspace: session.workspace, filter: ExportFilter(annotators: annotators))
        let bar = destination == nil ? nil : session.makeProgress?("documents")
        defer { bar?.finish() }
        do throws(ExportError) {
          let (summary, problems, output) = try Exporter.run(
            format: format, source: source, destination: destination, options: options,
            codebook: session.workspace.codebook, progress: bar?.update)
          var lines = session.warnings(problems)
          if ExportFormat.isOldName(formatName) {
            lines.append(OutputLine("'webanno' is now called 'w3c' (W3C Web Annotation)", .dim))
          }
          if destination == nil {
            lines += quotedLines(String(decoding: output, as: UTF8.self))
          } else if let destination {
            lines.append(
              OutputLine([TextRun(summary.message(format: format) + " to "), TextRun(destination, .quoted)]))
            if let skipped = summary.skippedMessage(format: format) { lines.append(OutputLine(skipped, .dim)) }
          }
          return CommandOutput(lines)
        } catch {
          throw .export(error)
        }
      })
  }
}
