import AnnotateCore

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// Re-anchoring after realistic edits: real-looking articles with many
/// short, repeated spans ("the", "said", names) and longer ones, edited the
/// way editors and re-scrapes edit them. The edit is known exactly (pieces
/// of the old text and inserted text), so each span's right place is
/// computed, not judged. annotate's re-anchoring and Hypothesis' published
/// formula (exact or approximate quote matches scored 50·quote + 20·prefix +
/// 20·suffix + 2·position, the text at the old offsets taken first) run on
/// the same edits.
func reanchorBenchmark(_ options: Options) -> [Row] {
  var random = SplitMix64(state: options.seed)
  var articles = (0..<3).map { k in
    var writer = ArticleWriter(seed: options.seed &+ UInt64(k))
    return writer.article()
  }
  if let seed = try? String(contentsOfSeed: "seeds/000_9c83e067df388347.txt") {
    // The seed article as it might first have been scraped: straight quotes.
    articles.append(seed.replacingTypographicQuotes())
  }
  var totals: [String: EditScore] = [:]
  var perEdit: [(String, EditScore, EditScore)] = []
  var ourTime = 0.0
  var referenceTime = 0.0
  for (a, article) in articles.enumerated() {
    let old = Array(article.unicodeScalars)
    let oldText = try! UTF8Text(validating: Array(article.utf8))
    let spans = SpanPicker.spans(in: old, count: 120, random: &random)
    let set = AnnotationSet(
      annotations: spans.enumerated().map { i, range in
        Annotation(id: i + 1, range: range, created: "", modified: "", quote: Quote(of: range, in: oldText))
      })
    for edit in EditKind.allCases {
      let pieces = edit.pieces(old, random: &random)
      let edited = Edited(old: old, pieces: pieces)
      let newText = try! UTF8Text(validating: Array(String(String.UnicodeScalarView(edited.new)).utf8))
      var start = now()
      let (placed, _) = Anchoring.reanchor(set, in: newText)
      ourTime += now() - start
      start = now()
      let reference = HypothesisAnchoring(text: edited.new)
      let referencePlaced = set.annotations.map { reference.anchor($0) }
      referenceTime += now() - start
      var ours = EditScore()
      var theirs = EditScore()
      for (i, a) in set.annotations.enumerated() {
        let truth = edited.truth(of: a.range)
        let p = placed.annotation(a.id)!
        let wrongBefore = ours.wrong
        let lostBefore = ours.lost
        ours.add(truth, placed: p.orphaned ? nil : p.range)
        theirs.add(truth, placed: referencePlaced[i])
        if ours.lost > lostBefore, getenv("ANNOTATE_BENCH_VERBOSE") != nil {
          print(
            "  lost: \(edit.rawValue) #\(a.id) “\(a.quote.exact)” «\(a.quote.prefix)»[…]«\(a.quote.suffix)» truth \(truth)"
          )
        }
        if ours.wrong > wrongBefore, getenv("ANNOTATE_BENCH_VERBOSE") != nil {
          let placedText =
            p.orphaned ? "orphan" : String(String.UnicodeScalarView(edited.new[p.range.start..<p.range.end]))
          print(
            "  wrong: \(edit.rawValue) #\(a.id) “\(a.quote.exact)” \(a.range) → \(p.range) “\(placedText)”; truth \(truth)"
          )
          if !p.orphaned {
            let before = String(String.UnicodeScalarView(edited.new[max(0, p.range.start - 40)..<p.range.start]))
            let after = String(
              String.UnicodeScalarView(edited.new[p.range.end..<min(edited.new.count, p.range.end + 40)]))
            print("    stored: «\(a.quote.prefix)»[…]«\(a.quote.suffix)»\n    placed: «\(before)»[…]«\(after)»")
          }
        }
      }
      perEdit.append(("\(a + 1) \(edit.rawValue)", ours, theirs))
      totals[edit.rawValue, default: EditScore()].merge(ours)
      totals["hypothesis " + edit.rawValue, default: EditScore()].merge(theirs)
    }
  }
  print("re-anchoring after edits (\(articles.count) articles × \(EditKind.allCases.count) edits, 120 spans each)")
  print(
    "| article · edit | annotate: wrong | right | changed | orphaned (cut / lost) | Hypothesis: wrong | right | orphaned |"
  )
  print("|---|---|---|---|---|---|---|---|")
  for (name, ours, theirs) in perEdit {
    print(
      "| \(name) | \(ours.wrong) | \(ours.right)/\(ours.survivors) | \(ours.changedRight)/\(ours.edited) | \(ours.orphanedCut + ours.orphanedEdited) / \(ours.lost) | \(theirs.wrong) | \(theirs.right)/\(theirs.survivors) | \(theirs.orphanedCut + theirs.orphanedEdited + theirs.lost) |"
    )
  }
  var ours = EditScore()
  var theirs = EditScore()
  for edit in EditKind.allCases {
    ours.merge(totals[edit.rawValue]!)
    theirs.merge(totals["hypothesis " + edit.rawValue]!)
  }
  print(
    "\nall: annotate \(ours.wrong) wrong of \(ours.placements), \(ours.right)/\(ours.survivors) survivors right (\(percent(ours.right, ours.survivors))), \(ours.changedRight)/\(ours.edited) edited spans on their edited words (\(ours.orphanedEdited) orphaned), \(ours.orphanedCut)/\(ours.cut) cut spans orphaned; Hypothesis \(theirs.wrong) wrong, \(theirs.right)/\(theirs.survivors) right (\(percent(theirs.right, theirs.survivors)))\n"
  )
  return [
    Row(
      benchmark: "re-anchoring: spans on wrong words", size: "\(ours.placements) placements",
      annotate: "\(ours.wrong)", reference: "Hypothesis formula", referenceFigure: "\(theirs.wrong)",
      ratio: "—", target: "0 \(ours.wrong == 0 ? "✔" : "✘")", peak: "—"),
    Row(
      benchmark: "re-anchoring: surviving spans placed exactly right", size: "\(ours.survivors) spans",
      annotate: percent(ours.right, ours.survivors), reference: "Hypothesis formula",
      referenceFigure: percent(theirs.right, theirs.survivors), ratio: "—",
      target: "≥ 99% \(ours.right * 100 >= ours.survivors * 99 ? "✔" : "✘")", peak: "—"),
    Row(
      benchmark: "re-anchoring: cut spans orphaned", size: "\(ours.cut) spans",
      annotate: "\(ours.orphanedCut)", reference: "Hypothesis formula", referenceFigure: "\(theirs.orphanedCut)",
      ratio: "—", target: "all \(ours.orphanedCut == ours.cut ? "✔" : "✘")", peak: "—"),
    Row(
      benchmark: "re-anchoring time, all edits", size: "\(ours.placements) placements",
      annotate: String(format3(ourTime)) + " s", reference: "Hypothesis formula",
      referenceFigure: String(format3(referenceTime)) + " s", ratio: "—", target: "—", peak: "—"),
  ]
}

