import FoundationEssentials

/// What a sidecar records about the document it annotates.
public struct SidecarDocument: Equatable, Sendable {
  public var id: String
  public var path: String
  public var sha256: String
  /// Length in code points.
  public var length: Int
  public var newline: NewlineConvention
  /// The language and segmenter rules the sentence numbers were made with
  /// (nil in files written before they were recorded).
  public var language: String?
  public var segmenter: Int?

  public init(
    id: String, path: String, sha256: String, length: Int, newline: NewlineConvention, language: String? = nil,
    segmenter: Int? = nil
  ) {
    self.id = id
    self.path = path
    self.sha256 = sha256
    self.length = length
    self.newline = newline
    self.language = language
    self.segmenter = segmenter
  }
}

/// The content of one sidecar file: one annotator's annotations on one document.
public struct Sidecar: Equatable, Sendable {
  public static let format = "annotate.sidecar"
  /// Version 1: spans. Version 2 adds `progress`, `codes`, `relations` and
  /// span `attributes`; a sidecar without them is written as version 1, so
  /// an older annotate still reads it (and refuses, never overwrites, a 2).
  public static let version = 2
  public static let versions = 1...2
  public static let offsetUnit = "unicode-scalar"

  public var document: SidecarDocument
  public var annotator: String
  public var codebook: [String]
  public var set: AnnotationSet
  /// Sentence numbers of each annotation, by id (written for readers; recomputed on save).
  public var sentences: [Int: ClosedRange<Int>] = [:]

  public init(
    document: SidecarDocument, annotator: String, codebook: [String], set: AnnotationSet,
    sentences: [Int: ClosedRange<Int>] = [:]
  ) {
    self.document = document
    self.annotator = annotator
    self.codebook = codebook
    self.set = set
    self.sentences = sentences
  }
}

// MARK: Writing

