import CByteMask

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

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
    // Written out as the rows come, a chunk of spans at a time (a document
    // may have a million).
    let sink = sink
    let rows = try Self.rows(of: RowSource(item), excelSafe: options.excelSafe) { piece throws(WriteError) in
      try sink.write(piece)
    }
    count(rows)
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
      source.map { source in
        var pieces: [[UInt8]] = []
        var rows = Self.rows(of: source, excelSafe: safe) { pieces.append($0) }
        rows.pieces = pieces
        return rows
      }
    }
    guard large.isEmpty else {
      for (k, rows) in rows.enumerated() {
        if let rows {
          try pipeline?.finish()
          count(rows)
          for piece in rows.pieces { try sink.write(piece) }
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
      pieces += rows.pieces
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
    /// The rows' bytes, a piece per chunk of spans (when they are kept).
    var pieces: [[UInt8]] = []
    var annotations = 0
    var records = 0
    var orphans = 0
  }

  private mutating func count(_ rows: Rows) {
    summary.documents += 1
    summary.orphans += rows.orphans
    summary.annotations += rows.annotations
    summary.records += rows.records
  }

  /// The rows of a document, given to `piece` a chunk of spans at a time
  /// (some hundreds: a document of a million spans streams out).
  ///
  /// Each chunk's rows are written through a cursor into an array made
  /// with room for the most they can take (every text byte a doubled
  /// quote), counted from the spans first: appending field by field to a
  /// growing array cost a third of making the rows.
  static func rows<E: Error>(
    of source: consuming RowSource, excelSafe safe: Bool, piece: ([UInt8]) throws(E) -> Void
  ) throws(E) -> Rows {
    var out = Rows()
    // What every row of the document repeats, quoted once.
    var document: [UInt8] = []
    field(source.documentID, &document, excelSafe: safe)
    document.append(UInt8(ascii: ","))
    var annotator: [UInt8] = [UInt8(ascii: ",")]
    field(source.annotator, &annotator, excelSafe: safe)
    annotator.append(UInt8(ascii: ","))
    let sha = Array(source.sha256.utf8)
    let units = source.units
    // Per row: the repeated pieces, five numbers, ten commas and the `-`
    // of a sentence range, the status between its commas, CRLF.
    let fixed =
      document.count + annotator.count + sha.count + 5 * decimalBound + 11 + anchoredStatus.utf8CodeUnitCount + 2
    try source.set.annotations.forEachChunkInPlace { chunk throws(E) in
      var bound = 0
      for i in chunk.indices {
        let a = chunk.baseAddress! + i
        var tag = 0
        for name in a.pointee.tags { tag = max(tag, fieldBound(name)) }
        var texts =
          fieldBound(a.pointee.quote.exact) + fieldBound(a.pointee.quote.prefix) + fieldBound(a.pointee.quote.suffix)
        texts += fieldBound(a.pointee.note ?? "") + fieldBound(a.pointee.created) + fieldBound(a.pointee.modified)
        texts += fieldBound(byteCount: attributesByteCount(a.pointee.attributes))
        bound += max(a.pointee.tags.count, 1) * (fixed + tag + texts)
      }
      let bytes = [UInt8](unsafeUninitializedCapacity: bound) { buffer, written in
        var line = ByteCursor(at: buffer.baseAddress!)
        document.withUnsafeBufferPointer { document in
          annotator.withUnsafeBufferPointer { annotator in
            sha.withUnsafeBufferPointer { sha in
              for i in chunk.indices {
                let a = chunk.baseAddress! + i
                // An orphan's words are gone from the document: its row keeps its
                // quote and context, flagged, with no offsets (none would be right).
                if a.pointee.orphaned { out.orphans += 1 }
                out.annotations += 1
                let sentences = a.pointee.orphaned ? nil : Document.unitNumbers(of: a.pointee.range, in: units)
                let attributes =
                  a.pointee.attributes.isEmpty
                  ? nil
                  : a.pointee.attributes.keys.sorted().map { "\($0)=\(a.pointee.attributes[$0]!)" }.joined(
                    separator: ";")
                for row in 0..<max(a.pointee.tags.count, 1) {
                  line.append(run: document)
                  line.appendDecimal(a.pointee.id)
                  line.append(run: annotator)
                  if !a.pointee.tags.isEmpty { field(a.pointee.tags[row], &line, excelSafe: safe) }
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
                  field(a.pointee.quote.exact, &line, excelSafe: safe)
                  line.append(UInt8(ascii: ","))
                  field(a.pointee.quote.prefix, &line, excelSafe: safe)
                  line.append(UInt8(ascii: ","))
                  field(a.pointee.quote.suffix, &line, excelSafe: safe)
                  line.append(UInt8(ascii: ","))
                  if let note = a.pointee.note { field(note, &line, excelSafe: safe) }
                  line.append(UInt8(ascii: ","))
                  field(a.pointee.created, &line, excelSafe: false)
                  line.append(UInt8(ascii: ","))
                  field(a.pointee.modified, &line, excelSafe: false)
                  line.append(UInt8(ascii: ","))
                  line.append(run: sha)
                  line.append(a.pointee.orphaned ? orphanedStatus : anchoredStatus)
                  if let attributes { field(attributes, &line, excelSafe: safe) }
                  line.append(0x0D)
                  line.append(0x0A)
                  out.records += 1
                }
              }
            }
          }
        }
        written = line.at - buffer.baseAddress!
        precondition(written <= bound, "CSV rows overran their room")
      }
      try piece(bytes)
    }
    return out
  }

  private static let anchoredStatus: StaticString = ",anchored,"
  private static let orphanedStatus: StaticString = ",orphaned,"
  /// The most bytes a whole number takes in decimal (a sign and 19 digits).
  private static let decimalBound = 20

  /// The most bytes a field of `value` takes: each byte a doubled quote,
  /// the two quotes around, and the `'` that neutralises a formula.
  @inline(__always)
  private static func fieldBound(_ value: String) -> Int { fieldBound(byteCount: value.utf8.count) }

  @inline(__always)
  private static func fieldBound(byteCount: Int) -> Int { 2 * byteCount + 3 }

  /// The length in bytes of `name=value;…` (what the attributes column holds).
  private static func attributesByteCount(_ attributes: [String: String]) -> Int {
    guard !attributes.isEmpty else { return 0 }
    return attributes.reduce(attributes.count - 1) { $0 + $1.key.utf8.count + 1 + $1.value.utf8.count }
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

  /// One RFC 4180 field, quoted when it holds a comma, a quote or a line
  /// break, neutralised when asked (``field(_:_:text:)`` decides for the writer).
  @inline(__always)
  static func field(_ value: String, _ out: inout some ByteOutput, excelSafe: Bool) {
    withUTF8Bytes(value) { appendField(utf8: $0, to: &out, excelSafe: excelSafe) }
  }

  /// ``field(_:_:excelSafe:)`` of UTF-8 bytes; with `excelSafe`, a field
  /// that starts with = + - @ (or a tab, a CR) is written after a `'`.
  static func appendField(
    utf8 bytes: UnsafeBufferPointer<UInt8>, to out: inout some ByteOutput, excelSafe: Bool = false
  ) {
    let neutralised =
      excelSafe
      && bytes.first.map { first in
        first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
          || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0D
      } ?? false
    // The bytes that make a field quoted are looked for 16 at a time.
    guard let base = bytes.baseAddress, annotate_csv_special_index(base, bytes.count) < bytes.count else {
      if neutralised { out.append(UInt8(ascii: "'")) }
      out.append(run: bytes)
      return
    }
    out.append(UInt8(ascii: "\""))
    if neutralised { out.append(UInt8(ascii: "'")) }
    // Each `"` is doubled: the run up to it and it, then one more.
    var run = 0
    while run < bytes.count, let found = memchr(base + run, 0x22, bytes.count - run) {
      let quote = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
      out.append(run: UnsafeBufferPointer(rebasing: bytes[run...quote]))
      out.append(UInt8(ascii: "\""))
      run = quote + 1
    }
    if run < bytes.count { out.append(run: UnsafeBufferPointer(rebasing: bytes[run...])) }
    out.append(UInt8(ascii: "\""))
  }

  /// One RFC 4180 field as a string.
  static func field(_ value: String) -> String {
    var bytes: [UInt8] = []
    field(value, &bytes, excelSafe: false)
    return String(decoding: bytes, as: UTF8.self)
  }
}
