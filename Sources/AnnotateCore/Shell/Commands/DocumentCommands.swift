#if canImport(Glibc)
  import Glibc
#endif

extension Session {
  static var openCommand: Command {
    Command(
      name: "open", aliases: ["o"], usage: "open PATH…",
      summary: "open text files or folders of them",
      help: """
        Opens .txt and .md files; folders are searched recursively in sorted
        order, and a document's id is its path inside the folder. The first
        document opened becomes current. Files that cannot be opened are named
        with the reason; the others still open.
        Example: open seeds/ ~/corpus/article.txt
        """,
      complete: { _, context in pathCandidates(context.partial) },
      run: { session, args throws(ShellError) in
        guard !args.isEmpty else { throw session.command("open").usageError("name at least one file or folder") }
        let (opened, problems) = session.open(args)
        if opened.isEmpty && !problems.isEmpty { throw .open(problems) }
        if let first = opened.first {
          session.currentIndex = session.corpus.index(ofID: first.id)
          session.focus = nil
        }
        var lines = [
          OutputLine(
            [TextRun("opened "), TextRun(plural(opened.count, "document"), .bold)]
              + (opened.first.map { [TextRun("; current: "), TextRun($0.id, .quoted)] } ?? []))
        ]
        for problem in problems {
          lines.append(OutputLine([TextRun("warning: ", .warning), TextRun(problem.message, .quoted)]))
        }
        return CommandOutput(lines)
      })
  }

  static var docsCommand: Command {
    Command(
      name: "docs", aliases: ["ls"], usage: "docs",
      summary: "list the open documents with their progress",
      help: """
        One line per document: its number, id, how many units it has, and how
        far you have read. The current document is marked with *.
        Example: docs
        """,
      run: { session, args throws(ShellError) in
        try session.command("docs").expectAtMost(0, args)
        guard !session.corpus.isEmpty else { throw .noDocument }
        session.corpus.segment(session.options.unitKind)
        let documents = session.corpus.documents
        let numberWidth = String(documents.count).count
        let kind = session.options.unitKind.rawValue
        var lines: [OutputLine] = []
        for (i, document) in documents.enumerated() {
          let total = session.units(of: document).count
          let read = session.readTo[i] ?? 0
          let number = String(i + 1)
          lines.append(
            OutputLine([
              TextRun(i == session.currentIndex ? "* " : "  ", .accent),
              TextRun(String(repeating: " ", count: numberWidth - number.count) + number, .number),
              TextRun("  "), TextRun(document.id, .quoted),
              TextRun("  " + plural(total, kind) + ", read \(read)/\(total)", .dim),
            ]))
        }
        return CommandOutput(lines)
      })
  }

  static var docCommand: Command {
    Command(
      name: "doc", aliases: ["use"], usage: "doc [N | ID]",
      summary: "show or change the current document",
      help: """
        Without an argument, names the current document. With a number from
        docs, or a document id (or a unique prefix of one), makes it current.
        Example: doc 2
        """,
      complete: { session, context in context.arguments.isEmpty ? session.corpus.documents.map(\.id) : [] },
      run: { session, args throws(ShellError) in
        let command = session.command("doc")
        try command.expectAtMost(1, args)
        guard let name = args.first else {
          let (index, document) = try session.requireDocument()
          let total = session.units(of: document).count
          return CommandOutput([
            OutputLine([
              TextRun("current: ", .dim), TextRun(document.id, .quoted),
              TextRun(
                " (\(index + 1) of \(session.corpus.count); \(plural(total, session.options.unitKind.rawValue)), \(document.text.scalarCount) characters)",
                .dim),
            ])
          ])
        }
        let index = try session.documentIndex(named: name)
        session.focus = nil
        session.currentIndex = index
        let document = session.corpus.documents[index]
        let total = session.units(of: document).count
        return CommandOutput([
          OutputLine([
            TextRun("current: ", .dim), TextRun(document.id, .quoted),
            TextRun(" (\(plural(total, session.options.unitKind.rawValue)))", .dim),
          ])
        ])
      })
  }

  /// A document by number, exact id, or unique id prefix.
  func documentIndex(named name: String) throws(ShellError) -> Int {
    let documents = corpus.documents
    if let n = Int(name) {
      guard n >= 1 && n <= documents.count else {
        throw .unknownDocument(name, suggestion: nil, count: documents.count)
      }
      return n - 1
    }
    if let index = corpus.index(ofID: name) { return index }
    let matches = documents.indices.filter { documents[$0].id.hasPrefix(name) }
    if matches.count == 1 { return matches[0] }
    // A name inside a folder of the project: `copy.txt` for `corpus/2019/copy.txt`.
    let inFolder = documents.indices.filter { documents[$0].id.hasSuffix("/" + name) }
    if matches.isEmpty && inFolder.count == 1 { return inFolder[0] }
    let suggestion = matches.isEmpty ? closest(to: name, in: documents.map(\.id)) : nil
    throw .unknownDocument(
      name, suggestion: suggestion ?? matches.first.map { documents[$0].id }, count: documents.count)
  }

  /// A command of the table by name (for handlers to build their errors).
  func command(_ name: String) -> Command {
    commands.commands.first { $0.name == name }!
  }
}

/// File and folder names that complete `partial`; folders end in `/`.
func pathCandidates(_ partial: String) -> [String] {
  let slash = partial.lastIndex(of: "/")
  let folderPart = slash.map { String(partial[...$0]) } ?? ""
  let namePart = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
  var folder = folderPart.isEmpty ? "." : folderPart
  if folder.hasPrefix("~"), let home = getenv("HOME") { folder = String(cString: home) + folder.dropFirst() }
  guard let dir = opendir(folder) else { return [] }
  defer { closedir(dir) }
  var names: [String] = []
  while let entry = readdir(dir) {
    let name = directoryEntryName(entry)
    if name == "." || name == ".." { continue }
    if name.hasPrefix(".") && !namePart.hasPrefix(".") { continue }
    guard name.hasPrefix(namePart) else { continue }
    var info = stat()
    let isFolder =
      stat((folder.hasSuffix("/") ? folder : folder + "/") + name, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    names.append(folderPart + name + (isFolder ? "/" : ""))
  }
  return names.sorted()
}
