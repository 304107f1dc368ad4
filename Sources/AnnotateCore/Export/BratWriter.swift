/// brat standoff: `FOLDER/ANNOTATOR/DOCUMENT-ID.txt` and `.ann` beside it,
/// and `FOLDER/annotation.conf`, checked against brat's own rules:
///
/// - the `.txt` has LF line ends (brat reads with universal newlines, so a
///   CRLF would count as one character) and offsets count code points of it;
/// - a span with several tags is one `T` line per tag; a span across line
///   breaks is written as fragments (`T1<TAB>claim 0 10;11 20<TAB>text`);
/// - a span without a tag has the type `untagged`, declared in the
///   configuration only when used, so its note is not lost;
/// - notes are `#N<TAB>AnnotatorNotes TN<TAB>note`, line breaks as spaces;
/// - the configuration declares every type written and allows any overlap
///   (`<OVERLAP> Arg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>`): without
///   it brat's verifier reports every pair of overlapping spans.
public struct BratWriter: AnnotationWriter {
  let folder: String
  let codebook: Codebook
  public private(set) var summary = ExportSummary()
  /// Types written that the codebook lacks (and `untagged`), in order of use.
  private var extraTypes: [String] = []

  public init(folder: String, codebook: Codebook) {
    self.folder = folder
    self.codebook = codebook
  }

  public mutating func begin() throws(WriteError) { try FileSystem.makeDirectories(folder) }

  public mutating func write(_ item: AnnotatedDocument) throws(WriteError) {
    summary.documents += 1
    let base = folder + "/" + item.annotator + "/" + Self.baseName(item.document.id)
    let parent = String(base[..<base.lastIndex(of: "/")!])
    try FileSystem.makeDirectories(parent)
    let newlines = NewlineMap(item.document.text.string)
    let lfText = Array(newlines.lfText.unicodeScalars)
    try FileSystem.writeFile(Array(newlines.lfText.utf8), to: base + ".txt")
    var ann = ""
    var t = 0
    var notes = 0
    var attributes = 0
    // Each span's first T line: what its relations and attributes name.
    var firstT: [Int: String] = [:]
    for a in item.set.annotations {
      if a.orphaned {
        summary.skipped[.orphaned, default: 0] += 1
        continue
      }
      let range = TextRange(start: newlines.lf(a.range.start), end: newlines.lf(a.range.end))
      let fragments = Self.fragments(range, in: lfText)
      guard !fragments.isEmpty else {
        summary.skipped[.empty, default: 0] += 1
        continue
      }
      summary.annotations += 1
      let offsets = fragments.map { "\($0.start) \($0.end)" }.joined(separator: ";")
      let text = fragments.map { String(String.UnicodeScalarView(lfText[$0.start..<$0.end])) }.joined(separator: " ")
      let types = a.tags.isEmpty ? [Importer.bratUntaggedType] : a.tags
      for type in types {
        if codebook.tag(named: type) == nil && !extraTypes.contains(type) { extraTypes.append(type) }
        t += 1
        ann += "T\(t)\t\(type) \(offsets)\t\(text)\n"
        summary.records += 1
        if firstT[a.id] == nil {
          firstT[a.id] = "T\(t)"
          for name in a.attributes.keys.sorted() {
            attributes += 1
            ann += "A\(attributes)\t\(name) T\(t) \(a.attributes[name]!)\n"
          }
        }
        if let note = a.note {
          notes += 1
          let flat = String(note.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" || $0 == "\t" ? " " : $0 })
          ann += "#\(notes)\tAnnotatorNotes T\(t)\t\(flat)\n"
        }
      }
    }
    var r = 0
    for relation in item.set.relations {
      guard let from = firstT[relation.from], let to = firstT[relation.to] else {
        summary.skippedRelations += 1
        continue
      }
      r += 1
      ann += "R\(r)\t\(relation.type) Arg1:\(from) Arg2:\(to)\n"
    }
    if !item.set.codes.isEmpty { summary.skippedCodes += item.set.codes.count }
    try FileSystem.writeFile(Array(ann.utf8), to: base + ".ann")
  }

  public mutating func end() throws(WriteError) {
    var conf = "# Made by annotate from its codebook.\n[entities]\n"
    for name in codebook.names + extraTypes { conf += name + "\n" }
    conf += "\n[relations]\n"
    func types(_ tags: [String]) -> String { tags.isEmpty ? "<ENTITY>" : tags.joined(separator: "|") }
    for relation in codebook.relations {
      conf += "\(relation.name)\tArg1:\(types(relation.from)), Arg2:\(types(relation.to))\n"
    }
    conf += "# Spans may overlap in any way (brat refuses overlaps it is not told about).\n"
    conf += "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n"
    conf += "\n[events]\n\n[attributes]\n"
    for attribute in codebook.attributes {
      conf += "\(attribute.name)\tArg:\(types(attribute.tags)), Value:\(attribute.values.joined(separator: "|"))\n"
    }
    try FileSystem.writeFile(Array(conf.utf8), to: folder + "/annotation.conf")
  }

  /// brat pairs `NAME.txt` with `NAME.ann`: a `.txt` document id loses its ending.
  static func baseName(_ id: String) -> String {
    id.hasSuffix(".txt") ? String(id.dropLast(4)) : id
  }

  /// The range cut at line breaks, each piece without them (none when the
  /// range holds nothing but line breaks). An empty range is one empty piece.
  static func fragments(_ range: TextRange, in text: [Unicode.Scalar]) -> [TextRange] {
    guard range.start < range.end else { return [range] }
    var pieces: [TextRange] = []
    var start = range.start
    for i in range.start...range.end where i == range.end || text[i] == "\n" {
      if start < i { pieces.append(TextRange(start: start, end: i)) }
      start = i + 1
    }
    return pieces
  }
}