extension Sidecar {
  /// The file's bytes: stable key order, two-space indentation, annotations
  /// sorted by (start, end, id), one trailing newline. Equal sidecars give
  /// equal bytes.
  public func encoded() -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(512 + set.count * 420)
    encodeHead(into: &out)
    for (i, a) in set.annotations.enumerated() {
      out.append(contentsOf: (i == 0 ? "\n" : ",\n").utf8)
      Self.encode(a, sentences: sentences[a.id], into: &out)
    }
    Self.encodeTail(empty: set.isEmpty, into: &out)
    return out
  }

  /// What closes the annotations list and the file.
  static func encodeTail(empty: Bool, into out: inout [UInt8]) {
    out.append(contentsOf: (empty ? "]\n}\n" : "\n  ]\n}\n").utf8)
  }

  /// Everything before the first annotation: the document, the annotator,
  /// the codebook, what was recorded about the document, and
  /// `"annotations": [`.
  func encodeHead(into out: inout [UInt8]) {
    func raw(_ s: String) { out.append(contentsOf: s.utf8) }
    func string(_ s: String) { out.append(contentsOf: JSON.quote(s).utf8) }
    let needs2 = !set.level.isEmpty || set.annotations.contains { !$0.attributes.isEmpty }
    raw("{\n  \"format\": \"\(Self.format)\",\n  \"version\": \(needs2 ? 2 : 1),\n  \"document\": {\n    \"id\": ")
    string(document.id)
    raw(",\n    \"path\": ")
    string(document.path)
    raw(",\n    \"sha256\": \"\(document.sha256)\",\n    \"length\": \(document.length),\n")
    raw("    \"offset_unit\": \"\(Self.offsetUnit)\",\n    \"newline\": \"\(document.newline.rawValue)\"")
    if let language = document.language, let segmenter = document.segmenter {
      raw(",\n    \"language\": ")
      string(language)
      raw(",\n    \"segmenter\": \(segmenter)")
    }
    raw("\n  },\n")
    raw("  \"annotator\": ")
    string(annotator)
    raw(",\n  \"codebook\": [")
    for (i, name) in codebook.enumerated() {
      if i > 0 { raw(", ") }
      string(name)
    }
    raw("],\n  \"next_id\": \(set.nextID),\n")
    if !set.progress.isEmpty {
      raw("  \"progress\": ")
      Self.encode(set.progress, into: &out)
      raw(",\n")
    }
    if !set.codes.isEmpty {
      raw("  \"codes\": ")
      Self.encode(codes: set.codes, into: &out)
      raw(",\n")
    }
    if !set.relations.isEmpty {
      raw("  \"relations\": [")
      for (i, r) in set.relations.enumerated() {
        raw(i == 0 ? "\n    " : ",\n    ")
        Self.encode(r, into: &out)
      }
      raw("\n  ],\n")
    }
    raw("  \"annotations\": [")
  }

  /// `{"stance": ["anti"], …}`, variables sorted, on one line.
  static func encode(codes: [String: [String]], into out: inout [UInt8]) {
    out.append(UInt8(ascii: "{"))
    for (i, name) in codes.keys.sorted().enumerated() {
      if i > 0 { out.append(contentsOf: ", ".utf8) }
      out.append(
        contentsOf: (JSON.quote(name) + ": [" + codes[name]!.map(JSON.quote).joined(separator: ", ") + "]").utf8)
    }
    out.append(UInt8(ascii: "}"))
  }

  /// `{"type": "…", "from": 3, "to": 5, "created": "…"}` on one line.
  static func encode(_ r: Relation, into out: inout [UInt8]) {
    out.append(
      contentsOf:
        "{\"type\": \(JSON.quote(r.type)), \"from\": \(r.from), \"to\": \(r.to), \"created\": \(JSON.quote(r.created))}"
        .utf8)
  }

  /// `{"done": "…" | null, "nothing_to_code": [[start, end], …]}` on one line.
  static func encode(_ progress: DocumentProgress, into out: inout [UInt8]) {
    out.append(contentsOf: "{\"done\": ".utf8)
    out.append(contentsOf: (progress.done.map(JSON.quote) ?? "null").utf8)
    out.append(contentsOf: ", \"nothing_to_code\": [".utf8)
    out.append(contentsOf: progress.nothingToCode.map { "[\($0.start), \($0.end)]" }.joined(separator: ", ").utf8)
    out.append(contentsOf: "]}".utf8)
  }

  static func encode(_ a: Annotation, sentences: ClosedRange<Int>?, into out: inout [UInt8]) {
    // Bytes straight into the output: no string is made per field (a
    // million spans are written at memory speed).
    func raw(_ s: StaticString) {
      out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }
    func string(_ s: String) {
      var s = s
      s.withUTF8 { JSON.appendQuoted($0, to: &out) }
    }
    raw("    {\n      \"id\": ")
    out.appendDecimal(a.id)
    raw(",\n      \"start\": ")
    out.appendDecimal(a.range.start)
    raw(",\n      \"end\": ")
    out.appendDecimal(a.range.end)
    raw(",\n      \"text\": ")
    string(a.quote.exact)
    raw(",\n      \"prefix\": ")
    string(a.quote.prefix)
    raw(",\n      \"suffix\": ")
    string(a.quote.suffix)
    raw(",\n      \"sentences\": [")
    if let sentences {
      for n in sentences {
        if n != sentences.lowerBound { raw(", ") }
        out.appendDecimal(n)
      }
    }
    raw("],\n      \"tags\": [")
    for (i, tag) in a.tags.enumerated() {
      if i > 0 { raw(", ") }
      string(tag)
    }
    raw("],\n      \"note\": ")
    if let note = a.note { string(note) } else { raw("null") }
    if !a.attributes.isEmpty {
      raw(",\n      \"attributes\": {")
      for (i, name) in a.attributes.keys.sorted().enumerated() {
        if i > 0 { raw(", ") }
        string(name)
        raw(": ")
        string(a.attributes[name]!)
      }
      raw("}")
    }
    raw(",\n      \"created\": ")
    string(a.created)
    raw(",\n      \"modified\": ")
    string(a.modified)
    raw(a.orphaned ? ",\n      \"status\": \"orphaned\"\n    }" : ",\n      \"status\": \"anchored\"\n    }")
  }
}