func percent(_ a: Int, _ b: Int) -> String {
  b == 0 ? "—" : "\(Double(Int(Double(a) / Double(b) * 1000)) / 10)%"
}

func format3(_ x: Double) -> String { "\(Double(Int(x * 1000)) / 1000)" }

extension String {
  init(contentsOfSeed path: String) throws {
    guard let file = fopen(path, "rb") else { throw UsageError("no \(path)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = fread(&chunk, 1, chunk.count, file)
      if n <= 0 { break }
      bytes += chunk[0..<n]
    }
    self = String(decoding: bytes, as: UTF8.self)
  }

  /// Curly quotes and apostrophes made straight.
  func replacingTypographicQuotes() -> String {
    String(
      String.UnicodeScalarView(
        unicodeScalars.map { s -> Unicode.Scalar in
          switch s {
          case "‘", "’": return "'"
          case "“", "”": return "\""
          default: return s
          }
        }))
  }
}

// MARK: Articles and spans

/// News articles in plain English with straight quotes, names that recur,
/// quoted speech and attributions: what coders code.
struct ArticleWriter {
  var random: SplitMix64
  init(seed: UInt64) { random = SplitMix64(state: seed &* 7919) }

  static let people = [
    "Zalmay Khalilzad", "Ashraf Ghani", "Imran Khan", "Mike Pompeo", "Abdullah Abdullah", "Zabihullah Mujahid",
    "Fawzia Koofi", "Hamdullah Mohib", "Suhail Shaheen", "Amrullah Saleh",
  ]
  static let groups = ["the Taliban", "the US", "Pakistan", "the Afghan government", "Washington", "the group"]
  static let places = ["Kabul", "Doha", "Islamabad", "Qatar", "Moscow", "Helmand"]
  static let verbs = [
    "said", "told reporters", "said in a statement", "wrote on Twitter", "told the BBC", "said on Monday",
    "told Reuters", "said late on Sunday",
  ]
  static let subjects = [
    "the talks", "the ceasefire", "the withdrawal", "the prisoner exchange", "the new road", "the election",
    "the aid package", "the agreement", "the curfew", "the school", "the border crossing", "the dam project",
  ]
  static let predicates = [
    "would resume", "had been delayed", "could collapse", "was signed", "had held", "would cost millions",
    "was postponed again", "had not been agreed", "was a step towards peace", "would reopen",
    "had angered farmers", "was never discussed",
  ]
  static let times = [
    "next week", "by May", "on Tuesday", "after the holidays", "within days", "this spring",
    "before the vote", "in two months", "last year", "since March", "for three days", "until further notice",
  ]
  static let openings = [
    "Officials in", "Diplomats in", "Residents of", "Reporters in", "Analysts in", "Traders in", "Elders in",
  ]

