import AnnotateCore
import FoundationEssentials
import Glibc
import Testing

/// The HTML export as a browser shows it: headless Chromium renders each
/// page and `Tests/clients/check_html.py` reads the DOM it dumps, so every
/// highlighted piece, label and note is checked against the document's own
/// text sliced in Python, by the browser's parsing rules (CR LF read as LF).
@Suite(.timeLimit(.minutes(10))) struct HTMLExportTests {
  /// Two annotators and gold over a hostile, many-script document and a plain one.
  func prepared() -> String {
    let folder = makeTemporaryFolder()
    _ = system("mkdir -p '\(folder)/docs' '\(folder)/out'")
    writeFile(
      folder + "/docs/codebook.json",
      """
      {"tags": [{"name": "claim", "key": "c"}, {"name": "opinion", "key": "o"}, {"name": "source", "key": "s"}],
       "relations": [{"name": "attributed-to", "from": ["claim", "opinion"], "to": ["source"]}],
       "variables": [{"name": "stance", "values": ["pro", "neutral", "anti"]}],
       "attributes": [{"name": "checkworthy", "values": ["yes", "no"], "tags": ["claim"]}]}
      """)
    // A BOM, a script element, CR LF, a skin-tone emoji, a combining mark, CJK and Arabic.
    writeFile(
      folder + "/docs/a.txt",
      "\u{FEFF}The minister said <script>alert(1)</script> the talks failed 👍🏽. Critics disagree, Reuters reported.\r\n"
        + "Zoe\u{308} Müller denied it & left.\r\n北京表示会谈失败。路透社报道了此事。\nقال الوزير إن المحادثات فشلت.\n")
    writeFile(
      folder + "/docs/b.txt",
      String(
        repeating: "Officials said prices rose sharply in the spring. The central bank, per AP, blamed fuel. ",
        count: 12)
        + "\n")
    let scripts: [(String, [String])] = [
      (
        "alice",
        [
          "doc a.txt", "tag 1 claim", "hl 1 \"<script>alert(1)</script>\" opinion",
          "note #2 \"looks like <b>code</b> & 'more'\"", "hl 1 \"talks failed 👍🏽\" opinion", "hl 2 \"Reuters\" source",
          "link #1 #4 attributed-to", "attr #1 checkworthy=yes", "code stance anti", "tag 3 claim",
          "hl 4 \"北京\" source",
          "hl 6 \"الوزير\" source", "doc b.txt", "tag 1 claim", "hl 2 \"AP\" source", "tag 5-6 opinion",
          "note #3 \"two sentences, one span\"",
        ]
      ),
      (
        "bob",
        [
          "doc a.txt", "tag 1 opinion", "hl 2 \"Reuters reported\" source", "code stance neutral", "tag 3 claim",
          "doc b.txt", "tag 1 claim", "tag 2 claim",
        ]
      ),
      ("gold", ["doc a.txt", "tag 1 claim", "hl 2 \"Reuters\" source"]),
    ]
    for (name, lines) in scripts {
      let r = runAnnotate(
        [
          "--annotations", folder + "/docs/ann", "--annotator", name, "--codebook", folder + "/docs/codebook.json",
          "--bail", folder + "/docs",
        ],
        stdin: lines.joined(separator: "\n") + "\n")
      precondition(r.status == 0, "\(name): \(r.stderr)")
    }
    return folder
  }

  @Test func everyPageRendersEachSpanOnItsOwnWordsInABrowser() throws {
    let folder = prepared()
    defer { removeTree(folder) }
    let run = runAnnotate([
      "export", "--format", "html", "--out", folder + "/out/html", "--annotations", folder + "/docs/ann",
      "--codebook", folder + "/docs/codebook.json", folder + "/docs",
    ])
    try #require(run.status == 0, "\(run.stderr)")
    // Standard error is a pipe here: a summary line, and no progress bar.
    #expect(!run.stderr.contains("\r") && !run.stderr.contains("░"), "\(run.stderr)")
    // What the sidecars hold, read by the library: the expected spans per page.
    let workspace = Workspace(folder: folder + "/docs/ann", annotator: "alice")
    workspace.open([folder + "/docs"])
    var pages: [String] = []
    for (n, document) in workspace.corpus.documents.enumerated() {
      var spans: [String] = []
      for name in ["alice", "bob", "gold"] {
        let store = AnnotationStore(folder: workspace.folder, annotator: name, codebook: .standard)
        for a in store.annotations(for: document).set.annotations where !a.orphaned {
          let tags = a.tags.map { "\"\($0)\"" }.joined(separator: ", ")
          let note = a.note.map { JSON.quote($0) } ?? "null"
          spans.append(
            "{\"key\": \"\(name)/\(a.id)\", \"start\": \(a.range.start), \"end\": \(a.range.end), \"tags\": [\(tags)], \"note\": \(note)}"
          )
        }
      }
      let page = folder + "/out/html/docs/" + HTMLWriter.pageName(number: n + 1, id: document.id)
      pages.append(
        "{\"html\": \(JSON.quote(page)), \"text\": \(JSON.quote(folder + "/docs/" + document.id)), \"spans\": [\(spans.joined(separator: ", "))], \"screenshot\": \(JSON.quote(folder + "/out/page\(n + 1).png"))}"
      )
    }
    writeFile(folder + "/out/expected.json", "{\"pages\": [\(pages.joined(separator: ", "))]}")
    let check = runProgram("python3", [repositoryRoot + "/Tests/clients/check_html.py", folder + "/out/expected.json"])
    #expect(check.status == 0 && check.stdout.hasPrefix("ok 2 pages"), "\(check.stderr)\(check.stdout)")
    // The page as written: escaped, with the curation marks, codes and relations.
    let a = readFile(folder + "/out/html/docs/" + HTMLWriter.pageName(number: 1, id: "a.txt")) ?? ""
    #expect(a.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !a.contains("<script>alert"))
    #expect(a.contains("looks like &lt;b&gt;code&lt;/b&gt;"))
    #expect(a.contains("<th>alice</th><th>bob</th><th>gold</th>"))
    #expect(a.contains("title=\"tags differ\">≠</td>") && a.contains("title=\"same tags, other words\">~</td>"))
    #expect(a.contains("Document codes") && a.contains("attributed-to"))
    #expect(a.contains("claim · checkworthy=yes"))
    let index = readFile(folder + "/out/html/index.html") ?? ""
    #expect(index.contains("Krippendorff α") && index.contains("all tags (as sets)"))
    // The index's agreement, counted as the pages streamed, is `agree`'s (gold left out).
    let agree = runAnnotate([
      "agree", "--annotations", folder + "/docs/ann", "--codebook", folder + "/docs/codebook.json", folder + "/docs",
    ])
    for line in agree.stdout.split(separator: "\n") where line.hasPrefix("  claim") || line.contains("all tags") {
      let fields = line.split(separator: " ").map(String.init)
      let alpha = fields[fields.count - 2]  // the α column, before the bar
      #expect(index.contains("<td class=\"n\">\(alpha)</td>"), "\(line)")
    }
    #expect(index.contains("<a href=\"docs/00001-a.txt.html\">a.txt</a>"))
  }

  @Test func aScreenshotOfTheIndexIsNotBlankAndBadUseGetsOneLine() throws {
    let folder = prepared()
    defer { removeTree(folder) }
    let run = runAnnotate(
      ["--annotations", folder + "/docs/ann", "--annotator", "alice", folder + "/docs"],
      stdin: "export html\nexport html \(folder)/out/shell\nquit\n")
    #expect(run.stderr.contains("html cannot go to the screen: name the folder to write"), "\(run.stderr)")
    #expect(run.stdout.contains("as html to \(folder)/out/shell"), "\(run.stdout)")
    writeFile(
      folder + "/out/index.json",
      "{\"pages\": [{\"html\": \(JSON.quote(folder + "/out/shell/index.html")), \"text\": \(JSON.quote(folder + "/docs/b.txt")), \"spans\": [], \"screenshot\": \(JSON.quote(folder + "/out/index.png"))}]}"
    )
    let check = runProgram("python3", [repositoryRoot + "/Tests/clients/check_html.py", folder + "/out/index.json"])
    #expect(check.status == 0, "\(check.stderr)\(check.stdout)")
  }

  /// One annotator's export: the reading view, numbered sentences, checked
  /// and drawn like the curation view.
  @Test func oneAnnotatorsPagesAreTheReadingView() throws {
    let folder = prepared()
    defer { removeTree(folder) }
    let run = runAnnotate([
      "export", "--format", "html", "--annotator", "alice", "--out", folder + "/out/alice", "--annotations",
      folder + "/docs/ann", "--codebook", folder + "/docs/codebook.json", folder + "/docs",
    ])
    try #require(run.status == 0, "\(run.stderr)")
    let page = folder + "/out/alice/docs/" + HTMLWriter.pageName(number: 2, id: "b.txt")
    let html = readFile(page) ?? ""
    #expect(html.contains("<main class=\"reading\">") && !html.contains("<th>bob</th>"))
    let workspace = Workspace(folder: folder + "/docs/ann", annotator: "alice")
    workspace.open([folder + "/docs"])
    let document = workspace.corpus.documents[1]
    let store = AnnotationStore(folder: workspace.folder, annotator: "alice", codebook: .standard)
    let spans = store.annotations(for: document).set.annotations.map { a in
      "{\"key\": \"alice/\(a.id)\", \"start\": \(a.range.start), \"end\": \(a.range.end), \"tags\": [\(a.tags.map { JSON.quote($0) }.joined(separator: ", "))], \"note\": \(a.note.map { JSON.quote($0) } ?? "null")}"
    }
    writeFile(
      folder + "/out/reading.json",
      "{\"pages\": [{\"html\": \(JSON.quote(page)), \"text\": \(JSON.quote(folder + "/docs/b.txt")), \"spans\": [\(spans.joined(separator: ", "))], \"screenshot\": \(JSON.quote(folder + "/out/reading.png"))}]}"
    )
    let check = runProgram("python3", [repositoryRoot + "/Tests/clients/check_html.py", folder + "/out/reading.json"])
    #expect(check.status == 0 && check.stdout.hasPrefix("ok 1 pages, 3 spans"), "\(check.stderr)\(check.stdout)")
  }
}
