extension Session {
  static var importCommand: Command {
    Command(
      name: "import", usage: "import brat|doccano|prodigy|csv|tsv PATH… [--as ANNOTATOR]",
      summary: "read annotations from other tools into sidecars (all or nothing)",
      help: """
        Reads brat (.ann files or a folder of them), doccano or Prodigy JSONL,
        annotate's own CSV, or a TSV of document, label, start, end, into the
        sidecars of an annotator (yours unless --as names another; CSV keeps
        each row's annotator unless --as is given). Every offset is checked
        against the open documents first; if any line is wrong, each is
        reported and nothing is imported.
        Example: import brat ~/brat-export/alice --as alice
        """,
      complete: { _, context in
        context.arguments.isEmpty ? ImportFormat.allCases.map(\.rawValue) : pathCandidates(context.partial) + ["--as"]
      },
      run: { session, args throws(ShellError) in
        let command = session.command("import")
        var annotator: String?
        var positional: [String] = []
        var i = 0
        while i < args.count {
          if args[i] == "--as" {
            guard i + 1 < args.count else { throw command.usageError("--as needs an annotator name") }
            annotator = args[i + 1]
            guard isValidAnnotatorName(args[i + 1]) else {
              throw command.usageError(
                "'\(args[i + 1])' is not a valid annotator name — use \(annotatorNameRule)")
            }
            i += 2
            continue
          }
          if args[i].hasPrefix("--") { throw command.usageError("unknown option '\(args[i])'") }
          positional.append(args[i])
          i += 1
        }
        guard let formatName = positional.first else {
          throw command.usageError("name a format: \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let format = ImportFormat(rawValue: formatName.lowercased()) else {
          let names = ImportFormat.allCases.map(\.rawValue)
          throw command.usageError("'\(formatName)' is not a format; valid: \(names.joined(separator: ", "))")
        }
        guard positional.count > 1 else { throw command.usageError("name the file or folder to import") }
        guard !session.corpus.isEmpty else { throw .noDocument }
        let owner = annotator ?? (format == .csv ? nil : session.workspace.annotator)
        let importer = Importer(workspace: session.workspace, annotator: owner)
        let (spans, problems) = importer.read(format, paths: Array(positional.dropFirst()))
        if !problems.isEmpty { throw .importRefused(problems) }
        let summary = try session.edit { () throws(EditError) in try importer.apply(spans, now: session.clock()) }
        return CommandOutput([OutputLine(summary.message + "; import is not undoable: delete removes spans")])
      })
  }
}