  /// A claim: one of 12 × 12 × 12 (people seldom say the same thing twice in an article).
  mutating func claim() -> String { "\(pick(Self.subjects)) \(pick(Self.predicates)) \(pick(Self.times))" }

  mutating func pick(_ list: [String]) -> String { random.pick(list) }

  mutating func sentence() -> String {
    switch random.below(6) {
    case 0:
      return "\"\(claim().capitalizedFirst),\" \(pick(Self.people)) \(pick(Self.verbs))."
    case 1:
      return "\(pick(Self.people)) \(pick(Self.verbs)) that \(claim()), according to \(pick(Self.groups))."
    case 2:
      return "\(pick(Self.openings)) \(pick(Self.places)) said \(claim()), but \(pick(Self.groups)) disagreed."
    case 3:
      return "It's not clear whether \(claim()), \(pick(Self.groups)) said."
    case 4:
      return
        "\(pick(Self.groups).capitalizedFirst) and \(pick(Self.groups)) met in \(pick(Self.places)) on Monday, where \(pick(Self.people)) said \(claim())."
    default:
      return "\"We will not accept this,\" \(pick(Self.people)) said, adding that \(claim())."
    }
  }

  mutating func article() -> String {
    var text = "\(pick(Self.groups).capitalizedFirst) Says Talks in \(pick(Self.places)) Will Resume\n\n"
    text += "By \(pick(["Jane Doe", "Li Wei", "Andrew Korybko"]))\n\n"
    for _ in 0..<14 {
      text += (0..<(2 + random.below(3))).map { _ in sentence() }.joined(separator: " ") + "\n\n"
    }
    return text + "Source: Reuters\n"
  }
}

extension String {
  var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

/// Spans as coders make them: many short and repeated (a name, "said",
/// "the"), phrases, whole sentences.
enum SpanPicker {
  static let short = ["the", "said", "Taliban", "US", "talks", "Kabul", "group", "Khalilzad", "peace", "government"]

