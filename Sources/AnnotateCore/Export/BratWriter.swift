/// brat standoff: `FOLDER/ANNOTATOR/DOCUMENT-ID.txt` (the text as it is) and
/// `.ann` beside it, and `FOLDER/annotation.conf` listing the codebook.
///
/// A span with several tags becomes one `T` line per tag; untagged spans
/// have no brat type and are skipped; a span across line breaks is written
/// as fragments (`T1<TAB>claim 0 10;11 20<TAB>text`), as brat requires. Notes
/// become `#N<TAB>AnnotatorNotes TN<TAB>note`, line breaks as spaces.
public struct BratWriter: AnnotationWriter {
  let folder: String
  let codebook: Codebook
  public private(set) var summary = ExportSummary()

  public init(folder: String, codebook: Codebook) {
    self.folder = folder
    self.codebook = codebook
  }

  public mutating func begin() throws(WriteError) {
    try FileSystem.makeDirectories(folder)
    var conf = "# Made by annotate from its codebook.\n[entities]\n"
    for tag in codebook.tags { conf += tag.name + "\n" }
    conf += "\n[relations]\n\n[events]\n\n[attributes]\n"
    try FileSystem.writeFile(Array(conf.utf8), to: folder + "/annotation.conf")
  }

  public mutating func write(_ item: AnnotatedDocument) throws(WriteError) {
    summary.documents += 1
    let base = folder + "/" + item.annotator + "/" + Self.baseName(item.document.id)
    let parent = String(base[..<base.lastIndex(of: "/")!])
    try FileSystem.makeDirectories(parent)
    // The .txt is the document's text exactly (no byte-order mark).
    try FileSystem.writeFile(item.document.text.bytes, to: base + ".txt")
    var ann = ""
    var t = 0
    var notes = 0
    summary.skipped += item.set.orphans.count
    for a in item.set.annotations where !a.orphaned {
      summary.annotations += 1
      if a.tags.isEmpty { summary.skipped += 1 }
      let fragments = Self.fragments(a.range, in: item.document)
      let offsets = fragments.map { "\($0.start) \($0.end)" }.joined(separator: ";")
      let text = fragments.map { item.document.string(in: $0) }.joined(separator: " ")
      for tag in a.tags {
        t += 1
        ann += "T\(t)\t\(tag) \(offsets)\t\(text)\n"
        summary.records += 1
        if let note = a.note {
          notes += 1
          let flat = String(note.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" || $0 == "\t" ? " " : $0 })
          ann += "#\(notes)\tAnnotatorNotes T\(t)\t\(flat)\n"
        }
      }
    }
    try FileSystem.writeFile(Array(ann.utf8), to: base + ".ann")
  }

  public mutating func end() throws(WriteError) {}

  /// brat pairs `NAME.txt` with `NAME.ann`: a `.txt` document id loses its ending.
  static func baseName(_ id: String) -> String {
    id.hasSuffix(".txt") ? String(id.dropLast(4)) : id
  }

  /// The range cut at line breaks, each piece without them.
  static func fragments(_ range: TextRange, in document: Document) -> [TextRange] {
    let scalars = Array(document.string(in: range).unicodeScalars)
    var pieces: [TextRange] = []
    var start = 0
    var i = 0
    while i <= scalars.count {
      if i == scalars.count || scalars[i] == "\n" || scalars[i] == "\r" {
        if start < i { pieces.append(TextRange(start: range.start + start, end: range.start + i)) }
        start = i + 1
      }
      i += 1
    }
    return pieces.isEmpty ? [range] : pieces
  }
}
