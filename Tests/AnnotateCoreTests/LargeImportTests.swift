import Testing

@testable import AnnotateCore

/// Regression: import looked each span's range up by a linear scan, so a
/// million spans into one document never finished. Now one pass and a sort.
@Suite struct LargeImportTests {
  /// The TSV reader parses offsets from bytes: exactly as `Int(_:)` would.
  @Test func offsetsReadFromBytesAsIntReadsThem() {
    let inputs = [
      "0", "7", "007", "-3", "+5", "-0", "", "+", "-", " 5", "5 ", "1e3", "3.0", "٣", "１", "9223372036854775807",
      "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "12a", "0x10",
    ]
    for input in inputs { #expect(Importer.integer(ArraySlice(input.utf8)) == Int(input), "\(input)") }
  }

  /// The byte-level TSV reader says what each bad line is, as before.
  @Test func badTSVLinesAreNamedOneByOne() throws {
    let w = TestProject(documents: [:], seed: true)
    let tsv = w.folder + "/bad.tsv"
    let doc = "000_9c83e067df388347.txt"
    writeFile(
      tsv,
      "\(doc)\tclaim\t0\t4\na\tb\tc\r\nx\ty\t1\t2\t3\n\(doc)\tclaim\tx\t4\nnosuch.txt\tclaim\t0\t4\n\(doc)\tCLAIM\t5\t9"
    )
    let (_, err, failed) = w.run("import tsv '\(tsv)' --as big")
    // A file with problems is not imported at all; the good lines (line 6's
    // label in other case too) are not what is reported.
    #expect(failed)
    for expected in [
      "nothing imported: 4 problems", "bad.tsv:2: expected document<TAB>label<TAB>start<TAB>end, found 3 fields",
      "bad.tsv:3: expected document<TAB>label<TAB>start<TAB>end, found 5 fields",
      "bad.tsv:4: start and end must be whole numbers", "bad.tsv:5: no open document 'nosuch.txt'",
    ] {
      #expect(err.contains(expected), "\(expected) in \(err)")
    }
  }

  /// Offsets between two ASCII code points are taken without the text's
  /// grapheme clusters; any other place is checked against them.
  @Test func tsvOffsetsInsideACharacterAreRefused() throws {
    let w = TestProject(documents: ["x.txt": "Zoe\u{308} said hi.\r\nA 👍🏽 ok.\n"], seed: false)
    let tsv = w.folder + "/x.tsv"
    // Inside "ë", between CR and LF, between 👍 and its skin tone; then two good ones.
    writeFile(
      tsv, "x.txt\tclaim\t0\t3\nx.txt\tclaim\t14\t15\nx.txt\tclaim\t18\t19\nx.txt\tclaim\t5\t9\nx.txt\tclaim\t0\t4\n")
    let (_, err, failed) = w.run("import tsv '\(tsv)' --as big")
    #expect(failed)
    #expect(err.contains("nothing imported: 3 problems"), "\(err)")
    for (line, offsets) in [(1, "0-3"), (2, "14-15"), (3, "18-19")] {
      #expect(err.contains("x.tsv:\(line): offsets \(offsets) (codepoint) cut a character in two"), "\(line) \(err)")
    }
    writeFile(tsv, "x.txt\tclaim\t5\t9\nx.txt\tclaim\t0\t4\nx.txt\tclaim\t17\t19\n")
    let (out, goodErr, goodFailed) = w.run("import tsv '\(tsv)' --as big")
    #expect(!goodFailed, "\(goodErr)")
    #expect(out.contains("imported 3 spans"), "\(out)")
  }

  @Test func fiftyThousandSpansIntoOneDocument() throws {
    let w = TestProject(documents: [:], seed: true)
    let tsv = w.folder + "/spans.tsv"
    var text = ""
    for i in 0..<50_000 {
      let start = (i * 37) % 3000
      text +=
        "000_9c83e067df388347.txt\t\(["claim", "opinion", "source"][i % 3])\t\(start)\t\(start + 1 + i / 3000 % 12)\n"
    }
    writeFile(tsv, text)
    let (out, err, failed) = w.run("import tsv '\(tsv)' --as big")
    #expect(!failed, "\(err)")
    #expect(out.contains("imported"))
    let bytes = try #require(readFileBytes(w.folder + "/docs/ann/000_9c83e067df388347.txt/big.json"))
    let sidecar = try Sidecar.decode(bytes, path: "big.json")
    // Written in parallel batches (too many spans to keep their bytes), the
    // file is byte for byte what the one-piece writer makes of it.
    #expect(sidecar.set.count > AnnotationStore.encodedCacheLimit)
    #expect(sidecar.encoded() == bytes)
    // Distinct ranges become spans; repeats add their tags to the span there.
    let ranges = Set((0..<50_000).map { i in (i * 37) % 3000 * 100 + 1 + i / 3000 % 12 })
    #expect(sidecar.set.count == ranges.count)
  }
}
