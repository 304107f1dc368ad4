import Testing

@testable import AnnotateCore

@Suite struct CommandTableTests {
  let table = Session().commands

  func resolved(_ word: String) -> String? {
    if case .found(let command) = table.resolve(word) { return command.name }
    return nil
  }

  @Test func exactNamesAliasesAndPrefixes() {
    #expect(resolved("show") == "show")
    #expect(resolved("SHOW") == "show")
    #expect(resolved("exit") == "quit")
    #expect(resolved("?") == "help")
    #expect(resolved("sh") == "show")
    #expect(resolved("he") == "help")
    #expect(resolved("doc") == "doc")
    #expect(resolved("uni") == "units")
    #expect(resolved("hl") == "highlight")
    #expect(resolved("t") == "tag")
  }

  @Test func ambiguousPrefixListsCandidates() throws {
    let names = try #require(candidates(of: table.resolve("do")), "expected ambiguity")
    #expect(Set(names) == ["doc", "docs", "done"])
  }

  @Test func unknownCommandsGetTheClosestName() throws {
    let close = try #require(suggestion(of: table.resolve("shwo")), "expected unknown")
    #expect(close == "show")
    let none = try #require(suggestion(of: table.resolve("zzzzzz")), "expected unknown")
    #expect(none == nil)
  }

  /// The candidates of an ambiguous resolution; nil for any other.
  func candidates(of resolution: CommandTable.Resolution) -> [String]? {
    if case .ambiguous(let names) = resolution { return names }
    return nil
  }

  /// The suggestion of an unknown resolution (itself optional); nil for any other.
  func suggestion(of resolution: CommandTable.Resolution) -> String?? {
    if case .unknown(let suggestion) = resolution { return .some(suggestion) }
    return nil
  }

  @Test func everyCommandHasHelpWithAnExample() {
    for command in table.commands {
      #expect(!command.summary.isEmpty, "\(command.name) has no summary")
      #expect(command.help.contains("Example:"), "\(command.name) help has no example")
      #expect(command.usage.hasPrefix(command.name), "\(command.name) usage does not start with its name")
    }
    let names = table.commands.flatMap { [$0.name] + $0.aliases }
    #expect(Set(names).count == names.count, "a name or alias is used twice")
  }

  @Test func editDistanceHandlesTranspositions() {
    #expect(editDistance("tgs", "tags") == 1)
    #expect(editDistance("shwo", "show") == 1)
    #expect(editDistance("", "abc") == 3)
    #expect(closest(to: "shows", in: ["show", "help"]) == "show")
    // Regression: abbreviations typed in order got no suggestion.
    #expect(closest(to: "opn", in: ["claim", "opinion", "source"]) == "opinion")
    #expect(closest(to: "clm", in: ["claim", "opinion", "source"]) == "claim")
    #expect(closest(to: "xyz", in: ["claim", "opinion", "source"]) == nil)
  }
}
