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
  /// An orphan (its words gone from the document): its quote and context.
  public var orphan: Quote?
}

/// A problem in an import file: the file, the line (0 for the whole file),
/// and what is wrong, as data.
public struct ImportProblem: Equatable, Sendable {
  public var path: String
  public var line: Int
  public var issue: Issue

  public enum Issue: Equatable, Sendable {
    case invalidAnnotatorName(String)
    /// The format names no annotator and none was given.
    case annotatorNeeded
    case file(OpenProblem)
    case emptyFile
    /// brat: no open document for the `.ann` file's path.
    case noDocumentMatches(String)
    /// brat: the `.txt` beside the `.ann` differs from the open document.
    case textFileDiffers(document: String)
    case bratTLineFields
    case bratTypeAndOffsets(found: String)
    case noOffsets(found: String)
    case unknownTag(String, valid: [String])
    case notASpan(start: Int, end: Int)
    case pastEnd(start: Int, end: Int, document: String, length: Int)
    /// The text at the offsets is not the text the file gives for them.
    case textDiffers(offsets: String, actual: String, given: String, in: Container)
    case json(SidecarProblem)
    case labelShape(Int)
    case noDocumentWithText(named: String?)
    case lineTextDiffers(document: String)
    case csv(CSVSyntaxError)
    case missingColumns([String])
    case fieldCount(found: Int, header: Int)
    case noSuchDocument(String)
    case offsetsNotWholeNumbers
    case noAnnotatorColumn
    case tsvFieldCount(found: Int)
  }

  /// What the file calls one record.
  public enum Container: Equatable, Sendable { case line, row }
}

/// What an import did.
public struct ImportSummary: Equatable, Sendable {
  public var spans = 0
  public var merged = 0
  public var documents = 0
}

/// Reads annotations from other tools' files into sidecars. Every offset is
/// checked against the document text first; any problem means nothing is
/// imported. One reader per format (`BratReader.swift`, …) parses its files
/// into ``ImportedSpan`` values; ``apply(_:now:)`` writes them.
public struct Importer {
  public let workspace: Workspace
  /// The annotator for formats that name none (required for them).
  public var annotator: String?

  public init(workspace: Workspace, annotator: String?) {
    self.workspace = workspace
    self.annotator = annotator
  }

  var corpus: Corpus { workspace.corpus }
  var codebook: Codebook { workspace.codebook }

  /// Parses and checks every file; spans only when there is no problem at all.
  public func read(_ format: ImportFormat, paths: [String]) -> (spans: [ImportedSpan], problems: [ImportProblem]) {
    var spans: [ImportedSpan] = []
    var problems: [ImportProblem] = []
    let first = paths.first ?? "-"
    if let annotator, !isValidAnnotatorName(annotator) {
      return ([], [ImportProblem(path: first, line: 0, issue: .invalidAnnotatorName(annotator))])
    }
    if format != .csv && annotator == nil {
      return ([], [ImportProblem(path: first, line: 0, issue: .annotatorNeeded)])
    }
    var textIndex: [String: Document]?
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

  func unknownTag(_ raw: String) -> ImportProblem.Issue { .unknownTag(raw, valid: codebook.names) }

  func checkRange(_ start: Int, _ end: Int, in document: Document) -> ImportProblem.Issue? {
    guard start >= 0, start <= end else { return .notASpan(start: start, end: end) }
    guard end <= document.text.scalarCount else {
      return .pastEnd(start: start, end: end, document: document.id, length: document.text.scalarCount)
    }
    return nil
  }

  static func readAll(_ path: String, _ problems: inout [ImportProblem]) -> [UInt8]? {
    switch Corpus.readFile(path) {
    case .success(let bytes): return bytes
    case .failure(let problem):
      problems.append(ImportProblem(path: path, line: 0, issue: .file(problem)))
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

  // MARK: Writing

  /// Puts checked spans into their annotators' sidecars (whole-file writes).
  /// A span on a range that already has one adds its tags to it.
  public func apply(_ spans: [ImportedSpan], now: String) throws(EditError) -> ImportSummary {
    var summary = ImportSummary()
    var groups: [String: [ImportedSpan]] = [:]
    var order: [String] = []
    for span in spans {
      let key = span.annotator + "\u{0}" + span.documentID
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(span)
    }
    var opened = Set<String>()
    for key in order {
      let items = groups[key]!
      let document = self.document(items[0].documentID)!
      let owner = items[0].annotator
      if !workspace.hasLiveStore(for: owner) { opened.insert(owner) }
      let store = workspace.store(for: owner)
      do {
        workspace.notice(try store.prepareToWrite(document))
      } catch {
        throw .store(document: document.id, error)
      }
      let state = workspace.annotations(of: document, by: owner)
      // Built in one pass with lookups by range and id, then sorted once: an
      // import of a million spans into one document stays O(n log n).
      var byID = Dictionary(state.set.annotations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
      var byRange: [TextRange: Int] = [:]
      for a in state.set.annotations where !a.orphaned && byRange[a.range] == nil { byRange[a.range] = a.id }
      var nextID = state.set.nextID
      for item in items {
        if item.orphan == nil, let id = byRange[item.range], var existing = byID[id] {
          existing.tags = codebook.ordered(Set(existing.tags).union(item.tags))
          if existing.note == nil { existing.note = item.note }
          byID[id] = existing
          summary.merged += 1
          continue
        }
        let id = item.id.flatMap { byID[$0] == nil ? $0 : nil } ?? nextID
        byID[id] = Annotation(
          id: id, range: item.range, tags: codebook.ordered(Set(item.tags)), note: item.note,
          created: item.created ?? now, modified: item.modified ?? now,
          quote: item.orphan ?? Quote(of: item.range, in: document.text), orphaned: item.orphan != nil)
        if item.orphan == nil { byRange[item.range] = id }
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
    // Stores opened only for the import let go of their locks.
    for name in opened { workspace.release(name) }
    return summary
  }
}
