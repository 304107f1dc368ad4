/// Self-contained HTML: `FOLDER/index.html` and one page per coded
/// document in `FOLDER/docs/`, for a paper, a slide or a coder to read in a
/// browser. No network, no script: the style is inline in every page.
///
/// - Text keeps its line breaks (`white-space: pre-wrap`); every piece of
///   highlighted text is a leaf `<span class="seg">` whose `data-spans`
///   lists the spans covering it (`alice/3`), so the pieces of a span, in
///   order, are its text (a browser reads CR LF as LF).
/// - Overlapping and nested spans are stacked underlines, each span on one
///   level throughout, in its tag's colour; a label after the span names its
///   tags (and attributes) in text, so colour is never the only cue, and
///   holds its note, shown on hover and on keyboard focus (and in print).
/// - One annotator: the document as numbered sentences. Several: the
///   curation view, a row per sentence and a column per annotator (gold
///   last), marked `≠` where tags differ and `~` where only extents do, as
///   `compare` marks them.
/// - The index lists every document with each annotator's progress, and the
///   sentence-level agreement table, computed as the pages stream out.
/// - Document text, ids, notes and names are escaped everywhere.
public struct HTMLWriter: AnnotationWriter {
  let folder: String
  let codebook: Codebook
  let corpus: Corpus
  /// Everyone whose work is exported, gold last.
  let annotators: [String]
  /// Those compared for agreement: everyone but gold.
  let coders: [String]
  public private(set) var summary = ExportSummary()
  private var pending: [AnnotatedDocument] = []
  private var pages: [String: IndexEntry] = [:]
  private var reliability: UnitReliability

  struct IndexEntry {
    var page: String
    var sentences: Int
    /// Per annotator: spans, sentences with a span, done.
    var progress: [String: (spans: Int, coded: Int, done: Bool)]
  }

  public init(folder: String, codebook: Codebook, corpus: Corpus, annotators: [String]) {
    self.folder = folder
    self.codebook = codebook
    self.corpus = corpus
    self.annotators = annotators.filter { $0 != goldAnnotator } + annotators.filter { $0 == goldAnnotator }
    coders = annotators.filter { $0 != goldAnnotator }
    let used = Set(codebook.names)
    reliability = UnitReliability(
      tags: codebook.ordered(used), coders: coders.count, kind: .sentence, wholeSets: true)
  }

  public mutating func begin() throws(WriteError) { try FileSystem.makeDirectories(folder + "/docs") }

  public mutating func write(_ item: AnnotatedDocument) throws(WriteError) {
    if let first = pending.first, first.document.id != item.document.id { try flush() }
    pending.append(item)
  }

  public mutating func end() throws(WriteError) {
    try flush()
    try FileSystem.writeFile(Array(indexPage().utf8), to: folder + "/index.html")
    summary.extraFiles.append(folder + "/index.html")
  }

  // MARK: A document's page

  private mutating func flush() throws(WriteError) {
    guard let document = pending.first?.document else { return }
    let items = annotators.compactMap { name in pending.first { $0.annotator == name } }
    pending = []
    let number = (corpus.documents.firstIndex { $0 === document } ?? pages.count) + 1
    let page = "docs/" + Self.pageName(number: number, id: document.id)
    let units = document.units(.sentence)
    var entry = IndexEntry(page: page, sentences: units.count, progress: [:])
    for item in items {
      let spans = item.set.annotations.filter { !$0.orphaned }
      let coded = Set(spans.flatMap { a in document.unitNumbers(of: a.range).map(Array.init) ?? [] })
      entry.progress[item.annotator] = (spans.count, coded.count, item.set.progress.done != nil)
      summary.annotations += spans.count
      summary.records += spans.count
      summary.orphans += item.set.annotations.count - spans.count
      summary.documents += 1
    }
    pages[document.id] = entry
    let row = coders.map { name in items.first { $0.annotator == name }?.set }
    if coders.count >= 2 { reliability.add(document, row) }
    try FileSystem.writeFile(
      DocumentPage(document: document, items: items, codebook: codebook).render(), to: folder + "/" + page)
  }

