import FoundationEssentials

extension Codebook {
  /// The file layout: `{"tags": [{"name", "definition", "color", "key"}]}`.
  private struct File: Decodable {
    struct Entry: Decodable {
      var name: String
      var definition: String
      var color: String
      var key: String?
    }
    var tags: [Entry]
  }

  /// Reads and validates a codebook file; every problem names the file and field.
  public static func load(path: String) throws(CodebookError) -> Codebook {
    let bytes: [UInt8]
    switch Corpus.readFile(path) {
    case .success(let b): bytes = b
    case .failure(let problem): throw CodebookError(path: path, field: "file", problem: .file(problem))
    }
    let file: File
    do {
      file = try JSONDecoder().decode(File.self, from: Data(bytes))
    } catch {
      let described = Sidecar.describe(error, path: path)
      throw CodebookError(
        path: path, field: described.location.isEmpty ? "file" : described.location, problem: .json(described.problem))
    }
    guard !file.tags.isEmpty else { throw CodebookError(path: path, field: "tags", problem: .emptyList) }
    var tags: [Tag] = []
    for (i, entry) in file.tags.enumerated() {
      let field = "tags[\(i)]"
      let name = entry.name
      guard !name.isEmpty, name.count <= 40,
        name.unicodeScalars.allSatisfy({
          $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        })
      else {
        throw CodebookError(path: path, field: field + ".name", problem: .notATagName(name))
      }
      guard !tags.contains(where: { $0.name.lowercased() == name.lowercased() }) else {
        throw CodebookError(path: path, field: field + ".name", problem: .definedTwice(name))
      }
      guard let color = TagColor(rawValue: entry.color) else {
        throw CodebookError(path: path, field: field + ".color", problem: .notAColour(entry.color))
      }
      var key: Character?
      if let k = entry.key {
        guard k.count == 1, let c = k.first, c.isLetter || c.isNumber else {
          throw CodebookError(path: path, field: field + ".key", problem: .notAKey(k))
        }
        guard !tags.contains(where: { $0.key.map { String($0).lowercased() } == k.lowercased() }) else {
          throw CodebookError(path: path, field: field + ".key", problem: .keyTaken(k))
        }
        key = c
      }
      tags.append(Tag(name: name, definition: entry.definition, color: color, key: key))
    }
    return Codebook(tags: tags, source: path)
  }

  /// The codebook file that goes with an annotations folder: `codebook.json` beside it.
  public static func defaultPath(forAnnotations folder: String) -> String {
    var trimmed = folder
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
    guard let slash = trimmed.lastIndex(of: "/") else { return "codebook.json" }
    return String(trimmed[...slash]) + "codebook.json"
  }
}
