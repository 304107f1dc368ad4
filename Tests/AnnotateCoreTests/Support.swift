import Glibc

@testable import AnnotateCore

/// The repository root, found from this file's path.
let repositoryRoot: String = {
  var path = #filePath
  for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
  return path
}()

let seedPath = repositoryRoot + "/seeds/000_9c83e067df388347.txt"

func readFileBytes(_ path: String) -> [UInt8]? {
  if case .success(let bytes) = Corpus.readFile(path) { return bytes }
  return nil
}

/// A fresh temporary folder, removed by the caller with `removeTree`.
func makeTemporaryFolder() -> String {
  var template = Array("/tmp/annotate-test-XXXXXX".utf8CString)
  let path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
  return path
}

func writeFile(_ path: String, _ bytes: [UInt8]) {
  let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  precondition(fd >= 0, "cannot write \(path)")
  _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
  close(fd)
}

func writeFile(_ path: String, _ text: String) { writeFile(path, Array(text.utf8)) }

func removeTree(_ path: String) {
  precondition(path.hasPrefix("/tmp/"))
  sh("rm -rf '\(path)'")
}

/// Where a string's UTF-8 is stored, to tell whether two strings share
/// their storage; nil for one of 15 bytes or fewer, which is held inline and
/// shares nothing.
func utf8Storage(_ s: String) -> UnsafeRawPointer? {
  guard s.utf8.count > 15 else { return nil }
  return s.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress!) } ?? nil
}

/// Runs a shell command for test set-up (mkdir, touch).
func sh(_ command: String) {
  let status = system(command)
  precondition(status == 0, "set-up command failed: \(command)")
}

extension DocumentAnnotations {
  /// Why the annotations are read-only, in the words the shell shows.
  var readOnlyReason: String? { readOnly?.reason }
  /// The notices waiting to be shown, as the shell joins them.
  var pendingNotice: String? { pendingNotices.isEmpty ? nil : pendingNotices.map(\.message).joined(separator: "; ") }
}

/// A session on a private copy of some documents, with a fixed clock.
final class TestProject {
  let folder: String
  let session: Session

  init(documents: [String: String] = [:], seed: Bool = true, annotator: String = "alice") {
    folder = makeTemporaryFolder()
    sh("mkdir -p '\(folder)/docs' '\(folder)/docs/ann'")
    if seed { sh("cp '\(seedPath)' '\(folder)/docs/'") }
    for (name, text) in documents { writeFile(folder + "/docs/" + name, text) }
    session = Session(options: SessionOptions(annotator: annotator, annotationsPath: folder + "/docs/ann"))
    session.clock = { "2026-11-25T08:00:00Z" }
    session.open([folder + "/docs"])
  }

  deinit { removeTree(folder) }

  /// Another session on a workspace's folders.
  static func session(folder: String, annotator: String = "alice") -> Session {
    let session = Session(options: SessionOptions(annotator: annotator, annotationsPath: folder + "/docs/ann"))
    session.clock = { "2026-11-25T08:00:00Z" }
    session.open([folder + "/docs"])
    return session
  }

  @discardableResult
  func run(_ lines: String...) -> (out: String, err: String, failed: Bool) {
    transcript(session, lines)
  }

  var sidecarPath: String { folder + "/docs/ann/000_9c83e067df388347.txt/alice.json" }
}

/// Several annotators' sessions on one copy of the documents.
final class TeamProject {
  let folder: String

  init(documents: [String: String] = [:]) {
    folder = makeTemporaryFolder()
    sh("mkdir -p '\(folder)/docs' '\(folder)/docs/ann'")
    sh("cp '\(seedPath)' '\(folder)/docs/'")
    for (name, text) in documents { writeFile(folder + "/docs/" + name, text) }
  }

  deinit { removeTree(folder) }

  /// A session as `annotator`, closed (journals folded) after the lines run.
  @discardableResult
  func run(as annotator: String, _ lines: String...) -> (out: String, err: String, failed: Bool) {
    let session = self.session(annotator)
    defer { _ = session.close() }
    return transcript(session, lines)
  }

  func session(_ annotator: String) -> Session {
    let session = Session(options: SessionOptions(annotator: annotator, annotationsPath: folder + "/docs/ann"))
    session.clock = { "2026-11-25T08:00:00Z" }
    session.open([folder + "/docs"])
    return session
  }

  var seedFolder: String { folder + "/docs/ann/000_9c83e067df388347.txt" }

  /// The three-annotator example of the README.
  static func example() -> TeamProject {
    let w = TeamProject()
    w.run(as: "alice", "tag 1 source", "tag 3 claim", "hl 3 \"rightly felt\" opinion", "tag 5 claim", "tag 7 op")
    w.run(as: "bob", "tag 1 source", "tag 3 claim", "hl 3 \"America rightly felt\" opinion", "tag 6 claim", "tag 7 op")
    w.run(as: "carol", "tag 1 source", "tag 3 claim", "tag 5 claim", "tag 8 source")
    return w
  }
}