// MARK: Reading

/// One annotation as the sidecar and the journal write it.
struct SidecarEntry: Decodable, Equatable {
  var id: Int
  var start: Int
  var end: Int
  var text: String
  var prefix: String
  var suffix: String
  var sentences: [Int]
  var tags: [String]
  var note: String?
  var attributes: [String: String]?
  var created: String
  var modified: String
  var status: String

  /// Whether a tag comes twice (most spans have one or two: compared
  /// pairwise, with no set made for each).
  static func repeats(_ tags: [String]) -> Bool {
    guard tags.count > 1 else { return false }
    guard tags.count <= 16 else { return Set(tags).count != tags.count }
    for i in 1..<tags.count where tags[..<i].contains(tags[i]) { return true }
    return false
  }

  /// The annotation, or what is wrong with the entry (relative field name,
  /// problem). The entry's strings and lists are taken into it, leaving it
  /// empty: a `consuming` method still retained each one and then released
  /// the entry's (a tenth of reading a sidecar).
  mutating func takeAnnotation(documentLength: Int) throws(SidecarError) -> Annotation {
    func fail(_ field: String, _ problem: SidecarProblem) -> SidecarError {
      SidecarError(path: "", location: field, problem: problem)
    }
    guard id >= 1 else { throw fail(".id", .idBelowOne) }
    guard start >= 0, end >= start else { throw fail("", .notASpan(start: start, end: end)) }
    guard status == "anchored" || status == "orphaned" else { throw fail(".status", .unknownStatus) }
    if status == "anchored" && end > documentLength {
      throw fail(".end", .pastEnd(end: end, length: documentLength))
    }
    guard !Self.repeats(tags) else { throw fail(".tags", .repeatedTag) }
    func take<T>(_ value: inout T, leaving empty: T) -> T {
      var taken = empty
      swap(&taken, &value)
      return taken
    }
    return Annotation(
      id: id, range: TextRange(start: start, end: end), tags: take(&tags, leaving: []),
      note: take(&note, leaving: nil), created: take(&created, leaving: ""), modified: take(&modified, leaving: ""),
      quote: Quote(
        exact: take(&text, leaving: ""), prefix: take(&prefix, leaving: ""), suffix: take(&suffix, leaving: "")),
      orphaned: status == "orphaned", attributes: take(&attributes, leaving: nil) ?? [:])
  }
}

/// The ids of a sidecar's spans, as they are read: to refuse an id used
/// twice, and to check that relations join spans. A bit for each id below
/// `next_id` (when the ids are not too sparse), a set for any other: a
/// hashed set of a million ids was 2% of reading them.
struct SpanIDs {
  private var bits: [UInt64]
  private var others = Set<Int>()
  /// The largest id inserted (0: none).
  private(set) var largest = 0

  init(below limit: Int, count: Int) {
    bits = limit > 0 && limit <= 64 * count + 4096 ? Array(repeating: 0, count: (limit + 63) / 64) : []
  }

  /// Adds `id`; false when it was there already.
  mutating func insert(_ id: Int) -> Bool {
    largest = max(largest, id)
    guard id >= 0, id >> 6 < bits.count else { return others.insert(id).inserted }
    let mask: UInt64 = 1 << UInt64(id & 63)
    guard bits[id >> 6] & mask == 0 else { return false }
    bits[id >> 6] |= mask
    return true
  }

  func contains(_ id: Int) -> Bool {
    guard id >= 0, id >> 6 < bits.count else { return others.contains(id) }
    return bits[id >> 6] & 1 << UInt64(id & 63) != 0
  }
}

