extension Session {
  static var importCommand: Command {
    let names = ImportFormat.allCases.map(\.rawValue)
    return Command(
      name: "import",
      usage: "import FORMAT PATH… [--as ANNOTATOR] [--offsets UNIT] [--base-iri IRI] [--add-tags]",
      summary: "read annotations from other tools into sidecars (all or nothing)",
      help: """
        Reads csv (annotate's own), tsv (document, label, start, end — the SemEval
        propaganda layout; a folder of .labels files too), brat (.ann files or a
        folder, with its annotation.conf), doccano, prodigy, labelstudio or w3c
        files into sidecars. Each record keeps its own annotator; records that
        name none are yours, or --as ANNOTATOR's (--as also renames the one
        annotator a file names). doccano counts UTF-16 units and Label Studio
        code points unless --offsets says otherwise. Labels the codebook lacks
        are listed; --add-tags adds them to the codebook file. Every offset is
        checked against the open documents first; if anything is wrong, each
        problem is reported and nothing is imported.
        Example: import brat ~/brat-export/alice --as alice
        """,
      complete: { _, context in
        context.arguments.isEmpty
          ? names : pathCandidates(context.partial) + ["--as", "--offsets", "--base-iri", "--add-tags"]
      },
      run: { session, args throws(ShellError) in
        let command = session.command("import")
        var options = ImportOptions(fallback: session.workspace.annotator)
        var positional: [String] = []
        var words = Words(args, of: command)
        while let word = words.next() {
          switch word {
          case "--as": options.annotator = try words.value(of: word)
          case "--add-tags": options.addTags = true
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
        guard let format = ImportFormat(name: formatName) else {
          let hint = closest(to: formatName, in: names).map { " — did you mean '\($0)'?" } ?? ""
          throw command.usageError("'\(formatName)' is not a format\(hint); valid: \(names.joined(separator: ", "))")
        }
        if let problem = options.problem(for: format) { throw command.usageError(problem.message) }
        guard positional.count > 1 else { throw command.usageError("name the file or folder to import") }
        guard !session.corpus.isEmpty else { throw .noDocument }
        let importer = Importer(workspace: session.workspace, options: options)
        let (spans, problems, findings) = importer.readAll(format, paths: Array(positional.dropFirst()))
        if !problems.isEmpty { throw .importRefused(problems) }
        let bar = session.makeProgress?("documents")
        defer { bar?.finish() }
        let summary = try session.edit { () throws(EditError) in
          try importer.apply(spans, findings: findings, now: session.clock(), progress: bar?.update)
        }
        var lines: [OutputLine] = []
        if ImportFormat.isOldName(formatName) {
          lines.append(OutputLine("'webanno' is now called 'w3c' (W3C Web Annotation)", .dim))
        }
        lines.append(OutputLine(summary.message + "; import is not undoable: delete removes spans"))
        return CommandOutput(lines)
      })
  }
}