  /// `00012-news_article.html`: the corpus position keeps names unique.
  public static func pageName(number: Int, id: String) -> String {
    let digits = String(number)
    let safe = String(
      id.unicodeScalars.map { s -> Character in
        s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "-" || s == ".") ? Character(s) : "_"
      }.suffix(80))
    return String(repeating: "0", count: max(0, 5 - digits.count)) + digits + "-" + safe + ".html"
  }

  // MARK: The index

  private func indexPage() -> String {
    var html = HTML.head(title: "annotate: \(corpus.count) documents", language: nil, up: nil)
    html += "<h1>\(corpus.count) documents</h1>\n"
    html +=
      "<p class=\"meta\">annotators: \(annotators.isEmpty ? "none" : annotators.map(HTML.escape).joined(separator: ", "))"
    html += " · codebook: \(codebook.names.map(HTML.escape).joined(separator: ", "))</p>\n"
    html += HTML.legend(codebook: codebook, used: codebook.names)
    html +=
      "<h2>Documents</h2>\n<table class=\"index\"><thead><tr><th>#</th><th>document</th><th>language</th><th>sentences</th>"
    for name in annotators { html += "<th>\(HTML.escape(name))</th>" }
    html += "</tr></thead><tbody>\n"
    for (n, document) in corpus.documents.enumerated() {
      let entry = pages[document.id]
      html += "<tr><td class=\"n\">\(n + 1)</td><td>"
      if let entry {
        html += "<a href=\"\(HTML.escape(entry.page))\">\(HTML.escape(document.id))</a>"
      } else {
        html += HTML.escape(document.id)
      }
      html +=
        "</td><td>\(HTML.escape(document.language.code))</td><td class=\"n\">\(entry.map { String($0.sentences) } ?? "—")</td>"
      for name in annotators {
        guard let p = entry?.progress[name] else {
          html += "<td class=\"dim\">not coded</td>"
          continue
        }
        let total = max(1, entry!.sentences)
        let share = Double(p.coded) / Double(total)
        html += "<td><span class=\"bar\" role=\"img\" aria-label=\"\(p.coded) of \(entry!.sentences) sentences\">"
        html += "<span style=\"width:\(Int((share * 100).rounded()))%\"></span></span> "
        html += "\(p.spans) spans · \(p.coded)/\(entry!.sentences)\(p.done ? " · done" : "")</td>"
      }
      html += "</tr>\n"
    }
    html += "</tbody></table>\n"
    if coders.count >= 2 {
      let (rows, _) = reliability.rows(annotators: coders, bootstrap: nil)
      html += "<h2>Agreement</h2>\n<p class=\"meta\">sentence level: a sentence has a tag or not, per annotator; "
      html +=
        "\(coders.map(HTML.escape).joined(separator: ", ")); a document an annotator did not code is missing data</p>\n"
      html += "<table class=\"agreement\"><thead><tr><th>tag</th><th>items</th><th>agree</th>"
      html +=
        "<th>\(coders.count == 2 ? "Cohen κ" : "Fleiss κ")</th><th>Krippendorff α</th><th>α on [0, 1]</th></tr></thead><tbody>\n"
      for row in rows {
        let kappa = coders.count == 2 ? row.cohen : row.fleiss
        let width = row.alpha.isFinite ? Int((max(0, min(1, row.alpha)) * 100).rounded()) : 0
        html += "<tr><td>\(HTML.escape(row.tag ?? "all tags (as sets)"))</td><td class=\"n\">\(row.items)</td>"
        html += "<td class=\"n\">\(fixed(row.percent * 100, 1))%</td><td class=\"n\">\(fixed(kappa ?? .nan))</td>"
        html +=
          "<td class=\"n\">\(fixed(row.alpha))</td><td><span class=\"bar\" role=\"img\" aria-label=\"α \(fixed(row.alpha))\">"
        html += "<span style=\"width:\(width)%\"></span></span></td></tr>\n"
      }
      html += "</tbody></table>\n"
    }
    return html + "</body>\n</html>\n"
  }
}

