/// What the segmenter and the language detector know of one language: its
/// abbreviations, its dates, the words that open its sentences and the
/// words it uses most. The lists are in `LanguageTables.swift`.
///
/// Abbreviations are written without their final period, with inner periods
/// and no spaces (`z.B` stands for `z.B.` and `z. B.`); they are matched
/// without regard to case.
public struct LanguageProfile: Sendable {
  /// ISO 639-1 code (`de`), the key everywhere.
  public var code: String
  /// English name (`German`).
  public var name: String
  /// Titles and forms of address before a name (`Dr`, `Prof`, `Hr`): never end a sentence.
  var titles: [String]
  /// Abbreviations that (practically) never end a sentence (`vgl`, `bzw`, `z.B`, `Nr`).
  var never: [String]
  /// Abbreviations that may end one (`usw`, `etc`, `Mio`): a boundary only before a clear sentence start.
  var ambiguous: [String]
  /// Month names, full and abbreviated, as written in running text.
  var months: [String]
  /// Whether a period after a number marks an ordinal (`am 12. Juni`, `der 2. Weltkrieg`).
  var ordinalDates: Bool
  /// Lower-case words (articles, prepositions) after which `N.` is an ordinal, not a sentence end.
  var beforeOrdinal: [String]
  /// Capitalised words that clearly open a sentence (pronouns, articles, conjunctions, adverbs).
  var sentenceStarters: [String]
  /// The most frequent words, lower case, for telling the language from others of its script.
  var functionWords: [String]

  init(
    code: String, name: String, titles: [String] = [], never: [String] = [], ambiguous: [String] = [],
    months: [String] = [], ordinalDates: Bool = false, beforeOrdinal: [String] = [],
    sentenceStarters: [String] = [], functionWords: [String] = []
  ) {
    self.code = code
    self.name = name
    self.titles = titles
    self.never = never
    self.ambiguous = ambiguous
    self.months = months
    self.ordinalDates = ordinalDates
    self.beforeOrdinal = beforeOrdinal
    self.sentenceStarters = sentenceStarters
    self.functionWords = functionWords
  }
}
