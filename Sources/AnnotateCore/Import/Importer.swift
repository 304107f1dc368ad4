#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The formats annotate reads.
public enum ImportFormat: String, CaseIterable, Sendable {
  case csv, tsv, brat, doccano, prodigy, labelstudio, w3c

  /// A format by name; `webanno`, the old name of `w3c`, still works.
  public init?(name: String) {
    let name = name.lowercased()
    self.init(rawValue: name == "webanno" ? "w3c" : name)
  }

  /// The unit offsets are counted in, unless `--offsets` says otherwise:
  /// what the tool writes by default (doccano's browser counts UTF-16 code
  /// units with grapheme mode off, its default since v1.5; Label Studio
  /// counts code points since its 2022 front end; the rest are Python or
  /// W3C code points).
  public var defaultOffsets: OffsetUnit { self == .doccano ? .utf16 : .codepoint }

  /// Whether a name is one a format had before (said once when used).
  public static func isOldName(_ name: String) -> Bool { name.lowercased() == "webanno" }
}

/// How to read an import.
public struct ImportOptions: Sendable {
  /// Whose sidecars receive everything, renaming the one annotator the
  /// file names (refused when it names several: people would merge).
  public var annotator: String?
  /// Whose sidecars receive records that name no annotator (the shell's user).
  public var fallback: String?
  /// The unit of the file's offsets (doccano, Label Studio); nil: the format's default.
  public var offsets: OffsetUnit?
  /// Labels the codebook lacks are added to it, not refused.
  public var addTags = false
  /// W3C: the IRI document ids were written under (`export w3c --base-iri`).
  public var baseIRI: String?

  public init(
    annotator: String? = nil, fallback: String? = nil, offsets: OffsetUnit? = nil, addTags: Bool = false,
    baseIRI: String? = nil
  ) {
    self.annotator = annotator
    self.fallback = fallback
    self.baseIRI = baseIRI
    self.offsets = offsets
    self.addTags = addTags
  }
}

extension ImportOptions {
  /// An option the format does not take (it would do nothing), or an annotator name that cannot be one.
  public func problem(for format: ImportFormat) -> ImportProblem.Issue? {
    if let annotator, !isValidAnnotatorName(annotator) { return .invalidAnnotatorName(annotator) }
    if offsets != nil && format != .doccano && format != .labelstudio {
      return .optionNotFor(option: "--offsets", takenBy: ["doccano", "labelstudio"])
    }
    if baseIRI != nil && format != .w3c { return .optionNotFor(option: "--base-iri", takenBy: ["w3c"]) }
    return nil
  }
}

/// One span read from a file, not yet in any sidecar.
public struct ImportedSpan: Equatable, Sendable {
  public var documentID: String
  /// Whose sidecar it goes to (from the file, or the annotator named).
  public var annotator: String
  public var range: TextRange
  public var tags: [String]
  public var note: String?
  /// Kept when the file has them (CSV and W3C round trips).
  public var id: Int?
  public var created: String?
  public var modified: String?
  /// An orphan (its words gone from the document): its quote and context.
  public var orphan: Quote?
  public var attributes: [String: String] = [:]
  /// What the file calls it (brat `T3`, a doccano entity id, a Label Studio
  /// region id), for the relations that name it.
  public var key: String?
}

/// A relation read from a file, its ends by the file's own names for them.
public struct ImportedRelation: Equatable, Sendable {
  public var documentID: String
  public var annotator: String
  public var type: String
  public var from: String
  public var to: String
  /// When it was made, when the file says.
  public var created: String? = nil
}

/// A document-level code read from a file.
public struct ImportedCode: Equatable, Sendable {
  public var documentID: String
  public var annotator: String
  public var variable: String
  public var values: [String]
}

/// A problem in an import file: the file, the line (0 for the whole file),
/// and what is wrong, as data.
public struct ImportProblem: Equatable, Sendable {
  public var path: String
  public var line: Int
  public var issue: Issue
  /// In a JSON array file: which element (from 1), lines being unknown.
  public var item: Int?

  public init(path: String, line: Int, issue: Issue, item: Int? = nil) {
    self.path = path
    self.line = line
    self.issue = issue
    self.item = item
  }

