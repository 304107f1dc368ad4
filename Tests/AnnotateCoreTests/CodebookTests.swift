import Testing

@testable import AnnotateCore

@Suite struct CodebookTests {
  @Test func loadsAValidFileAndNamesTheFieldOfABadOne() throws {
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    writeFile(
      folder + "/good.json",
      #"{"tags": [{"name": "loaded-language", "definition": "Emotive wording.", "color": "red", "key": "l"}, {"name": "whataboutism", "definition": "Deflection.", "color": "bright-blue"}]}"#
    )
    let book = try Codebook.load(path: folder + "/good.json")
    #expect(book.names == ["loaded-language", "whataboutism"])
    #expect(try book.resolve("l").get().name == "loaded-language")
    #expect(try book.resolve("wh").get().name == "whataboutism")
    let cases: [(String, String)] = [
      (#"{"tags": []}"#, "tags: the list is empty"),
      (#"{"tags": [{"name": "a b", "definition": "", "color": "red"}]}"#, "tags[0].name: 'a b' is not a tag name"),
      (#"{"tags": [{"name": "x", "definition": "", "color": "pink"}]}"#, "tags[0].color: 'pink' is not a colour"),
      (#"{"tags": [{"name": "x", "color": "red"}]}"#, "tags[0].definition: missing"),
      (
        #"{"tags": [{"name": "x", "definition": "", "color": "red", "key": "xy"}]}"#,
        "tags[0].key: 'xy' is not a single"
      ),
      (
        #"{"tags": [{"name": "x", "definition": "", "color": "red"}, {"name": "X", "definition": "", "color": "red"}]}"#,
        "tags[1].name: 'X' is defined twice"
      ),
      (#"{"tags": [{"name": 3}]}"#, "tags[0].name: expected a string"),
      ("{not json", "not valid JSON"),
    ]
    for (text, expected) in cases {
      writeFile(folder + "/bad.json", text)
      do {
        _ = try Codebook.load(path: folder + "/bad.json")
        Issue.record("accepted \(text)")
      } catch {
        #expect(error.message.contains(expected), "\(error.message)")
        #expect(error.message.hasPrefix(folder + "/bad.json: "))
      }
    }
  }

  @Test func codebookFileSitsBesideTheAnnotationsFolder() {
    #expect(Codebook.defaultPath(forAnnotations: "Annotations") == "codebook.json")
    #expect(Codebook.defaultPath(forAnnotations: "/data/project/Annotations/") == "/data/project/codebook.json")
  }
}
