import AnnotateCore
import ArgumentParser

@main
struct Annotate: ParsableCommand {
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "annotate",
    abstract: "A terminal workbench for coding text: claims, opinions, sources.",
    discussion: """
      Without a subcommand, starts the annotate shell on PATH (default ./seeds):
        annotate [PATH…] [--annotator NAME] [--annotations DIR] [--codebook FILE]
                 [--units sentence|paragraph|line] [--no-color] [--no-pager]
                 [-c 'cmd; cmd' | --script FILE] [--bail]
      (annotate shell --help explains each). Offsets everywhere are Unicode code
      points, half-open: Python's text[start:end].
      """,
    version: version,
    subcommands: [
      ShellCommand.self, SegmentCommand.self, CheckCommand.self, ExportCLI.self, ImportCLI.self, AgreeCLI.self,
      AssignCLI.self, ManualCommand.self,
    ],
    defaultSubcommand: ShellCommand.self
  )

  static func main() {
    Allocator.prepare()
    main(nil)
  }
}
