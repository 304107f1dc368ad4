import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#endif

/// The formats annotate reads back.
public enum ImportFormat: String, CaseIterable, Sendable {
  case brat, doccano, prodigy, csv, tsv
}

/// One span read from a file, not yet in any sidecar.
public struct ImportedSpan: Equatable, Sendable {
  public var documentID: String
  /// Whose sidecar it goes to (from the file, or the annotator named).
  public var annotator: String
  public var range: TextRange
  public var tags: [String]
  public var note: String?
  /// Kept when the file has them (CSV round trips).
  public var id: Int?
  public var created: String?
  public var modified: String?
}

/// A problem in an import file, with where it is.
public struct ImportProblem: Equatable, Sendable {
  public var path: String
  public var line: Int
  public var problem: String
  public var message: String { line > 0 ? "\(path):\(line): \(problem)" : "\(path): \(problem)" }
}

/// What an import did.
public struct ImportSummary: Equatable, Sendable {
  public var spans = 0
  public var merged = 0
  public var documents = 0
}

/// Reads annotations from other tools' files into sidecars. Every offset is
/// checked against the document text first; any problem means nothing is
/// imported.
public struct Importer {
  public var corpus: Corpus
  public var codebook: Codebook
  /// The annotator for formats that name none (required for them).
  public var annotator: String?

  public init(corpus: Corpus, codebook: Codebook, annotator: String?) {
    self.corpus = corpus
    self.codebook = codebook
    self.annotator = annotator
  }

  /// Parses and checks every file; spans only when there is no problem at all.
  public func read(_ format: ImportFormat, paths: [String]) -> (spans: [ImportedSpan], problems: [ImportProblem]) {
    var spans: [ImportedSpan] = []
    var problems: [ImportProblem] = []
    if let annotator, !isValidAnnotatorName(annotator) {
      return (
        [],
        [
          ImportProblem(
            path: paths.first ?? "-", line: 0,
            problem: "'\(annotator)' is not a valid annotator name — use \(annotatorNameRule)")
        ]
      )
    }
    var textIndex: [String: Document]?
    if format != .csv && annotator == nil {
      return (
        [],
        [
          ImportProblem(
            path: paths.first ?? "-", line: 0, problem: "name the annotator to import into (--annotator NAME)")
        ]
      )
    }
    for path in paths {
      switch format {
      case .brat:
        for ann in Self.files(under: path, ending: ".ann") { readBrat(ann, root: path, into: &spans, &problems) }
      case .doccano, .prodigy: readJSONL(path, format: format, textIndex: &textIndex, into: &spans, &problems)
      case .csv: readCSV(path, into: &spans, &problems)
      case .tsv: readTSV(path, into: &spans, &problems)
      }
    }
    return problems.isEmpty ? (spans, []) : ([], problems)
  }

  // MARK: Shared checks

  func document(_ id: String) -> Document? {
    if let i = corpus.index(ofID: id) { return corpus.documents[i] }
    if let i = corpus.index(ofID: id + ".txt") { return corpus.documents[i] }
    return nil
  }

  /// Tag names: each must be in the codebook (names compared exactly, then by case).
  func tagName(_ raw: String) -> String? {
    if codebook.tag(named: raw) != nil { return raw }
    return codebook.names.first { $0.lowercased() == raw.lowercased() }
  }

  func checkRange(_ start: Int, _ end: Int, in document: Document) -> String? {
    guard start >= 0, start <= end else { return "offsets \(start)-\(end) do not make a span" }
    guard end <= document.text.scalarCount else {
      return "offsets \(start)-\(end) are past the end of \(document.id) (\(document.text.scalarCount) characters)"
    }
    return nil
  }

  static func readAll(_ path: String, _ problems: inout [ImportProblem]) -> [UInt8]? {
    switch Corpus.readFile(path) {
    case .success(let bytes): return bytes
    case .failure(let problem):
      problems.append(ImportProblem(path: path, line: 0, problem: problem.message))
      return nil
    }
  }

  /// Files with an ending under a path (the path itself when it is a file), sorted.
  static func files(under path: String, ending: String) -> [String] {
    var info = stat()
    guard stat(path, &info) == 0 else { return [path] }
    guard info.st_mode & S_IFMT == S_IFDIR else { return [path] }
    var found: [String] = []
    func walk(_ folder: String) {
      guard let dir = opendir(folder) else { return }
      var names: [String] = []
      while let entry = readdir(dir) {
        let name = directoryEntryName(entry)
        if !name.hasPrefix(".") { names.append(name) }
      }
      closedir(dir)
      for name in names.sorted() {
        var entryInfo = stat()
        let full = folder + "/" + name
        guard lstat(full, &entryInfo) == 0 else { continue }
        if entryInfo.st_mode & S_IFMT == S_IFDIR { walk(full) } else if name.hasSuffix(ending) { found.append(full) }
      }
    }
    walk(path)
    return found
  }

