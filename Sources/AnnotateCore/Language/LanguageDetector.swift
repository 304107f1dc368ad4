/// Tells a document's language from its first few kilobytes: the script
/// its letters are in, then — where several languages share the script —
/// which language's most frequent words it uses, with letters only one of
/// them has (`ß`, `ł`, `ї`, `ے`) as extra evidence. Small and fast: no
/// model, one pass over at most `sampleBytes`.
public enum LanguageDetector {
  /// Bumped whenever a change may detect another language for some text:
  /// the unit cache (``UnitCache``) keeps detections made by this version only.
  static let version = 1

  /// What the detector found.
  public struct Detection: Sendable, Equatable {
    public var language: Language
    /// False when the evidence was thin (few words, or a script annotate
    /// has no rules for): the language is a default, not a finding.
    public var confident: Bool
  }

  static let sampleBytes = 16 * 1024
  /// Words read at most: some 800 bytes of prose, where the frequent words
  /// of a language already outnumber its neighbours' many times over, so
  /// that detecting a news article costs a few percent of segmenting it.
  static let maxWords = 128

  enum Script: Int, CaseIterable {
    case latin, greek, cyrillic, armenian, hebrew, arabic, devanagari, thai, georgian, hangul, ethiopic
    case myanmar, khmer, kana, han
  }

  /// The language of UTF-8 text.
  public static func detect(_ text: UTF8Text) -> Detection {
    text.bytes.withUnsafeBufferPointer { detect(bytes: $0) }
  }