  static func spans(in text: [Unicode.Scalar], count: Int, random: inout SplitMix64) -> [TextRange] {
    let words = wordRanges(text)
    var result = Set<TextRange>()
    let string = String(String.UnicodeScalarView(text))
    let units = Segmenter.units(of: try! UTF8Text(validating: Array(string.utf8)), kind: .sentence)
    var attempts = 0
    while result.count < count && attempts < count * 50 {
      attempts += 1
      switch random.below(10) {
      case 0...4:
        // A short, repeated word.
        let wanted = random.pick(short)
        let hits = words.filter { String(String.UnicodeScalarView(text[$0.start..<$0.end])) == wanted }
        if let hit = hits.isEmpty ? nil : random.pick(hits) { result.insert(hit) }
      case 5...7:
        // A phrase of 2-6 words.
        let first = random.below(words.count)
        let last = min(words.count - 1, first + 1 + random.below(5))
        result.insert(TextRange(start: words[first].start, end: words[last].end))
      default:
        // A whole sentence.
        result.insert(random.pick(units))
      }
    }
    return result.sorted()
  }

  static func wordRanges(_ text: [Unicode.Scalar]) -> [TextRange] {
    var ranges: [TextRange] = []
    var start: Int?
    for (i, s) in text.enumerated() {
      let isWord = s.properties.isAlphabetic || s.properties.numericType != nil
      if isWord && start == nil { start = i }
      if !isWord, let from = start {
        ranges.append(TextRange(start: from, end: i))
        start = nil
      }
    }
    if let from = start { ranges.append(TextRange(start: from, end: text.count)) }
    return ranges
  }
}

// MARK: Edits with known truth

/// A piece of the new text: a stretch of the old text copied, or new text.
enum Piece {
  case copy(Range<Int>)
  case insert([Unicode.Scalar])
}

/// The edits, as editors and re-scrapes make them.
enum EditKind: String, CaseIterable {
  case editorsNote = "editor's note at the top naming people in the text"
  case typoFixes = "typo fixes inside and near spans"
  case curlyQuotes = "straight → curly quotes"
  case paragraphDeleted = "a paragraph deleted"
  case paragraphDuplicated = "a paragraph duplicated"
  case crlf = "LF → CRLF"
  case boilerplate = "\"Advertisement\" lines between paragraphs"
  case rewrapped = "lines re-wrapped at 64 columns"
  case paragraphMoved = "a paragraph moved"
  case nameReplaced = "a name corrected where it also occurs elsewhere"

