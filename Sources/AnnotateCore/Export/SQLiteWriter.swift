import CSQLite

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A SQLite database of the corpus and its annotations, for R's DBI,
/// pandas' `read_sql` and datasette. The schema is in docs/formats.md:
///
/// - `documents(id, path, sha256, characters, text)`
/// - `sentences(document, number, start, end, text)`
/// - `annotators(name)`, `tags(name, position, definition, color, key)`
/// - `annotations(document, annotator, id, start, end, text, prefix,
///   suffix, note, created, modified, status, sentence_first, sentence_last)`
///   — an orphan has `status` `orphaned` and no offsets
/// - `annotation_tags(document, annotator, annotation_id, tag)`
/// - views `notes` and `spans` (one row per annotation and tag, as the CSV)
///
/// Offsets are code points, half-open, as SQLite's own `substr` counts
/// them: `substr(text, start + 1, end - start)` is the span's text. The
/// database is built beside the destination and renamed over it at the
/// end, so a failed export leaves what was there.
public final class SQLiteWriter: AnnotationWriter {
  let path: String
  let codebook: Codebook
  let temporary: String
  private var db: OpaquePointer?
  private var statements: [String: OpaquePointer] = [:]
  private var documentsWritten = Set<String>()
  private var annotatorsWritten = Set<String>()
  public private(set) var summary = ExportSummary()

  public static let schema = """
    CREATE TABLE documents (
      id TEXT PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT NOT NULL, characters INTEGER NOT NULL, text TEXT NOT NULL);
    CREATE TABLE sentences (
      document TEXT NOT NULL REFERENCES documents(id), number INTEGER NOT NULL,
      start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (document, number));
    CREATE TABLE annotators (name TEXT PRIMARY KEY);
    CREATE TABLE tags (
      name TEXT PRIMARY KEY, position INTEGER NOT NULL, definition TEXT NOT NULL, color TEXT NOT NULL, "key" TEXT);
    CREATE TABLE annotations (
      document TEXT NOT NULL REFERENCES documents(id), annotator TEXT NOT NULL REFERENCES annotators(name),
      id INTEGER NOT NULL, start INTEGER, "end" INTEGER, text TEXT NOT NULL, prefix TEXT NOT NULL,
      suffix TEXT NOT NULL, note TEXT, created TEXT NOT NULL, modified TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('anchored', 'orphaned')),
      sentence_first INTEGER, sentence_last INTEGER, PRIMARY KEY (document, annotator, id));
    CREATE TABLE annotation_tags (
      document TEXT NOT NULL, annotator TEXT NOT NULL, annotation_id INTEGER NOT NULL, tag TEXT NOT NULL,
      PRIMARY KEY (document, annotator, annotation_id, tag),
      FOREIGN KEY (document, annotator, annotation_id) REFERENCES annotations(document, annotator, id));
    CREATE TABLE relations (
      document TEXT NOT NULL, annotator TEXT NOT NULL, from_id INTEGER NOT NULL, to_id INTEGER NOT NULL,
      type TEXT NOT NULL, created TEXT NOT NULL, PRIMARY KEY (document, annotator, from_id, to_id, type),
      FOREIGN KEY (document, annotator, from_id) REFERENCES annotations(document, annotator, id),
      FOREIGN KEY (document, annotator, to_id) REFERENCES annotations(document, annotator, id));
    CREATE TABLE annotation_attributes (
      document TEXT NOT NULL, annotator TEXT NOT NULL, annotation_id INTEGER NOT NULL, name TEXT NOT NULL,
      value TEXT NOT NULL, PRIMARY KEY (document, annotator, annotation_id, name),
      FOREIGN KEY (document, annotator, annotation_id) REFERENCES annotations(document, annotator, id));
    CREATE TABLE document_codes (
      document TEXT NOT NULL REFERENCES documents(id), annotator TEXT NOT NULL REFERENCES annotators(name),
      variable TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (document, annotator, variable, value));
    CREATE TABLE document_progress (
      document TEXT NOT NULL REFERENCES documents(id), annotator TEXT NOT NULL REFERENCES annotators(name),
      done TEXT, nothing_to_code INTEGER NOT NULL, PRIMARY KEY (document, annotator));
    CREATE VIEW notes AS
      SELECT document, annotator, id AS annotation_id, note FROM annotations WHERE note IS NOT NULL;
    CREATE VIEW spans AS
      SELECT a.document, a.id AS annotation_id, a.annotator, t.tag, a.start, a."end", a.text, a.note, a.status
      FROM annotations a LEFT JOIN annotation_tags t
        ON t.document = a.document AND t.annotator = a.annotator AND t.annotation_id = a.id;
    """

