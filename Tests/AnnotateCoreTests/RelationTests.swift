import FoundationEssentials
import Testing

@testable import AnnotateCore

/// Relations, document codes and span attributes in process: commands with
/// their errors and undo, storage (version 2 only when used, journal and
/// sidecar, the fast reader), deletion that never leaves a dangling link,
/// check, and agreement against hand-computed values.
@Suite struct RelationTests {
  static let codebook = """
    {"tags": [{"name": "claim", "key": "c"}, {"name": "opinion", "key": "o"}, {"name": "source", "key": "s"}],
     "relations": [{"name": "attributed-to", "from": ["claim", "opinion"], "to": ["source"]},
                   {"name": "supports", "from": ["claim"], "to": ["claim"], "directed": false}],
     "variables": [{"name": "stance", "values": ["pro", "neutral", "anti"], "ordered": true},
                   {"name": "frame", "values": ["security", "economy", "morality"], "multiple": true}],
     "attributes": [{"name": "checkworthy", "values": ["yes", "no"], "tags": ["claim"]}]}
    """

  static let text = "The minister said the talks failed. Critics disagree. Reuters reported it.\n"

  func project() throws -> TestProject {
    let p = TestProject(documents: ["a.txt": Self.text], seed: false)
    writeFile(p.folder + "/codebook.json", Self.codebook)
    p.session.workspace.codebook = try Codebook.load(path: p.folder + "/codebook.json")
    return p
  }

