/// One of the terminal's sixteen named colours (the bright ones too).
public enum NamedColor: String, CaseIterable, Sendable, Codable {
  case red, green, yellow, blue, magenta, cyan
  case brightRed = "bright-red", brightGreen = "bright-green", brightYellow = "bright-yellow"
  case brightBlue = "bright-blue", brightMagenta = "bright-magenta", brightCyan = "bright-cyan"

  /// The SGR foreground code.
  var sgr: String {
    switch self {
    case .red: return "31"
    case .green: return "32"
    case .yellow: return "33"
    case .blue: return "34"
    case .magenta: return "35"
    case .cyan: return "36"
    case .brightRed: return "91"
    case .brightGreen: return "92"
    case .brightYellow: return "93"
    case .brightBlue: return "94"
    case .brightMagenta: return "95"
    case .brightCyan: return "96"
    }
  }
}

/// A colour a tag is shown in: a named terminal colour, or one of the
/// 256-colour palette (16–255) where the terminal has it.
public enum TagColor: Hashable, Sendable {
  case named(NamedColor)
  case indexed(UInt8)

  public static let red = TagColor.named(.red)
  public static let green = TagColor.named(.green)
  public static let yellow = TagColor.named(.yellow)
  public static let blue = TagColor.named(.blue)
  public static let magenta = TagColor.named(.magenta)
  public static let cyan = TagColor.named(.cyan)

  /// How a codebook file writes it: a name, or the palette index as digits.
  public var name: String {
    switch self {
    case .named(let named): return named.rawValue
    case .indexed(let index): return String(index)
    }
  }

  /// Parses a codebook's `color`: a name or a palette index 16–255.
  public init?(name: String) {
    if let named = NamedColor(rawValue: name) {
      self = .named(named)
    } else if let index = UInt8(name), index >= 16 {
      self = .indexed(index)
    } else {
      return nil
    }
  }

  /// The SGR foreground parameters; a palette colour falls back to a named
  /// one on a terminal that has only sixteen.
  func sgr(extended: Bool) -> String {
    switch self {
    case .named(let named): return named.sgr
    case .indexed(let index):
      if extended { return "38;5;\(index)" }
      let fallback = NamedColor.allCases
      return fallback[Int(index) % fallback.count].sgr
    }
  }

  /// Colours handed to tags a codebook gives none: the named ones, then
  /// palette colours chosen to differ in hue and brightness.
  static let palette: [TagColor] =
    [.yellow, .magenta, .cyan, .green, .red, .blue]
    + [NamedColor.brightYellow, .brightMagenta, .brightCyan, .brightGreen, .brightRed, .brightBlue].map(TagColor.named)
    + [208, 99, 43, 166, 129, 31, 142, 169, 67, 136, 97, 72, 173, 61, 106, 133, 30, 179, 140, 37].map {
      TagColor.indexed($0)
    }
}

/// One tag of a codebook.
public struct Tag: Equatable, Sendable {
  public var name: String
  public var definition: String
  public var color: TagColor
  /// A one-letter shortcut (`tag 3 o`).
  public var key: Character?
}

/// A kind of link between spans: `attributed-to` from a claim or opinion
/// to a source. Empty `from`/`to` allow any tag.
public struct RelationType: Equatable, Sendable {
  public var name: String
  public var from: [String]
  public var to: [String]
  public var directed: Bool
  public var definition: String

  public init(name: String, from: [String] = [], to: [String] = [], directed: Bool = true, definition: String = "") {
    self.name = name
    self.from = from
    self.to = to
    self.directed = directed
    self.definition = definition
  }

  /// Whether spans with these tags may be linked this way.
  public func allows(from fromTags: [String], to toTags: [String]) -> Bool {
    (from.isEmpty || fromTags.contains(where: from.contains)) && (to.isEmpty || toTags.contains(where: to.contains))
  }
}

/// A document-level variable (stance, frame, genre): its values, ordered
/// for an ordinal scale, one value or several.
public struct Variable: Equatable, Sendable {
  public var name: String
  public var values: [String]
  public var ordered: Bool
  public var multiple: Bool
  public var definition: String

