import AnnotateCore
import ArgumentParser

/// `annotate segment`: print documents' units, for researchers and for checking.
struct SegmentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "segment",
    abstract: "Print the numbered units of documents.",
    discussion: """
      text: a '# DOCUMENT' line per document, then 'N<TAB>text' per unit (line
      breaks inside a unit shown as spaces, control characters made visible).
      jsonl: one object per unit: document, n, start, end, text (code point offsets).
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, jsonl
  }

  @Option(help: "What a unit is: sentence, paragraph or line.")
  var units: UnitKind = .sentence

  @Option(help: "Output format: text or jsonl.")
  var format: Format = .text

  @OptionGroup var language: LanguageOption

  @Argument(help: "Files or folders of .txt/.md files.")
  var paths: [String]

  private static let documentKey = Array(#"{"document":"#.utf8)
  private static let numberKey = Array(#","n":"#.utf8)
  private static let startKey = Array(#","start":"#.utf8)
  private static let endKey = Array(#","end":"#.utf8)
  private static let textKey = Array(#","text":"#.utf8)

  func validate() throws {
    if paths.isEmpty { throw ValidationError("name at least one file or folder") }
  }

  func run() throws {
    let workspace = Workspace(folder: Project.discover(from: paths).annotations, annotator: "anonymous")
    try loadLanguages(workspace)
    workspace.languageOverride = language.chosen
    let (documents, problems) = workspace.open(paths)
    // Bytes straight from each document into one buffer: no string per
    // unit. JSON escapes control characters but not BiDi overrides: on a
    // terminal those are escaped too, and the text format always escapes.
    let terminalSafe = Terminal.stdoutIsTerminal
    let out = try OutputSink(path: "-")
    var id: [UInt8] = []
    for document in documents {
      let ranges = document.units(units)
      var offsets = ByteCounter(document.text)
      id.removeAll(keepingCapacity: true)
      var name = document.id
      switch format {
      case .text: id += TerminalSafe.escape(name).utf8
      case .jsonl: name.withUTF8 { JSON.appendQuoted($0, to: &id, terminalSafe: terminalSafe) }
      }
      if format == .text { try out.append { $0 += [0x23, 0x20] + id + [0x0A] } }
      try document.text.bytes.withUnsafeBufferPointer { (bytes) throws(WriteError) in
        for (i, range) in ranges.enumerated() {
          let text = UnsafeBufferPointer(
            rebasing: bytes[offsets.byteOffset(ofScalar: range.start)..<offsets.byteOffset(ofScalar: range.end)])
          try out.append { line in
            switch format {
            case .text:
              line.appendDecimal(i + 1)
              line.append(0x09)
              TerminalSafe.appendOneLine(text, to: &line)
            case .jsonl:
              line += Self.documentKey
              line += id
              line += Self.numberKey
              line.appendDecimal(i + 1)
              line += Self.startKey
              line.appendDecimal(range.start)
              line += Self.endKey
              line.appendDecimal(range.end)
              line += Self.textKey
              JSON.appendQuoted(text, to: &line, terminalSafe: terminalSafe)
              line.append(0x7D)
            }
            line.append(0x0A)
          }
        }
      }
    }
    try out.flush()
    let renderer = Renderer(color: false)
    for problem in problems { Terminal.writeError(renderer.render(error: problem.message)) }
    if !problems.isEmpty { throw ExitCode(1) }
  }
}

extension UnitKind: ExpressibleByArgument {}
