extension Session {
  static var langCommand: Command {
    Command(
      name: "lang", usage: "lang [CODE | auto]",
      summary: "show or set the current document's language",
      help: """
        Sentences are made by the rules of the document's language: its
        abbreviations, dates, quotes and sentence marks. Without an argument,
        says the language and where it came from (detected, the languages
        file, or --lang). With a code (de, ru, zh …), sets it for this document
        in languages.json beside the annotations folder, so every annotator
        and every later run numbers sentences the same way; auto removes that
        entry and lets a folder's entry or detection decide. Spans keep their
        words; only sentence numbers change.
        Example: lang de
        """,
      complete: { _, context in
        context.arguments.isEmpty ? Language.supported.map(\.code) + ["auto"] : []
      },
      run: { session, args throws(ShellError) in
        let command = session.command("lang")
        try command.expectAtMost(1, args)
        guard let document = session.currentDocument else { throw .noDocument }
        var lines: [OutputLine] = []
        if let word = args.first {
          let language: Language?
          if word.lowercased() == "auto" {
            language = nil
          } else if let named = Language(word) {
            language = named
          } else {
            throw command.usageError(
              "'\(word)' is not a language annotate segments; valid: auto, "
                + Language.supported.map(\.code).joined(separator: ", "))
          }
          if let override = session.workspace.languageOverride {
            throw command.usageError(
              "this run segments every document as \(override.code) (--lang); start without --lang to set one "
                + "document's language")
          }
          let before = session.units(of: document).count
          let path: String
          do throws(LanguageSettingsError) {
            path = try session.workspace.setLanguage(language, for: document)
          } catch {
            throw .languages(error)
          }
          session.readTo = [:]
          session.focus = nil
          let after = session.units(of: document).count
          lines.append(
            OutputLine(
              "saved in \(path); \(session.options.unitKind.rawValue)s: \(after)"
                + (after == before ? "" : " (were \(before))"), .dim))
        }
        var spans = [TextRun("language: "), TextRun(document.language.code, .bold)]
        spans.append(TextRun(" (\(document.language.name), \(languageOrigin(document, session.workspace)))", .dim))
        return CommandOutput([OutputLine(spans)] + lines)
      })
  }

  /// `de`, or `en?` when detection had too little to go on.
  static func languageLabel(_ document: Document, padded: Bool) -> String {
    let label =
      document.language.code + (document.languageSource == .detected && !document.detected.confident ? "?" : "")
    return padded ? label + String(repeating: " ", count: max(0, 3 - label.count)) : label
  }

  /// Where a document's language came from, in words.
  static func languageOrigin(_ document: Document, _ workspace: Workspace) -> String {
    switch document.languageSource {
    case .option: return "--lang"
    case .config:
      let key = workspace.languageSettings.language(for: document.id)?.key ?? document.id
      return key == document.id ? "set in languages.json" : "set in languages.json for '\(key)'"
    case .detected: return document.detected.confident ? "detected" : "detected, unsure"
    }
  }
}