  public enum Issue: Error, Equatable, Sendable {
    case invalidAnnotatorName(String)
    /// An option given for a format that does not take it, and which do.
    case optionNotFor(option: String, takenBy: [String])
    /// A line names no annotator and none was given.
    case annotatorNeeded
    /// `--annotator` given for a file naming several annotators.
    case annotatorsWouldMerge([String])
    /// Labels the codebook lacks, with how many spans carry each (listed once).
    case unknownLabels([String: Int])
    /// Offsets that fall inside a character in the unit read (half a
    /// surrogate pair, inside a grapheme cluster), or past the text.
    case offsetsInsideCharacter(start: Int, end: Int, unit: OffsetUnit)
    /// A note (brat `#` line) for an annotation the file does not have.
    case noteWithoutTarget(String)
    /// A relation or link names an annotation the file does not have.
    case dangling(String)
    /// brat: a type the `annotation.conf` beside the file does not declare.
    case notInBratConfiguration(String)
    /// A span's label is not text (doccano, Label Studio).
    case labelNotText
    /// A W3C annotation's target names no open document.
    case unknownSource(String)
    /// A W3C target has neither a position nor a quote found once.
    case quoteNotFound(String, places: Int)
    /// A W3C target the reader cannot place: what it is.
    case unsupportedTarget(String)
    /// The JSON is not the shape the format has, and what was expected.
    case shape(String)
    case file(OpenProblem)
    case emptyFile
    /// Nothing in the files is a span annotate imports: what was there instead.
    case noSpans(rejected: Int, notImported: [String: Int])
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
    /// A name that fits several open documents' file names.
    case ambiguousDocument(String, [String])
    case offsetsNotWholeNumbers
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
  /// Prodigy lines answered reject or ignore: read, not imported.
  public var rejected = 0
  /// Things the file holds that annotate does not import yet, by what they are.
  public var notImported: [String: Int] = [:]
  /// Labels added to the codebook (`--add-tags`).
  public var addedTags: [String] = []
  /// The unit offsets were read in, when it made a difference.
  public var unitRead: OffsetUnit?
  /// The codebook file they were written to.
  public var codebookPath: String?
  /// Spans imported as orphans: their quote is not (or not once) in the document.
  public var orphaned = 0
  /// Relations and document codes imported.
  public var relations = 0
  public var codes = 0
}

/// Reads annotations from other tools' files into sidecars. Every offset is
/// checked against the document text first; any problem means nothing is
/// imported. One reader per format (`BratReader.swift`, …) parses its files
/// into ``ImportedSpan`` values; ``apply(_:now:)`` writes them.
public struct Importer {
  public let workspace: Workspace
  public var options: ImportOptions
  /// The annotator every span goes to, when one was named.
  public var annotator: String? { options.annotator }

  public init(workspace: Workspace, annotator: String?) {
    self.init(workspace: workspace, options: ImportOptions(annotator: annotator))
  }

  public init(workspace: Workspace, options: ImportOptions) {
    self.workspace = workspace
    self.options = options
  }

  var corpus: Corpus { workspace.corpus }
  var codebook: Codebook { workspace.codebook }

  /// What reading found, besides spans: counted for the summary.
  public struct Findings: Equatable, Sendable {
    public var rejected = 0
    public var notImported: [String: Int] = [:]
    /// Labels the codebook lacks, with how many spans carry each.
    public var unknownLabels: [String: Int] = [:]
    /// The annotators the file names (whoever `--annotator` would replace).
    public var recorded: Set<String> = []
    public init() {}

    public var relations: [ImportedRelation] = []
    public var codes: [ImportedCode] = []
    /// Relation types, variables or attributes the codebook lacks, with counts.
    public var unknownLevel: [String: Int] = [:]

    /// The unit offsets were read in, when a document had characters on
    /// which units differ (emoji, accents made of two code points): said,
    /// so a file counted otherwise is noticed.
    public var unitMattered: OffsetUnit?
  }