extension SidecarFile.Progress {
  /// The progress, with its ranges checked against the document's length.
  func value(documentLength: Int, path: String, location: String) throws(SidecarError) -> DocumentProgress {
    var ranges: [TextRange] = []
    for (i, pair) in nothing_to_code.enumerated() {
      guard pair.count == 2, pair[0] >= 0, pair[0] <= pair[1], pair[1] <= documentLength else {
        throw SidecarError(
          path: path, location: "\(location).nothing_to_code[\(i)]",
          problem: pair.count == 2 ? .notASpan(start: pair[0], end: pair[1]) : .unreadableValue("[start, end]"))
      }
      ranges.append(TextRange(start: pair[0], end: pair[1]))
    }
    return DocumentProgress(done: done, nothingToCode: ranges)
  }
}

/// The file layout, as the decoders read it.
package struct SidecarFile: Decodable, Equatable {
  struct Document: Decodable, Equatable {
    var id: String
    var path: String
    var sha256: String
    var length: Int
    var offset_unit: String
    var newline: String
    var language: String? = nil
    var segmenter: Int? = nil
  }
  typealias Entry = SidecarEntry
  var format: String
  var version: Int
  var document: Document
  var annotator: String
  var codebook: [String]
  var next_id: Int
  var progress: Progress?
  var codes: [String: [String]]?
  var relations: [RelationEntry]?
  var annotations: [Entry]

  struct RelationEntry: Decodable, Equatable {
    var type: String
    var from: Int
    var to: Int
    var created: String
  }

  /// `progress`: done, and units with nothing to code, as written.
  struct Progress: Decodable, Equatable {
    var done: String?
    var nothing_to_code: [[Int]]
  }

  enum CodingKeys: String, CodingKey {
    case format, version, document, annotator, codebook, next_id, progress, codes, relations, annotations
  }

  init(
    format: String, version: Int, document: Document, annotator: String, codebook: [String], next_id: Int,
    progress: Progress? = nil, codes: [String: [String]]? = nil, relations: [RelationEntry]? = nil,
    annotations: [Entry]
  ) {
    self.progress = progress
    self.codes = codes
    self.relations = relations
    self.format = format
    self.version = version
    self.document = document
    self.annotator = annotator
    self.codebook = codebook
    self.next_id = next_id
    self.annotations = annotations
  }

  /// Format and version are checked before anything else is read, so a
  /// newer or foreign file is named as such, in one pass.
  package init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    format = (try? c.decodeIfPresent(String.self, forKey: .format)) ?? ""
    guard format == Sidecar.format else {
      throw SidecarError(path: "", location: "format", problem: .notASidecar(found: format.isEmpty ? nil : format))
    }
    let found = try? c.decodeIfPresent(Int.self, forKey: .version)
    guard let found, Sidecar.versions.contains(found) else {
      throw SidecarError(path: "", location: "version", problem: .unsupportedVersion(found: found))
    }
    version = found
    document = try c.decode(Document.self, forKey: .document)
    annotator = try c.decode(String.self, forKey: .annotator)
    codebook = try c.decode([String].self, forKey: .codebook)
    next_id = try c.decode(Int.self, forKey: .next_id)
    progress = try c.decodeIfPresent(Progress.self, forKey: .progress)
    codes = try c.decodeIfPresent([String: [String]].self, forKey: .codes)
    relations = try c.decodeIfPresent([RelationEntry].self, forKey: .relations)
    annotations = try c.decode([Entry].self, forKey: .annotations)
  }
}

extension Sidecar {
  /// How many spans carry each tag in a sidecar's bytes. A file in the
  /// layout annotate writes is counted with no annotation made (see
  /// ``SidecarFastReader/tagCounts(_:)``: its JSON checked, its spans'
  /// offsets not); any other is decoded whole. Nil when it cannot be read
  /// as a sidecar (loading it says why).
  static func tagCounts(taking bytes: inout [UInt8], path: String) -> [String: Int]? {
    if let counts = SidecarFastReader.tagCounts(bytes) { return counts }
    guard let sidecar = try? decode(taking: &bytes, path: path) else { return nil }
    return sidecar.set.tagCounts()
  }

