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
      (#"{"tags": [{"color": "red"}]}"#, "tags[0].name: missing"),
      (#"{"tags": [{"name": "say \"no\""}]}"#, "is not a tag name"),
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

  /// Tag names as real corpora have them: the SemEval propaganda
  /// techniques, German, Chinese; long ones. Not: white space, what the
  /// shell's syntax reserves (quotes, `;`, `\`), a leading digit, `#` or `-`
  /// (those are sentence numbers, span ids and options).
  @Test func tagNamesAsRealCorporaHaveThem() {
    let valid = [
      "Name_Calling,Labeling", "Appeal_to_fear-prejudice", "Exaggeration,Minimisation", "Meinung", "主張",
      "Black-and-White_Fallacy", "NA", String(repeating: "x", count: 128), "Reductio_ad_hitlerum",
    ]
    for name in valid { #expect(Codebook.isValidTagName(name), "\(name)") }
    let invalid = [
      "", "a b", "tab\tname", "semi;colon", "\"quoted\"", "it's", "back\\slash", "3rd", "#1", "-x",
      String(repeating: "x", count: 129), "line\nbreak", "bell\u{7}",
    ]
    for name in invalid { #expect(!Codebook.isValidTagName(name), "\(name)") }
  }

  /// Only `name` is needed: colours come from the palette, distinct for as
  /// many tags as it has (256-colour terminals get more).
  @Test func onlyNamesAreNeededAndColoursComeFromThePalette() throws {
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    let names = (1...14).map { "technique_\($0)" }
    writeFile(
      folder + "/ptc.json", "{\"tags\": [" + names.map { "{\"name\": \"\($0)\"}" }.joined(separator: ", ") + "]}")
    let book = try Codebook.load(path: folder + "/ptc.json")
    #expect(book.names == names)
    #expect(Set(book.tags.map(\.color)).count == 14, "14 techniques, 14 colours")
    #expect(book.tags.allSatisfy { $0.definition.isEmpty && $0.key == nil })
    // brat's annotation.conf is a codebook too.
    writeFile(
      folder + "/annotation.conf",
      "[entities]\nclaim\n\topinion\n!group\n----\nsource\n[relations]\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n"
    )
    #expect(try Codebook.load(path: folder + "/annotation.conf").names == ["claim", "opinion", "group", "source"])
  }

  @Test func codebookFileSitsBesideTheAnnotationsFolder() {
    #expect(Codebook.defaultPath(forAnnotations: "Annotations") == "codebook.json")
    #expect(Codebook.defaultPath(forAnnotations: "/data/project/Annotations/") == "/data/project/codebook.json")
  }
}
