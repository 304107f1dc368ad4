import FoundationEssentials

/// The corpus's languages file (`languages.json` beside the annotations
/// folder): which language documents are segmented as, when detection is
/// not to decide. Keys are document ids, folders of them (ending in `/`),
/// or `*` for every document; the longest that matches wins:
///
///     {"*": "de", "ru/": "ru", "ru/interview-en.txt": "en"}
public struct LanguageSettings: Equatable, Sendable {
  public static let fileName = "languages.json"

  /// Key → language, as in the file.
  public private(set) var entries: [String: Language]
  /// The file read or to be written.
  public var path: String

  public init(path: String, entries: [String: Language] = [:]) {
    self.path = path
    self.entries = entries
  }

  /// The file beside an annotations folder.
  public static func defaultPath(forAnnotations folder: String) -> String {
    Path.parent(Path.absolute(folder)) + "/" + fileName
  }

  /// Reads the file; a missing file is no settings.
  public static func load(path: String) throws(LanguageSettingsError) -> LanguageSettings {
    guard FileSystem.exists(path) else { return LanguageSettings(path: path) }
    let bytes: [UInt8]
    switch Corpus.readFile(path) {
    case .success(let read): bytes = read
    case .failure(let problem): throw .unreadable(path: path, reason: "\(problem)")
    }
    let object: [String: String]
    do {
      object = try JSONDecoder().decode([String: String].self, from: Data(bytes))
    } catch {
      throw .notAnObject(path: path)
    }
    var entries: [String: Language] = [:]
    for (key, code) in object {
      guard !key.isEmpty else { throw .emptyKey(path: path) }
      guard let language = Language(code) else { throw .unknownLanguage(path: path, key: key, value: code) }
      entries[key] = language
    }
    return LanguageSettings(path: path, entries: entries)
  }

  /// The language set for a document id, and the key that set it.
  public func language(for id: String) -> (language: Language, key: String)? {
    if entries.isEmpty { return nil }
    if let exact = entries[id] { return (exact, id) }
    // The folders the id is in, the innermost first: a lookup each.
    var folder = Substring(id)
    while let slash = folder.dropLast().lastIndex(of: "/") {
      folder = folder[...slash]
      if let language = entries[String(folder)] { return (language, String(folder)) }
    }
    return entries["*"].map { ($0, "*") }
  }

  /// With a document's own entry set (nil: removed).
  public func setting(_ language: Language?, for id: String) -> LanguageSettings {
    var copy = self
    copy.entries[id] = language
    return copy
  }

  /// The file's bytes: keys sorted, one per line.
  public func encoded() -> [UInt8] {
    let lines = entries.keys.sorted().map { "  " + JSON.quote($0) + ": " + JSON.quote(entries[$0]!.code) }
    return Array(("{" + (lines.isEmpty ? "" : "\n" + lines.joined(separator: ",\n") + "\n") + "}\n").utf8)
  }
}

/// What can be wrong with a languages file.
public enum LanguageSettingsError: Error, Equatable, Sendable {
  case unreadable(path: String, reason: String)
  case notAnObject(path: String)
  case emptyKey(path: String)
  case unknownLanguage(path: String, key: String, value: String)
  case notSaved(WriteError)
}
