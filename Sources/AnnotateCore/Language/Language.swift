/// The language a document is segmented as: an ISO 639-1 code of a
/// language annotate has rules for (`LanguageProfile.all`), or `und`
/// (undetermined: the rules every language shares, no word lists).
public struct Language: Hashable, Sendable, CustomStringConvertible, Comparable {
  public let code: String

  private init(uncheckedCode code: String) { self.code = code }

  /// A supported language by its code or English name, in any case (`de`, `German`).
  public init?(_ name: String) {
    let key = name.lowercased()
    if key == "und" {
      self = .undetermined
      return
    }
    guard
      let profile = LanguageProfile.byCode[key]
        ?? LanguageProfile.all.first(where: { $0.name.lowercased() == key })
    else {
      return nil
    }
    self.code = profile.code
  }

  public static let english = Language(uncheckedCode: "en")
  public static let undetermined = Language(uncheckedCode: "und")

  /// Every language with rules, in the order of `LanguageProfile.all`.
  public static let supported: [Language] = LanguageProfile.all.map { Language(uncheckedCode: $0.code) }

  /// The English name (`German`), or `undetermined`.
  public var name: String { LanguageProfile.byCode[code]?.name ?? "undetermined" }

  public var description: String { code }

  public static func < (a: Language, b: Language) -> Bool { a.code < b.code }
}

/// Where a document's language came from, strongest first.
public enum LanguageSource: String, Sendable, Equatable {
  /// `--lang` for this run.
  case option
  /// The corpus's languages file (`lang CODE` writes it), for the document or a folder of it.
  case config
  /// Detected from the text.
  case detected
}

extension LanguageProfile {
  static let byCode: [String: LanguageProfile] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })
}
