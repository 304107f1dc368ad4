import Testing

@testable import AnnotateCore

@Suite struct ManualTests {
  @Test func roffEscapesWhatWouldBeMarkup() {
    #expect(Manual.escape(".gitignore keeps") == "\\&.gitignore keeps")
    #expect(Manual.escape("'quoted") == "\\&'quoted")
    #expect(Manual.escape("--format a\\b") == "\\-\\-format a\\eb")
    #expect(Manual.escape("N–M “x” é") == "N\\[u2013]M \\[u201C]x\\[u201D] \\[u00E9]")
    #expect(Manual.escape("😀") == "\\[u1F600]")
  }

  @Test func everyCommandAndSubcommandIsOnThePage() {
    let page = Manual.roff(
      version: "9.9", date: "2026-01-01", subcommands: [.init(name: "export", help: "USAGE: annotate export\n")])
    #expect(page.hasPrefix(".TH ANNOTATE 1 \"2026-01-01\" \"annotate 9.9\""))
    for command in Session.standardCommands {
      #expect(page.contains("\\fB" + Manual.escape(command.usage) + "\\fR"))
      #expect(page.contains(Manual.escape(command.summary + ".")))
    }
    #expect(page.contains(".SS export\n.nf\nUSAGE: annotate export\n.fi\n"))
  }
}