  public init(name: String, values: [String], ordered: Bool = false, multiple: Bool = false, definition: String = "") {
    self.name = name
    self.values = values
    self.ordered = ordered
    self.multiple = multiple
    self.definition = definition
  }
}

/// A quality a span can have (`checkworthy`: yes / no), for some tags (all when empty).
public struct AttributeDefinition: Equatable, Sendable {
  public var name: String
  public var values: [String]
  public var tags: [String]
  public var definition: String

  public init(name: String, values: [String], tags: [String] = [], definition: String = "") {
    self.name = name
    self.values = values
    self.tags = tags
    self.definition = definition
  }
}

/// Why a codebook file was refused: the file, the field, what is wrong.
public struct CodebookError: Error, Equatable, Sendable {
  public var path: String
  public var field: String
  public var problem: Problem

  public enum Problem: Equatable, Sendable {
    case file(OpenProblem)
    case json(SidecarProblem)
    case emptyList
    case notATagName(String)
    case definedTwice(String)
    case notAColour(String)
    case notAKey(String)
    case keyTaken(String)
    /// A relation or attribute names a tag the codebook does not have.
    case unknownTagReference(String)
    case noValues
    case repeatedValue(String)
  }
}

/// Why a word the user typed names no tag.
public enum TagLookupError: Error, Equatable, Sendable {
  case unknown(String, valid: [String], suggestion: String?)
  case ambiguous(String, candidates: [String])
}

/// The tags annotators may use, with definitions, colours and shortcuts.
public struct Codebook: Equatable, Sendable {
  public private(set) var tags: [Tag]
  /// Kinds of links between spans (none by default).
  public var relations: [RelationType] = []
  /// Document-level variables (none by default).
  public var variables: [Variable] = []
  /// Span attributes (none by default).
  public var attributes: [AttributeDefinition] = []
  /// The file it was read from; nil for the standard codebook.
  public var source: String?

  public init(
    tags: [Tag], relations: [RelationType] = [], variables: [Variable] = [], attributes: [AttributeDefinition] = [],
    source: String? = nil
  ) {
    self.tags = tags
    self.relations = relations
    self.variables = variables
    self.attributes = attributes
    self.source = source
  }

  public func relation(named name: String) -> RelationType? { relations.first { $0.name == name } }
  public func variable(named name: String) -> Variable? { variables.first { $0.name == name } }
  public func attribute(named name: String) -> AttributeDefinition? { attributes.first { $0.name == name } }

  public static let standard = Codebook(tags: [
    Tag(
      name: "claim", definition: "A statement presented as fact, which could be checked.", color: .yellow, key: "c"),
    Tag(
      name: "opinion", definition: "A judgement, belief or evaluation the writer or someone else holds.",
      color: .magenta, key: "o"),
    Tag(
      name: "source", definition: "Who or what a statement is attributed to: a person, outlet or document.",
      color: .cyan, key: "s"),
  ])

  public var names: [String] { tags.map(\.name) }

  public func tag(named name: String) -> Tag? { tags.first { $0.name == name } }

  /// Resolves what a user typed: exact name, one-letter shortcut, unique prefix.
  public func resolve(_ word: String) -> Result<Tag, TagLookupError> {
    let key = word.lowercased()
    if let tag = tags.first(where: { $0.name.lowercased() == key }) { return .success(tag) }
    if key.count == 1, let tag = tags.first(where: { $0.key.map { String($0).lowercased() } == key }) {
      return .success(tag)
    }
    let matches = tags.filter { $0.name.lowercased().hasPrefix(key) }
    if matches.count == 1, !key.isEmpty { return .success(matches[0]) }
    if matches.count > 1 {
      return .failure(.ambiguous(word, candidates: matches.map(\.name)))
    }
    return .failure(.unknown(word, valid: names, suggestion: closest(to: key, in: names)))
  }

  /// Sorts tag names into codebook order.
  package func ordered(_ names: Set<String>) -> [String] {
    tags.map(\.name).filter { names.contains($0) } + names.subtracting(self.names).sorted()
  }

  public func color(of name: String) -> TagColor? { tag(named: name)?.color }
}
