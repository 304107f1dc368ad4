import Glibc
import Testing

/// Exports read back by independent clients: Python's csv module, pandas,
/// json, and a brat reader, on a document that is hard on offsets.
@Suite struct ExportTests {
  static let hardText =
    "“Peace” Talks Collapse 🇶🇦\r\n\r\nThe envoy said the deal was “very close.” Critics, \"quoting\" him, called it naïve — a “façade” 👍🏽.\r\nZoë Mu\u{308}ller, of the U.N., disagreed; e\u{301}clat =SUM(A1) followed.\r\n"

  func prepared() -> String {
    let folder = makeTemporaryFolder()
    _ = system(
      "mkdir -p '\(folder)/docs' '\(folder)/out' && cp '\(repositoryRoot)/seeds/000_9c83e067df388347.txt' '\(folder)/docs/'"
    )
    writeFile(folder + "/docs/hard.txt", Self.hardText)
    let script = [
      "doc hard.txt", "tag 1 source", "hl 2 \"“very close.”\" opinion", "note \"has, a comma and \\\"quotes\\\"\"",
      "hl 3 \"“façade” 👍🏽\" claim opinion", "tag 2-3 claim", "hl 4 \"Mu\u{308}ller\" source", "hl 4 \"=SUM(A1)\" claim",
      "doc 1", "tag 3 opinion", "hl 3 \"rightly felt\" claim",
    ]
    for (annotator, lines) in [("alice", script), ("bob", ["doc hard.txt", "tag 3 claim", "hl 1 0:7"])] {
      let r = runAnnotate(
        ["--annotations", folder + "/ann", "--annotator", annotator, "--bail", folder + "/docs"],
        stdin: lines.joined(separator: "\n") + "\n")
      precondition(r.status == 0, r.stderr)
    }
    return folder
  }

  @Test func everyFormatIsReadBackByIndependentClients() {
    let folder = prepared()
    defer { removeTree(folder) }
    for (format, out) in [
      ("csv", "export.csv"), ("doccano", "doccano.jsonl"), ("prodigy", "prodigy.jsonl"), ("webanno", "webanno.jsonl"),
      ("brat", "brat"),
    ] {
      let r = runAnnotate([
        "export", "--format", format, "--annotations", folder + "/ann", "--out", folder + "/out/" + out,
        folder + "/docs",
      ])
      #expect(r.status == 0, "\(format): \(r.stderr)")
    }
    let check = runProgram(
      "python3", [repositoryRoot + "/Tests/clients/check_exports.py", folder + "/docs", folder + "/out"])
    #expect(check.status == 0, "\(check.stderr)")
    #expect(check.stdout.hasPrefix("ok "), "\(check.stdout)")
  }

  @Test func csvQuotingBomExcelSafetyAndFilters() throws {
    let folder = prepared()
    defer { removeTree(folder) }
    let plain = runAnnotate(["export", "--annotations", folder + "/ann", folder + "/docs"])
    #expect(plain.status == 0)
    #expect(plain.stdout.contains(",\"has, a comma and \"\"quotes\"\"\","))
    #expect(plain.stdout.contains("\r\n"))
    let safe = runAnnotate([
      "export", "--excel-safe", "--bom", "--annotator", "alice", "--tag", "claim", "--annotations", folder + "/ann",
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
        "--annotations", folder + "/ann", "--annotator", "alice", "-c",
        "doc evil.txt; tag 1 claim; export csv; export prodigy " + folder + "/p.jsonl; export yaml", folder + "/docs",
      ])
    #expect(r.status == 1)
    #expect(r.stdout.contains("\\x1b]0;title\\x07"))
    #expect(!r.stdout.unicodeScalars.contains { $0.value == 0x1B })
    #expect(r.stdout.contains("exported"))
    #expect(r.stderr.contains("'yaml' is not a format"))
  }
}