  /// Parses and validates a sidecar: JSON syntax, format and version, every
  /// field's type, and offsets against `length` when given.
  public static func decode(_ bytes: [UInt8], path: String) throws(SidecarError) -> Sidecar {
    var bytes = bytes
    return try decode(taking: &bytes, path: path, sentences: true)
  }

  /// ``decode(_:path:)``, letting go of the file's bytes once they are
  /// parsed (`bytes` is emptied): the annotations of a 400 MB sidecar are
  /// made without the file still in memory. The sentence numbers written
  /// beside each span (for other tools; annotate counts its own) are kept
  /// only when `sentences` asks for them (`check` compares them).
  /// `twins`: another annotator's spans of the document; a span on the
  /// same range as one of theirs shares its quote's strings when they are
  /// the same bytes.
  static func decode(
    taking bytes: inout [UInt8], path: String, sentences keepSentences: Bool = false,
    twins: AnnotationList? = nil
  ) throws(SidecarError) -> Sidecar {
    var file: SidecarFile
    do {
      // The fast reader takes the layout annotate writes; anything else, and
      // every problem, goes through JSONDecoder, which names it.
      file =
        try SidecarFastReader.read(bytes, twins: twins, sentences: keepSentences)
        ?? JSONDecoder().decode(SidecarFile.self, from: Data(bytes))
    } catch {
      throw describe(error, path: path)
    }
    bytes = []
    var entries = file.annotations
    file.annotations = []
    guard file.document.offset_unit == offsetUnit else {
      throw SidecarError(
        path: path, location: "document.offset_unit", problem: .unsupportedOffsetUnit(file.document.offset_unit))
    }
    guard let newline = NewlineConvention(rawValue: file.document.newline) else {
      throw SidecarError(path: path, location: "document.newline", problem: .unknownNewline(file.document.newline))
    }
    guard file.document.length >= 0 else {
      throw SidecarError(path: path, location: "document.length", problem: .negativeLength)
    }
    // Made straight into the chunks of the set's list while they come in
    // order (as annotate writes them): a million annotations are not
    // copied once more.
    var chunks: [[Annotation]] = []
    var chunk: [Annotation] = []
    chunk.reserveCapacity(min(entries.count, AnnotationList.maxChunk / 2))
    var inOrder = true
    // The last annotation's key (an annotation read back from the chunk would be a copy of all its strings).
    var last: (start: Int, end: Int, id: Int)?
    var sentences: [Int: ClosedRange<Int>] = [:]
    var ids = SpanIDs(below: file.next_id, count: entries.count)
    // Each entry's strings are taken into its annotation where the entry
    // lies (a `for … in` loop would copy each one's strings once more).
    let length = file.document.length
    try entries.withUnsafeMutableBufferPointer { entries throws(SidecarError) in
      for i in entries.indices {
        let e = entries.baseAddress! + i
        let id = e.pointee.id
        if keepSentences, let first = e.pointee.sentences.first, let last = e.pointee.sentences.last, first <= last {
          sentences[id] = first...last
        }
        let annotation: Annotation
        do throws(SidecarError) {
          annotation = try e.pointee.takeAnnotation(documentLength: length)
        } catch {
          throw SidecarError(path: path, location: "annotations[\(i)]" + error.location, problem: error.problem)
        }
        guard ids.insert(id) else {
          throw SidecarError(path: path, location: "annotations[\(i)].id", problem: .idUsedTwice(id))
        }
        let key = (start: annotation.range.start, end: annotation.range.end, id: annotation.id)
        if inOrder, let last, !(last < key) { inOrder = false }
        last = key
        chunk.append(consume annotation)
        if chunk.count == AnnotationList.maxChunk / 2 {
          chunks.append(chunk)
          chunk = []
          chunk.reserveCapacity(AnnotationList.maxChunk / 2)
        }
      }
    }
    guard file.next_id > ids.largest else {
      throw SidecarError(
        path: path, location: "next_id", problem: .nextIDNotAbove(nextID: file.next_id, largest: ids.largest))
    }
    if !chunk.isEmpty { chunks.append(chunk) }
    var set =
      inOrder
      ? AnnotationSet(sortedChunks: chunks, nextID: file.next_id)
      : AnnotationSet(annotations: Array(chunks.joined()), nextID: file.next_id)
    if let progress = file.progress {
      set.progress = try progress.value(documentLength: file.document.length, path: path, location: "progress")
    }
    set.codes = file.codes ?? [:]
    set.relations = try Self.relations(file.relations ?? [], isSpan: ids.contains, path: path, location: "relations")
    return Sidecar(
      document: SidecarDocument(
        id: file.document.id, path: file.document.path, sha256: file.document.sha256, length: file.document.length,
        newline: newline, language: file.document.language, segmenter: file.document.segmenter),
      annotator: file.annotator, codebook: file.codebook, set: set, sentences: sentences)
  }

