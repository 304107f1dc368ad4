import Glibc
import Testing

/// Every export read by the other side's rules — its own parser or a port
/// of it, in Python — on a document with emoji, CJK-free accents made of
/// two code points, CRLF and overlapping spans (`ExportTests.hardText`),
/// against the CSV as the truth.
@Suite(.timeLimit(.minutes(10))) struct InterchangeTests {
  func export(_ folder: String, _ format: String, _ out: String, _ extra: [String] = []) -> RunResult {
    runAnnotate(
      ["export", format, "--annotations", folder + "/docs/ann", "--out", folder + "/out/" + out] + extra + [
        folder + "/docs"
      ])
  }

  func check(_ script: String, _ arguments: [String]) -> RunResult {
    runProgram("python3", [repositoryRoot + "/Tests/clients/" + script] + arguments)
  }

  @Test func eachExportPassesTheOtherToolsRules() {
    let folder = ExportTests().prepared()
    defer { removeTree(folder) }
    let docs = folder + "/docs"
    let truth = folder + "/out/export.csv"
    #expect(export(folder, "csv", "export.csv").status == 0)
    let cases: [(format: String, out: String, extra: [String], script: String, arguments: [String])] = [
      ("csv", "export.csv", [], "check_csv.py", []),
      ("doccano", "doccano.jsonl", [], "check_doccano.py", ["utf16"]),
      ("doccano", "doccano-graphemes.jsonl", ["--offsets", "grapheme"], "check_doccano.py", ["grapheme"]),
      ("doccano", "doccano-codepoints.jsonl", ["--offsets", "codepoint"], "check_doccano.py", ["codepoint"]),
      ("labelstudio", "tasks.json", [], "check_labelstudio.py", []),
      ("prodigy", "prodigy.jsonl", [], "check_prodigy.py", []),
      ("brat", "brat", [], "check_brat.py", []),
      ("sqlite", "corpus.db", [], "check_sqlite.py", []),
      ("conll", "bob.conll", ["--annotator", "bob"], "check_conll.py", ["bob", "claim", "opinion", "source"]),
    ]
    for c in cases {
      let made = export(folder, c.format, c.out, c.extra)
      #expect(made.status == 0, "\(c.format): \(made.stderr)")
      let read = check(c.script, [docs, truth, folder + "/out/" + c.out] + c.arguments)
      #expect(read.status == 0 && read.stdout.hasPrefix("ok "), "\(c.format) \(c.extra): \(read.stderr)\(read.stdout)")
      #expect(!read.stdout.hasPrefix("ok 0"), "\(c.format): nothing was checked")
    }
    // W3C: the test suite's MUSTs (written from web-platform-tests' annotation-model schemas), with the documents.
    #expect(export(folder, "w3c", "w3c.jsonl").status == 0)
    let w3c = check("w3c_annotation_check.py", [folder + "/out/w3c.jsonl", docs])
    #expect(w3c.status == 0 && w3c.stdout.hasPrefix("ok "), "\(w3c.stderr)")
  }

  @Test func theOldNameOfW3CStillWorksAndSaysTheNewOne() {
    let folder = ExportTests().prepared()
    defer { removeTree(folder) }
    let r = export(folder, "webanno", "w.jsonl")
    #expect(r.status == 0)
    #expect(r.stderr.contains("'webanno' is now called 'w3c'"))
    let sources = String(decoding: readBytes(folder + "/out/w.jsonl") ?? [], as: UTF8.self)
    #expect(sources.contains("\"source\":\"file:///"))
    let based = export(folder, "w3c", "b.jsonl", ["--base-iri", "https://example.org/corpus"])
    #expect(based.status == 0)
    let text = String(decoding: readBytes(folder + "/out/b.jsonl") ?? [], as: UTF8.self)
    #expect(text.contains("\"source\":\"https://example.org/corpus/hard.txt\""))
    #expect(
      export(folder, "w3c", "c.jsonl", ["--base-iri", "corpus/"]).stderr.contains("--base-iri needs an absolute IRI"))
    #expect(export(folder, "csv", "d.csv", ["--offsets", "utf16"]).stderr.contains("--offsets does nothing for csv"))
  }

  @Test func conllRefusesSpansOfOneTagThatOverlapNamingThem() {
    let folder = ExportTests().prepared()
    defer { removeTree(folder) }
    // alice tagged sentences 2-3 claim and, inside sentence 3, “façade” 👍🏽 claim too.
    let r = export(folder, "conll", "alice.conll", ["--annotator", "alice"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("CoNLL gives each token one label per tag, and 1 pair of spans of one tag overlap: #"))
    #expect(r.stderr.contains("(claim, hard.txt, alice)"))
    #expect(!FileSystemCheck.exists(folder + "/out/alice.conll"), "a refused export writes nothing")
  }

  @Test func tsvHasNoAnnotatorColumnSoItTakesOne() {
    let folder = ExportTests().prepared()
    defer { removeTree(folder) }
    let r = export(folder, "tsv", "all.tsv")
    #expect(r.status == 1)
    #expect(
      r.stderr.contains(
        "tsv has no annotator column, and these documents have 3 annotators (alice, bob, carol): export one with --annotator NAME"
      ))
    #expect(export(folder, "tsv", "bob.tsv", ["--annotator", "bob"]).status == 0)
  }

  /// The SemEval-2020 propaganda corpus layout: article files, a labels
  /// file with CRLF ends and technique names with commas, imports,
  /// exports and re-imports byte for byte.
  @Test func ptcLabelsRoundTripByteForByte() throws {
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    _ = system("mkdir -p '\(folder)/train-articles'")
    writeFile(
      folder + "/train-articles/article111111111.txt",
      "Manchin says Democrats acted like babies at the SOTU.\n\nThe “radical” left — again.\n")
    writeFile(
      folder + "/train-articles/article222222222.txt",
      "Un article en français : «\u{A0}une honte\u{A0}» pour l’Europe.\n")
    let labels =
      "111111111\tAppeal_to_fear-prejudice\t0\t7\r\n111111111\tName_Calling,Labeling\t34\t40\r\n111111111\tLoaded_Language\t60\t67\r\n222222222\tLoaded_Language\t27\t36\r\n"
    writeFile(folder + "/dev.labels.tsv", labels)
    let articles = folder + "/train-articles"
    let annotations = folder + "/Annotations"
    let plain = runAnnotate([
      "import", "--format", "tsv", "--annotator", "gold", "--annotations", annotations, "--docs", articles,
      folder + "/dev.labels.tsv",
    ])
    #expect(plain.status == 1)
    #expect(
      plain.stderr.contains(
        "labels not in the codebook: Appeal_to_fear-prejudice (1), Loaded_Language (2), Name_Calling,Labeling (1) — add them with --add-tags"
      ))
    let imported = runAnnotate([
      "import", "--format", "tsv", "--annotator", "gold", "--add-tags", "--annotations", annotations, "--docs",
      articles, folder + "/dev.labels.tsv",
    ])
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(
      imported.stdout.contains(
        "imported 4 spans into 2 sidecars; added to the codebook (\(folder)/codebook.json): Appeal_to_fear-prejudice, Loaded_Language, Name_Calling,Labeling"
      ), "\(imported.stdout)")
    let exported = runAnnotate([
      "export", "tsv", "--crlf", "--annotations", annotations, "--out", folder + "/again.tsv", articles,
    ])
    #expect(exported.status == 0, "\(exported.stderr)")
    let same = readBytes(folder + "/again.tsv") == Array(labels.utf8)
    #expect(same, "\(runProgram("diff", [folder + "/dev.labels.tsv", folder + "/again.tsv"]).stdout)")
    // Re-imported into a fresh folder, the same sidecars' spans export identically again.
    let second = runAnnotate([
      "import", "--format", "tsv", "--annotator", "gold", "--annotations", folder + "/Second", "--codebook",
      folder + "/codebook.json", "--docs", articles, folder + "/again.tsv",
    ])
    #expect(second.status == 0, "\(second.stderr)")
    let third = runAnnotate([
      "export", "tsv", "--crlf", "--annotations", folder + "/Second", "--codebook", folder + "/codebook.json", "--out",
      folder + "/third.tsv", articles,
    ])
    #expect(third.status == 0)
    let again = readBytes(folder + "/third.tsv") == Array(labels.utf8)
    #expect(again)
    // And the words are the words: Python slices of the articles.
    let words = runProgram(
      "python3",
      [
        "-c", "import sys; t=open(sys.argv[1], encoding='utf-8', newline='').read(); print(t[34:40], t[60:67])",
        folder + "/train-articles/article111111111.txt",
      ])
    #expect(words.stdout == "babies radical\n")
  }
}