/// export → import → export gives the same bytes, for every format that reads back.
@Suite struct ImportRoundTripTests {
  @Test(arguments: ["csv", "doccano", "prodigy", "brat"])
  func roundTripIsByteIdentical(_ format: String) throws {
    let folder = ExportTests().prepared()
    defer { removeTree(folder) }
    let docs = folder + "/docs"
    let first = folder + "/first." + format
    let second = folder + "/second." + format
    var annotatorArgs: [String] = []
    if format != "csv" { annotatorArgs = ["--annotator", "alice"] }
    let exportArgs = format == "csv" ? [] : ["--annotator", "alice"]
    #expect(
      runAnnotate(
        ["export", "--format", format, "--annotations", folder + "/ann", "--out", first] + exportArgs + [docs]
      ).status == 0)
    let imported = runAnnotate(
      ["import", "--format", format, "--annotations", folder + "/copy", "--docs", docs] + annotatorArgs + [first])
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(
      runAnnotate(
        ["export", "--format", format, "--annotations", folder + "/copy", "--out", second] + exportArgs + [docs]
      ).status == 0)
    if format == "brat" {
      let diff = runProgram("diff", ["-r", first, second])
      #expect(diff.status == 0, "\(diff.stdout)")
    } else {
      #expect(readFile(first) == readFile(second))
      #expect((readFile(first) ?? "").count > 100)
    }
  }

  @Test func badLinesAreEachReportedAndNothingIsImported() {
    let folder = ExportTests().prepared()
    defer { removeTree(folder) }
    writeFile(
      folder + "/bad.tsv",
      "hard.txt\tclaim\t0\t5\nhard.txt\tbogus\t0\t5\nhard.txt\tclaim\t10\t999999\nmissing.txt\tclaim\t1\t2\nhard.txt\tclaim\tx\t3\n"
    )
    let r = runAnnotate([
      "import", "--format", "tsv", "--annotator", "carol", "--annotations", folder + "/ann", "--docs", folder + "/docs",
      folder + "/bad.tsv",
    ])
    #expect(r.status == 1)
    #expect(r.stderr.contains("bad.tsv:2: 'bogus' is not in the codebook"))
    #expect(r.stderr.contains("bad.tsv:3: offsets 10-999999 are past the end of hard.txt"))
    #expect(r.stderr.contains("bad.tsv:4: no open document 'missing.txt'"))
    #expect(r.stderr.contains("bad.tsv:5: start and end must be whole numbers"))
    #expect(r.stderr.contains("nothing imported: 4 problems"))
    #expect(!FileSystemCheck.exists(folder + "/ann/hard.txt/carol.json"))
    // A brat line whose text does not match its offsets.
    _ = system("mkdir -p '\(folder)/brat'")
    writeFile(folder + "/brat/hard.ann", "T1\tclaim 0 7\tnot it\n")
    let brat = runAnnotate([
      "import", "--format", "brat", "--annotator", "carol", "--annotations", folder + "/ann", "--docs",
      folder + "/docs", folder + "/brat",
    ])
    #expect(brat.status == 1)
    #expect(brat.stderr.contains("hard.ann:1: the text at 0 7 is ““Peace””, the line says “not it”"))
    let csv = runAnnotate([
      "import", "--format", "csv", "--annotations", folder + "/ann", "--docs", folder + "/docs", folder + "/bad.tsv",
    ])
    #expect(csv.stderr.contains("missing columns: document, tag, start, end, text"))
  }

  @Test func theShellImportsIntoItsAnnotator() {
    let folder = ExportTests().prepared()
    defer { removeTree(folder) }
    writeFile(folder + "/in.tsv", "hard.txt\tsource\t0\t7\nhard.txt\tclaim\t0\t7\n")
    let r = runAnnotate([
      "--annotations", folder + "/ann", "--annotator", "dave", "-c", "import tsv \(folder)/in.tsv; doc hard.txt; spans",
      folder + "/docs",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("imported 1 span into 1 sidecar (1 added tags to spans already there)"))
    #expect(r.stdout.contains("#1 [claim, source] sentence 1: ““Peace””"))
  }
}

enum FileSystemCheck {
  static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
}
