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
  /// Pages made ready, rendered on every core a batch at a time.
  private var batch: [(path: String, page: DocumentPage)] = []
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
    try renderBatch()
    try FileSystem.writeFile(Array(indexPage().utf8), to: folder + "/index.html")
    summary.extraFiles.append(folder + "/index.html")
  }

  // MARK: A document's page

  private mutating func flush() throws(WriteError) {
    guard let document = pending.first?.document else { return }
    let items = annotators.compactMap { name in pending.first { $0.annotator == name } }
    pending = []
    let number = (corpus.index(ofID: document.id) ?? pages.count) + 1
    let page = "docs/" + Self.pageName(number: number, id: document.id)
    var entry = IndexEntry(page: page, sentences: document.units(.sentence).count, progress: [:])
    for item in items {
      let spans = item.set.annotations.lazy.filter { !$0.orphaned }.count
      // Sentences coded: counted with the page, on every core.
      entry.progress[item.annotator] = (spans, 0, item.set.progress.done != nil)
      summary.annotations += spans
      summary.records += spans
      summary.orphans += item.set.annotations.count - spans
      summary.documents += 1
    }
    pages[document.id] = entry
    batch.append(
      (
        folder + "/" + page,
        DocumentPage(
          document: document, items: items, codebook: codebook,
          agreement: coders.count >= 2 ? (coders, reliability.tagIndex) : nil)
      ))
    if batch.count >= 32 { try renderBatch() }
  }

  /// Renders the pages ready on every core, writes them, and takes in what
  /// was counted with them: sentences coded, and each sentence's tags for agreement.
  private mutating func renderBatch() throws(WriteError) {
    let rendered = Parallel.map(batch.map(\.page)) { $0.render() }
    for (k, page) in rendered.enumerated() {
      try FileSystem.writeFile(page.bytes, to: batch[k].path)
      let id = batch[k].page.id
      for (annotator, coded) in page.coded { pages[id]?.progress[annotator]?.coded = coded }
      if let unitTags = page.unitTags { reliability.add(unitTags, units: batch[k].page.units.count) }
    }
    batch = []
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
struct DocumentPage: Sendable {
  struct Item: Sendable {
    var annotator: String
    var set: AnnotationSet
  }
  let id: String
  let language: Language
  let text: UTF8Text
  let units: [TextRange]
  let items: [Item]
  let codebook: Codebook
  /// The coders compared for agreement and the tags' indices, when there is agreement to count.
  let agreement: (coders: [String], tags: [String: Int])?

  /// What the page needs of the document, taken on the thread that owns it.
  init(
    document: Document, items: [AnnotatedDocument], codebook: Codebook,
    agreement: (coders: [String], tags: [String: Int])? = nil
  ) {
    id = document.id
    language = document.language
    text = document.text
    units = document.units(.sentence)
    self.items = items.map { Item(annotator: $0.annotator, set: $0.set) }
    self.codebook = codebook
    self.agreement = agreement
  }

  /// A rendered page and what was counted while making it.
  struct Rendered: Sendable {
    var bytes: [UInt8]
    /// Per annotator, the sentences a span of theirs touches.
    var coded: [String: Int]
    /// Per coder (in the writer's order; nil: not coded), each sentence's tags.
    var unitTags: [UnitTagBits?]?
  }

  func render() -> Rendered {
    var coded: [String: Int] = [:]
    for item in items {
      var touched = Set<Int>()
      for a in item.set.annotations where !a.orphaned {
        if let numbers = Document.unitNumbers(of: a.range, in: units) { touched.formUnion(numbers) }
      }
      coded[item.annotator] = touched.count
    }
    let unitTags = agreement.map { agreement in
      agreement.coders.map { name in
        items.first { $0.annotator == name }.map { UnitTagBits($0.set, units: units, tags: agreement.tags) }
      }
    }
    return Rendered(bytes: page(), coded: coded, unitTags: unitTags)
  }

  func page() -> [UInt8] {
    var page = PageStyles(codebook: codebook)
    var body: [UInt8] = []
    body.reserveCapacity(text.bytes.count * (items.count + 1) * 3)
    var columns = items.map { Column(item: $0, page: &page) }
    let units = cells()
    if items.count == 1 {
      body.append(contentsOf: "<main class=\"reading\">\n".utf8)
      for (n, cell) in units.enumerated() {
        body.append(
          contentsOf: "<div class=\"sent\" id=\"s\(n + 1)\"><a class=\"num\" href=\"#s\(n + 1)\">\(n + 1)</a>".utf8)
        body.append(contentsOf: "<div class=\"text\" dir=\"auto\">".utf8)
        columns[0].append(cell, text: text, page: &page, to: &body)
        body.append(contentsOf: "</div></div>\n".utf8)
      }
      body.append(contentsOf: "</main>\n".utf8)
    } else {
      body.append(contentsOf: "<main class=\"curation\"><table class=\"curation\"><thead><tr><th>#</th><th></th>".utf8)
      for item in items { body += Array("<th>\(HTML.escape(item.annotator))</th>".utf8) }
      body.append(contentsOf: "</tr></thead><tbody>\n".utf8)
      let marks = differences()
      for (n, cell) in units.enumerated() {
        let mark = n < marks.count ? marks[n] : "="
        let kind = mark == "≠" ? "tags" : mark == "~" ? "extent" : "same"
        let title = mark == "≠" ? "tags differ" : mark == "~" ? "same tags, other words" : "alike"
        body += Array(
          "<tr id=\"s\(n + 1)\" class=\"\(kind)\"><td class=\"num\"><a href=\"#s\(n + 1)\">\(n + 1)</a></td><td class=\"mark\" title=\"\(title)\">\(mark)</td>"
            .utf8)
        for k in columns.indices {
          body.append(contentsOf: "<td class=\"text\" dir=\"auto\">".utf8)
          columns[k].append(cell, text: text, page: &page, to: &body)
          body.append(contentsOf: "</td>".utf8)
        }
        body.append(contentsOf: "</tr>\n".utf8)
      }
      body.append(contentsOf: "</tbody></table></main>\n".utf8)
    }
    var html = HTML.head(title: id, language: language.code, up: "../index.html", css: page.css())
    html += "<h1>\(HTML.escape(id))</h1>\n<p class=\"meta\">\(HTML.escape(language.name)) · "
    html += "\(units.count) sentences · "
    html +=
      items.map { item in
        let spans = item.set.annotations.lazy.filter { !$0.orphaned }.count
        return "\(HTML.escape(item.annotator)) (\(spans) spans\(item.set.progress.done != nil ? ", done" : ""))"
      }.joined(separator: ", ") + "</p>\n"
    let used = Set(items.flatMap { $0.set.annotations.flatMap(\.tags) })
    html += HTML.legend(codebook: codebook, used: codebook.ordered(used))
    var out = Array(html.utf8)
    out += body
    out.append(contentsOf: levelSections().utf8)
    out.append(contentsOf: "</body>\n</html>\n".utf8)
    return out
  }

  /// The text cut into one cell per sentence: from its start to the next
  /// one's (the space between goes with the sentence before), the first
  /// from 0 and the last to the end, so the cells hold the whole text.
  /// `words` is the sentence itself: white space outside it is shown only
  /// where a span covers it.
  func cells() -> [(range: TextRange, words: TextRange)] {
    let end = text.scalarCount
    guard !units.isEmpty else { return [(TextRange(start: 0, end: end), TextRange(start: 0, end: end))] }
    return units.indices.map { i in
      (TextRange(start: i == 0 ? 0 : units[i].start, end: i + 1 < units.count ? units[i + 1].start : end), units[i])
    }
  }

  /// A span as the page draws it, everything about it worked out once.
  struct PageSpan {
    var start: Int
    var end: Int
    /// Its underline level: the lowest one free where it starts.
    var level: Int
    /// Index of its colour in the page's styles.
    var color: Int
    /// `alice/3`, escaped for an attribute.
    var key: String
    /// The label written after its last piece.
    var label: String
  }

  /// One annotator's spans, walked cell by cell in order.
  struct Column {
    var spans: [PageSpan] = []
    /// The next span to become active, and those touching the cell being drawn.
    private var next = 0
    private var active: [Int] = []

    init(item: Item, page: inout PageStyles) {
      var levelEnds: [Int] = []
      for a in item.set.annotations where !a.orphaned && a.range.start < a.range.end {
        let free = levelEnds.firstIndex { $0 <= a.range.start }
        let level = free ?? levelEnds.count
        if free == nil { levelEnds.append(a.range.end) } else { levelEnds[level] = a.range.end }
        let key = HTML.escape("\(item.annotator)/\(a.id)")
        spans.append(
          PageSpan(
            start: a.range.start, end: a.range.end, level: level, color: page.color(of: a.tags.first), key: key,
            label: page.label(a, key: key)))
      }
    }

    /// One cell: plain text, pieces under spans, and after each span's last piece its label.
    mutating func append(
      _ cell: (range: TextRange, words: TextRange), text: UTF8Text, page: inout PageStyles, to out: inout [UInt8]
    ) {
      let (range, words) = cell
      active.removeAll { spans[$0].end <= range.start }
      while next < spans.count && spans[next].start < range.end {
        if spans[next].end > range.start { active.append(next) }
        next += 1
      }
      var cuts = [range.start, range.end, words.start, words.end].filter { range.start <= $0 && $0 <= range.end }
      for k in active {
        if spans[k].start > range.start { cuts.append(spans[k].start) }
        if spans[k].end < range.end { cuts.append(spans[k].end) }
      }
      cuts.sort()
      var points: [Int] = []
      points.reserveCapacity(cuts.count)
      for cut in cuts where points.last != cut { points.append(cut) }
      var covering: [Int] = []
      for (from, to) in zip(points, points.dropFirst()) {
        let piece = TextRange(start: from, end: to)
        covering.removeAll(keepingCapacity: true)
        for k in active where spans[k].start <= from && spans[k].end >= to { covering.append(k) }
        if covering.isEmpty {
          // The space around a sentence, under no span, stays out of the page.
          if from >= words.start && to <= words.end { HTML.appendEscaped(text, piece, to: &out) }
        } else {
          let style =
            covering.count == 1
            ? page.style(level: spans[covering[0]].level, color: spans[covering[0]].color)
            : page.style(covering.map { (spans[$0].level, spans[$0].color) })
          out.append(contentsOf: "<span class=\"seg ".utf8)
          out.append(contentsOf: style.utf8)
          out.append(contentsOf: "\" data-spans=\"".utf8)
          for (n, k) in covering.enumerated() {
            if n > 0 { out.append(0x20) }
            out.append(contentsOf: spans[k].key.utf8)
          }
          out.append(contentsOf: "\">".utf8)
          HTML.appendEscaped(text, piece, to: &out)
          out.append(contentsOf: "</span>".utf8)
        }
        // Labels of the spans that end here, the innermost (latest start) first.
        guard active.contains(where: { spans[$0].end == to }) else { continue }
        let ending = active.filter { spans[$0].end == to }.sorted { spans[$0].start > spans[$1].start }
        for k in ending { out.append(contentsOf: spans[k].label.utf8) }
      }
    }
  }

  /// The colours and underline stacks a page uses, each a class in its own
  /// style element: a long page repeats a handful of them thousands of times.
  struct PageStyles {
    let codebook: Codebook
    private var colors: [HTML.Color] = []
    private var colorIndex: [String: Int] = [:]
    private var classes: [[Int]: String] = [:]
    /// The classes of pieces under one span, by level << 16 | colour.
    private var single: [Int: String] = [:]
    private var rules: [String] = []

    init(codebook: Codebook) { self.codebook = codebook }

    mutating func color(of tag: String?) -> Int {
      let name = tag ?? ""
      if let known = colorIndex[name] { return known }
      colors.append(HTML.color(of: tag, codebook: codebook))
      colorIndex[name] = colors.count - 1
      return colors.count - 1
    }

    /// The class of a piece under spans given as (level, colour): stacked
    /// underlines, level 0 nearest the text, tinted by the top one.
    /// ``style(_:)`` of a piece under one span, without making a list.
    mutating func style(level: Int, color: Int) -> String {
      if let known = single[level << 16 | color] { return known }
      return style([(level, color)])
    }

    mutating func style(_ layers: [(level: Int, color: Int)]) -> String {
      let key = layers.sorted { $0.level < $1.level }.flatMap { [$0.level, $0.color] }
      if let known = classes[key] { return known }
      let top = layers.map(\.level).max() ?? 0
      var shadows: [String] = []
      for level in 0...top {
        let color = layers.first { $0.level == level }.map { colors[$0.color].hex } ?? "#fff"
        shadows.append("inset 0 -\(3 * level + 2)px 0 \(color)")
        shadows.append("inset 0 -\(3 * level + 3)px 0 #fff")
      }
      let tint = colors[layers.max { $0.level < $1.level }!.color].tint
      let name = "k\(classes.count)"
      classes[key] = name
      if layers.count == 1 { single[layers[0].level << 16 | layers[0].color] = name }
      rules.append(
        ".\(name){padding-bottom:\(3 * top + 3)px;box-shadow:\(shadows.dropLast().joined(separator: ","));background:\(tint)}"
      )
      return name
    }

    /// The label after a span: its tags and attributes in words, its note on hover and focus.
    mutating func label(_ a: Annotation, key: String) -> String {
      let color = colors[color(of: a.tags.first)]
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

    func css() -> String { rules.map { $0 + "\n" }.joined() }
  }

  /// Per sentence, `≠` where the coders' tags differ, `~` where only the
  /// words their spans cover do, `=` otherwise (gold is not a coder).
  func differences() -> [String] {
    let coders = items.filter { $0.annotator != goldAnnotator }
    guard coders.count >= 2 else { return units.map { _ in "=" } }
    // Each coder's tags on each unit, and its tagged spans touching it as start-end:tags.
    var tags = [[Set<String>]](repeating: [Set<String>](repeating: [], count: units.count), count: coders.count)
    var extents = [[[String]]](repeating: [[String]](repeating: [], count: units.count), count: coders.count)
    for (j, item) in coders.enumerated() {
      for a in item.set.annotations where !a.tags.isEmpty && !a.orphaned {
        guard let numbers = Document.unitNumbers(of: a.range, in: units) else { continue }
        let extent = "\(a.range.start)-\(a.range.end):\(a.tags.joined(separator: ","))"
        for n in numbers {
          tags[j][n - 1].formUnion(a.tags)
          extents[j][n - 1].append(extent)
        }
      }
      for n in units.indices { extents[j][n].sort() }
    }
    return units.indices.map { n in
      if Set(tags.map { $0[n] }).count > 1 { return "≠" }
      return Set(extents.map { $0[n] }).count > 1 ? "~" : "="
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
    return "<q>" + HTML.escape(elidingMiddle(oneLine(text.string(in: a.range)), to: 60)) + "</q>"
  }
}

/// Escaping, colours and the shared head of every page.
enum HTML {
  static func escape(_ text: String) -> String {
    // Most names and notes have nothing to escape.
    guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
      return text
    }
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
        out.append(contentsOf: entity.utf8)
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

  static func head(title: String, language: String?, up: String?, css: String = "") -> String {
    var html =
      "<!DOCTYPE html>\n<html\(language.map { " lang=\"\(escape($0))\"" } ?? "")>\n<head>\n<meta charset=\"utf-8\">\n"
    html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    html +=
      "<meta name=\"generator\" content=\"annotate\">\n<title>\(escape(title))</title>\n<style>\n\(style)\(css)</style>\n</head>\n<body>\n"
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