  @Test func linkCodeAndQualifyWithErrorsThatSayWhatIsValid() throws {
    let p = try project()
    let (out, err, _) = p.run(
      "doc a.txt", "tag 1 claim", "hl 3 \"Reuters\" source", "tag 2 opinion",
      "link #1 #2 attributed-to", "link #1 #3 attr", "link #3 #2 attributed-to", "link #1 #1 supports",
      "link #1 #2 blames",
      "code stance anti", "code stance pro neutral", "code frame security economy", "code stance sideways",
      "attr #1 checkworthy=yes", "attr #2 checkworthy=yes", "attr #1 urgency=high", "links", "codes", "spans")
    let errors = err.split(separator: "\n").map(String.init)
    #expect(out.contains("linked #1 (claim) attributed-to → #2 (source)"), "\(out)")
    #expect(
      errors.contains("error: attributed-to links claim or opinion to source, not claim to opinion"), "\(errors)")
    #expect(out.contains("linked #3 (opinion) attributed-to → #2 (source)"))
    #expect(errors.contains("error: a span cannot be linked to itself (#1)"))
    #expect(errors.contains("error: 'blames' is not a relation of the codebook (valid: attributed-to, supports)"))
    #expect(errors.contains("error: stance takes one value"))
    #expect(errors.contains("error: 'sideways' is not a value of stance (valid: pro, neutral, anti)"))
    #expect(errors.contains("error: checkworthy is for spans tagged claim, not source"))
    #expect(errors.contains("error: 'urgency' is not a span attribute (valid: checkworthy)"))
    #expect(out.contains("coded stance = anti") && out.contains("coded frame = security, economy"))
    #expect(out.contains("#1 checkworthy=yes"))
    #expect(out.contains("  stance  anti"), "\(out)")
    #expect(
      out.contains("#1 [claim] sentence 1: “The minister said the talks failed.” checkworthy=yes → attributed-to #2"))
  }

  @Test func linksAreDurableUndoableAndNeverDangle() throws {
    let p = try project()
    p.run("doc a.txt", "tag 1 claim", "hl 3 \"Reuters\" source", "link #1 #2 attributed-to", "code stance neutral")
    let (_, err, _) = p.run("delete #2")
    #expect(err.contains("span #2 is linked (#1 attributed-to #2): unlink it first, or delete both ends"), "\(err)")
    // Another session sees them (the journal), and after closing (the sidecar, version 2).
    let other = TestProject.session(folder: p.folder)
    other.workspace.codebook = p.session.workspace.codebook
    let (out, _, _) = transcript(other, ["doc a.txt", "links", "codes"])
    #expect(out.contains("#1 (claim) attributed-to → #2 (source)"), "\(out)")
    #expect(out.contains("stance  neutral"))
    _ = other.close()
    _ = p.session.close()
    let bytes = try #require(readFileBytes(p.folder + "/docs/ann/a.txt/alice.json"))
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.contains("\"version\": 2,"))
    #expect(text.contains("\"relations\": [\n    {\"type\": \"attributed-to\", \"from\": 1, \"to\": 2, \"created\": "))
    #expect(text.contains("\"codes\": {\"stance\": [\"neutral\"]},"))
    let fast = try #require(SidecarFastReader.read(bytes))
    let slow = try JSONDecoder().decode(SidecarFile.self, from: Data(bytes))
    #expect(fast == slow)
    // Undo takes the link back; deleting both ends at once takes their link with them.
    let again = TestProject.session(folder: p.folder)
    again.workspace.codebook = p.session.workspace.codebook
    let (undone, _, _) = transcript(again, ["doc a.txt", "link #1 #2 attributed-to", "undo", "links"])
    #expect(undone.contains("nothing changed, already linked"), "\(undone)")
    let (gone, goneErr, _) = transcript(again, ["unlink #1 #2", "links", "undo", "delete #1 #2", "links"])
    #expect(goneErr.isEmpty, "\(goneErr)")
    #expect(gone.contains("unlinked #1 and #2"))
    #expect(gone.contains("no relations yet"))
    _ = again.close()
  }

  @Test func spansWithoutTheNewFieldsStayVersionOne() throws {
    let p = try project()
    p.run("doc a.txt", "tag 1 claim")
    _ = p.session.close()
    let text = String(decoding: try #require(readFileBytes(p.folder + "/docs/ann/a.txt/alice.json")), as: UTF8.self)
    #expect(text.contains("\"version\": 1,"))
  }

  /// Regression: the store wrote its sidecar's head from an empty list, so a
  /// sidecar whose only new field was a span attribute said version 1.
  @Test func aSpanAttributeAloneMakesVersionTwo() throws {
    let p = try project()
    p.run("doc a.txt", "tag 1 claim", "attr #1 checkworthy=yes")
    _ = p.session.close()
    let text = String(decoding: try #require(readFileBytes(p.folder + "/docs/ann/a.txt/alice.json")), as: UTF8.self)
    #expect(text.contains("\"version\": 2,"))
    #expect(text.contains("\"attributes\": {\"checkworthy\": \"yes\"}"))
  }

  @Test func checkFindsRelationsTheCodebookDoesNotAllow() throws {
    let p = try project()
    p.run("doc a.txt", "tag 1 claim", "hl 3 \"Reuters\" source", "link #1 #2 attributed-to", "code stance anti")
    _ = p.session.close()
    // A codebook in which sources are not what claims are attributed to, and stance has other values.
    var changed = p.session.workspace.codebook
    changed.relations = [RelationType(name: "attributed-to", from: ["claim"], to: ["claim"])]
    changed.variables = [Variable(name: "stance", values: ["for", "against"])]
    let (_, problems) = SidecarCheck.run(folder: p.folder + "/docs/ann", corpus: p.session.corpus, codebook: changed)
    #expect(problems.map(\.issue).contains(.relationNotAllowed(from: 1, to: 2, type: "attributed-to")), "\(problems)")
    #expect(problems.map(\.issue).contains(.codeNotInCodebook(variable: "stance", values: ["anti"])))
  }

  @Test func ordinalAlphaMatchesKrippendorffsWorkedExample() {
    // Krippendorff (2011), the 4 coders × 12 units example, read as ordinal 1…5
    // (missing as -1): α ordinal = 0.815 (his reported value).
    let rows: [[Int]] = [
      [1, 1, -1, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
      [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [-1, 5, 5, 5], [-1, -1, 1, 1], [-1, -1, 3, -1],
    ]
    let data = ReliabilityData(
      coders: 4, categories: 5, values: rows.flatMap { $0.map { Int32($0 < 0 ? -1 : $0 - 1) } })
    #expect(abs(Agreement.krippendorffAlpha(data, ordinal: true) - 0.815) < 0.001)
    #expect(abs(Agreement.krippendorffAlpha(data, ordinal: false) - 0.743) < 0.001)
  }
}
