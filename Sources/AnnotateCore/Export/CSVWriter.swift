/// Options of the CSV writer.
public struct CSVOptions: Sendable {
  /// Start with a UTF-8 byte-order mark (for Excel).
  public var byteOrderMark = false
  /// Prefix cells that start with = + - @ (and tab, CR) with ' (CSV injection).
  public var excelSafe = false

  public init(byteOrderMark: Bool = false, excelSafe: Bool = false) {
    self.byteOrderMark = byteOrderMark
    self.excelSafe = excelSafe
  }
}

/// RFC 4180 CSV (CRLF line ends, fields quoted when they hold a comma, a
/// quote or a line break), UTF-8.
public struct CSVWriter: AnnotationWriter {
  public static let columns = [
    "document", "annotation_id", "annotator", "tag", "start", "end", "sentence", "text", "prefix", "suffix", "note",
    "created", "modified", "document_sha256", "status", "attributes",
  ]
  let sink: OutputSink
  let options: CSVOptions
  public private(set) var summary = ExportSummary()

  /// Where the relations and document tables go, beside the span file
  /// (`out.csv` → `out.relations.csv`, `out.documents.csv`); nil: not written.
  let besides: String?
  /// Rows of the tables beside, gathered as the spans stream (they are small).
  private var relationRows: [[String]] = []
  private var documentRows: [[String]] = []
  public private(set) var tablesWritten: [String] = []

  public static let relationColumns = ["document", "annotator", "from_id", "to_id", "type", "created"]
  public static let documentColumns = ["document", "annotator", "variable", "value", "done"]

  public init(sink: OutputSink, options: CSVOptions = CSVOptions(), besides: String? = nil) {
    self.sink = sink
    self.options = options
    self.besides = besides
  }

  /// `out.csv` → `out.relations.csv`.
  public static func tablePath(_ path: String, _ table: String) -> String {
    (path.hasSuffix(".csv") ? String(path.dropLast(4)) : path) + "." + table + ".csv"
  }

  public mutating func begin() throws(WriteError) {
    if options.byteOrderMark { try sink.write([0xEF, 0xBB, 0xBF]) }
    try sink.write(Self.columns.joined(separator: ",") + "\r\n")
  }

  public mutating func write(_ item: AnnotatedDocument) throws(WriteError) {
    summary.documents += 1
    if besides != nil { gatherLevel(item) }
    let sha = item.document.sha256
    var line: [UInt8] = []
    line.reserveCapacity(512)
    for a in item.set.annotations {
      // An orphan's words are gone from the document: its row keeps its
      // quote and context, flagged, with no offsets (none would be right).
      if a.orphaned { summary.orphans += 1 }
      summary.annotations += 1
      let sentence = a.orphaned ? "" : sentenceLabel(a.range, in: item.document)
      for tag in a.tags.isEmpty ? [""] : a.tags {
        line.removeAll(keepingCapacity: true)
        field(item.document.id, &line, text: true)
        line.append(UInt8(ascii: ","))
        line.append(contentsOf: String(a.id).utf8)
        line.append(UInt8(ascii: ","))
        field(item.annotator, &line, text: true)
        line.append(UInt8(ascii: ","))
        field(tag, &line, text: true)
        line.append(contentsOf: (a.orphaned ? ",,," : ",\(a.range.start),\(a.range.end),").utf8)
        field(sentence, &line, text: false)
        line.append(UInt8(ascii: ","))
        field(a.quote.exact, &line, text: true)
        line.append(UInt8(ascii: ","))
        field(a.quote.prefix, &line, text: true)
        line.append(UInt8(ascii: ","))
        field(a.quote.suffix, &line, text: true)
        line.append(UInt8(ascii: ","))
        field(a.note ?? "", &line, text: true)
        line.append(contentsOf: ",\(a.created),\(a.modified),\(sha),\(a.orphaned ? "orphaned" : "anchored"),".utf8)
        field(a.attributes.keys.sorted().map { "\($0)=\(a.attributes[$0]!)" }.joined(separator: ";"), &line, text: true)
        line.append(contentsOf: "\r\n".utf8)
        try sink.write(line)
        summary.records += 1
      }
    }
  }

  public mutating func end() throws(WriteError) {
    try sink.flush()
    guard let besides else { return }
    for (table, columns, rows) in [
      ("relations", Self.relationColumns, relationRows), ("documents", Self.documentColumns, documentRows),
    ] where !rows.isEmpty {
      let path = Self.tablePath(besides, table)
      let out = try OutputSink(path: path)
      var text: [UInt8] = []
      if options.byteOrderMark { text += [0xEF, 0xBB, 0xBF] }
      for row in [columns] + rows {
        for (i, value) in row.enumerated() {
          if i > 0 { text.append(UInt8(ascii: ",")) }
          field(value, &text, text: true)
        }
        text += [0x0D, 0x0A]
      }
      try out.write(text)
      try out.commit()
      tablesWritten.append(path)
      summary.extraFiles.append(path)
    }
  }

  /// Keeps a document's relations and codes for the tables beside.
  mutating func gatherLevel(_ item: AnnotatedDocument) {
    for r in item.set.relations {
      relationRows.append([item.document.id, item.annotator, String(r.from), String(r.to), r.type, r.created])
    }
    let done = item.set.progress.done ?? ""
    for name in item.set.codes.keys.sorted() {
      for value in item.set.codes[name]! { documentRows.append([item.document.id, item.annotator, name, value, done]) }
    }
    if item.set.codes.isEmpty && !done.isEmpty {
      documentRows.append([item.document.id, item.annotator, "", "", done])
    }
  }

  /// Appends one field, quoted when needed; text fields are neutralised
  /// against formula injection when asked.
  func field(_ value: String, _ out: inout [UInt8], text: Bool) {
    var value = value
    if options.excelSafe && text, let first = value.utf8.first,
      first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
        || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0D
    {
      value = "'" + value
    }
    Self.appendField(value, to: &out)
  }

  /// Appends one RFC 4180 field, quoted when it holds a comma, a quote or a line break.
  static func appendField(_ value: String, to out: inout [UInt8]) {
    let needsQuotes = value.utf8.contains {
      $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D
    }
    guard needsQuotes else {
      out.append(contentsOf: value.utf8)
      return
    }
    out.append(UInt8(ascii: "\""))
    for byte in value.utf8 {
      if byte == UInt8(ascii: "\"") { out.append(byte) }
      out.append(byte)
    }
    out.append(UInt8(ascii: "\""))
  }

  /// One RFC 4180 field as a string.
  static func field(_ value: String) -> String {
    var bytes: [UInt8] = []
    appendField(value, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }
}
