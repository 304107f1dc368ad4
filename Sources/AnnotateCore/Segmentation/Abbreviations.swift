/// The word lists the segmenter decides abbreviations with. Words are
/// stored without their final period; dotted forms keep inner dots (`U.S`).
enum Abbreviations {
  /// Titles before a name: a period after them never ends a sentence.
  static let titles: Set<String> = [
    "Mr", "Mrs", "Ms", "Messrs", "Mme", "Mlle", "Dr", "Drs", "Prof", "Profs", "Gov", "Govs",
    "Sen", "Sens", "Rep", "Reps", "Gen", "Lt", "Col", "Sgt", "Capt", "Cmdr", "Adm", "Maj",
    "Cpl", "Pvt", "Rev", "Hon", "Pres", "Supt", "Atty", "Det", "Insp", "Mt", "Ft", "Fr",
    "Msgr", "Amb", "Sec", "Secs", "Lieut", "Brig", "Sra", "Srta",
  ]
  /// Months: no boundary before a day number; otherwise only before a clear sentence start.
  static let months: Set<String> = [
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
  ]
  /// Abbreviations that take a number after them (`No. 5`, `p. 12`).
  static let beforeNumber: Set<String> = [
    "No", "Nos", "no", "nos", "Vol", "vol", "Vols", "vols", "Fig", "fig", "Figs", "figs", "p",
    "pp", "Art", "art", "Ch", "ch", "Ex", "Op", "op", "Para", "para", "Pt", "pt", "Sec", "sec",
    "Tel", "tel", "Ed", "ed", "Nr", "nr",
  ]
  /// Words that may end a sentence or sit inside one: a boundary only when a
  /// clear sentence start follows (`Inc. The`, `Jr. He`).
  static let ambiguous: Set<String> = [
    "Inc", "Co", "Cos", "Corp", "Ltd", "Jr", "Sr", "Bros", "Dept", "Univ", "Assn", "Ave",
    "Blvd", "Rd", "St", "Hwy", "Ln", "Pl", "Sq", "Esq", "Mfg", "Intl", "Natl", "Gov",
    "etc", "al", "Ph.D", "a.m", "p.m", "A.M", "P.M", "mo", "yr", "yrs", "hr", "hrs", "min",
    "est", "tbsp", "tsp", "oz", "lb", "lbs", "km", "co", "st", "Ala", "Ariz", "Ark", "Calif",
    "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans", "Ky", "La", "Md", "Mass",
    "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Penn", "Tenn",
    "Tex", "Va", "Vt", "Wash", "Wis", "Wyo", "Ont", "Que", "Sask", "Man", "Alta",
  ]
  /// Lower-case Latin and reference abbreviations that never end a sentence.
  static let neverFinal: Set<String> = [
    "e.g", "i.e", "eg", "ie", "vs", "v", "cf", "viz", "ca", "c", "esp", "incl", "approx",
    "resp", "var", "ref", "Ref", "cit", "ibid", "Ibid", "op", "lit", "orig",
  ]

  /// The lists above a period's word can be on.
  struct Lists: OptionSet, Sendable {
    let rawValue: UInt8
    static let title = Lists(rawValue: 1)
    static let month = Lists(rawValue: 2)
    static let beforeNumber = Lists(rawValue: 4)
    static let ambiguous = Lists(rawValue: 8)
    static let neverFinal = Lists(rawValue: 16)
    static let timeOfDay = Lists(rawValue: 32)
  }

  /// Each listed word's lists: one lookup for the word before a period,
  /// not one per list (a string hashed six times per sentence).
  static let lists: [String: Lists] = {
    var found: [String: Lists] = [:]
    let all: [(Set<String>, Lists)] = [
      (titles, .title), (months, .month), (beforeNumber, .beforeNumber), (ambiguous, .ambiguous),
      (neverFinal, .neverFinal), (timesOfDay, .timeOfDay),
    ]
    for (words, list) in all {
      for word in words { found[word, default: []].insert(list) }
    }
    return found
  }()

  /// The length of the longest never-final word: a longer one is not on the list in any case.
  static let longestNeverFinal = neverFinal.map(\.utf8.count).max()!

