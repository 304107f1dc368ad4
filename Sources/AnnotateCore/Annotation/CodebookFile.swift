import FoundationEssentials

extension Codebook {
  /// The file layout: `{"tags": [{"name", "definition", "color", "key"}]}`;
  /// only `name` is required. Optional: `relations` (`{"name", "from":
  /// [tags], "to": [tags], "directed"}`), `variables` (`{"name", "values",
  /// "ordered", "multiple"}`), `attributes` (`{"name", "values", "tags"}`).
  private struct File: Decodable {
    struct Entry: Decodable {
      var name: String
      var definition: String?
      var color: String?
      var key: String?
    }
    struct RelationEntry: Decodable {
      var name: String
      var from: [String]?
      var to: [String]?
      var directed: Bool?
      var definition: String?
    }
    struct VariableEntry: Decodable {
      var name: String
      var values: [String]
      var ordered: Bool?
      var multiple: Bool?
      var definition: String?
    }
    struct AttributeEntry: Decodable {
      var name: String
      var values: [String]
      var tags: [String]?
      var definition: String?
    }
    var tags: [Entry]
    var relations: [RelationEntry]?
    var variables: [VariableEntry]?
    var attributes: [AttributeEntry]?
  }

  /// The longest tag name, in characters.
  public static let maximumTagNameLength = 128

