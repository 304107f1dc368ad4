/// What a numbered unit of a document is.
public enum UnitKind: String, CaseIterable, Sendable, Codable {
  /// Sentences, headlines, bylines and list items (the default).
  case sentence
  /// Blocks of text separated by blank lines.
  case paragraph
  /// Non-blank lines.
  case line
}
