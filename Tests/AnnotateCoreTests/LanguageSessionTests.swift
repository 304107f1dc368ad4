import Testing

@testable import AnnotateCore

/// A document's language in the shell: detected, shown, set, recorded in
/// the sidecar, and text of every script shown whole at every width.
@Suite struct LanguageSessionTests {
  static let german =
    "Am 12. Juni 2024 trat der Minister zurück. Die Opposition sprach z. B. von einem Skandal, d. h. von Betrug. "
    + "Der Kanzler schwieg."
  static let russian = "Встреча прошла 5 мая 2024 г. в Москве. Участники, т. е. министры, согласились. Потом все ушли."
  static let chinese = "他说：“我们会来。”随后离开。经济增长5.2%。这是一个很长的句子，用来检查换行是否按显示宽度进行。"

  /// A session as the command line makes one: the languages file read before the documents open.
  static func session(_ folder: String, _ annotator: String) -> Session {
    let session = Session(options: SessionOptions(annotator: annotator, annotationsPath: folder + "/docs/ann"))
    try! session.workspace.loadLanguageSettings()
    session.open([folder + "/docs"])
    return session
  }

  @Test func docsShowsEachDocumentsLanguageAndLangExplainsIt() {
    let project = TestProject(documents: ["de.txt": Self.german, "ru.txt": Self.russian, "zh.txt": Self.chinese])
    let docs = project.run("docs").out
    let lines = docs.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasSuffix("000_9c83e067df388347.txt  0/19 coded  en") }, "\(docs)")
    #expect(lines.contains { $0.hasSuffix("de.txt                     0/3 coded  de") }, "\(docs)")
    // Three short sentences are little to go on: Russian, said to be unsure.
    #expect(lines.contains { $0.hasSuffix("ru.txt                     0/3 coded  ru?") }, "\(docs)")
    #expect(lines.contains { $0.hasSuffix("zh.txt                     0/4 coded  zh") }, "\(docs)")
    let lang = project.run("doc de.txt", "lang").out
    #expect(lang.contains("language: de (German, detected)"), "\(lang)")
  }

  @Test func langSetsTheLanguageInTheCorpusFileForEveryone() throws {
    let project = TestProject(documents: ["de.txt": Self.german])
    // Read as English, "12." ends a sentence and "z. B." splits.
    let set = project.run("doc de.txt", "lang en", "show all")
    #expect(set.out.contains("language: en (English, set in languages.json)"), "\(set.out)")
    #expect(set.out.contains("sentences: 4 (were 3)") || set.out.contains("(were 3)"), "\(set.out)")
    let file = text(project.folder + "/docs/languages.json")
    #expect(file == "{\n  \"de.txt\": \"en\"\n}\n")
    // Another annotator's session reads the file.
    let other = Self.session(project.folder, "bob")
    let seen = transcript(other, ["doc de.txt", "lang"]).out
    #expect(seen.contains("language: en (English, set in languages.json)"), "\(seen)")
    let back = project.run("lang auto")
    #expect(back.out.contains("language: de (German, detected)"), "\(back.out)")
    #expect(text(project.folder + "/docs/languages.json") == "{}\n")
    let bad = project.run("lang xx")
    #expect(bad.failed)
    #expect(bad.err.hasPrefix("error: lang: 'xx' is not a language annotate segments; valid: auto, en, de, "))
    #expect(bad.err.split(separator: "\n").count == 1)
  }

  @Test func theSidecarRecordsTheNumberingAndAChangeIsSaid() throws {
    let project = TestProject(documents: ["de.txt": Self.german])
    project.run("doc de.txt", "tag 2 claim")
    _ = project.session.close()
    let sidecar = text(project.folder + "/docs/ann/de.txt/alice.json")
    #expect(sidecar.contains("\"language\": \"de\",\n    \"segmenter\": \(Segmenter.rulesVersion)\n  },"), "\(sidecar)")
    let decoded = try Sidecar.decode(Array(sidecar.utf8), path: "x")
    #expect(decoded.document.language == "de")
    #expect(SidecarFastReader.read(Array(sidecar.utf8))?.document.language == "de")
    // The corpus file now says English: the numbers were made otherwise.
    writeFile(project.folder + "/docs/languages.json", "{\"de.txt\": \"en\"}")
    let session = Self.session(project.folder, "alice")
    let result = transcript(session, ["doc de.txt", "spans"])
    #expect(
      result.out.contains(
        "de.txt: its sentence numbers were made as de; it is segmented as en now, so numbers may differ"),
      "\(result.out)")
    #expect(result.out.contains("#1 [claim]"))
  }

  @Test func theDocumentsOwnEntryThenItsInnermostFolderThenStarDecide() {
    let settings = LanguageSettings(
      path: "languages.json",
      entries: ["*": Language("de")!, "ru/": Language("ru")!, "ru/en/": Language("en")!, "ru/a.txt": Language("uk")!])
    #expect(settings.language(for: "ru/a.txt")! == (Language("uk")!, "ru/a.txt"))
    #expect(settings.language(for: "ru/en/b.txt")! == (Language("en")!, "ru/en/"))
    #expect(settings.language(for: "ru/x/b.txt")! == (Language("ru")!, "ru/"))
    #expect(settings.language(for: "rus/b.txt")! == (Language("de")!, "*"))
    #expect(LanguageSettings(path: "x").language(for: "a.txt") == nil)
  }

  @Test func aGermanArticleQuotingEnglishIsGerman() {
    let text =
      "Die Regierung hat am Montag neue Regeln beschlossen. Der Minister sagte, er sei zufrieden. "
      + "In einer Erklärung hieß es auf Englisch: “We are committed to the rule of law and to the people of this country.” "
      + "Die Opposition kritisierte das Vorhaben als unzureichend und kündigte Widerstand im Bundestag an."
    let found = LanguageDetector.detect(try! UTF8Text(validating: Array(text.utf8)))
    #expect(found.language == Language("de"))
    #expect(found.confident)
    // Too little text to tell: a default, said to be unsure.
    let short = LanguageDetector.detect(try! UTF8Text(validating: Array("Berlin 2024".utf8)))
    #expect(!short.confident)
  }

  @Test(arguments: [40, 80, 100]) func everyScriptIsShownWholeInLogicalOrder(width: Int) {
    let arabic = "قال الوزير إن الحكومة ستعلن خطة جديدة للاقتصاد. هل سيوافق البرلمان؟ لم يتضح ذلك بعد."
    let hebrew = "הממשלה אישרה את התוכנית. \u{202E}evil\u{202C} האופוזיציה התנגדה."
    let project = TestProject(documents: ["zh.txt": Self.chinese, "ar.txt": arabic, "he.txt": hebrew], seed: false)
    for (name, text) in [("zh.txt", Self.chinese), ("ar.txt", arabic), ("he.txt", hebrew)] {
      var out = ""
      var runner = ScriptRunner(
        session: project.session, renderer: Renderer(width: width), write: { out += $0 }, writeError: { _ in })
      _ = runner.run(line: "doc \(name)")
      out = ""
      _ = runner.run(line: "show all")
      // The header, then the numbered sentences.
      let rows = out.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }.dropFirst()
      for row in rows { #expect(DisplayWidth.of(row) <= width, "\(name) at \(width): \(row)") }
      // No direction control reaches the terminal: the override is shown as an escape.
      #expect(
        !out.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) })
      // The words come out whole, in the order they are stored.
      let shown = rows.map { $0.drop { $0 == " " || $0.isNumber } }.joined().filter { !$0.isWhitespace }
      let expected = TerminalSafe.escape(text).filter { !$0.isWhitespace }
      #expect(shown == expected, "\(name) at \(width):\n\(out)")
    }
  }

  @Test func quotesAreFoundInScriptsWithoutSpaces() {
    let thai = "รัฐบาลประกาศนโยบายใหม่วันนี้"
    let project = TestProject(documents: ["zh.txt": Self.chinese, "th.txt": thai], seed: false)
    let zh = project.run("doc zh.txt", "hl 1 \"我们会来\" claim", "spans")
    #expect(!zh.failed, "\(zh.err)")
    #expect(zh.out.contains("“我们会来”"), "\(zh.out)")
    let th = project.run("doc th.txt", "hl 1 \"นโยบาย\" claim", "spans")
    #expect(!th.failed, "\(th.err)")
    #expect(th.out.contains("นโยบาย"))
  }
}

private func text(_ path: String) -> String { String(decoding: readFileBytes(path) ?? [], as: UTF8.self) }
