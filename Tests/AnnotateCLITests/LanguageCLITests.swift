import Glibc
import Testing

/// Languages from the command line: `--lang`, the languages file, and
/// `segment`'s offsets checked by Python in every script of the case table.
@Suite(.timeLimit(.minutes(5))) struct LanguageCLITests {
  @Test func offsetsAreExactInPythonForEveryScript() {
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    // One document per language of the case table, its cases as paragraphs.
    writeFile(
      folder + "/split.py",
      """
      import json, os, sys, collections
      docs = collections.defaultdict(list)
      for line in open(sys.argv[1], encoding="utf-8"):
          case = json.loads(line)
          docs[case["language"]].append(case)
      os.makedirs(sys.argv[2])
      for lang, cases in docs.items():
          with open(os.path.join(sys.argv[2], lang + ".txt"), "w", encoding="utf-8", newline="") as f:
              f.write("\\r\\n\\r\\n".join(c["text"] for c in cases) + "\\r\\n")
      """)
    let split = runProgram(
      "python3", [folder + "/split.py", repositoryRoot + "/Tests/fixtures/segmentation-cases.jsonl", folder + "/docs"])
    #expect(split.status == 0, "\(split.stderr)")
    let segmented = runAnnotate(["segment", "--format", "jsonl", folder + "/docs"])
    #expect(segmented.status == 0, "\(segmented.stderr)")
    writeFile(folder + "/units.jsonl", segmented.stdout)
    // Python slices each file by the code point offsets; the units must be
    // the table's, in order, for every language detected from its text.
    writeFile(
      folder + "/check.py",
      """
      import json, sys, collections
      expected = collections.defaultdict(list)
      for line in open(sys.argv[1], encoding="utf-8"):
          case = json.loads(line)
          expected[case["language"] + ".txt"] += case["units"]
      got = collections.defaultdict(list)
      for line in open(sys.argv[2], encoding="utf-8"):
          unit = json.loads(line)
          name = unit["document"].rsplit("/", 1)[-1]
          text = open(sys.argv[3] + "/" + name, encoding="utf-8", newline="").read()
          assert text[unit["start"]:unit["end"]] == unit["text"], (name, unit)
          got[name].append(unit["text"])
      wrong = [name for name in expected if got[name] != expected[name]]
      print("languages", len(expected), "wrong", wrong)
      """)
    let checked = runProgram(
      "python3",
      [
        folder + "/check.py", repositoryRoot + "/Tests/fixtures/segmentation-cases.jsonl", folder + "/units.jsonl",
        folder + "/docs",
      ])
    #expect(checked.stdout == "languages 31 wrong []\n", "\(checked.stderr)")
  }

  @Test func aBadLanguageIsOneLineAndTheLanguagesFileIsRead() {
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    mkdir(folder + "/Annotations", 0o755)
    writeFile(folder + "/a.txt", "Am 12. Juni trat er zurück. Dann schwieg er.\n")
    let bad = runAnnotate(["--lang", "xx", "-c", "docs", "a.txt"], directory: folder)
    #expect(bad.status == 64)
    #expect(
      bad.stderr.hasPrefix("Error: 'xx' is not a language annotate segments — valid: en, de, fr, "), "\(bad.stderr)")
    #expect(bad.stderr.split(separator: "\n")[1].hasPrefix("Usage: annotate shell"))
    writeFile(folder + "/languages.json", "{\"a.txt\": \"klingon\"}")
    let broken = runAnnotate(["-c", "docs", "a.txt"], directory: folder)
    #expect(broken.status == 2)
    #expect(
      broken.stderr.hasPrefix("error: invalid languages file: \(folder)/languages.json: 'klingon' for 'a.txt' is not"),
      "\(broken.stderr)")
    #expect(broken.stderr.split(separator: "\n").count == 1)
    // English rules split at "12."; the file says German.
    writeFile(folder + "/languages.json", "{\"a.txt\": \"en\"}")
    #expect(runAnnotate(["-c", "docs", "a.txt"], directory: folder).stdout.contains("0/3 coded  en"))
    writeFile(folder + "/languages.json", "{\"*\": \"de\"}")
    #expect(runAnnotate(["-c", "docs", "a.txt"], directory: folder).stdout.contains("0/2 coded  de"))
    // --lang wins over the file, for this run only.
    #expect(runAnnotate(["--lang", "en", "-c", "docs", "a.txt"], directory: folder).stdout.contains("0/3 coded  en"))
  }
}
