import Glibc
import Testing

/// export → import → export gives the same bytes, for every format that reads back.
@Suite(.timeLimit(.minutes(10))) struct ImportRoundTripTests {
  @Test(arguments: ["csv", "tsv", "doccano", "prodigy", "labelstudio", "brat", "w3c"])
  func roundTripIsByteIdentical(_ format: String) throws {
    let folder = ExportTests().prepared()
    defer { removeTree(folder) }
    let docs = folder + "/docs"
    let first = folder + "/first." + format
    let second = folder + "/second." + format
    // The files name their annotator (tsv has no column for one: it is given).
    let annotatorArgs = format == "tsv" ? ["--annotator", "alice"] : []
    let exportArgs = format == "csv" ? [] : ["--annotator", "alice"]
    #expect(
      runAnnotate(
        ["export", "--format", format, "--annotations", folder + "/docs/ann", "--out", first] + exportArgs + [docs]
      ).status == 0)
    let imported = runAnnotate(
      ["import", "--format", format, "--annotations", folder + "/docs/copy", "--docs", docs] + annotatorArgs + [first])
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(
      runAnnotate(
        ["export", "--format", format, "--annotations", folder + "/docs/copy", "--out", second] + exportArgs + [docs]
      ).status == 0)
    if format == "brat" {
      let diff = runProgram("diff", ["-r", first, second])
      #expect(diff.status == 0, "\(diff.stdout)")
    } else {
      // As bytes: Swift strings compare canonically equivalent text as equal.
      let bytes = try #require(readBytes(first))
      let again = try #require(readBytes(second))
      let same = bytes == again
      #expect(same, "\(format): the second export differs:\n\(runProgram("diff", [first, second]).stdout)")
      #expect(bytes.count > 100)
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
      "import", "--format", "tsv", "--annotator", "carol", "--annotations", folder + "/docs/ann", "--docs",
      folder + "/docs",
      folder + "/bad.tsv",
    ])
    #expect(r.status == 1)
    #expect(r.stderr.contains("bad.tsv: labels not in the codebook: bogus (1) — add them with --add-tags"))
    #expect(r.stderr.contains("bad.tsv:3: offsets 10-999999 are past the end of hard.txt"))
    #expect(r.stderr.contains("bad.tsv:4: no open document 'missing.txt'"))
    #expect(r.stderr.contains("bad.tsv:5: start and end must be whole numbers"))
    #expect(r.stderr.contains("nothing imported: 4 problems"))
    #expect(!FileSystemCheck.exists(folder + "/docs/ann/hard.txt/carol.json"))
    // A brat line whose text does not match its offsets.
    _ = system("mkdir -p '\(folder)/brat'")
    writeFile(folder + "/brat/hard.ann", "T1\tclaim 0 7\tnot it\n")
    let brat = runAnnotate([
      "import", "--format", "brat", "--annotator", "carol", "--annotations", folder + "/docs/ann", "--docs",
      folder + "/docs", folder + "/brat",
    ])
    #expect(brat.status == 1)
    #expect(brat.stderr.contains("hard.ann:1: the text at 0 7 is ““Peace””, the line says “not it”"))
    let csv = runAnnotate([
      "import", "--format", "csv", "--annotations", folder + "/docs/ann", "--docs", folder + "/docs",
      folder + "/bad.tsv",
    ])
    #expect(csv.stderr.contains("missing columns: document, tag, start, end, text"))
  }

  @Test func theShellImportsIntoItsAnnotator() {
    let folder = ExportTests().prepared()
    defer { removeTree(folder) }
    writeFile(folder + "/in.tsv", "hard.txt\tsource\t0\t7\nhard.txt\tclaim\t0\t7\n")
    let r = runAnnotate([
      "--annotations", folder + "/docs/ann", "--annotator", "dave", "-c",
      "import tsv \(folder)/in.tsv; doc hard.txt; spans",
      folder + "/docs",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("imported 1 span into 1 sidecar (1 added tags to spans already there)"))
    #expect(r.stdout.contains("#1 [claim, source] sentence 1: ““Peace””"))
  }
}
