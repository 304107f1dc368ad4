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
  /// Bytes the scanner stops at for those marks: the rarer of each mark's
  /// two bytes (`؟` is D8 9F, and D8 leads most Arabic letters: 9F is
  /// looked for); `.` when there are none.
  let scanA: UInt8
  let scanB: UInt8
  /// The rarest byte of three-byte sentence marks (Ethiopic `።` E1 8D A2:
  /// 8D; Burmese `။` E1 81 8B: 8B); else `.`.
  let scanC: UInt8
  /// Whether E0/E1 may lead a sentence mark (Devanagari, Ethiopic, Burmese).
  var threeByteMarks: Bool { scan == .danda || scanC != 0x2E }
  /// How the scanner skips text with nothing of interest, eight bytes at a time.
  enum Scan {
    /// Stop at `.?!)` and any lead byte of U+0800 and above: for scripts
    /// whose letters take one or two bytes (Latin, Cyrillic).
    case plain
    /// Stop at `.?!)`, E2/E3/EF (punctuation) and the language's own mark
    /// bytes: for scripts whose letters take three bytes.
    case marks
    /// As `marks`, and at the danda's two last bytes (A5 A4, A5 A5), which
    /// Devanagari letters share one at a time.
    case danda
  }
  let scan: Scan
  /// An ASCII byte that may end a sentence beyond `.?!` (`;` in Greek, `:` in Armenian); else `.`.
  let extraASCII: UInt8
  /// Hashes of every listed word's bytes as written, lower-cased,
  /// capitalised and upper-cased: a word whose bytes hash to none of these
  /// is on no list, found without making a string.
  let listedHashes: Set<UInt64>

  static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return h
  }

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
    case "ar", "fa": (leadA, leadB, scanA, scanB) = (0xD8, 0x2E, 0x9F, 0x2E)
    case "ur": (leadA, leadB, scanA, scanB) = (0xD8, 0xDB, 0x9F, 0x94)
    case "hy": (leadA, leadB, scanA, scanB) = (0xD6, 0x2E, 0x89, 0x2E)
    case "el": (leadA, leadB, scanA, scanB) = (0xCD, 0x2E, 0xCD, 0x2E)
    default: (leadA, leadB, scanA, scanB) = (0x2E, 0x2E, 0x2E, 0x2E)
    }
    switch profile.code {
    case "am": scanC = 0x8D
    case "my": scanC = 0x8B
    default: scanC = 0x2E
    }
    switch profile.code {
    case "en", "de", "fr", "es", "it", "pt", "nl", "da", "sv", "no", "pl", "cs", "sk", "tr", "ru", "uk", "bg", "kk",
      "und":
      scan = .plain
    case "hi", "mr": scan = .danda
    default: scan = .marks
    }
    extraASCII = semicolonAsks ? UInt8(ascii: ";") : colonEnds ? UInt8(ascii: ":") : UInt8(ascii: ".")
    var hashes = Set<UInt64>()
    for word in profile.titles + profile.never + profile.ambiguous + profile.months
      + ["dr", "prof", "mr", "mrs", "ms", "e.g", "i.e", "vs", "cf", "etc", "inc", "ltd", "co", "corp", "jr", "sr"]
    {
      let lower = word.lowercased()
      for form in [word, lower, lower.prefix(1).uppercased() + lower.dropFirst(), word.uppercased()] {
        hashes.insert(Self.hash(form.utf8))
      }
    }
    listedHashes = hashes
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