/// A minimal valid sidecar for the seed, with fields replaced.
func sidecarText(start: String = "0", end: String = "5", nextID: String = "2", tags: String = #"["claim"]"#) -> String {
  """
  {"format": "annotate.sidecar", "version": 1,
   "document": {"id": "000_9c83e067df388347.txt", "path": "x", "sha256": "0", "length": 3149,
                "offset_unit": "unicode-scalar", "newline": "lf"},
   "annotator": "alice", "codebook": ["claim"], "next_id": \(nextID),
   "annotations": [{"id": 1, "start": \(start), "end": \(end), "text": "Who’s", "prefix": "", "suffix": "",
                    "sentences": [1], "tags": \(tags), "note": null, "created": "", "modified": "",
                    "status": "anchored"}]}
  """
}

/// A reliability matrix from rows of 1-based values, nil for missing.
func reliability(_ rows: [[Int?]], categories: Int) -> ReliabilityData {
  var data = ReliabilityData(coders: rows[0].count, categories: categories)
  for row in rows { data.append(row.map { $0.map { Int32($0 - 1) } ?? ReliabilityData.missing }) }
  return data
}

func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool { abs(a - b) <= tolerance }

/// Runs lines against a session and returns what a script run would print.
func transcript(_ session: Session, _ lines: [String]) -> (out: String, err: String, failed: Bool) {
  var out = ""
  var err = ""
  var runner = ScriptRunner(
    session: session, renderer: Renderer(), write: { out += $0 }, writeError: { err += $0 })
  for line in lines where !runner.run(line: line) { break }
  return (out, err, runner.failed)
}

/// The names in a folder.
func listFolder(_ path: String) throws -> [String] {
  guard let dir = opendir(path) else { return [] }
  defer { closedir(dir) }
  var names: [String] = []
  while let entry = readdir(dir) { names.append(directoryEntryName(entry)) }
  return names
}

/// Text with span positions written inside it, as swift-format's tests
/// write positions: `⟦` opens a span and `⟧` closes the innermost open one.
/// Returns the text without the markers and the spans' code point ranges
/// (half-open), in the order they open.
///
///     marked("The ⟦rightly felt⟧ loss")  // ("The rightly felt loss", [4..<16])
func marked(_ source: String) -> (text: String, ranges: [TextRange]) {
  var text = String.UnicodeScalarView()
  var open: [(index: Int, start: Int)] = []
  var ranges: [TextRange?] = []
  var offset = 0
  for scalar in source.unicodeScalars {
    switch scalar {
    case "⟦":
      open.append((ranges.count, offset))
      ranges.append(nil)
    case "⟧":
      let (index, start) = open.removeLast()
      ranges[index] = TextRange(start: start, end: offset)
    default:
      text.append(scalar)
      offset += 1
    }
  }
  precondition(open.isEmpty, "an unclosed ⟦ in \(source)")
  return (String(text), ranges.map { $0! })
}

/// A workspace on a private folder holding documents given as text.
final class TestWorkspace {
  let folder: String
  let workspace: Workspace
  let editor: Editor

  init(_ documents: [String: String], annotator: String = "alice") {
    folder = makeTemporaryFolder()
    sh("mkdir -p '\(folder)/docs'")
    for (name, text) in documents { writeFile(folder + "/docs/" + name, text) }
    workspace = Workspace(folder: folder + "/docs/ann", annotator: annotator)
    workspace.open([folder + "/docs"])
    editor = Editor(workspace: workspace)
    editor.clock = { "2026-11-30T08:00:00Z" }
  }

  deinit { removeTree(folder) }

  func document(_ id: String) -> Document { workspace.corpus.documents[workspace.corpus.index(ofID: id)!] }

  /// A fresh workspace on the same folder, as the next session sees it.
  func reopened(annotator: String = "alice") -> Workspace {
    let next = Workspace(folder: folder + "/docs/ann", annotator: annotator)
    next.open([folder + "/docs"])
    return next
  }
}

/// Random news-like documents with repeated words, emoji, CJK and combining
/// marks, for property tests.
enum RandomDocument {
  static let vocabulary = [
    "the", "the", "the", "US", "Taliban", "said", "talks", "in", "Kabul", "peace", "would", "resume", "Zoe\u{308}",
    "北京", "👍🏽", "group", "“quoted”", "officials", "and", "deal", "envoy", "Khalilzad", "week", "it's", "—",
  ]

  static func text(_ random: inout SplitMix64) -> String {
    var paragraphs: [String] = []
    for _ in 0..<(2 + random.below(4)) {
      var sentences: [String] = []
      for _ in 0..<(2 + random.below(4)) {
        let words = (0..<(4 + random.below(10))).map { _ in random.pick(vocabulary) }
        sentences.append(
          words.joined(separator: " ").prefix(1).uppercased() + words.joined(separator: " ").dropFirst() + ".")
      }
      paragraphs.append(sentences.joined(separator: " "))
    }
    return paragraphs.joined(separator: "\n\n")
  }