  /// Whether a name can be a tag's: any printable characters but white
  /// space, `;`, quotes and backslashes (the shell's syntax), not starting
  /// with a digit, `#` or `-` (which name sentences, spans and options). So
  /// `Name_Calling,Labeling`, `Appeal_to_fear-prejudice`, `Meinung` and `主張`
  /// are tags.
  public static func isValidTagName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, name.count <= maximumTagNameLength else { return false }
    if ("0"..."9").contains(first) || first == "#" || first == "-" { return false }
    return name.unicodeScalars.allSatisfy { s in
      !s.properties.isWhitespace && !reservedInTagNames.contains(s)
        && s.properties.generalCategory != .control && s.properties.generalCategory != .format
        && s.properties.generalCategory != .unassigned
    }
  }

  /// Characters the shell's syntax uses: no tag name holds them.
  public static let reservedInTagNames: Set<Unicode.Scalar> = [";", "\"", "'", "\\", "“", "”", "‘", "’"]

  /// Reads and validates a codebook file — annotate's JSON, or brat's
  /// `annotation.conf` (a file ending in `.conf`). Every problem names the
  /// file and the field.
  public static func load(path: String) throws(CodebookError) -> Codebook {
    let bytes: [UInt8]
    switch Corpus.readFile(path) {
    case .success(let b): bytes = b
    case .failure(let problem): throw CodebookError(path: path, field: "file", problem: .file(problem))
    }
    if path.hasSuffix(".conf") { return try fromBratConfiguration(bytes, path: path) }
    let file: File
    do {
      file = try JSONDecoder().decode(File.self, from: Data(bytes))
    } catch {
      let described = Sidecar.describe(error, path: path)
      throw CodebookError(
        path: path, field: described.location.isEmpty ? "file" : described.location, problem: .json(described.problem))
    }
    guard !file.tags.isEmpty else { throw CodebookError(path: path, field: "tags", problem: .emptyList) }
    var entries: [(name: String, definition: String, color: TagColor?, key: Character?)] = []
    for (i, entry) in file.tags.enumerated() {
      let field = "tags[\(i)]"
      let name = entry.name
      guard isValidTagName(name) else {
        throw CodebookError(path: path, field: field + ".name", problem: .notATagName(name))
      }
      guard !entries.contains(where: { $0.name.lowercased() == name.lowercased() }) else {
        throw CodebookError(path: path, field: field + ".name", problem: .definedTwice(name))
      }
      var color: TagColor?
      if let written = entry.color {
        guard let parsed = TagColor(name: written) else {
          throw CodebookError(path: path, field: field + ".color", problem: .notAColour(written))
        }
        color = parsed
      }
      var key: Character?
      if let k = entry.key {
        guard k.count == 1, let c = k.first, c.isLetter || c.isNumber else {
          throw CodebookError(path: path, field: field + ".key", problem: .notAKey(k))
        }
        guard !entries.contains(where: { $0.key.map { String($0).lowercased() } == k.lowercased() }) else {
          throw CodebookError(path: path, field: field + ".key", problem: .keyTaken(k))
        }
        key = c
      }
      entries.append((name, entry.definition ?? "", color, key))
    }
    let tagNames = Set(entries.map(\.name))
    func name(_ value: String, _ field: String, taken: [String]) throws(CodebookError) {
      guard isValidTagName(value) else { throw CodebookError(path: path, field: field, problem: .notATagName(value)) }
      guard !taken.contains(value) else { throw CodebookError(path: path, field: field, problem: .definedTwice(value)) }
    }
    func known(_ tags: [String], _ field: String) throws(CodebookError) {
      if let unknown = tags.first(where: { !tagNames.contains($0) }) {
        throw CodebookError(path: path, field: field, problem: .unknownTagReference(unknown))
      }
    }
    func checkValues(_ values: [String], _ field: String) throws(CodebookError) {
      guard !values.isEmpty else { throw CodebookError(path: path, field: field, problem: .noValues) }
      var seen = Set<String>()
      for value in values {
        guard isValidTagName(value) else { throw CodebookError(path: path, field: field, problem: .notATagName(value)) }
        guard seen.insert(value).inserted else {
          throw CodebookError(path: path, field: field, problem: .repeatedValue(value))
        }
      }
    }
    var relations: [RelationType] = []
    for (i, r) in (file.relations ?? []).enumerated() {
      try name(r.name, "relations[\(i)].name", taken: relations.map(\.name))
      try known(r.from ?? [], "relations[\(i)].from")
      try known(r.to ?? [], "relations[\(i)].to")
      relations.append(
        RelationType(
          name: r.name, from: r.from ?? [], to: r.to ?? [], directed: r.directed ?? true, definition: r.definition ?? ""
        ))
    }
    var variables: [Variable] = []
    for (i, v) in (file.variables ?? []).enumerated() {
      try name(v.name, "variables[\(i)].name", taken: variables.map(\.name))
      try checkValues(v.values, "variables[\(i)].values")
      variables.append(
        Variable(
          name: v.name, values: v.values, ordered: v.ordered ?? false, multiple: v.multiple ?? false,
          definition: v.definition ?? ""))
    }
    var attributes: [AttributeDefinition] = []
    for (i, a) in (file.attributes ?? []).enumerated() {
      try name(a.name, "attributes[\(i)].name", taken: attributes.map(\.name))
      try checkValues(a.values, "attributes[\(i)].values")
      try known(a.tags ?? [], "attributes[\(i)].tags")
      attributes.append(
        AttributeDefinition(name: a.name, values: a.values, tags: a.tags ?? [], definition: a.definition ?? ""))
    }
    return Codebook(
      tags: painted(entries), relations: relations, variables: variables, attributes: attributes, source: path)
  }

  /// Tags with colours: those given, and for the others the palette's
  /// colours in order, skipping those already taken.
  static func painted(_ entries: [(name: String, definition: String, color: TagColor?, key: Character?)]) -> [Tag] {
    var taken = Set(entries.compactMap(\.color))
    var palette = TagColor.palette.filter { !taken.contains($0) }[...]
    return entries.map { entry in
      var color = entry.color
      if color == nil {
        // Past the palette's end, colours repeat: names still tell tags apart.
        color = palette.popFirst() ?? TagColor.palette[taken.count % TagColor.palette.count]
        taken.insert(color!)
      }
      return Tag(name: entry.name, definition: entry.definition, color: color!, key: entry.key)
    }
  }

  /// A codebook from brat's `annotation.conf`: the types of its `[entities]`
  /// section (indentation and `!` for grouping types are read past).
  static func fromBratConfiguration(_ bytes: [UInt8], path: String) throws(CodebookError) -> Codebook {
    var entries: [(name: String, definition: String, color: TagColor?, key: Character?)] = []
    for (number, name) in bratEntityTypes(bytes) {
      guard isValidTagName(name) else {
        throw CodebookError(path: path, field: "line \(number)", problem: .notATagName(name))
      }
      if !entries.contains(where: { $0.name == name }) { entries.append((name, "", nil, nil)) }
    }
    guard !entries.isEmpty else { throw CodebookError(path: path, field: "[entities]", problem: .emptyList) }
    return Codebook(tags: painted(entries), source: path)
  }

  /// The entity types an `annotation.conf` declares, with their line numbers.
  static func bratEntityTypes(_ bytes: [UInt8]) -> [(line: Int, name: String)] {
    var section = ""
    var types: [(line: Int, name: String)] = []
    for (number, line) in Lines.strings(bytes) {
      let trimmed = String(line.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      if trimmed.hasPrefix("[") && trimmed.hasSuffix("]") {
        section = String(trimmed.dropFirst().dropLast())
        continue
      }
      guard section == "entities", trimmed != "----" else { continue }
      var name = String(trimmed.split(whereSeparator: { $0 == "\t" || $0 == " " }).first ?? "")
      if name.hasPrefix("!") { name.removeFirst() }
      guard !name.isEmpty, !name.hasPrefix("<") else { continue }
      types.append((number, name))
    }
    return types
  }

  /// The codebook file that goes with an annotations folder: `codebook.json` beside it.
  public static func defaultPath(forAnnotations folder: String) -> String {
    var trimmed = folder
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
    guard let slash = trimmed.lastIndex(of: "/") else { return "codebook.json" }
    return String(trimmed[...slash]) + "codebook.json"
  }

  /// The codebook as a file annotate reads back: stable key order, one tag a line.
  public func encoded() -> [UInt8] {
    var text = "{\"tags\": [\n"
    for (i, tag) in tags.enumerated() {
      text += "  {\"name\": \(JSON.quote(tag.name)), \"definition\": \(JSON.quote(tag.definition)), "
      text += "\"color\": \(JSON.quote(tag.color.name))"
      if let key = tag.key { text += ", \"key\": \(JSON.quote(String(key)))" }
      text += "}" + (i == tags.count - 1 ? "\n" : ",\n")
    }
    text += "]"
    if !relations.isEmpty {
      text += ",\n\"relations\": [\n"
      text +=
        relations.map { r in
          "  {\"name\": \(JSON.quote(r.name)), \"from\": [\(r.from.map(JSON.quote).joined(separator: ", "))], "
            + "\"to\": [\(r.to.map(JSON.quote).joined(separator: ", "))], \"directed\": \(r.directed)"
            + (r.definition.isEmpty ? "" : ", \"definition\": \(JSON.quote(r.definition))") + "}"
        }.joined(separator: ",\n") + "\n]"
    }
    if !variables.isEmpty {
      text += ",\n\"variables\": [\n"
      text +=
        variables.map { v in
          "  {\"name\": \(JSON.quote(v.name)), \"values\": [\(v.values.map(JSON.quote).joined(separator: ", "))], "
            + "\"ordered\": \(v.ordered), \"multiple\": \(v.multiple)"
            + (v.definition.isEmpty ? "" : ", \"definition\": \(JSON.quote(v.definition))") + "}"
        }.joined(separator: ",\n") + "\n]"
    }
    if !attributes.isEmpty {
      text += ",\n\"attributes\": [\n"
      text +=
        attributes.map { a in
          "  {\"name\": \(JSON.quote(a.name)), \"values\": [\(a.values.map(JSON.quote).joined(separator: ", "))], "
            + "\"tags\": [\(a.tags.map(JSON.quote).joined(separator: ", "))]"
            + (a.definition.isEmpty ? "" : ", \"definition\": \(JSON.quote(a.definition))") + "}"
        }.joined(separator: ",\n") + "\n]"
    }
    return Array((text + "}\n").utf8)
  }

  /// The codebook with more tags after its own, coloured from what is left of the palette.
  public func adding(_ names: [String]) -> Codebook {
    let entries =
      tags.map { (name: $0.name, definition: $0.definition, color: Optional($0.color), key: $0.key) }
      + names.filter { tag(named: $0) == nil }.map {
        (name: $0, definition: "", color: TagColor?.none, key: Character?.none)
      }
    return Codebook(
      tags: Self.painted(entries), relations: relations, variables: variables, attributes: attributes, source: source)
  }
}