  /// Parses and checks every file; spans only when there is no problem at all.
  public func read(_ format: ImportFormat, paths: [String]) -> (spans: [ImportedSpan], problems: [ImportProblem]) {
    let (spans, problems, _) = readAll(format, paths: paths)
    return (spans, problems)
  }

  /// Parses and checks every file: the spans (none when there is any
  /// problem), the problems, and what else was found.
  public func readAll(_ format: ImportFormat, paths: [String]) -> (
    spans: [ImportedSpan], problems: [ImportProblem], findings: Findings
  ) {
    var spans: [ImportedSpan] = []
    var problems: [ImportProblem] = []
    var findings = Findings()
    let first = paths.first ?? "-"
    if let annotator, !isValidAnnotatorName(annotator) {
      return ([], [ImportProblem(path: first, line: 0, issue: .invalidAnnotatorName(annotator))], findings)
    }
    var textIndex: [String: Document]?
    for path in paths {
      switch format {
      case .brat:
        for ann in Self.files(under: path, ending: ".ann") {
          readBrat(ann, root: path, into: &spans, &problems, &findings)
        }
      case .doccano: readDoccano(path, textIndex: &textIndex, into: &spans, &problems, &findings)
      case .prodigy: readProdigy(path, textIndex: &textIndex, into: &spans, &problems, &findings)
      case .labelstudio: readLabelStudio(path, textIndex: &textIndex, into: &spans, &problems, &findings)
      case .w3c: readW3C(path, into: &spans, &problems, &findings)
      case .csv: readCSV(path, into: &spans, &problems, &findings)
      case .tsv:
        // A folder of PTC labels files (`article111.task-flc-tc.labels`) or TSVs.
        let files =
          FileSystem.isFolder(path)
          ? (Self.files(under: path, ending: ".labels") + Self.files(under: path, ending: ".tsv")).sorted() : [path]
        for file in files { readTSV(file, into: &spans, &problems, &findings) }
      }
    }
    // One name for everything would merge the people the file keeps apart.
    if annotator != nil && findings.recorded.count > 1 {
      problems.append(ImportProblem(path: first, line: 0, issue: .annotatorsWouldMerge(findings.recorded.sorted())))
    }
    // Labels the codebook lacks: listed once, with the flag that adds them.
    if !findings.unknownLabels.isEmpty && !options.addTags {
      problems.append(ImportProblem(path: first, line: 0, issue: .unknownLabels(findings.unknownLabels)))
    }
    // Relations, variables and attributes the codebook lacks are not
    // imported, and the summary names them (the spans still come in).
    for (what, count) in findings.unknownLevel {
      findings.notImported[what + ", not in the codebook", default: 0] += count
    }
    // Every relation's ends are spans of the file.
    var keys = Set<String>()
    for span in spans {
      if let key = span.key { keys.insert(span.annotator + "\u{0}" + span.documentID + "\u{0}" + key) }
    }
    for r in findings.relations {
      for end in [r.from, r.to] where !keys.contains(r.annotator + "\u{0}" + r.documentID + "\u{0}" + end) {
        problems.append(ImportProblem(path: first, line: 0, issue: .dangling("\(end) (\(r.type), in \(r.documentID))")))
      }
    }
    // A file with nothing to import is said so, never "imported 0 spans".
    if problems.isEmpty && spans.isEmpty && findings.codes.isEmpty {
      problems.append(
        ImportProblem(
          path: first, line: 0, issue: .noSpans(rejected: findings.rejected, notImported: findings.notImported)))
    }
    return problems.isEmpty ? (spans, [], findings) : ([], problems, findings)
  }

  // MARK: Shared checks

  func document(_ id: String) -> Document? {
    if let i = corpus.index(ofID: id) { return corpus.documents[i] }
    if let i = corpus.index(ofID: id + ".txt") { return corpus.documents[i] }
    return nil
  }

  /// A label as a codebook tag: its name compared exactly, then by case. A
  /// label the codebook lacks is counted (and kept, for `--add-tags`); one
  /// that cannot be a tag name is nil.
  func tagName(_ raw: String, _ findings: inout Findings) -> String? {
    if codebook.tag(named: raw) != nil { return raw }
    if let name = codebook.names.first(where: { $0.lowercased() == raw.lowercased() }) { return name }
    guard Codebook.isValidTagName(raw) else { return nil }
    findings.unknownLabels[raw, default: 0] += 1
    return raw
  }

