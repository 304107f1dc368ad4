import FoundationEssentials

/// Who codes which document: every document goes to one coder, and a
/// reproducible sample (the overlap) to two, for reliability. Kept as
/// `assignments.json` in the annotations folder, one document a line, so it
/// diffs and merges in git like the sidecars.
public struct Assignments: Equatable, Sendable {
  public static let format = "annotate.assignments"
  public static let fileName = "assignments.json"

  public var seed: UInt64
  /// The share of documents coded by two annotators (0…1).
  public var overlap: Double
  public var annotators: [String]
  /// Document id → its coders (two for the overlap sample).
  public var documents: [String: [String]]
  /// The ids in file order (sorted).
  public var order: [String]

  /// The overlap sample: documents with two coders or more.
  public var overlapSample: Set<String> { Set(documents.filter { $0.value.count > 1 }.keys) }

  /// The documents one annotator is to code, in file order.
  public func documents(of annotator: String) -> [String] {
    order.filter { documents[$0]?.contains(annotator) == true }
  }

  /// Deals documents out: shuffled by `seed`, the first `overlap` share to
  /// two coders each and the rest to one, each time to whoever has fewest
  /// so far (ties in the order the annotators were given, rotated).
  public static func deal(ids: [String], annotators: [String], overlap: Double, seed: UInt64) -> Assignments {
    let sorted = ids.sorted()
    var random = SplitMix64(state: seed)
    var shuffled = sorted
    if shuffled.count > 1 {
      for i in stride(from: shuffled.count - 1, to: 0, by: -1) { shuffled.swapAt(i, random.below(i + 1)) }
    }
    let shared = annotators.count < 2 ? 0 : Int((overlap * Double(sorted.count)).rounded())
    var load = Dictionary(uniqueKeysWithValues: annotators.map { ($0, 0) })
    var documents: [String: [String]] = [:]
    for (k, id) in shuffled.enumerated() {
      let rotated = Array(annotators[(k % annotators.count)...] + annotators[..<(k % annotators.count)])
      let chosen = rotated.sorted { load[$0]! < load[$1]! }.prefix(k < shared ? 2 : 1)
      for name in chosen { load[name]! += 1 }
      documents[id] = annotators.filter { chosen.contains($0) }
    }
    return Assignments(seed: seed, overlap: overlap, annotators: annotators, documents: documents, order: sorted)
  }

  /// The file: a header, then one document a line.
  public func encoded() -> [UInt8] {
    var text = "{\"format\": \"\(Self.format)\", \"version\": 1, \"seed\": \(seed), \"overlap\": \(overlap),\n"
    text += " \"annotators\": [" + annotators.map(JSON.quote).joined(separator: ", ") + "],\n"
    text += " \"documents\": ["
    for (i, id) in order.enumerated() {
      text += i == 0 ? "\n" : ",\n"
      text += "  {\"id\": \(JSON.quote(id)), \"annotators\": ["
      text += (documents[id] ?? []).map(JSON.quote).joined(separator: ", ") + "]}"
    }
    return Array((text + "\n]}\n").utf8)
  }

  private struct File: Decodable {
    struct Entry: Decodable {
      var id: String
      var annotators: [String]
    }
    var format: String
    var version: Int
    var seed: UInt64
    var overlap: Double
    var annotators: [String]
    var documents: [Entry]
  }

  /// Reads an assignments file; nil when there is none.
  public static func load(folder: String) throws(AssignmentError) -> Assignments? {
    let path = folder + "/" + fileName
    guard FileSystem.exists(path) else { return nil }
    let bytes: [UInt8]
    switch Corpus.readFile(path) {
    case .success(let read): bytes = read
    case .failure(let problem): throw .unreadable(path: path, problem)
    }
    let file: File
    do {
      file = try JSONDecoder().decode(File.self, from: Data(bytes))
    } catch {
      throw .damaged(path: path, Sidecar.describe(error, path: path))
    }
    guard file.format == format, file.version == 1 else { throw .notAssignments(path: path) }
    var documents: [String: [String]] = [:]
    for entry in file.documents { documents[entry.id] = entry.annotators }
    return Assignments(
      seed: file.seed, overlap: file.overlap, annotators: file.annotators, documents: documents,
      order: file.documents.map(\.id))
  }

  /// Writes the file (atomically); refuses to replace one unless asked.
  public func save(folder: String, replacing: Bool) throws(AssignmentError) -> String {
    let path = folder + "/" + Self.fileName
    if FileSystem.exists(path) && !replacing { throw .exists(path: path) }
    do {
      try FileSystem.makeDirectories(folder)
      try FileSystem.writeAtomically(encoded(), to: path)
      AnnotationStore.keepIgnoreFile(in: folder)
    } catch {
      throw .notSaved(error)
    }
    return path
  }
}

/// Why assignments could not be read or made.
public enum AssignmentError: Error, Equatable, Sendable {
  case unreadable(path: String, OpenProblem)
  case damaged(path: String, SidecarError)
  case notAssignments(path: String)
  case exists(path: String)
  case notSaved(WriteError)
  case badOverlap(String)
  case annotatorName(String)
  case noAnnotators
  case noDocuments
}