/// One document's page: the reading view for one annotator, the curation
/// view for several.
struct DocumentPage {
  let document: Document
  let items: [AnnotatedDocument]
  let codebook: Codebook

  func render() -> [UInt8] {
    var html = HTML.head(title: document.id, language: document.language.code, up: "../index.html")
    html += "<h1>\(HTML.escape(document.id))</h1>\n<p class=\"meta\">\(HTML.escape(document.language.name)) · "
    html += "\(document.units(.sentence).count) sentences · "
    html +=
      items.map { item in
        let spans = item.set.annotations.lazy.filter { !$0.orphaned }.count
        return "\(HTML.escape(item.annotator)) (\(spans) spans\(item.set.progress.done != nil ? ", done" : ""))"
      }.joined(separator: ", ") + "</p>\n"
    let used = Set(items.flatMap { $0.set.annotations.flatMap(\.tags) })
    html += HTML.legend(codebook: codebook, used: codebook.ordered(used))
    var out = Array(html.utf8)
    out.reserveCapacity(document.text.bytes.count * (items.count + 1) * 2)
    let layers = items.map { Self.layers($0.set) }
    let units = cells()
    if items.count == 1 {
      out += Array("<main class=\"reading\">\n".utf8)
      for (n, cell) in units.enumerated() {
        out += Array("<div class=\"sent\" id=\"s\(n + 1)\"><a class=\"num\" href=\"#s\(n + 1)\">\(n + 1)</a>".utf8)
        out += Array("<div class=\"text\" dir=\"auto\">".utf8)
        appendCell(cell, item: items[0], layers: layers[0], to: &out)
        out += Array("</div></div>\n".utf8)
      }
      out += Array("</main>\n".utf8)
    } else {
      out += Array("<main class=\"curation\"><table class=\"curation\"><thead><tr><th>#</th><th></th>".utf8)
      for item in items { out += Array("<th>\(HTML.escape(item.annotator))</th>".utf8) }
      out += Array("</tr></thead><tbody>\n".utf8)
      let marks = differences()
      for (n, cell) in units.enumerated() {
        let mark = n < marks.count ? marks[n] : "="
        let kind = mark == "≠" ? "tags" : mark == "~" ? "extent" : "same"
        out += Array(
          "<tr id=\"s\(n + 1)\" class=\"\(kind)\"><td class=\"num\"><a href=\"#s\(n + 1)\">\(n + 1)</a></td>".utf8)
        out += Array(
          "<td class=\"mark\" title=\"\(mark == "≠" ? "tags differ" : mark == "~" ? "same tags, other words" : "alike")\">\(mark)</td>"
            .utf8)
        for (k, item) in items.enumerated() {
          out += Array("<td class=\"text\" dir=\"auto\">".utf8)
          appendCell(cell, item: item, layers: layers[k], to: &out)
          out += Array("</td>".utf8)
        }
        out += Array("</tr>\n".utf8)
      }
      out += Array("</tbody></table></main>\n".utf8)
    }
    out += Array(levelSections().utf8)
    out += Array("</body>\n</html>\n".utf8)
    return out
  }

  /// The text cut into one cell per sentence: from its start to the next
  /// one's (the space between goes with the sentence before), the first
  /// from 0 and the last to the end, so the cells hold the whole text.
  /// `words` is the sentence itself: white space outside it is shown only
  /// where a span covers it.
  func cells() -> [(range: TextRange, words: TextRange)] {
    let units = document.units(.sentence)
    let end = document.text.scalarCount
    guard !units.isEmpty else { return [(TextRange(start: 0, end: end), TextRange(start: 0, end: end))] }
    return units.indices.map { i in
      (TextRange(start: i == 0 ? 0 : units[i].start, end: i + 1 < units.count ? units[i + 1].start : end), units[i])
    }
  }