  /// Relations read from a file, each end checked to be a span of the document.
  static func relations(
    _ entries: [SidecarFile.RelationEntry], isSpan: (Int) -> Bool, path: String, location: String
  ) throws(SidecarError) -> [Relation] {
    var seen = Set<String>()
    var result: [Relation] = []
    for (i, e) in entries.enumerated() {
      for end in [e.from, e.to] where !isSpan(end) {
        throw SidecarError(path: path, location: "\(location)[\(i)]", problem: .danglingRelation(end))
      }
      let relation = Relation(type: e.type, from: e.from, to: e.to, created: e.created)
      if seen.insert(relation.key).inserted { result.append(relation) }
    }
    return result
  }

  /// What a decoding error says, as data: the field path and the problem.
  static func describe(_ error: any Error, path: String) -> SidecarError {
    if let error = error as? SidecarError {
      return SidecarError(path: path, location: error.location, problem: error.problem)
    }
    guard let error = error as? DecodingError else {
      return SidecarError(path: path, location: "", problem: .unreadableValue("\(error)"))
    }
    func field(_ codingPath: [any CodingKey]) -> String {
      var text = ""
      for key in codingPath {
        if let index = key.intValue {
          text += "[\(index)]"
        } else {
          text += (text.isEmpty ? "" : ".") + key.stringValue
        }
      }
      return text
    }
    switch error {
    case .typeMismatch(let type, let context):
      return SidecarError(path: path, location: field(context.codingPath), problem: .expected(kind(type)))
    case .valueNotFound(let type, let context):
      return SidecarError(path: path, location: field(context.codingPath), problem: .expectedButNull(kind(type)))
    case .keyNotFound(let key, let context):
      return SidecarError(path: path, location: field(context.codingPath + [key]), problem: .missing)
    case .dataCorrupted(let context):
      let problem: SidecarProblem
      if let underlying = context.underlyingError {
        problem = .invalidJSON(detail: String("\(underlying)".map { $0 == "\n" ? " " : $0 }))
      } else if context.debugDescription.hasPrefix("The given data was not valid JSON") {
        problem = .invalidJSON(detail: nil)
      } else {
        problem = .unreadableValue(context.debugDescription)
      }
      return SidecarError(path: path, location: field(context.codingPath), problem: problem)
    @unknown default:
      return SidecarError(path: path, location: "", problem: .unreadableValue("\(error)"))
    }
  }

  static func kind(_ type: Any.Type) -> JSONValueKind {
    switch type {
    case is Int.Type: return .wholeNumber
    case is String.Type: return .string
    case is [Int].Type, is [String].Type: return .list
    default: return .other("\(type)")
    }
  }
}
