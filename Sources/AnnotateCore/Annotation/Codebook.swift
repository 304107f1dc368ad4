/// A colour a tag is shown in (ANSI terminal colours).
public enum TagColor: String, CaseIterable, Sendable, Codable {
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

/// One tag of a codebook.
public struct Tag: Equatable, Sendable {
  public var name: String
  public var definition: String
  public var color: TagColor
  /// A one-letter shortcut (`tag 3 o`).
  public var key: Character?
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
  /// The file it was read from; nil for the standard codebook.
  public var source: String?

  public init(tags: [Tag], source: String? = nil) {
    self.tags = tags
    self.source = source
  }

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
  func ordered(_ names: Set<String>) -> [String] {
    tags.map(\.name).filter { names.contains($0) } + names.subtracting(self.names).sorted()
  }

  public func color(of name: String) -> TagColor? { tag(named: name)?.color }
}