  func unknownTag(_ raw: String) -> ImportProblem.Issue { .unknownTag(raw, valid: codebook.names) }

  /// Whose sidecar a record goes to: the annotator named for the import,
  /// else the record's own, else the fallback; nil (with the problem) when
  /// none is valid. The names records give are counted (see `recorded`).
  func owner(_ recorded: String?, _ findings: inout Findings, fail: (ImportProblem.Issue) -> Void) -> String? {
    let recorded = recorded.flatMap { $0.isEmpty ? nil : $0 }
    if let recorded { findings.recorded.insert(recorded) }
    guard let name = annotator ?? recorded ?? options.fallback else {
      fail(.annotatorNeeded)
      return nil
    }
    // The name becomes a file name: `../x` would write outside the folder.
    guard isValidAnnotatorName(name) else {
      fail(.invalidAnnotatorName(name))
      return nil
    }
    return name
  }

  /// A range given in a unit, as code points: checked to be a span inside
  /// the text that cuts no character in that unit and no grapheme cluster
  /// (an accent parted from its letter, half an emoji). `converters` caches
  /// conversions of one document's text.
  func range(
    _ start: Int, _ end: Int, unit: OffsetUnit, in document: Document,
    converters: inout [OffsetUnit: OffsetConverter], unitsDiffered: inout Bool, noticeUnits: Bool = true
  ) -> Result<TextRange, ImportProblem.Issue> {
    Self.range(
      start, end, unit: unit, text: document.text, documentID: document.id, converters: &converters,
      unitsDiffered: &unitsDiffered, noticeUnits: noticeUnits)
  }

  /// The same for a document's text and id alone, on any thread.
  static func range(
    _ start: Int, _ end: Int, unit: OffsetUnit, text: UTF8Text, documentID: String,
    converters: inout [OffsetUnit: OffsetConverter], unitsDiffered: inout Bool, noticeUnits: Bool = true
  ) -> Result<TextRange, ImportProblem.Issue> {
    func converter(_ unit: OffsetUnit) -> OffsetConverter {
      if let known = converters[unit] { return known }
      let made = OffsetConverter(text: text.string, unit: unit)
      converters[unit] = made
      return made
    }
    guard start >= 0, start <= end else { return .failure(.notASpan(start: start, end: end)) }
    let count = text.scalarCount
    // Code points are the text's own offsets: no table to look them up in.
    let length = unit == .codepoint ? count : converter(unit).length
    guard end <= length else {
      return .failure(.pastEnd(start: start, end: end, document: documentID, length: length))
    }
    guard let s = unit == .codepoint ? start : converter(unit).codePoint(start),
      let e = unit == .codepoint ? end : converter(unit).codePoint(end)
    else {
      return .failure(.offsetsInsideCharacter(start: start, end: end, unit: unit))
    }
    if noticeUnits && (converter(.grapheme).length != count || text.utf16Count != count) {
      unitsDiffered = true
    }
    // The clusters around each end decide, without the whole text's (a
    // six-megabyte article's took half a second to draw).
    let bytes = text.byteRange(of: TextRange(start: s, end: e))
    func isBoundary(_ offset: Int, atByte byte: Int) -> Bool {
      if let known = text.isGraphemeBoundary(atByte: byte) { return known }
      return converter(.grapheme).offset(offset) != nil
    }
    guard isBoundary(s, atByte: bytes.lowerBound), isBoundary(e, atByte: bytes.upperBound) else {
      return .failure(.offsetsInsideCharacter(start: start, end: end, unit: unit))
    }
    return .success(TextRange(start: s, end: e))
  }

