import Testing

@testable import AnnotateCore

/// Regression: import looked each span's range up by a linear scan, so a
/// million spans into one document never finished. Now one pass and a sort.
@Suite struct LargeImportTests {
  @Test func fiftyThousandSpansIntoOneDocument() throws {
    let w = TestProject(documents: [:], seed: true)
    let tsv = w.folder + "/spans.tsv"
    var text = ""
    for i in 0..<50_000 {
      let start = (i * 37) % 3000
      text += "000_9c83e067df388347.txt\t\(["claim", "opinion", "source"][i % 3])\t\(start)\t\(start + 1 + i % 40)\n"
    }
    writeFile(tsv, text)
    let (out, err, failed) = w.run("import tsv '\(tsv)' --as big")
    #expect(!failed, "\(err)")
    #expect(out.contains("imported"))
    let sidecar = try Sidecar.decode(
      try #require(readFileBytes(w.folder + "/docs/ann/000_9c83e067df388347.txt/big.json")), path: "big.json")
    // Distinct ranges become spans; repeats add their tags to the span there.
    let ranges = Set((0..<50_000).map { i in (i * 37) % 3000 * 100 + 1 + i % 40 })
    #expect(sidecar.set.count == ranges.count)
  }
}