  func pieces(_ old: [Unicode.Scalar], random: inout SplitMix64) -> [Piece] {
    let n = old.count
    let paragraphs = Self.paragraphs(old)
    switch self {
    case .editorsNote:
      let note =
        "Editor's note: This story was updated to include comments from Zalmay Khalilzad, Ashraf Ghani and the Taliban. The US said talks in Kabul would resume, a group spokesman said.\n\n"
      return [.insert(Array(note.unicodeScalars)), .copy(0..<n)]
    case .typoFixes:
      // Two adjacent letters swapped in a dozen words of four or more letters.
      let words = SpanPicker.wordRanges(old).filter { $0.count >= 4 }
      var chosen = Set<Int>()
      while chosen.count < min(12, words.count) { chosen.insert(random.below(words.count)) }
      var pieces: [Piece] = []
      var at = 0
      for w in chosen.sorted().map({ words[$0] }) {
        let i = w.start + 1 + random.below(w.count - 2)
        pieces.append(.copy(at..<i))
        pieces.append(.insert([old[i + 1], old[i]]))
        at = i + 2
      }
      pieces.append(.copy(at..<n))
      return pieces
    case .curlyQuotes:
      var pieces: [Piece] = []
      var at = 0
      var open = true
      for (i, s) in old.enumerated() where s == "'" || s == "\"" {
        pieces.append(.copy(at..<i))
        if s == "'" {
          pieces.append(.insert(["’"]))
        } else {
          pieces.append(.insert([open ? "“" : "”"]))
          open.toggle()
        }
        at = i + 1
      }
      pieces.append(.copy(at..<n))
      return pieces
    case .paragraphDeleted:
      let p = paragraphs[paragraphs.count / 2]
      return [.copy(0..<p.lowerBound), .copy(p.upperBound..<n)]
    case .paragraphDuplicated:
      let p = paragraphs[paragraphs.count / 3]
      return [.copy(0..<p.upperBound), .copy(p), .copy(p.upperBound..<n)]
    case .crlf:
      return Self.replacing(old) { $0 == "\n" ? ["\r", "\n"] : nil }
    case .boilerplate:
      var pieces: [Piece] = []
      var at = 0
      for (k, p) in paragraphs.enumerated() where k > 0 && k % 3 == 0 {
        pieces.append(.copy(at..<p.lowerBound))
        pieces.append(.insert(Array("Advertisement\n\n".unicodeScalars)))
        at = p.lowerBound
      }
      pieces.append(.copy(at..<n))
      return pieces
    case .rewrapped:
      // Spaces become line breaks where a line would pass 64 columns.
      var column = 0
      var lastSpace: Int?
      var breaks = Set<Int>()
      for (i, s) in old.enumerated() {
        if s == "\n" {
          column = 0
          lastSpace = nil
          continue
        }
        if s == " " { lastSpace = i }
        column += 1
        if column > 64, let space = lastSpace {
          breaks.insert(space)
          column = i - space
          lastSpace = nil
        }
      }
      var i = -1
      return Self.replacing(old) { _ in
        i += 1
        return breaks.contains(i) ? ["\n"] : nil
      }
    case .paragraphMoved:
      let p = paragraphs[paragraphs.count / 3]
      let q = paragraphs[2 * paragraphs.count / 3]
      return [.copy(0..<p.lowerBound), .copy(p.upperBound..<q.upperBound), .copy(p), .copy(q.upperBound..<n)]
    case .nameReplaced:
      // One occurrence of a recurring word changed (h#2798: "Robin" → "Elisa").
      let words = SpanPicker.wordRanges(old)
      var counts: [String: [TextRange]] = [:]
      for w in words where w.count >= 5 {
        counts[String(String.UnicodeScalarView(old[w.start..<w.end])), default: []].append(w)
      }
      let repeated = counts.values.filter { $0.count >= 3 }.sorted { $0[0].start < $1[0].start }
      guard !repeated.isEmpty else { return [.copy(0..<n)] }
      let w = random.pick(random.pick(repeated))
      return [.copy(0..<w.start), .insert(Array("Ghani".unicodeScalars)), .copy(w.end..<n)]
    }
  }

  /// Paragraphs: stretches ending after a blank line (their "\n\n" included).
  static func paragraphs(_ text: [Unicode.Scalar]) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var start = 0
    var i = 0
    while i + 1 < text.count {
      if text[i] == "\n" && text[i + 1] == "\n" {
        result.append(start..<(i + 2))
        start = i + 2
        i += 2
        continue
      }
      i += 1
    }
    if start < text.count { result.append(start..<text.count) }
    return result
  }

  /// Each old character replaced by what `replace` gives (nil keeps it).
  static func replacing(_ old: [Unicode.Scalar], _ replace: (Unicode.Scalar) -> [Unicode.Scalar]?) -> [Piece] {
    var pieces: [Piece] = []
    var at = 0
    for (i, s) in old.enumerated() {
      if let new = replace(s) {
        pieces.append(.copy(at..<i))
        pieces.append(.insert(new))
        at = i + 1
      }
    }
    pieces.append(.copy(at..<old.count))
    return pieces
  }
}

/// Where a span belongs after an edit.
enum Truth {
  /// Its words survive: the right place (and other copies of it, equally its words).
  case survives(TextRange, copies: [TextRange])
  /// Its words were edited: on the edited words, or an orphan.
  case edited(TextRange)
  /// Its words were cut: an orphan.
  case cut
}

/// An edited text and how old positions map into it.
struct Edited {
  let old: [Unicode.Scalar]
  let new: [Unicode.Scalar]
  /// Copied pieces: old range and where it starts in the new text.
  let copies: [(old: Range<Int>, at: Int)]