  /// The document a JSON record names, or the one whose text it holds;
  /// refused when it is none, or its text is not the record's.
  func document(named name: String?, text: String, textIndex: inout [String: Document]?) -> Result<
    Document, ImportProblem.Issue
  > {
    var found = name.flatMap { document($0) }
    if found == nil {
      if textIndex == nil {
        var index: [String: Document] = [:]
        for d in corpus.documents { index[d.text.string] = d }
        textIndex = index
      }
      found = textIndex![text]
    }
    guard let found else { return .failure(.noDocumentWithText(named: name)) }
    guard found.text.string == text else { return .failure(.lineTextDiffers(document: found.id)) }
    return .success(found)
  }

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
  /// A span on a range that already has one adds its tags to it. With
  /// `--add-tags`, the labels the codebook lacks join the codebook first.
  public func apply(
    _ spans: [ImportedSpan], findings: Findings = Findings(), now: String, progress: ((Int, Int) -> Void)? = nil
  ) throws(EditError) -> ImportSummary {
    var summary = ImportSummary()
    summary.rejected = findings.rejected
    summary.notImported = findings.notImported
    summary.unitRead = findings.unitMattered
    // Labels the codebook lacks join its file first: sidecars never hold
    // tags the codebook was not told about.
    if options.addTags && !findings.unknownLabels.isEmpty {
      summary.addedTags = findings.unknownLabels.keys.sorted()
      summary.codebookPath = try workspace.addTags(summary.addedTags)
    }
    // Positions into `spans`, not copies: a million spans are large to copy.
    var groups: [String: [Int]] = [:]
    var order: [String] = []
    var places: [String: (document: String, annotator: String)] = [:]
    func place(_ annotator: String, _ document: String) -> String {
      let key = annotator + "\u{0}" + document
      if places[key] == nil {
        order.append(key)
        places[key] = (document, annotator)
      }
      return key
    }
    // A run of spans with one annotator and document joins its group at
    // once: a key made for each span cost a string and two lookups.
    var run: (annotator: String, document: String, key: String)?
    var members: [Int] = []
    func flush() {
      if let run, !members.isEmpty { groups[run.key, default: []].append(contentsOf: members) }
      members.removeAll(keepingCapacity: true)
    }
    for i in spans.indices {
      if let known = run, spans[i].annotator == known.annotator, spans[i].documentID == known.document {
        members.append(i)
        continue
      }
      flush()
      let (annotator, document) = (spans[i].annotator, spans[i].documentID)
      run = (annotator, document, place(annotator, document))
      members.append(i)
    }
    flush()
    var relationsBy: [String: [ImportedRelation]] = [:]
    for r in findings.relations { relationsBy[place(r.annotator, r.documentID), default: []].append(r) }
    var codesBy: [String: [ImportedCode]] = [:]
    for c in findings.codes { codesBy[place(c.annotator, c.documentID), default: []].append(c) }
    var opened = Set<String>()
    for key in order {
      let document = self.document(places[key]!.document)!
      let owner = places[key]!.annotator
      if !workspace.hasLiveStore(for: owner) { opened.insert(owner) }
      let store = workspace.store(for: owner)
      do {
        workspace.notice(try store.prepareToWrite(document))
      } catch {
        throw .store(document: document.id, error)
      }
      let state = workspace.annotations(of: document, by: owner)
      let made = ImportMerge(
        into: state.set, spans: spans, positions: groups.removeValue(forKey: key) ?? [], text: document.text,
        codebook: codebook, now: now)
      summary.spans += made.added
      summary.merged += made.merged
      summary.orphaned += made.orphaned
      let idOfKey = made.idOfKey
      var set = made.set
      for r in relationsBy[key] ?? [] {
        guard let from = idOfKey[r.from], let to = idOfKey[r.to], from != to else { continue }
        let made = Relation(type: r.type, from: from, to: to, created: r.created ?? now)
        if !set.relations.contains(where: { $0.key == made.key }) {
          set.relations.append(made)
          summary.relations += 1
        }
      }
      for c in codesBy[key] ?? [] {
        set.codes[c.variable] = c.values
        summary.codes += 1
      }
      set.clearTouched()
      state.set = set
      do {
        try store.save(document)
      } catch {
        throw .notSaved(error)
      }
      summary.documents += 1
      progress?(summary.documents, order.count)
    }
    // Stores opened only for the import let go of their locks.
    for name in opened { workspace.release(name) }
    return summary
  }
}