  /// Ranges of runs of letters, digits and marks (emoji and CJK count as words).
  static func words(in text: [Unicode.Scalar]) -> [TextRange] {
    var ranges: [TextRange] = []
    var start: Int?
    for (i, s) in text.enumerated() {
      let inWord = !s.properties.isWhitespace && !".,“”—".unicodeScalars.contains(s)
      if inWord && start == nil { start = i }
      if !inWord, let from = start {
        ranges.append(TextRange(start: from, end: i))
        start = nil
      }
    }
    if let from = start { ranges.append(TextRange(start: from, end: text.count)) }
    return ranges
  }
}

/// One random edit with its truth: old text pieces kept, and the span of
/// old text the edit touched.
struct RandomEdit {
  var name: String
  var new: [Unicode.Scalar]
  /// Kept pieces of the old text and where each starts in the new.
  var kept: [(old: Range<Int>, at: Int)]
  /// The old range the edit replaced (empty for an insertion).
  var touched: Range<Int>

  enum Truth {
    /// The span's words are kept: these places hold them (copies included).
    case survives([TextRange])
    /// The edit touched the span: it may only go near its own (edited) words.
    case touched(TextRange)
  }

  func truth(of span: TextRange) -> Truth {
    let whole = kept.filter { $0.old.lowerBound <= span.start && span.end <= $0.old.upperBound }
      .map { TextRange(start: $0.at + span.start - $0.old.lowerBound, end: $0.at + span.end - $0.old.lowerBound) }
    let hit =
      span.start < touched.upperBound && touched.lowerBound < span.end
      || (touched.isEmpty && span.start < touched.lowerBound && touched.lowerBound < span.end)
    if !whole.isEmpty && !hit { return .survives(whole) }
    let from = kept.first { $0.old.contains(span.start) }.map { $0.at + span.start - $0.old.lowerBound } ?? 0
    let to =
      kept.last { $0.old.lowerBound < span.end && span.end <= $0.old.upperBound }.map {
        $0.at + span.end - $0.old.lowerBound
      } ?? new.count
    return .touched(TextRange(start: max(0, min(from, to) - 1), end: max(from, to) + 1))
  }

  static func make(in old: [Unicode.Scalar], words: [TextRange], _ random: inout SplitMix64) -> RandomEdit {
    let n = old.count
    let word = random.pick(words)
    let other = random.pick(words)
    func edit(_ name: String, replacing r: Range<Int>, with text: [Unicode.Scalar]) -> RandomEdit {
      var new = Array(old[..<r.lowerBound])
      new += text
      new += old[r.upperBound...]
      return RandomEdit(
        name: name, new: new,
        kept: [(0..<r.lowerBound, 0), (r.upperBound..<n, r.lowerBound + text.count)], touched: r)
    }
    switch random.below(6) {
    case 0:
      return edit(
        "insert", replacing: word.start..<word.start,
        with: Array((random.pick(RandomDocument.vocabulary) + " ").unicodeScalars))
    case 1:
      let end = max(word.end, other.end)
      return edit("delete", replacing: min(word.start, other.start)..<end, with: [])
    case 2:
      return edit(
        "replace", replacing: word.start..<word.end, with: Array(random.pick(RandomDocument.vocabulary).unicodeScalars))
    case 3:
      let note = Array("Editor's note: the US and the Taliban said.\n\n".unicodeScalars)
      return RandomEdit(name: "note", new: note + old, kept: [(0..<n, note.count)], touched: 0..<0)
    case 4:
      // A line break for each space in a stretch (re-wrapped lines).
      var new = old
      var kept: [(old: Range<Int>, at: Int)] = []
      var from = 0
      for i in old.indices where old[i] == " " && random.below(5) == 0 {
        kept.append((from..<i, from))
        new[i] = "\n"
        from = i + 1
      }
      kept.append((from..<n, from))
      return RandomEdit(name: "rewrap", new: new, kept: kept, touched: n..<n)
    default:
      // A paragraph duplicated.
      let text = String(String.UnicodeScalarView(old))
      guard
        let breakIndex = text.unicodeScalars.indices.first(where: { i in
          text.unicodeScalars[i] == "\n" && text.unicodeScalars.index(after: i) < text.unicodeScalars.endIndex
            && text.unicodeScalars[text.unicodeScalars.index(after: i)] == "\n"
        })
      else { return edit("none", replacing: n..<n, with: []) }
      let end = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: breakIndex) + 2
      let new = Array(old[..<end]) + Array(old[..<end]) + Array(old[end...])
      return RandomEdit(
        name: "duplicate", new: new, kept: [(0..<end, 0), (0..<n, end)], touched: n..<n)
    }
  }
}
