import Glibc
import Testing

/// The CSV export's quoting and filters, the shell's export, orphans; the
/// fixture (`prepared()`) every export test uses: a document that is hard on
/// offsets, three annotators, overlapping spans and an orphan. Each format
/// read by the other tool's rules: `InterchangeTests`.
@Suite(.timeLimit(.minutes(10))) struct ExportTests {
  static let hardText =
    "“Peace” Talks Collapse 🇶🇦\r\n\r\nThe envoy said the deal was “very close.” Critics, \"quoting\" him, called it naïve — a “façade” 👍🏽.\r\nZoë Mu\u{308}ller, of the U.N., disagreed; e\u{301}clat =SUM(A1) followed.\r\n北京的回应是“不可能”。\r\n"

  func prepared() -> String {
    let folder = makeTemporaryFolder()
    _ = system(
      "mkdir -p '\(folder)/docs' '\(folder)/out' && cp '\(repositoryRoot)/seeds/000_9c83e067df388347.txt' '\(folder)/docs/'"
    )
    writeFile(folder + "/docs/hard.txt", Self.hardText)
    let script = [
      "doc hard.txt", "tag 1 source", "hl 2 \"“very close.”\" opinion", "note \"has, a comma and \\\"quotes\\\"\"",
      "hl 3 \"“façade” 👍🏽\" claim opinion", "tag 2-3 claim", "hl 4 \"Mu\u{308}ller\" source", "hl 4 \"=SUM(A1)\" claim",
      "hl 5 \"北京\" source", "hl 5 \"“不可能”\" claim",
      "doc 1", "tag 3 opinion", "hl 3 \"rightly felt\" claim",
    ]
    // carol codes a document that is then edited: "the group" is cut, so her span of it becomes an orphan.
    writeFile(folder + "/docs/edited.txt", "The envoy met the group in Doha. Talks will resume next week.\n")
    let edit = "The envoy met officials in Doha. Talks will resume next week.\n"
    for (annotator, lines) in [
      ("alice", script), ("bob", ["doc hard.txt", "tag 3 claim", "hl 1 0:7"]),
      ("carol", ["doc edited.txt", "hl 1 \"the group\" source", "tag 2 claim"]), ("carol", ["doc edited.txt", "save"]),
    ] {
      if lines == ["doc edited.txt", "save"] { writeFile(folder + "/docs/edited.txt", edit) }
      let r = runAnnotate(
        ["--annotations", folder + "/docs/ann", "--annotator", annotator, "--bail", folder + "/docs"],
        stdin: lines.joined(separator: "\n") + "\n")
      precondition(r.status == 0, r.stderr)
    }
    return folder
  }

  @Test func csvQuotingBomExcelSafetyAndFilters() throws {
    let folder = prepared()
    defer { removeTree(folder) }
    let plain = runAnnotate(["export", "--annotations", folder + "/docs/ann", folder + "/docs"])
    #expect(plain.status == 0)
    #expect(plain.stdout.contains(",\"has, a comma and \"\"quotes\"\"\","))
    #expect(plain.stdout.contains("\r\n"))
    let safe = runAnnotate([
      "export", "--excel-safe", "--bom", "--annotator", "alice", "--tag", "claim", "--annotations",
      folder + "/docs/ann",
      folder + "/docs",
    ])
    #expect(safe.stdout.hasPrefix("\u{FEFF}document,annotation_id"))
    #expect(safe.stdout.contains(",'=SUM(A1),"))
    #expect(!safe.stdout.contains(",bob,"))
    #expect(!safe.stdout.contains(",opinion,"))
    let plainRows = plain.stdout.split(separator: "\r\n").count
    #expect(plainRows > safe.stdout.split(separator: "\r\n").count)
  }

  @Test func theShellExportsToFilesAndToTheScreenSafely() {
    let folder = prepared()
    defer { removeTree(folder) }
    writeFile(folder + "/docs/evil.txt", "Bad \u{1B}]0;title\u{07} text here.")
    let r = runAnnotate(
      [
        "--annotations", folder + "/docs/ann", "--annotator", "alice", "-c",
        "doc evil.txt; tag 1 claim; export csv; export prodigy " + folder + "/p.jsonl; export yaml", folder + "/docs",
      ])
    #expect(r.status == 1)
    #expect(r.stdout.contains("\\x1b]0;title\\x07"))
    #expect(!r.stdout.unicodeScalars.contains { $0.value == 0x1B })
    #expect(r.stdout.contains("exported"))
    #expect(r.stderr.contains("'yaml' is not a format"))
  }

  /// An orphan is kept in the CSV, flagged, without offsets (none would be
  /// right), and comes back from it as an orphan.
  @Test func orphansAreExportedFlaggedWithoutOffsets() throws {
    let folder = prepared()
    defer { removeTree(folder) }
    let r = runAnnotate([
      "export", "--format", "csv", "--annotator", "carol", "--annotations", folder + "/docs/ann", folder + "/docs",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let rows = r.stdout.split(separator: "\r\n").map(String.init)
    #expect(rows.count == 3, "\(rows)")
    let orphan = try #require(rows.first { $0.hasSuffix(",orphaned,") })
    #expect(orphan.hasPrefix("edited.txt,1,carol,source,,,,the group,The envoy met ,"), "\(orphan)")
    #expect(rows.contains { $0.hasPrefix("edited.txt,2,carol,claim,33,61,2,Talks will resume next week.,") })
  }
}