  /// Each span's underline level: the lowest one free where it starts.
  static func layers(_ set: AnnotationSet) -> [Int: Int] {
    var levelEnds: [Int] = []
    var layers: [Int: Int] = [:]
    for a in set.annotations where !a.orphaned && a.range.start < a.range.end {
      let free = levelEnds.firstIndex { $0 <= a.range.start }
      let level = free ?? levelEnds.count
      if free == nil { levelEnds.append(a.range.end) } else { levelEnds[level] = a.range.end }
      layers[a.id] = level
    }
    return layers
  }

  /// One annotator's cell: plain text, pieces under spans, and after each
  /// span's last piece its label.
  func appendCell(
    _ cell: (range: TextRange, words: TextRange), item: AnnotatedDocument, layers: [Int: Int], to out: inout [UInt8]
  ) {
    let (cell, words) = cell
    let spans = item.set.overlapping(cell).filter { !$0.orphaned && $0.range.start < $0.range.end }
    var cuts = Set([cell.start, cell.end, words.start, words.end].filter { cell.start <= $0 && $0 <= cell.end })
    for a in spans {
      if a.range.start > cell.start { cuts.insert(a.range.start) }
      if a.range.end < cell.end { cuts.insert(a.range.end) }
    }
    let points = cuts.sorted()
    for (from, to) in zip(points, points.dropFirst()) {
      let piece = TextRange(start: from, end: to)
      let covering = spans.filter { $0.range.start <= from && $0.range.end >= to }
      if covering.isEmpty {
        // The space around a sentence, under no span, stays out of the page.
        if from >= words.start && to <= words.end { HTML.appendEscaped(document.text, piece, to: &out) }
      } else {
        let keys = covering.map { "\(item.annotator)/\($0.id)" }.joined(separator: " ")
        out += Array(
          "<span class=\"seg\" data-spans=\"\(HTML.escape(keys))\" style=\"\(style(covering, layers))\">".utf8)
        HTML.appendEscaped(document.text, piece, to: &out)
        out += Array("</span>".utf8)
      }
      // Labels of the spans that end here, the longest (outermost) last.
      for a in spans.filter({ $0.range.end == to }).sorted(by: { $0.range.start > $1.range.start }) {
        out += Array(label(a, annotator: item.annotator).utf8)
      }
    }
  }