  // MARK: brat

  func readBrat(_ path: String, root: String, into spans: inout [ImportedSpan], _ problems: inout [ImportProblem]) {
    guard let bytes = Self.readAll(path, &problems) else { return }
    // The document: the .ann's path inside the folder, with or without a first (annotator) folder.
    var relative =
      path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : String(path.split(separator: "/").last!)
    relative = String(relative.dropLast(4))
    var candidates = [relative]
    if let slash = relative.firstIndex(of: "/") { candidates.append(String(relative[relative.index(after: slash)...])) }
    guard let document = candidates.lazy.compactMap({ self.document($0) }).first else {
      problems.append(
        ImportProblem(path: path, line: 0, problem: "no open document matches '\(relative)' (open the documents first)")
      )
      return
    }
    let txt = String(path.dropLast(4)) + ".txt"
    if FileSystem.exists(txt), let text = try? Corpus.readFile(txt).get(), text != document.text.bytes {
      problems.append(
        ImportProblem(
          path: txt, line: 0, problem: "its text is not the text of \(document.id); offsets would not match"))
      return
    }
    var byLabel: [String: Int] = [:]
    var notes: [String: String] = [:]
    var local: [ImportedSpan] = []
    for (n, rawLine) in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
      guard !line.isEmpty else { continue }
      let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
      func fail(_ problem: String) { problems.append(ImportProblem(path: path, line: n + 1, problem: problem)) }
      if parts[0].hasPrefix("T") {
        guard parts.count == 3 else {
          fail("a T line needs three tab-separated fields: T1<TAB>TYPE START END<TAB>TEXT")
          continue
        }
        let typeAndOffsets = parts[1].split(separator: " ", maxSplits: 1).map(String.init)
        guard typeAndOffsets.count == 2 else {
          fail("expected TYPE START END, found '\(parts[1])'")
          continue
        }
        guard let tag = tagName(typeAndOffsets[0]) else {
          fail("'\(typeAndOffsets[0])' is not in the codebook (valid: \(codebook.names.joined(separator: ", ")))")
          continue
        }
        var fragments: [TextRange] = []
        var bad = false
        for fragment in typeAndOffsets[1].split(separator: ";") {
          let numbers = fragment.split(separator: " ").compactMap { Int($0) }
          guard numbers.count == 2 else {
            bad = true
            break
          }
          if let problem = checkRange(numbers[0], numbers[1], in: document) {
            fail(problem)
            bad = true
            break
          }
          fragments.append(TextRange(start: numbers[0], end: numbers[1]))
        }
        guard !bad, let first = fragments.first, let last = fragments.last else {
          if !bad { fail("no offsets in '\(parts[1])'") }
          continue
        }
        let text = fragments.map { document.string(in: $0) }.joined(separator: " ")
        guard text == parts[2] else {
          fail(
            "the text at \(typeAndOffsets[1]) is “\(ShellError.elide(text, to: 60))”, the line says “\(ShellError.elide(parts[2], to: 60))”"
          )
          continue
        }
        byLabel[parts[0]] = local.count
        local.append(
          ImportedSpan(
            documentID: document.id, annotator: annotator!, range: TextRange(start: first.start, end: last.end),
            tags: [tag]))
      } else if parts[0].hasPrefix("#") {
        guard parts.count == 3, parts[1].hasPrefix("AnnotatorNotes ") else { continue }
        notes[String(parts[1].dropFirst("AnnotatorNotes ".count))] = parts[2]
      }
      // Relations, events, attributes and normalisations have no place in a span: skipped.
    }
    for (label, note) in notes {
      if let index = byLabel[label] { local[index].note = note }
    }
    spans += local
  }

  // MARK: JSONL

  private struct DoccanoLine: Decodable {
    var text: String
    var label: [[LabelPart]]?
    var document: String?
  }

  private enum LabelPart: Decodable {
    case number(Int)
    case text(String)
    init(from decoder: any Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let n = try? c.decode(Int.self) { self = .number(n) } else { self = .text(try c.decode(String.self)) }
    }
  }

  private struct ProdigyLine: Decodable {
    struct SpanEntry: Decodable {
      var start: Int
      var end: Int
      var label: String
    }
    struct Meta: Decodable { var document: String? }
    var text: String
    var spans: [SpanEntry]?
    var meta: Meta?
  }

  /// `textIndex` maps document texts to documents; built once, when a line
  /// first needs it (a line that names its document does not).
  func readJSONL(
    _ path: String, format: ImportFormat, textIndex: inout [String: Document]?, into spans: inout [ImportedSpan],
    _ problems: inout [ImportProblem]
  ) {
    guard let bytes = Self.readAll(path, &problems) else { return }
    func byText(_ text: String) -> Document? {
      if textIndex == nil {
        var index: [String: Document] = [:]
        for d in corpus.documents { index[d.text.string] = d }
        textIndex = index
      }
      return textIndex![text]
    }
    let decoder = JSONDecoder()
    var lineNumber = 0
    for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
      lineNumber += 1
      guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) else { continue }
      func fail(_ problem: String) { problems.append(ImportProblem(path: path, line: lineNumber, problem: problem)) }
      var text: String
      var named: String?
      var entries: [(Int, Int, String)] = []
      do {
        if format == .doccano {
          let record = try decoder.decode(DoccanoLine.self, from: Data(line))
          text = record.text
          named = record.document
          for (k, label) in (record.label ?? []).enumerated() {
            guard label.count == 3, case .number(let s) = label[0], case .number(let e) = label[1],
              case .text(let t) = label[2]
            else {
              fail("label \(k + 1) is not [start, end, \"tag\"]")
              continue
            }
            entries.append((s, e, t))
          }
        } else {
          let record = try decoder.decode(ProdigyLine.self, from: Data(line))
          text = record.text
          named = record.meta?.document
          entries = (record.spans ?? []).map { ($0.start, $0.end, $0.label) }
        }
      } catch {
        fail(Sidecar.describe(error, path: path).problem)
        continue
      }
      guard let document = named.flatMap({ self.document($0) }) ?? byText(text) else {
        fail("no open document has this line's text\(named.map { " (document '\($0)')" } ?? "")")
        continue
      }
      guard document.text.string == text else {
        fail("the line's text is not the text of \(document.id)")
        continue
      }
      for (s, e, raw) in entries {
        if let problem = checkRange(s, e, in: document) {
          fail(problem)
          continue
        }
        guard let tag = tagName(raw) else {
          fail("'\(raw)' is not in the codebook (valid: \(codebook.names.joined(separator: ", ")))")
          continue
        }
        spans.append(
          ImportedSpan(documentID: document.id, annotator: annotator!, range: TextRange(start: s, end: e), tags: [tag]))
      }
    }
  }

  // MARK: CSV and TSV

  func readCSV(_ path: String, into spans: inout [ImportedSpan], _ problems: inout [ImportProblem]) {
    guard let bytes = Self.readAll(path, &problems) else { return }
    let (records, error) = CSVReader.records(bytes)
    if let error {
      problems.append(ImportProblem(path: path, line: error.line, problem: error.problem))
      return
    }
    guard let header = records.first?.fields else {
      problems.append(ImportProblem(path: path, line: 0, problem: "the file is empty"))
      return
    }
    var column: [String: Int] = [:]
    for (i, name) in header.enumerated() { column[name] = i }
    let required = ["document", "tag", "start", "end", "text"]
    let missing = required.filter { column[$0] == nil }
    guard missing.isEmpty else {
      problems.append(
        ImportProblem(
          path: path, line: 1,
          problem: "missing columns: \(missing.joined(separator: ", ")) (the header must name them)"))
      return
    }
    // Rows of one annotation (document, annotator, id) become one span with all its tags.
    var index: [String: Int] = [:]
    for (line, fields) in records.dropFirst() {
      func value(_ name: String) -> String? { column[name].flatMap { $0 < fields.count ? fields[$0] : nil } }
      func fail(_ problem: String) { problems.append(ImportProblem(path: path, line: line, problem: problem)) }
      guard fields.count == header.count else {
        fail("\(fields.count) fields where the header has \(header.count)")
        continue
      }
      guard let id = value("document"), let document = document(id) else {
        fail("no open document '\(value("document") ?? "")'")
        continue
      }
      guard let start = Int(value("start")!), let end = Int(value("end")!) else {
        fail("start and end must be whole numbers")
        continue
      }
      if let problem = checkRange(start, end, in: document) {
        fail(problem)
        continue
      }
      var text = value("text")!
      let actual = document.string(in: TextRange(start: start, end: end))
      // An --excel-safe export prefixed the cell with a quote.
      if text != actual && text.hasPrefix("'") && String(text.dropFirst()) == actual { text = actual }
      guard text == actual else {
        fail(
          "the text at \(start)-\(end) is “\(ShellError.elide(actual, to: 60))”, the row says “\(ShellError.elide(text, to: 60))”"
        )
        continue
      }
      let rawTag = value("tag")!
      var tags: [String] = []
      if !rawTag.isEmpty {
        guard let tag = tagName(rawTag) else {
          fail("'\(rawTag)' is not in the codebook (valid: \(codebook.names.joined(separator: ", ")))")
          continue
        }
        tags = [tag]
      }
      guard let owner = annotator ?? value("annotator"), !owner.isEmpty else {
        fail("no annotator column and no --annotator")
        continue
      }
      // The name becomes a file name: `../x` would write outside the folder.
      guard isValidAnnotatorName(owner) else {
        fail("'\(owner)' is not a valid annotator name — use \(annotatorNameRule)")
        continue
      }
      let annotationID = value("annotation_id").flatMap { Int($0) }
      let note = value("note").flatMap { $0.isEmpty ? nil : $0 }
      let key =
        annotationID.map { "\(document.id)\u{0}\(owner)\u{0}\($0)" }
        ?? "\(document.id)\u{0}\(owner)\u{0}\(start)-\(end)"
      if let existing = index[key] {
        spans[existing].tags += tags
        continue
      }
      index[key] = spans.count
      spans.append(
        ImportedSpan(
          documentID: document.id, annotator: owner, range: TextRange(start: start, end: end), tags: tags, note: note,
          id: annotationID, created: value("created").flatMap { $0.isEmpty ? nil : $0 },
          modified: value("modified").flatMap { $0.isEmpty ? nil : $0 }))
    }
  }

  /// `document<TAB>label<TAB>start<TAB>end`, the layout of propaganda-span corpora.
  func readTSV(_ path: String, into spans: inout [ImportedSpan], _ problems: inout [ImportProblem]) {
    guard let bytes = Self.readAll(path, &problems) else { return }
    for (n, rawLine) in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
      guard !line.isEmpty else { continue }
      func fail(_ problem: String) { problems.append(ImportProblem(path: path, line: n + 1, problem: problem)) }
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard fields.count == 4 else {
        fail("expected document<TAB>label<TAB>start<TAB>end, found \(fields.count) fields")
        continue
      }
      guard let document = document(fields[0]) ?? document("article" + fields[0]) else {
        fail("no open document '\(fields[0])'")
        continue
      }
      guard let start = Int(fields[2]), let end = Int(fields[3]) else {
        fail("start and end must be whole numbers")
        continue
      }
      if let problem = checkRange(start, end, in: document) {
        fail(problem)
        continue
      }
      guard let tag = tagName(fields[1]) else {
        fail("'\(fields[1])' is not in the codebook (valid: \(codebook.names.joined(separator: ", ")))")
        continue
      }
      spans.append(
        ImportedSpan(
          documentID: document.id, annotator: annotator!, range: TextRange(start: start, end: end), tags: [tag]))
    }
  }

  // MARK: Writing

  /// Puts checked spans into their annotators' sidecars (whole-file writes).
  /// A span on a range that already has one adds its tags to it.
  public func apply(_ spans: [ImportedSpan], folder: String, liveStore: AnnotationStore?, now: String)
    throws(ShellError)
    -> ImportSummary
  {
    var summary = ImportSummary()
    var groups: [String: [ImportedSpan]] = [:]
    var order: [String] = []
    for span in spans {
      let key = span.annotator + "\u{0}" + span.documentID
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(span)
    }
    var stores: [String: AnnotationStore] = [:]
    for key in order {
      let items = groups[key]!
      let document = self.document(items[0].documentID)!
      let owner = items[0].annotator
      let store: AnnotationStore
      if let live = liveStore, live.annotator == owner {
        store = live
      } else if let existing = stores[owner] {
        store = existing
      } else {
        store = AnnotationStore(folder: folder, annotator: owner, codebook: codebook)
        stores[owner] = store
      }
      _ = try store.prepareToWrite(document)
      let state = store.annotations(for: document)
      // Built in one pass with lookups by range and id, then sorted once: an
      // import of a million spans into one document stays O(n log n).
      var byID = Dictionary(state.set.annotations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
      var byRange: [TextRange: Int] = [:]
      for a in state.set.annotations where !a.orphaned && byRange[a.range] == nil { byRange[a.range] = a.id }
      var nextID = state.set.nextID
      for item in items {
        if let id = byRange[item.range], var existing = byID[id] {
          existing.tags = codebook.ordered(Set(existing.tags).union(item.tags))
          if existing.note == nil { existing.note = item.note }
          byID[id] = existing
          summary.merged += 1
          continue
        }
        let id = item.id.flatMap { byID[$0] == nil ? $0 : nil } ?? nextID
        byID[id] = Annotation(
          id: id, range: item.range, tags: codebook.ordered(Set(item.tags)), note: item.note,
          created: item.created ?? now, modified: item.modified ?? now, quote: Quote(of: item.range, in: document.text))
        byRange[item.range] = id
        nextID = max(nextID, id + 1)
        summary.spans += 1
      }
      var set = AnnotationSet(annotations: Array(byID.values), nextID: nextID)
      set.clearTouched()
      state.set = set
      do {
        try store.save(document)
      } catch {
        throw .notSaved(error)
      }
      summary.documents += 1
    }
    for store in stores.values { store.releaseLocks() }
    return summary
  }
}
