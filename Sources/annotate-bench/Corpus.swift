import AnnotateCore

/// News-like English text with the phenomena the segmenter handles:
/// headlines, bylines, titles, abbreviations, numbers, quotes, ellipses.
struct NewsGenerator {
  var random: SplitMix64

  init(seed: UInt64) { random = SplitMix64(state: seed) }

  static let words = [
    "the", "government", "talks", "peace", "officials", "said", "on", "Monday", "that", "a", "deal",
    "was", "close", "but", "critics", "warned", "of", "delays", "in", "region", "troops", "would",
    "leave", "after", "elections", "while", "the", "opposition", "rejected", "plan", "as", "unfair",
    "and", "analysts", "expect", "further", "negotiations", "with", "envoy", "Khalilzad", "Taliban",
    "Kabul", "Qatar", "Washington", "ministry", "statement", "economy", "percent", "growth", "market",
    "café", "naïve", "résumé", "coöperation", "über", "Zürich", "São", "Paulo", "“transitional”",
  ]
  static let openers = [
    "Mr. Smith", "Dr. Jones", "Sen. Warren", "The U.S. Army", "Apple Inc.", "Gov. Newsom", "J. R. Smith",
  ]
  static let endings = [".", ".", ".", ".", "?", "!", "...", ".”", "”."]

  mutating func sentence() -> String {
    var parts: [String] = []
    if random.below(4) == 0 { parts.append(random.pick(Self.openers)) }
    let length = 8 + random.below(20)
    for i in 0..<length {
      var word = random.pick(Self.words)
      if i == 0 && parts.isEmpty { word = word.prefix(1).uppercased() + word.dropFirst() }
      parts.append(word)
      switch random.below(40) {
      case 0: parts.append("\(random.below(100)).\(random.below(10)) percent")
      case 1: parts.append("at 5 p.m.")
      case 2: parts.append("on Jan. \(1 + random.below(28))")
      case 3: parts.append("e.g. \(random.pick(Self.words))")
      case 4: parts.append("(see No. \(random.below(9) + 1))")
      case 5: parts.append("$\(random.below(900)).\(random.below(90)) million")
      default: break
      }
    }
    let ending = random.pick(Self.endings)
    if ending.hasPrefix(".”") || ending == "”." { parts[0] = "“" + parts[0] }
    return parts.joined(separator: " ") + ending
  }

  mutating func article() -> String {
    var text =
      "Talks \(random.pick(["Collapse", "Resume", "Stall"])) in \(random.pick(["Qatar", "Kabul", "Geneva"]))\n\n"
    text += "By \(random.pick(["Andrew Korybko", "Jane Doe", "Li Wei"]))\n\n"
    for _ in 0..<(3 + random.below(6)) {
      var paragraph: [String] = []
      for _ in 0..<(2 + random.below(6)) { paragraph.append(sentence()) }
      text += paragraph.joined(separator: " ") + "\n\n"
    }
    return text + "Source: \(random.pick(["Oriental Review", "Reuters", "AP"]))\n"
  }

  /// Articles until the text is at least `bytes` long.
  mutating func text(bytes: Int) -> String {
    var text = ""
    text.reserveCapacity(bytes + 8192)
    while text.utf8.count < bytes { text += article() + "\n" }
    return text
  }
}
