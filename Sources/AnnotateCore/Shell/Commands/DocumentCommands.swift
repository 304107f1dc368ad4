#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
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
