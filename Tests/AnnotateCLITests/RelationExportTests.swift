import Glibc
import Testing

/// Relations, document codes and span attributes through every format that
/// has a place for them, read by the other side's rules, back again, and
/// the agreement figures for them recomputed independently in Python.
@Suite(.timeLimit(.minutes(10))) struct RelationExportTests {
  static let codebook = """
    {"tags": [{"name": "claim", "key": "c"}, {"name": "opinion", "key": "o"}, {"name": "source", "key": "s"}],
     "relations": [{"name": "attributed-to", "from": ["claim", "opinion"], "to": ["source"]},
                   {"name": "supports", "from": ["claim"], "to": ["claim"], "directed": false}],
     "variables": [{"name": "stance", "values": ["pro", "neutral", "anti"], "ordered": true},
                   {"name": "frame", "values": ["security", "economy", "morality"], "multiple": true}],
     "attributes": [{"name": "checkworthy", "values": ["yes", "no"], "tags": ["claim"]}]}
    """

  /// Three annotators code three documents with relations, codes and attributes.
  func prepared() -> String {
    let folder = makeTemporaryFolder()
    _ = system("mkdir -p '\(folder)/docs' '\(folder)/out'")
    writeFile(folder + "/docs/codebook.json", Self.codebook)
    writeFile(
      folder + "/docs/a.txt",
      "The minister said the talks failed 👍🏽. Critics disagree, Reuters reported.\r\nZoe\u{308} Müller denied it.\n")
    writeFile(folder + "/docs/b.txt", "Officials said prices rose. The central bank, per AP, blamed fuel.\n")
    writeFile(folder + "/docs/c.txt", "北京表示会谈失败。路透社报道了此事。\n")
    let scripts: [(String, [String])] = [
      (
        "alice",
        [
          "doc a.txt", "tag 1 claim", "hl 2 \"Reuters\" source", "link #1 #2 attributed-to", "tag 2 opinion",
          "link #3 #2 attributed-to", "attr #1 checkworthy=yes", "code stance anti", "code frame security economy",
          "doc b.txt", "tag 1 claim", "tag 2 claim", "link #1 #2 supports", "hl 2 \"AP\" source",
          "link #2 #3 attributed-to", "code stance neutral", "doc c.txt", "tag 1 claim", "code stance anti",
        ]
      ),
      (
        "bob",
        [
          "doc a.txt", "tag 1 claim", "hl 2 \"Reuters reported\" source", "link #1 #2 attributed-to",
          "attr #1 checkworthy=no", "code stance neutral", "code frame security", "doc b.txt", "tag 1 claim",
          "tag 2 claim", "link #2 #1 supports", "code stance neutral",
        ]
      ),
      (
        "carol",
        [
          "doc a.txt", "tag 1 claim", "hl 2 \"Reuters\" source", "link #1 #2 attributed-to", "attr #1 checkworthy=yes",
          "code stance anti", "code frame economy", "doc c.txt", "tag 1 claim", "code stance pro",
        ]
      ),
    ]
    for (name, lines) in scripts {
      let r = runAnnotate(
        ["--annotations", folder + "/docs/ann", "--annotator", name, "--bail", folder + "/docs"],
        stdin: lines.joined(separator: "\n") + "\n")
      precondition(r.status == 0, "\(name): \(r.stderr)")
    }
    return folder
  }

  func annotate(_ folder: String, _ arguments: [String], annotations: String = "ann") -> RunResult {
    runAnnotate(
      arguments + ["--annotations", folder + "/docs/" + annotations, "--codebook", folder + "/docs/codebook.json"])
  }

  @Test func tablesJoinAndAgreementIsRecomputedIndependently() throws {
    let folder = prepared()
    defer { removeTree(folder) }
    let csv = annotate(folder, ["export", "csv", "--out", folder + "/out/export.csv", folder + "/docs"])
    #expect(csv.status == 0, "\(csv.stderr)")
    #expect(csv.stderr.contains("export.relations.csv") || FileSystemCheck.exists(folder + "/out/export.relations.csv"))
    let sentence = annotate(
      folder, ["agree", "--format", "json", "--out", folder + "/out/sentence.json", folder + "/docs"])
    let span = annotate(
      folder, ["agree", "--unit", "span", "--format", "json", "--out", folder + "/out/span.json", folder + "/docs"])
    #expect(sentence.status == 0 && span.status == 0, "\(sentence.stderr)\(span.stderr)")
    let check = runProgram(
      "python3",
      [
        repositoryRoot + "/Tests/clients/check_relations.py", folder + "/out/export.csv",
        folder + "/docs/codebook.json",
        folder + "/out/sentence.json", folder + "/out/span.json",
      ])
    #expect(check.status == 0 && check.stdout.hasPrefix("ok "), "\(check.stderr)\(check.stdout)")
    // The table shows them too.
    let table = annotate(folder, ["agree", folder + "/docs"])
    #expect(table.stdout.contains("document variables"), "\(table.stdout)")
    #expect(table.stdout.split(separator: "\n").contains { $0.contains("stance") && $0.contains("ordinal") })
  }

  @Test func bratW3CAndSQLiteHoldThemByTheirRules() throws {
    let folder = prepared()
    defer { removeTree(folder) }
    #expect(annotate(folder, ["export", "csv", "--out", folder + "/out/export.csv", folder + "/docs"]).status == 0)
    #expect(annotate(folder, ["export", "brat", "--out", folder + "/out/brat", folder + "/docs"]).status == 0)
    let brat = runProgram(
      "python3",
      [
        repositoryRoot + "/Tests/clients/check_brat.py", folder + "/docs", folder + "/out/export.csv",
        folder + "/out/brat",
      ])
    #expect(brat.status == 0, "\(brat.stderr)")
    let ann = String(decoding: readBytes(folder + "/out/brat/alice/a.ann") ?? [], as: UTF8.self)
    #expect(ann.contains("R1\tattributed-to Arg1:T1 Arg2:T3") && ann.contains("A1\tcheckworthy T1 yes"), "\(ann)")
    #expect(annotate(folder, ["export", "w3c", "--out", folder + "/out/w3c.jsonl", folder + "/docs"]).status == 0)
    let w3c = runProgram(
      "python3",
      [repositoryRoot + "/Tests/clients/w3c_annotation_check.py", folder + "/out/w3c.jsonl", folder + "/docs"])
    #expect(w3c.status == 0, "\(w3c.stderr)")
    #expect(annotate(folder, ["export", "sqlite", "--out", folder + "/out/c.db", folder + "/docs"]).status == 0)
    let sql = runProgram(
      "python3",
      [
        "-c",
        "import sqlite3,sys; d=sqlite3.connect(sys.argv[1]); print(d.execute('select count(*) from relations').fetchone()[0], d.execute('select count(*) from document_codes').fetchone()[0], d.execute('select count(*) from annotation_attributes').fetchone()[0], d.execute('PRAGMA foreign_key_check').fetchall())",
        folder + "/out/c.db",
      ])
    #expect(sql.stdout == "7 11 3 []\n", "\(sql.stdout)\(sql.stderr)")
  }

  @Test(arguments: ["csv", "brat", "doccano", "labelstudio", "w3c"])
  func relationsRoundTrip(_ format: String) throws {
    let folder = prepared()
    defer { removeTree(folder) }
    let first = folder + "/out/first." + format
    let second = folder + "/out/second." + format
    #expect(annotate(folder, ["export", format, "--out", first, "--annotator", "alice", folder + "/docs"]).status == 0)
    let imported = annotate(
      folder, ["import", "--format", format, "--docs", folder + "/docs", first], annotations: "copy")
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(imported.stdout.contains("relation"), "\(imported.stdout)")
    let again = annotate(
      folder, ["export", format, "--out", second, "--annotator", "alice", folder + "/docs"], annotations: "copy")
    #expect(again.status == 0, "\(again.stderr)")
    if format == "brat" {
      let diff = runProgram("diff", ["-r", first, second])
      #expect(diff.status == 0, "\(diff.stdout)")
    } else {
      let same = readBytes(first) == readBytes(second)
      #expect(same, "\(runProgram("diff", [first, second]).stdout)")
    }
  }
}