  public init(path: String, codebook: Codebook) {
    self.path = path
    self.codebook = codebook
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[..<$0]) } ?? "."
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    temporary = folder + "/." + name + ".tmp-\(getpid())"
  }

  deinit { close(keep: false) }

  public func begin() throws(WriteError) {
    unlink(temporary)
    guard sqlite3_open_v2(temporary, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK else {
      throw failure(.creatingFile)
    }
    try exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN;")
    try exec(Self.schema)
    for (i, tag) in codebook.tags.enumerated() {
      try insert(
        "tags",
        [
          .text(tag.name), .int(i + 1), .text(tag.definition), .text(tag.color.name),
          tag.key.map { .text(String($0)) } ?? .null,
        ])
    }
  }

  public func write(_ item: AnnotatedDocument) throws(WriteError) {
    summary.documents += 1
    let document = item.document
    if documentsWritten.insert(document.id).inserted {
      try insert(
        "documents",
        [
          .text(document.id), .text(document.path), .text(document.sha256), .int(document.text.scalarCount),
          .text(document.text.string),
        ])
      for (i, range) in document.units(.sentence).enumerated() {
        try insert(
          "sentences",
          [.text(document.id), .int(i + 1), .int(range.start), .int(range.end), .text(document.string(in: range))])
      }
    }
    if annotatorsWritten.insert(item.annotator).inserted { try insert("annotators", [.text(item.annotator)]) }
    for a in item.set.annotations {
      summary.annotations += 1
      if a.orphaned { summary.orphans += 1 }
      let numbers = a.orphaned ? nil : document.unitNumbers(of: a.range)
      try insert(
        "annotations",
        [
          .text(document.id), .text(item.annotator), .int(a.id), a.orphaned ? .null : .int(a.range.start),
          a.orphaned ? .null : .int(a.range.end), .text(a.quote.exact), .text(a.quote.prefix), .text(a.quote.suffix),
          a.note.map { .text($0) } ?? .null, .text(a.created), .text(a.modified),
          .text(a.orphaned ? "orphaned" : "anchored"),
          numbers.map { .int($0.lowerBound) } ?? .null, numbers.map { .int($0.upperBound) } ?? .null,
        ])
      for name in a.attributes.keys.sorted() {
        try insert(
          "annotation_attributes",
          [.text(document.id), .text(item.annotator), .int(a.id), .text(name), .text(a.attributes[name]!)])
      }
      for tag in a.tags {
        // A tag the codebook lacks still has its row, after the codebook's.
        if codebook.tag(named: tag) == nil {
          try run("INSERT OR IGNORE INTO tags VALUES (?, (SELECT count(*) + 1 FROM tags), '', '', NULL)", [.text(tag)])
        }
        try insert("annotation_tags", [.text(document.id), .text(item.annotator), .int(a.id), .text(tag)])
      }
      summary.records += 1
    }
    for r in item.set.relations {
      try insert(
        "relations",
        [.text(document.id), .text(item.annotator), .int(r.from), .int(r.to), .text(r.type), .text(r.created)])
    }
    for name in item.set.codes.keys.sorted() {
      for value in item.set.codes[name]! {
        try insert("document_codes", [.text(document.id), .text(item.annotator), .text(name), .text(value)])
      }
    }
    let progress = item.set.progress
    if !progress.isEmpty {
      try insert(
        "document_progress",
        [
          .text(document.id), .text(item.annotator), progress.done.map { .text($0) } ?? .null,
          .int(progress.nothingToCode.count),
        ])
    }
  }

  public func end() throws(WriteError) {
    try exec("COMMIT;")
    close(keep: true)
    // The finished file, synced, replaces whatever was there.
    let fd = open(temporary, O_RDONLY | O_CLOEXEC)
    if fd >= 0 {
      fsync(fd)
      systemClose(fd)
    }
    if rename(temporary, path) != 0 { throw WriteError(path: path, step: .renaming, reason: errorString()) }
  }

  // MARK: SQLite

  enum Value {
    case text(String)
    case int(Int)
    case null
  }

  private func insert(_ table: String, _ values: [Value]) throws(WriteError) {
    try run(
      "INSERT INTO \(table) VALUES (" + Array(repeating: "?", count: values.count).joined(separator: ",") + ")", values)
  }

  /// Runs one statement (prepared once, kept) with its values bound.
  private func run(_ sql: String, _ values: [Value]) throws(WriteError) {
    var statement = statements[sql]
    if statement == nil {
      guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let made = statement else {
        throw failure(.writing)
      }
      statements[sql] = made
    }
    let s = statement!
    sqlite3_reset(s)
    for (i, value) in values.enumerated() {
      let index = Int32(i + 1)
      switch value {
      case .text(let text):
        // By length (a NUL is text too); SQLITE_TRANSIENT: SQLite copies the bytes now.
        let bytes = Array(text.utf8)
        if bytes.isEmpty {
          sqlite3_bind_text(s, index, "", 0, Self.transient)
        } else {
          bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
              _ = sqlite3_bind_text(s, index, $0.baseAddress, Int32(bytes.count), Self.transient)
            }
          }
        }
      case .int(let n): sqlite3_bind_int64(s, index, sqlite3_int64(n))
      case .null: sqlite3_bind_null(s, index)
      }
    }
    guard sqlite3_step(s) == SQLITE_DONE else { throw failure(.writing) }
  }

  private func exec(_ sql: String) throws(WriteError) {
    guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw failure(.writing) }
  }

  private func failure(_ step: WriteStep) -> WriteError {
    let reason = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
    return WriteError(path: path, step: step, reason: reason)
  }

  private func close(keep: Bool) {
    for statement in statements.values { sqlite3_finalize(statement) }
    statements.removeAll()
    if let db { sqlite3_close(db) }
    db = nil
    if !keep { unlink(temporary) }
  }

  /// SQLite's SQLITE_TRANSIENT (-1 as a destructor: copy the value now).
  static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// `close(2)`, named apart from `SQLiteWriter.close(keep:)`.
@discardableResult
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
