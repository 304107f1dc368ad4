/// The language-dependent part of segmentation, compiled once per language
/// from its `LanguageProfile`: word lists as lower-case sets, and the
/// punctuation the language ends sentences with beyond `.`, `?` and `!`.
///
/// English keeps its own, longer lists (`Abbreviations`) and the rules the
/// golden sets were tuned with; every other language goes through
/// `Scanner.isBoundaryInAnyScript`.
final class SegmentationRules: Sendable {
  /// Bumped whenever a rule change may move a sentence boundary: sidecars
  /// record it, so numbering made with other rules is named, not silent.
  static let version = 2

  let language: Language
  let isEnglish: Bool
  let titles: Set<String>
  let never: Set<String>
  let ambiguous: Set<String>
  let months: Set<String>
  let ordinalDates: Bool
  let beforeOrdinal: Set<String>
  let sentenceStarters: Set<String>
  /// Scripts without letter case (Georgian's Mkhedruli letters are all
  /// lower case in Unicode): a lower-case word after a period says nothing.
  let caseless: Bool
  /// Greek: `;` (and U+037E) is the question mark.
  let semicolonAsks: Bool
  /// Armenian: `:` typed for the full stop `։`.
  let colonEnds: Bool
  /// Lead bytes of two-byte sentence marks to look for (`؟` D8, `۔` DB,
  /// `։` D6, Greek `;` CD); 0x2E (`.`) when there are none.
  let leadA: UInt8
  let leadB: UInt8
  /// An ASCII byte that may end a sentence beyond `.?!` (`;` in Greek, `:` in Armenian); else `.`.
  let extraASCII: UInt8

  private init(_ profile: LanguageProfile) {
    func set(_ words: [String]) -> Set<String> { Set(words.map { $0.lowercased() }) }
    language = Language(profile.code) ?? .undetermined
    isEnglish = profile.code == "en"
    titles = set(profile.titles + ["dr", "prof", "mr", "mrs", "ms"])
    never = set(profile.never + ["e.g", "i.e", "vs", "cf"])
    ambiguous = set(profile.ambiguous + ["etc", "inc", "ltd", "co", "corp", "jr", "sr"])
    months = set(profile.months)
    ordinalDates = profile.ordinalDates
    beforeOrdinal = set(profile.beforeOrdinal)
    sentenceStarters = Set(profile.sentenceStarters)
    caseless = ["ka", "ar", "fa", "ur", "hi", "mr", "am", "my", "zh", "ja", "ko"].contains(profile.code)
    semicolonAsks = profile.code == "el"
    colonEnds = profile.code == "hy"
    switch profile.code {
    case "ar", "fa": (leadA, leadB) = (0xD8, 0x2E)
    case "ur": (leadA, leadB) = (0xD8, 0xDB)
    case "hy": (leadA, leadB) = (0xD6, 0x2E)
    case "el": (leadA, leadB) = (0xCD, 0x2E)
    default: (leadA, leadB) = (0x2E, 0x2E)
    }
    extraASCII = semicolonAsks ? UInt8(ascii: ";") : colonEnds ? UInt8(ascii: ":") : UInt8(ascii: ".")
  }

  static let english = rules(for: .english)

  private static let compiled: [String: SegmentationRules] = {
    var all: [String: SegmentationRules] = [:]
    for profile in LanguageProfile.all { all[profile.code] = SegmentationRules(profile) }
    all["und"] = SegmentationRules(LanguageProfile(code: "und", name: "undetermined"))
    return all
  }()

  static func rules(for language: Language) -> SegmentationRules {
    compiled[language.code] ?? compiled["und"]!
  }
}