  init(old: [Unicode.Scalar], pieces: [Piece]) {
    self.old = old
    var new: [Unicode.Scalar] = []
    var copies: [(old: Range<Int>, at: Int)] = []
    for piece in pieces {
      switch piece {
      case .copy(let range):
        // A copy that goes on where the last one stopped, in both texts, is one stretch.
        if let last = copies.last, last.old.upperBound == range.lowerBound, last.at + last.old.count == new.count {
          copies[copies.count - 1].old = last.old.lowerBound..<range.upperBound
        } else if !range.isEmpty {
          copies.append((range, new.count))
        }
        new += old[range]
      case .insert(let text): new += text
      }
    }
    self.new = new
    self.copies = copies
  }

  func truth(of span: TextRange) -> Truth {
    let whole = copies.filter { $0.old.lowerBound <= span.start && span.end <= $0.old.upperBound }
      .map { TextRange(start: $0.at + span.start - $0.old.lowerBound, end: $0.at + span.end - $0.old.lowerBound) }
    if let first = whole.first { return .survives(first, copies: Array(whole.dropFirst())) }
    // An end at the edge of a copied piece maps to that edge: an inserted
    // character next to it (a curly quote for a straight one) is inside.
    let start = copies.first { $0.old.lowerBound <= span.start && span.start <= $0.old.upperBound }
      .map { $0.at + span.start - $0.old.lowerBound }
    let end = copies.first { $0.old.lowerBound <= span.end && span.end <= $0.old.upperBound }
      .map { $0.at + span.end - $0.old.lowerBound }
    guard let start, let end, start < end else { return .cut }
    let range = TextRange(start: start, end: end)
    let before = NormalizedWords(old[span.start..<span.end])
    let after = NormalizedWords(new[start..<end])
    return before == after ? .survives(range, copies: []) : .edited(range)
  }
}

/// Text compared the way a reader sees it: white space runs and typographic quotes folded.
struct NormalizedWords: Equatable {
  var scalars: [UInt32] = []
  init(_ text: ArraySlice<Unicode.Scalar>) {
    for s in text {
      let v: UInt32
      switch s {
      case "‘", "’": v = 0x27
      case "“", "”": v = 0x22
      default: v = s.properties.isWhitespace ? 0x20 : s.value
      }
      if v == 0x20 && scalars.last == 0x20 { continue }
      scalars.append(v)
    }
  }
}

/// How one method did on one edit.
struct EditScore {
  var placements = 0
  var survivors = 0
  var right = 0
  var edited = 0
  var changedRight = 0
  var cut = 0
  var orphanedCut = 0
  var orphanedEdited = 0
  var lost = 0
  var wrong = 0

  mutating func add(_ truth: Truth, placed: TextRange?) {
    placements += 1
    switch truth {
    case .survives(let range, let copies):
      survivors += 1
      if placed == range || copies.contains(where: { $0 == placed }) {
        right += 1
      } else if placed == nil {
        lost += 1
      } else {
        wrong += 1
      }
    case .edited(let range):
      edited += 1
      if placed == range { changedRight += 1 } else if placed != nil { wrong += 1 } else { orphanedEdited += 1 }
    case .cut:
      cut += 1
      if placed == nil { orphanedCut += 1 } else { wrong += 1 }
    }
  }

  mutating func merge(_ other: EditScore) {
    placements += other.placements
    survivors += other.survivors
    right += other.right
    edited += other.edited
    changedRight += other.changedRight
    cut += other.cut
    orphanedCut += other.orphanedCut
    orphanedEdited += other.orphanedEdited
    lost += other.lost
    wrong += other.wrong
  }
}

// MARK: The reference

/// Hypothesis' anchoring of a TextQuoteSelector with a TextPositionSelector
/// (hypothesis/client, `html.ts` and `match-quote.ts`), on code points: the
/// text at the old offsets is taken when it equals the quote; otherwise
/// every exact occurrence of the quote, or if there is none the
/// approximate matches with the fewest errors (at most half the quote),
/// scored (50·quote + 20·prefix + 20·suffix + 2·position) / 92, best taken,
/// no threshold.
struct HypothesisAnchoring {
  let text: [UInt32]