  static func detect(bytes: UnsafeBufferPointer<UInt8>) -> Detection {
    var end = min(bytes.count, sampleBytes)
    while end < bytes.count && end > 0 && bytes[end] & 0xC0 == 0x80 { end -= 1 }
    var scripts = [Int](repeating: 0, count: Script.allCases.count)
    var scores = [Int](repeating: 0, count: LanguageProfile.all.count)
    let words = FunctionWords.shared
    let evidence = letterEvidence
    let table = scriptTable
    return scripts.withUnsafeMutableBufferPointer { scripts in
      scores.withUnsafeMutableBufferPointer { scores in
        var hash = offsetBasis
        var wordLength = 0
        var wordCount = 0
        // Latin letters of the word being read, counted here and added at its end.
        var asciiLetters = 0
        var i = 0
        /// Ends the word being read; true when the evidence is already clear.
        @inline(__always) func endWord() -> Bool {
          scripts[Script.latin.rawValue] += asciiLetters
          asciiLetters = 0
          if wordLength <= 12 {
            var m = words.languages(of: hash)
            while m != 0 {
              scores[m.trailingZeroBitCount] += 1
              m &= m - 1
            }
          }
          wordCount += 1
          // Clear evidence is looked for every eighth word, or after a long
          // run of letters (scripts written without spaces).
          let long = wordLength >= 12
          hash = offsetBasis
          wordLength = 0
          return wordCount >= maxWords
            || ((wordCount & 7 == 0 || long)
              && decided(scripts: UnsafeBufferPointer(scripts), scores: UnsafeBufferPointer(scores)))
        }
        while i < end {
          let c = bytes[i]
          if c < 0x80 {
            // ASCII: letters go into the word lower-cased; anything else ends it.
            i += 1
            let lower = c | 0x20
            if lower >= 0x61 && lower <= 0x7A {
              asciiLetters += 1
              hash = (hash ^ UInt64(lower)) &* prime
              wordLength += 1
            } else if wordLength > 0 && endWord() {
              break
            }
            continue
          }
          var value: UInt32
          if c < 0xE0, i + 1 < end {
            value = UInt32(c & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
            i += 2
          } else if c < 0xF0, i + 2 < end {
            value = UInt32(c & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
            i += 3
          } else if i + 3 < end {
            value = UInt32(c & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
            value |= UInt32(bytes[i + 3] & 0x3F)
            i += 4
          } else {
            break
          }
          if let script = value < UInt32(table.count) ? Script(rawValue: Int(table[Int(value)])) : script(of: value) {
            scripts[script.rawValue] += 1
            if value < UInt32(evidence.count) {
              let e = evidence[Int(value)]
              if e != 0 { scores[Int(e >> 4)] += Int(e & 0xF) }
            }
            // Words hash lower-cased (Latin-1, Greek and Cyrillic capitals).
            var lower = value
            switch value {
            case 0xC0...0xD6, 0xD8...0xDE: lower = value + 0x20
            case 0x410...0x42F: lower = value + 0x20
            case 0x400...0x40F: lower = value + 0x50
            case 0x391...0x3A9: lower = value + 0x20
            default: break
            }
            hash = (hash ^ UInt64(lower)) &* prime
            wordLength += 1
          } else if isMark(value) || value == 0x200C || value == 0x200D {
            // Marks and joiners stay inside their word.
            hash = (hash ^ UInt64(value)) &* prime
          } else if wordLength > 0 && endWord() {
            break
          }
        }
        if wordLength > 0 { _ = endWord() }
        scripts[Script.latin.rawValue] += asciiLetters
        return decide(scripts: Array(scripts), scores: Array(scores))
      }
    }
  }

  static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
  static let prime: UInt64 = 0x100_0000_01b3

  /// Whether the evidence so far is already clear: a script only one
  /// language writes in, or a language far ahead of the others of its script.
  static func decided(scripts: UnsafeBufferPointer<Int>, scores: UnsafeBufferPointer<Int>) -> Bool {
    guard let top = scripts.indices.max(by: { scripts[$0] < scripts[$1] }), scripts[top] >= 100 else { return false }
    let indices = candidateIndices[top]
    if indices.isEmpty { return true }
    var first = 0
    var second = 0
    for n in indices {
      if scores[n] > first {
        second = first
        first = scores[n]
      } else if scores[n] > second {
        second = scores[n]
      }
    }
    return first >= 10 && first >= 2 * second
  }

  /// Indices into `LanguageProfile.all` of each script's candidates.
  static let candidateIndices: [[Int]] = Script.allCases.map { candidates(of: $0).map { index[$0]! } }

  /// Each profile's language, by index into `LanguageProfile.all`.
  static let profileLanguages: [Language] = LanguageProfile.all.map { Language($0.code)! }

  /// The language a script's text is taken for when the evidence is thin, by script.
  static let fallbackLanguages: [Int: Language] = [
    Script.latin.rawValue: .english, Script.cyrillic.rawValue: Language("ru")!,
    Script.arabic.rawValue: Language("ar")!, Script.devanagari.rawValue: Language("hi")!,
  ]

  static func candidates(of script: Script) -> [String] {
    switch script {
    case .latin: return ["en", "de", "fr", "es", "it", "pt", "nl", "da", "sv", "no", "pl", "cs", "sk", "tr"]
    case .cyrillic: return ["ru", "uk", "bg", "kk"]
    case .arabic: return ["ar", "fa", "ur"]
    case .devanagari: return ["hi", "mr"]
    default: return []
    }
  }

  static func decide(scripts: [Int], scores: [Int]) -> Detection {
    guard let top = scripts.indices.max(by: { scripts[$0] < scripts[$1] }), scripts[top] > 0 else {
      return Detection(language: .english, confident: false)
    }
    func single(_ code: String) -> Detection { Detection(language: Language(code)!, confident: true) }
    switch Script(rawValue: top)! {
    case .latin, .cyrillic, .arabic, .devanagari:
      // The candidate with the most evidence (the first listed on a tie),
      // confident when no other has as much.
      var (first, second) = (-1, -1)
      for n in candidateIndices[top] {
        if first < 0 || scores[n] > scores[first] {
          (first, second) = (n, first)
        } else if second < 0 || scores[n] > scores[second] {
          second = n
        }
      }
      guard first >= 0, scores[first] >= 3 else {
        return Detection(language: fallbackLanguages[top]!, confident: false)
      }
      return Detection(language: profileLanguages[first], confident: second < 0 || scores[first] > scores[second])
    case .greek: return single("el")
    case .armenian: return single("hy")
    case .georgian: return single("ka")
    case .ethiopic: return single("am")
    case .myanmar: return single("my")
    case .hangul: return single("ko")
    case .kana, .han:
      let kana = scripts[Script.kana.rawValue]
      return single(kana * 10 >= kana + scripts[Script.han.rawValue] ? "ja" : "zh")
    case .hebrew, .thai, .khmer: return Detection(language: .undetermined, confident: false)
    }
  }

  /// `script(of:)` for the code points of the Basic Multilingual Plane, by
  /// table: `UInt8.max` for none.
  static let scriptTable: [UInt8] = (0..<UInt32(0x10000)).map { script(of: $0).map { UInt8($0.rawValue) } ?? .max }

  static func script(of v: UInt32) -> Script? {
    switch v {
    case 0x41...0x5A, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F, 0x1E00...0x1EFF: return .latin
    case 0x370...0x3FF, 0x1F00...0x1FFF: return v == 0x37E || v == 0x387 ? nil : .greek
    case 0x400...0x4FF: return .cyrillic
    case 0x531...0x556, 0x561...0x587: return .armenian
    case 0x5D0...0x5EA: return .hebrew
    case 0x620...0x64A, 0x66E...0x6D3, 0x6D5, 0x750...0x77F, 0xFB50...0xFDFF, 0xFE70...0xFEFF: return .arabic
    case 0x904...0x939, 0x93D, 0x950, 0x958...0x961, 0x972...0x97F: return .devanagari
    case 0xE01...0xE30, 0xE32...0xE33, 0xE40...0xE46: return .thai
    case 0x10A0...0x10FF, 0x1C90...0x1CBF: return .georgian
    case 0x1100...0x11FF, 0x3131...0x318E, 0xAC00...0xD7A3: return .hangul
    case 0x1200...0x135A, 0x1380...0x138F: return .ethiopic
    case 0x1000...0x102A, 0x103F, 0x1050...0x1055: return .myanmar
    case 0x1780...0x17B3: return .khmer
    case 0x3041...0x3096, 0x30A1...0x30FA, 0x30FC: return .kana
    case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: return .han
    default: return nil
    }
  }

  /// Combining marks and the vowel signs of Indic, Arabic and Southeast Asian scripts.
  static func isMark(_ v: UInt32) -> Bool {
    switch v {
    case 0x300...0x36F, 0x483...0x489, 0x591...0x5C7, 0x610...0x61A, 0x64B...0x65F, 0x670, 0x6D6...0x6ED,
      0x900...0x903, 0x93A...0x94F, 0x951...0x957, 0x962...0x963, 0xE31, 0xE34...0xE3A, 0xE47...0xE4E,
      0x102B...0x103E, 0x1056...0x1099, 0x135D...0x135F, 0x17B4...0x17D3:
      return true
    default: return false
    }
  }

  static let index: [String: Int] = Dictionary(
    uniqueKeysWithValues: LanguageProfile.all.enumerated().map { ($0.element.code, $0.offset) })

  /// The most frequent words of every language, by the hash of their
  /// lower-case scalars: an open-addressed table, looked up without hashing again.
  struct FunctionWords: Sendable {
    var keys: [UInt64]
    var masks: [UInt64]
    let slotMask: Int

    static let shared: FunctionWords = {
      var table = FunctionWords(
        keys: .init(repeating: 0, count: 4096), masks: .init(repeating: 0, count: 4096), slotMask: 4095)
      for (n, profile) in LanguageProfile.all.enumerated() {
        for word in profile.functionWords {
          var hash = offsetBasis
          for scalar in word.lowercased().unicodeScalars { hash = (hash ^ UInt64(scalar.value)) &* prime }
          var slot = Int(truncatingIfNeeded: hash >> 20) & table.slotMask
          while table.keys[slot] != 0 && table.keys[slot] != hash { slot = (slot + 1) & table.slotMask }
          table.keys[slot] = hash
          table.masks[slot] |= 1 << UInt64(n)
        }
      }
      return table
    }()

    /// The languages (bits by index) listing the word, or 0.
    @inline(__always) func languages(of hash: UInt64) -> UInt64 {
      var slot = Int(truncatingIfNeeded: hash >> 20) & slotMask
      while true {
        let key = keys[slot]
        if key == hash { return masks[slot] }
        if key == 0 { return 0 }
        slot = (slot + 1) & slotMask
      }
    }
  }

  /// Letters only one language of a script uses (or uses far more than its
  /// neighbours), by code point below U+0700: language index << 4 | weight.
  private static let letterEvidence: [UInt16] = {
    var table = [UInt16](repeating: 0, count: 0x700)
    func add(_ code: String, _ letters: String, weight: UInt16 = 1) {
      guard let n = index[code] else { return }
      for scalar in letters.unicodeScalars where scalar.value < 0x700 {
        table[Int(scalar.value)] = UInt16(n) << 4 | weight
      }
    }
    add("de", "ßẞ", weight: 2)
    add("pl", "łŁąĄęĘżŻźŹśŚćĆńŃ", weight: 2)
    add("cs", "řŘůŮěĚ", weight: 2)
    add("sk", "ľĽĺĹŕŔ", weight: 2)
    add("tr", "ğĞşŞıİ", weight: 2)
    add("es", "ñÑ¿¡", weight: 2)
    add("pt", "ãÃõÕ", weight: 2)
    add("uk", "іІїЇєЄґҐ", weight: 2)
    add("kk", "әӘғҒқҚңҢөӨұҰүҮһҺ", weight: 2)
    add("ru", "ыЫэЭёЁ", weight: 1)
    add("ur", "ےںٹڈڑہۓ", weight: 2)
    add("fa", "پژ", weight: 1)
    add("ar", "ةىإأ", weight: 1)
    return table
  }()
}
