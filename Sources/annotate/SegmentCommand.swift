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

  func validate() throws {
    if paths.isEmpty { throw ValidationError("name at least one file or folder") }
  }

  func run() throws {
    let workspace = Workspace(folder: Project.discover(from: paths).annotations, annotator: "anonymous")
    try loadLanguages(workspace)
    workspace.languageOverride = language.chosen
    let (documents, problems) = workspace.open(paths)
    var buffer = ""
    buffer.reserveCapacity(1 << 17)
    // JSON escapes control characters but not BiDi overrides: on a terminal
    // the lines are made safe too.
    let toTerminal = Terminal.stdoutIsTerminal
    func write(_ text: String) { Terminal.write(toTerminal ? TerminalSafe.escapeKeepingLines(text) : text) }
    func flushIfLarge() {
      if buffer.utf8.count >= 1 << 16 {
        write(buffer)
        buffer.removeAll(keepingCapacity: true)
      }
    }
    for document in documents {
      let ranges = document.units(units)
      if format == .text { buffer += "# " + TerminalSafe.escape(document.id) + "\n" }
      for (i, range) in ranges.enumerated() {
        let text = document.string(in: range)
        switch format {
        case .text:
          buffer += "\(i + 1)\t" + TerminalSafe.escape(oneLine(text)) + "\n"
        case .jsonl:
          buffer +=
            "{\"document\":\(JSON.quote(document.id)),\"n\":\(i + 1),\"start\":\(range.start),\"end\":\(range.end),\"text\":\(JSON.quote(text))}\n"
        }
        flushIfLarge()
      }
    }
    write(buffer)
    Terminal.flush()
    let renderer = Renderer(color: false)
    for problem in problems { Terminal.writeError(renderer.render(error: problem.message)) }
    if !problems.isEmpty { throw ExitCode(1) }
  }
}

extension UnitKind: ExpressibleByArgument {}