  init(text: [Unicode.Scalar]) { self.text = text.map(\.value) }

  func anchor(_ a: Annotation) -> TextRange? {
    let quote = a.quote.exact.unicodeScalars.map(\.value)
    let prefix = a.quote.prefix.unicodeScalars.map(\.value)
    let suffix = a.quote.suffix.unicodeScalars.map(\.value)
    guard !quote.isEmpty else { return nil }
    if a.range.end <= text.count && Array(text[a.range.start..<a.range.end]) == quote { return a.range }
    let maxErrors = min(256, quote.count / 2)
    var matches = exact(quote)
    if matches.isEmpty { matches = approximate(quote, maxErrors: maxErrors) }
    guard !matches.isEmpty else { return nil }
    func score(_ m: (start: Int, end: Int, errors: Int)) -> Double {
      let quoteScore = 1 - Double(m.errors) / Double(quote.count)
      let prefixScore =
        prefix.isEmpty ? 1 : textMatchScore(Array(text[max(0, m.start - prefix.count)..<m.start]), prefix)
      let suffixScore =
        suffix.isEmpty ? 1 : textMatchScore(Array(text[m.end..<min(text.count, m.end + suffix.count)]), suffix)
      let positionScore = 1 - Double(abs(m.start - a.range.start)) / Double(max(1, text.count))
      return (50 * quoteScore + 20 * prefixScore + 20 * suffixScore + 2 * positionScore) / 92
    }
    var best = matches[0]
    var bestScore = score(best)
    for m in matches.dropFirst() {
      let s = score(m)
      if s > bestScore {
        best = m
        bestScore = s
      }
    }
    return TextRange(start: best.start, end: best.end)
  }

  func exact(_ quote: [UInt32]) -> [(start: Int, end: Int, errors: Int)] {
    guard quote.count <= text.count else { return [] }
    var result: [(Int, Int, Int)] = []
    for i in 0...(text.count - quote.count) where text[i] == quote[0] {
      if text[i..<(i + quote.count)].elementsEqual(quote) { result.append((i, i + quote.count, 0)) }
    }
    return result
  }

  /// The matches with the fewest errors (at most `maxErrors`), as approx-string-match reports them.
  func approximate(_ quote: [UInt32], maxErrors: Int) -> [(start: Int, end: Int, errors: Int)] {
    let ends = editsEnding(quote, in: text[...])
    guard let fewest = ends.min(), fewest <= maxErrors else { return [] }
    var result: [(Int, Int, Int)] = []
    for (j, e) in ends.enumerated() where e == fewest {
      let end = j + 1
      let from = max(0, end - quote.count - maxErrors)
      let back = editsEnding(quote.reversed(), in: text[from..<end].reversed()[...])
      let length = (back.lastIndex(of: back.min() ?? 0) ?? 0) + 1
      result.append((end - length, end, fewest))
    }
    return result
  }

  /// 1 − (fewest errors of `pattern` anywhere in `window`) / its length.
  func textMatchScore(_ window: [UInt32], _ pattern: [UInt32]) -> Double {
    guard !window.isEmpty, !pattern.isEmpty else { return 0 }
    let errors = editsEnding(pattern, in: window[...]).min() ?? pattern.count
    return 1 - Double(min(errors, pattern.count)) / Double(pattern.count)
  }

  func editsEnding<S: Sequence>(_ pattern: S, in text: ArraySlice<UInt32>) -> [Int] where S.Element == UInt32 {
    let p = Array(pattern)
    var column = Array(0...p.count)
    var result: [Int] = []
    for c in text {
      var diagonal = column[0]
      column[0] = 0
      for i in stride(from: 1, through: p.count, by: 1) {
        let above = column[i]
        column[i] = Swift.min(diagonal + (p[i - 1] == c ? 0 : 1), above + 1, column[i - 1] + 1)
        diagonal = above
      }
      result.append(column[p.count])
    }
    return result
  }
}
