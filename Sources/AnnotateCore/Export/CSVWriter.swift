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
  /// A block's rows, going into the sink on a thread of their own while
  /// the next block is read and made (made when the first block is).
  private var pipeline: PipelinedWriter?

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
    try pipeline?.finish()
    if besides != nil { gatherLevel(item) }
    // Written out as the rows come (a document may have a million spans).
    let sink = sink
    let rows = try Self.rows(of: RowSource(item), excelSafe: options.excelSafe) { bytes throws(WriteError) in
      guard bytes.count >= 1 << 16 else { return }
      try sink.write(bytes)
      bytes.removeAll(keepingCapacity: true)
    }
    try emit(rows)
  }

  /// The rows of a block's documents are made on every core, then written
  /// in order. A document with more spans than ``parallelLimit`` streams
  /// through ``write(_:)`` instead, so memory stays bounded by the block.
  public mutating func write(block: inout [AnnotatedDocument]) throws(WriteError) {
    if besides != nil { block.forEach { gatherLevel($0) } }
    var large: [Int: AnnotatedDocument] = [:]
    var sources: [RowSource?] = []
    for (k, item) in block.enumerated() {
      if item.set.count > Self.parallelLimit {
        large[k] = item
        sources.append(nil)
      } else {
        sources.append(RowSource(item))
      }
    }
    block = []
    let safe = options.excelSafe
    let rows = Parallel.map(taking: &sources) { source in
      source.map { Self.rows(of: $0, excelSafe: safe) { _ in } }
    }
    guard large.isEmpty else {
      for (k, rows) in rows.enumerated() {
        if let rows {
          try pipeline?.finish()
          try emit(rows)
        } else if let item = large.removeValue(forKey: k) {
          try write(item)
        }
      }
      return
    }
    // The block's rows are written while the next block is read: the
    // copying into the file no longer leaves the other cores idle.
    var pieces: [[UInt8]] = []
    pieces.reserveCapacity(rows.count)
    for case let rows? in rows {
      count(rows)
      pieces.append(rows.bytes)
    }
    if pipeline == nil { pipeline = PipelinedWriter(sink) }
    try pipeline!.write(pieces)
  }

  /// Documents with more spans than this are written on their own, not in
  /// a block's rows held in memory at once (a million-span document's CSV
  /// is 250 MB).
  static let parallelLimit = 20_000

  /// What the rows of one annotator's document are made from, on any thread.
  struct RowSource: Sendable {
    var documentID: String
    var annotator: String
    var sha256: String
    var units: [TextRange]
    var set: AnnotationSet

    init(_ item: AnnotatedDocument) {
      documentID = item.document.id
      annotator = item.annotator
      sha256 = item.document.sha256
      units = item.document.units(.sentence)
      set = item.set
    }
  }

  /// The rows of a document, and how many of what they hold.
  struct Rows: Sendable {
    var bytes: [UInt8] = []
    var annotations = 0
    var records = 0
    var orphans = 0
  }

  /// Counts a document's rows and writes what is left of them.
  private mutating func emit(_ rows: Rows) throws(WriteError) {
    count(rows)
    try sink.write(rows.bytes)
  }

  private mutating func count(_ rows: Rows) {
    summary.documents += 1
    summary.orphans += rows.orphans
    summary.annotations += rows.annotations
    summary.records += rows.records
  }

  /// The rows of a document; `spill` is given the bytes after each row,
  /// and may write them out and empty them.
  static func rows<E: Error>(
    of source: consuming RowSource, excelSafe safe: Bool, spill: (inout [UInt8]) throws(E) -> Void
  ) throws(E) -> Rows {
    func field(_ value: String, _ out: inout [UInt8], text: Bool) { Self.field(value, &out, excelSafe: text && safe) }
    var out = Rows()
    // What every row of the document repeats, quoted once.
    var document: [UInt8] = []
    field(source.documentID, &document, text: true)
    document.append(UInt8(ascii: ","))
    var annotator: [UInt8] = [UInt8(ascii: ",")]
    field(source.annotator, &annotator, text: true)
    annotator.append(UInt8(ascii: ","))
    let sha = Array(source.sha256.utf8)
    let units = source.units
    var line: [UInt8] = []
    // About a row per span (kept to a megabyte when they stream out).
    line.reserveCapacity(min(source.set.count, 4096) * 256)
    try source.set.annotations.forEachInPlace { a throws(E) in
      // An orphan's words are gone from the document: its row keeps its
      // quote and context, flagged, with no offsets (none would be right).
      if a.pointee.orphaned { out.orphans += 1 }
      out.annotations += 1
      let sentences = a.pointee.orphaned ? nil : Document.unitNumbers(of: a.pointee.range, in: units)
      let rows = max(a.pointee.tags.count, 1)
      for row in 0..<rows {
        line.append(contentsOf: document)
        line.appendDecimal(a.pointee.id)
        line.append(contentsOf: annotator)
        if !a.pointee.tags.isEmpty { field(a.pointee.tags[row], &line, text: true) }
        line.append(UInt8(ascii: ","))
        if !a.pointee.orphaned {
          line.appendDecimal(a.pointee.range.start)
          line.append(UInt8(ascii: ","))
          line.appendDecimal(a.pointee.range.end)
        } else {
          line.append(UInt8(ascii: ","))
        }
        line.append(UInt8(ascii: ","))
        if let sentences {
          line.appendDecimal(sentences.lowerBound)
          if sentences.count > 1 {
            line.append(UInt8(ascii: "-"))
            line.appendDecimal(sentences.upperBound)
          }
        }
        line.append(UInt8(ascii: ","))
        field(a.pointee.quote.exact, &line, text: true)
        line.append(UInt8(ascii: ","))
        field(a.pointee.quote.prefix, &line, text: true)
        line.append(UInt8(ascii: ","))
        field(a.pointee.quote.suffix, &line, text: true)
        line.append(UInt8(ascii: ","))
        if let note = a.pointee.note { field(note, &line, text: true) }
        line.append(UInt8(ascii: ","))
        field(a.pointee.created, &line, text: false)
        line.append(UInt8(ascii: ","))
        field(a.pointee.modified, &line, text: false)
        line.append(UInt8(ascii: ","))
        line.append(contentsOf: sha)
        line.append(contentsOf: a.pointee.orphaned ? ",orphaned,".utf8 : ",anchored,".utf8)
        if !a.pointee.attributes.isEmpty {
          field(
            a.pointee.attributes.keys.sorted().map { "\($0)=\(a.pointee.attributes[$0]!)" }.joined(separator: ";"),
            &line,
            text: true)
        }
        line.append(0x0D)
        line.append(0x0A)
        out.records += 1
        try spill(&line)
      }
    }
    out.bytes = line
    return out
  }

  public mutating func end() throws(WriteError) {
    try pipeline?.finish()
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
    Self.field(value, &out, excelSafe: text && options.excelSafe)
  }

  /// ``field(_:_:text:)`` with the neutralising decided by the caller.
  static func field(_ value: String, _ out: inout [UInt8], excelSafe: Bool) {
    if excelSafe, let first = value.utf8.first,
      first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
        || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0D
    {
      Self.appendField("'" + value, to: &out)
      return
    }
    Self.appendField(value, to: &out)
  }

  /// Appends one RFC 4180 field, quoted when it holds a comma, a quote or a line break.
  static func appendField(_ value: String, to out: inout [UInt8]) {
    withUTF8Bytes(value) { appendField(utf8: $0, to: &out) }
  }

  static func appendField(utf8 bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    // Printable ASCII other than `,` and `"` is taken eight bytes at a
    // time; only a control, a non-ASCII byte or those two are looked at.
    var i = printableASCIIRunEnd(bytes, from: 0, except: UInt8(ascii: ","), UInt8(ascii: "\""))
    while i < bytes.count {
      let b = bytes[i]
      if b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 0x0A || b == 0x0D { break }
      i = printableASCIIRunEnd(bytes, from: i + 1, except: UInt8(ascii: ","), UInt8(ascii: "\""))
    }
    guard i < bytes.count else {
      out.append(contentsOf: bytes)
      return
    }
    out.append(UInt8(ascii: "\""))
    appendEscaping(
      bytes, to: &out, except: UInt8(ascii: "\""), UInt8(ascii: "\""),
      special: { bytes[$0] == UInt8(ascii: "\"") ? (0x22, 1) : nil },
      replace: { _, out in out += [UInt8(ascii: "\""), UInt8(ascii: "\"")] })
    out.append(UInt8(ascii: "\""))
  }

  /// One RFC 4180 field as a string.
  static func field(_ value: String) -> String {
    var bytes: [UInt8] = []
    appendField(value, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }
}