  /// Stacked underlines, level 0 nearest the text, with a tint of the top span.
  func style(_ covering: [Annotation], _ layers: [Int: Int]) -> String {
    let levels = covering.map { layers[$0.id] ?? 0 }
    let top = levels.max() ?? 0
    var shadows: [String] = []
    for level in 0...top {
      let color = covering.first { layers[$0.id] == level }.map { HTML.color(of: $0.tags.first, codebook: codebook) }
      shadows.append("inset 0 -\(3 * level + 2)px 0 \(color?.hex ?? "#fff")")
      shadows.append("inset 0 -\(3 * level + 3)px 0 #fff")
    }
    let tint = HTML.color(
      of: covering.max { (layers[$0.id] ?? 0) < (layers[$1.id] ?? 0) }?.tags.first, codebook: codebook)
    return
      "padding-bottom:\(3 * top + 3)px;box-shadow:\(shadows.dropLast().joined(separator: ","));background:\(tint.tint)"
  }

  /// The label after a span: its tags and attributes in words, its note on hover and focus.
  func label(_ a: Annotation, annotator: String) -> String {
    let key = HTML.escape("\(annotator)/\(a.id)")
    let color = HTML.color(of: a.tags.first, codebook: codebook)
    var words = a.tags.isEmpty ? "untagged" : a.tags.joined(separator: ", ")
    for name in a.attributes.keys.sorted() { words += " · \(name)=\(a.attributes[name]!)" }
    var html = "<span class=\"lbl\" data-for=\"\(key)\" tabindex=\"0\" style=\"border-left-color:\(color.hex)\">"
    html += HTML.escape(words)
    if let note = a.note, !note.isEmpty {
      html += "<span class=\"has-note\" aria-hidden=\"true\">✎</span>"
      html += "<span class=\"note\" data-for=\"\(key)\" role=\"note\">\(HTML.escape(note))</span>"
    }
    return html + "</span>"
  }

  /// Per sentence, `≠` where the coders' tags differ, `~` where only the
  /// words their spans cover do, `=` otherwise (gold is not a coder).
  func differences() -> [String] {
    let coders = items.filter { $0.annotator != goldAnnotator }
    let units = document.units(.sentence)
    guard coders.count >= 2 else { return units.map { _ in "=" } }
    let tagIndex = Dictionary(
      uniqueKeysWithValues: codebook.ordered(Set(coders.flatMap { $0.set.annotations.flatMap(\.tags) })).enumerated()
        .map { ($1, $0) })
    let tags = coders.map { Team.unitTags($0.set, document: document, kind: .sentence, tags: tagIndex) }
    return units.enumerated().map { n, unit in
      if Set(tags.map { $0[n] }).count > 1 { return "≠" }
      let extents = coders.map { item in
        item.set.overlapping(unit).filter { !$0.tags.isEmpty && !$0.orphaned }.map {
          "\($0.range.start)-\($0.range.end):\($0.tags.joined(separator: ","))"
        }.sorted()
      }
      return Set(extents).count > 1 ? "~" : "="
    }
  }

  /// Document codes, relations and orphaned spans, per annotator.
  func levelSections() -> String {
    var html = ""
    let withCodes = items.filter { !$0.set.codes.isEmpty }
    if !withCodes.isEmpty {
      html += "<section class=\"codes\"><h2>Document codes</h2>\n<table><thead><tr><th>variable</th>"
      for item in withCodes { html += "<th>\(HTML.escape(item.annotator))</th>" }
      html += "</tr></thead><tbody>\n"
      let variables = Set(withCodes.flatMap { $0.set.codes.keys }).sorted()
      for variable in variables {
        let values = withCodes.map { $0.set.codes[variable]?.joined(separator: ", ") ?? "" }
        html += "<tr class=\"\(Set(values).count > 1 ? "tags" : "same")\"><td>\(HTML.escape(variable))</td>"
        for value in values { html += "<td>\(value.isEmpty ? "—" : HTML.escape(value))</td>" }
        html += "</tr>\n"
      }
      html += "</tbody></table></section>\n"
    }
    let withRelations = items.filter { !$0.set.relations.isEmpty }
    if !withRelations.isEmpty {
      html += "<section class=\"relations\"><h2>Relations</h2>\n"
      for item in withRelations {
        html += "<h3>\(HTML.escape(item.annotator))</h3><ul>\n"
        for relation in item.set.relations {
          html +=
            "<li>\(words(item.set, relation.from)) <b>\(HTML.escape(relation.type))</b> → \(words(item.set, relation.to))</li>\n"
        }
        html += "</ul>\n"
      }
      html += "</section>\n"
    }
    let withOrphans = items.filter { $0.set.annotations.contains(where: \.orphaned) }
    if !withOrphans.isEmpty {
      html +=
        "<section class=\"orphans\"><h2>Orphaned spans</h2><p class=\"meta\">their words are no longer in the document</p>\n"
      for item in withOrphans {
        for a in item.set.annotations where a.orphaned {
          html += "<p>\(HTML.escape(item.annotator)) #\(a.id) \(HTML.escape(a.tags.joined(separator: ", "))): "
          html += "<q>\(HTML.escape(a.quote.exact))</q></p>\n"
        }
      }
      html += "</section>\n"
    }
    return html
  }

  /// A span's words for a relation line, elided in the middle.
  func words(_ set: AnnotationSet, _ id: Int) -> String {
    guard let a = set.annotation(id), !a.orphaned else { return "#\(id)" }
    return "<q>" + HTML.escape(elidingMiddle(oneLine(document.string(in: a.range)), to: 60)) + "</q>"
  }
}

/// Escaping, colours and the shared head of every page.
enum HTML {
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for c in text.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }

  /// The document's bytes of a range, escaped, straight into the page.
  static func appendEscaped(_ text: UTF8Text, _ range: TextRange, to out: inout [UInt8]) {
    let bytes = text.byteRange(of: range)
    text.bytes.withUnsafeBufferPointer { buffer in
      var run = bytes.lowerBound
      for i in bytes {
        let entity: String
        switch buffer[i] {
        case UInt8(ascii: "&"): entity = "&amp;"
        case UInt8(ascii: "<"): entity = "&lt;"
        case UInt8(ascii: ">"): entity = "&gt;"
        case UInt8(ascii: "\""): entity = "&quot;"
        case 0: entity = "\u{FFFD}"
        default: continue
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[run..<i]))
        out += Array(entity.utf8)
        run = i + 1
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[run..<bytes.upperBound]))
    }
  }

  struct Color {
    var r: Int
    var g: Int
    var b: Int
    var hex: String {
      "#"
        + [r, g, b].map { v in
          let digits = String(v, radix: 16)
          return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
    var tint: String { "rgba(\(r),\(g),\(b),0.13)" }
  }

  /// A tag's colour on a white page: the terminal's named colours darkened
  /// enough to stand out, palette colours as xterm draws them.
  static func color(of tag: String?, codebook: Codebook) -> Color {
    guard let tag else { return Color(r: 110, g: 110, b: 110) }
    let color: TagColor
    if let known = codebook.color(of: tag) {
      color = known
    } else {
      var hash: UInt32 = 2_166_136_261
      for byte in tag.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
      color = TagColor.palette[Int(hash % UInt32(TagColor.palette.count))]
    }
    switch color {
    case .named(let named):
      switch named {
      case .red: return Color(r: 200, g: 30, b: 30)
      case .green: return Color(r: 20, g: 140, b: 40)
      case .yellow: return Color(r: 200, g: 150, b: 0)
      case .blue: return Color(r: 30, g: 80, b: 210)
      case .magenta: return Color(r: 180, g: 40, b: 170)
      case .cyan: return Color(r: 0, g: 150, b: 170)
      case .brightRed: return Color(r: 240, g: 80, b: 80)
      case .brightGreen: return Color(r: 60, g: 190, b: 70)
      case .brightYellow: return Color(r: 230, g: 190, b: 30)
      case .brightBlue: return Color(r: 80, g: 130, b: 250)
      case .brightMagenta: return Color(r: 220, g: 90, b: 220)
      case .brightCyan: return Color(r: 40, g: 190, b: 210)
      }
    case .indexed(let index):
      let i = Int(index)
      if i >= 232 {
        let v = 8 + 10 * (i - 232)
        return Color(r: v, g: v, b: v)
      }
      let levels = [0, 95, 135, 175, 215, 255]
      let c = max(0, i - 16)
      return Color(r: levels[c / 36 % 6], g: levels[c / 6 % 6], b: levels[c % 6])
    }
  }

  /// The tags with their colours and definitions.
  static func legend(codebook: Codebook, used: [String]) -> String {
    guard !used.isEmpty else { return "" }
    var html = "<p class=\"legend\">tags: "
    for tag in used {
      let definition = codebook.tag(named: tag)?.definition ?? "not in the codebook"
      html +=
        "<span class=\"tag\" title=\"\(escape(definition))\"><span class=\"swatch\" style=\"background:\(color(of: tag, codebook: codebook).hex)\"></span>\(escape(tag))</span> "
    }
    return html + "</p>\n"
  }

  static func head(title: String, language: String?, up: String?) -> String {
    var html =
      "<!DOCTYPE html>\n<html\(language.map { " lang=\"\(escape($0))\"" } ?? "")>\n<head>\n<meta charset=\"utf-8\">\n"
    html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    html +=
      "<meta name=\"generator\" content=\"annotate\">\n<title>\(escape(title))</title>\n<style>\n\(style)</style>\n</head>\n<body>\n"
    if let up { html += "<nav><a href=\"\(escape(up))\">← all documents</a></nav>\n" }
    return html
  }

  static let style = """
    body{font:16px/1.9 system-ui,-apple-system,"Segoe UI",sans-serif;color:#111;background:#fff;max-width:80rem;margin:1rem auto;padding:0 1rem}
    h1{font-size:1.4rem;margin:.3rem 0}h2{font-size:1.15rem;margin-top:2rem}h3{font-size:1rem}
    .meta,.dim{color:#555}
    a{color:#0645ad}
    .legend .tag{margin-right:1em;white-space:nowrap}
    .swatch{display:inline-block;width:1.2em;height:.5em;margin-right:.3em;border-radius:2px;vertical-align:middle}
    .sent{display:flex;gap:.8rem;margin:.2rem 0}
    .num{color:#555;min-width:2.6rem;text-align:right;font-variant-numeric:tabular-nums;text-decoration:none;flex:none}
    .text{white-space:pre-wrap;overflow-wrap:anywhere}
    .seg{border-radius:1px}
    .lbl{position:relative;display:inline-block;font-size:.72em;line-height:1.3;color:#111;background:#fff;border:1px solid #888;border-left-width:.45em;border-radius:3px;padding:0 .3em;margin:0 .2em;vertical-align:.45em;white-space:nowrap;cursor:help}
    .lbl:focus{outline:2px solid #0645ad;outline-offset:1px}
    .lbl .note{display:none;position:absolute;left:0;top:1.5em;z-index:5;min-width:12rem;max-width:28rem;width:max-content;white-space:pre-wrap;background:#fffbe6;color:#111;border:1px solid #777;border-radius:3px;padding:.35em .55em;font-size:1.25em;box-shadow:0 2px 6px rgba(0,0,0,.2)}
    .lbl:hover .note,.lbl:focus .note,.lbl:focus-within .note{display:block}
    .has-note{margin-left:.25em}
    table{border-collapse:collapse}
    table.curation{width:100%;table-layout:fixed}
    table.curation th:nth-child(1){width:3rem}table.curation th:nth-child(2){width:1.6rem}
    th,td{border-top:1px solid #ddd;padding:.3em .6em;vertical-align:top;text-align:left}
    td.n{text-align:right;font-variant-numeric:tabular-nums}
    tr.tags td.mark{color:#b00000;font-weight:bold}tr.extent td.mark{color:#8a5a00;font-weight:bold}tr.same td.mark{color:#777}
    tr.tags{background:#fff4f4}
    .bar{display:inline-block;width:6rem;height:.6em;background:#e6e6e6;border-radius:2px;vertical-align:middle}
    .bar span{display:block;height:100%;background:#3b6fb6;border-radius:2px}
    q{font-style:italic}
    @media print{body{max-width:none;font-size:11pt}nav{display:none}a{color:inherit;text-decoration:none}
    .lbl .note{display:inline;position:static;border:0;box-shadow:none;background:none;font-style:italic;width:auto;padding:0 0 0 .3em}
    .has-note{display:none}tr{break-inside:avoid}.seg{-webkit-print-color-adjust:exact;print-color-adjust:exact}}

    """
}
