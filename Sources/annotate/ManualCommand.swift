import AnnotateCore
import ArgumentParser

/// `annotate manual`: the man page (roff) on standard output, made from the
/// shell's command table and the subcommands' own help; `make install`
/// installs it as annotate.1.
struct ManualCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "manual",
    abstract: "Print the manual page (roff; man -l renders it).",
    shouldDisplay: false
  )

  @Option(help: "The date on the page (default: today, UTC).")
  var date: String?

  func run() throws {
    let subcommands: [(String, any ParsableCommand.Type)] = [
      ("export", ExportCLI.self), ("import", ImportCLI.self), ("agree", AgreeCLI.self), ("assign", AssignCLI.self),
      ("check", CheckCommand.self), ("segment", SegmentCommand.self),
    ]
    let page = Manual.roff(
      version: Annotate.version, date: date ?? String(utcNow().prefix(10)),
      subcommands: subcommands.map { Manual.Subcommand(name: $0.0, help: $0.1.helpMessage(columns: 80)) })
    Terminal.write(page)
    Terminal.flush()
  }
}