  /// The lists the word of `bytes` is on (``lists`` by the word's bytes:
  /// no string made and hashed at every period). With `lowercased`, the
  /// word's ASCII capitals are taken as small letters.
  static func lists(of bytes: UnsafeBufferPointer<UInt8>, lowercased: Bool = false) -> Lists {
    guard bytes.count <= ListTable.longest else { return [] }
    let key =
      lowercased ? ListTable.key(bytes.lazy.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }) : ListTable.key(bytes)
    return listTable.lists(key)
  }

  private static let listTable = ListTable(lists)

  /// ``lists`` keyed by each word's bytes in a word (every listed word is
  /// eight bytes or shorter), open addressing in a table four times the
  /// words' number.
  struct ListTable: Sendable {
    static let longest = 8
    private let keys: [UInt64]
    private let values: [Lists]
    private let shift: UInt64

    init(_ lists: [String: Lists]) {
      precondition(lists.keys.allSatisfy { !$0.isEmpty && $0.utf8.count <= Self.longest })
      var bits = 2
      while 1 << bits < 4 * lists.count { bits += 1 }
      shift = UInt64(64 - bits)
      var keys = [UInt64](repeating: 0, count: 1 << bits)
      var values = [Lists](repeating: [], count: 1 << bits)
      for (word, list) in lists {
        let key = Self.key(word.utf8)
        var slot = Self.slot(key, shift)
        while keys[slot] != 0 { slot = (slot + 1) & (keys.count - 1) }
        keys[slot] = key
        values[slot] = list
      }
      self.keys = keys
      self.values = values
    }

    /// A word of at most eight bytes, its first byte lowest.
    @inline(__always)
    static func key(_ bytes: some Sequence<UInt8>) -> UInt64 {
      var key: UInt64 = 0
      for (k, byte) in bytes.enumerated() { key |= UInt64(byte) << UInt64(8 * k) }
      return key
    }

    private static func slot(_ key: UInt64, _ shift: UInt64) -> Int { Int((key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    func lists(_ key: UInt64) -> Lists {
      var slot = Self.slot(key, shift)
      while keys[slot] != 0 {
        if keys[slot] == key { return values[slot] }
        slot = (slot + 1) & (keys.count - 1)
      }
      return []
    }
  }

  /// Capitalised words that often follow a time of day inside a sentence.
  static let afterTime: Set<String> = [
    "Eastern", "Pacific", "Central", "Mountain", "ET", "EST", "EDT", "PT", "PST", "PDT", "CT",
    "CST", "CDT", "MT", "GMT", "UTC", "BST", "CET", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday", "Local", "Moscow", "Kabul", "Washington", "London",
  ]
  /// Times of day, which end a sentence before any capitalised word but a zone or day.
  static let timesOfDay: Set<String> = ["a.m", "p.m", "A.M", "P.M"]

  /// Prepositions that open an introductory phrase ("At 5 a.m. Mr. Smith …").
  static let introductoryPrepositions: Set<String> = [
    "At", "In", "On", "By", "From", "Until", "Since", "Before", "After", "Around", "Near", "Outside",
  ]

  /// Capitalised words that start sentences far more often than they
  /// continue a name; after an ambiguous abbreviation they mean a boundary.
  static let sentenceStarters: Set<String> = [
    "A", "An", "The", "He", "She", "It", "They", "We", "I", "You", "This", "That", "These",
    "Those", "There", "Here", "His", "Her", "Its", "Their", "Our", "My", "Your", "But", "And",
    "Or", "So", "Yet", "However", "In", "On", "At", "For", "From", "With", "After", "Before",
    "When", "While", "If", "As", "Although", "Though", "Because", "Since", "Then", "Now",
    "Meanwhile", "Still", "Also", "What", "Why", "How", "Who", "Where", "Which", "Some", "Many",
    "Most", "All", "No", "Not", "One", "Both", "Each", "Such", "Last", "Next", "Yesterday",
    "Today", "Tomorrow", "According", "Officials", "Critics", "Mr", "Mrs", "Ms", "Dr", "Prof",
    "Is", "Are", "Was", "Were", "Do", "Does", "Did", "Can", "Could", "Will", "Would", "Should",
    "Let", "Please", "Thus", "Instead", "Indeed", "Even", "Only", "Until", "During", "Despite",
    "Under", "Over", "Among", "Every", "Another", "Other", "Few", "More", "Several", "Nor",
    "Once", "Later", "Earlier", "Afterward", "Finally", "First", "Second", "Third", "Its",
  ]

  /// Small words that stay lower case inside title-case headlines.
  static let titleCaseMinor: Set<String> = [
    "a", "an", "the", "of", "in", "on", "to", "for", "and", "or", "but", "at", "by", "with",
    "from", "as", "vs", "nor", "per", "via", "into", "over", "is",
  ]
}
