import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The write-ahead journal beside a sidecar (`.ANNOTATOR.journal`): one JSON
/// line per change since the sidecar was last written whole. Appending one
/// short line and syncing it is what makes a command durable; the sidecar
/// itself is rewritten (atomically) on save, on quit and when the journal
/// grows. Records set annotations to their new state, so replaying a record
/// twice changes nothing.
package enum Journal {
  static func path(forSidecar sidecar: String) -> String {
    let slash = sidecar.lastIndex(of: "/")!
    let name = sidecar[sidecar.index(after: slash)...].dropLast(5)  // ".json"
    return String(sidecar[...slash]) + "." + name + ".journal"
  }

  /// One record: `{"next_id":N,"put":[…],"remove":[…]}` (and `"progress":{…}`
  /// when the document's progress changed) and a newline.
  static func record(
    put: [Annotation], sentences: [Int: ClosedRange<Int>], remove: [Int], nextID: Int,
    level: DocumentLevel? = nil
  ) -> [UInt8] {
    var out: [UInt8] = []
    out.append(contentsOf: "{\"next_id\":\(nextID),\"put\":[".utf8)
    for (i, a) in put.enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      var entry: [UInt8] = []
      Sidecar.encode(a, sentences: sentences[a.id], into: &entry)
      // The sidecar's pretty form on one line: drop the indentation newlines.
      var inString = false
      var escaped = false
      for byte in entry {
        if inString {
          if escaped {
            escaped = false
          } else if byte == UInt8(ascii: "\\") {
            escaped = true
          } else if byte == UInt8(ascii: "\"") {
            inString = false
          }
          out.append(byte)
        } else if byte == UInt8(ascii: "\"") {
          inString = true
          out.append(byte)
        } else if byte != 0x0A && byte != 0x20 {
          out.append(byte)
        }
      }
    }
    out.append(contentsOf: "],\"remove\":[\(remove.sorted().map(String.init).joined(separator: ","))]".utf8)
    // The document level whole, when the change moved it: replaying it twice changes nothing.
    if let level {
      var progress: [UInt8] = []
      Sidecar.encode(level.progress, into: &progress)
      var codes: [UInt8] = []
      Sidecar.encode(codes: level.codes, into: &codes)
      out.append(contentsOf: ",\"progress\":".utf8 + progress + ",\"codes\":".utf8 + codes)
      out.append(contentsOf: ",\"relations\":[".utf8)
      for (i, r) in level.relations.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        Sidecar.encode(r, into: &out)
      }
      out.append(UInt8(ascii: "]"))
    }
    out.append(contentsOf: "}\n".utf8)
    return out
  }

  private struct Record: Decodable {
    var next_id: Int
    var put: [SidecarEntry]
    var remove: [Int]
    var progress: SidecarFile.Progress?
    var codes: [String: [String]]?
    var relations: [SidecarFile.RelationEntry]?
  }

  /// What replaying a journal found.
  package struct Replay: Equatable {
    /// Whole records applied.
    var records = 0
    /// Bytes after the last newline: a record cut short by a crash, a power
    /// loss or a full disk. It was never acknowledged (a change is
    /// acknowledged only once its whole line is synced), so it is dropped.
    var tornTail = 0
    /// Lines that began with such a fragment and went on with a whole record:
    /// what an earlier annotate, which appended after a torn tail, left. The
    /// record is applied and the fragment dropped.
    var salvaged = 0
  }

  /// Every record starts with this, and no JSON string can hold it (quotes
  /// inside strings are escaped), so it marks where a record begins.
  static let recordStart = Array("{\"next_id\":".utf8)

  /// Applies the journal's records to `set`. A last line without its newline
  /// is a write cut short — never acknowledged — and is left out; a bad line
  /// before that is damage, and `set` then holds every record before it.
  package static func replay(_ bytes: [UInt8], onto set: inout AnnotationSet, documentLength: Int, path: String)
    throws(SidecarError) -> Replay
  {
    var result = Replay()
    var lineStart = 0
    var lineNumber = 0
    let decoder = JSONDecoder()
    func decode(_ line: ArraySlice<UInt8>) -> Result<Record, SidecarError> {
      do {
        return .success(try decoder.decode(Record.self, from: Data(line)))
      } catch {
        return .failure(Sidecar.describe(error, path: path))
      }
    }
    while lineStart < bytes.count {
      lineNumber += 1
      guard let newline = bytes[lineStart...].firstIndex(of: 0x0A) else {
        result.tornTail = bytes.count - lineStart
        break
      }
      let line = bytes[lineStart..<newline]
      lineStart = newline + 1
      if line.isEmpty { continue }
      var record: Record
      switch decode(line) {
      case .success(let value): record = value
      case .failure(let error):
        // A torn fragment with a whole record appended to it.
        guard let start = lastRecordStart(in: line), isFragment(line[..<start]),
          case .success(let value) = decode(line[start...])
        else {
          throw SidecarError(path: path, location: "line \(lineNumber)", problem: error.problem)
        }
        record = value
        result.salvaged += 1
      }
      var put: [Annotation] = []
      for var entry in record.put {
        do {
          put.append(try entry.takeAnnotation(documentLength: max(documentLength, entry.end)))
        } catch {
          throw SidecarError(path: path, location: "line \(lineNumber)\(error.location)", problem: error.problem)
        }
      }
      set.apply(put: put, remove: record.remove, nextID: record.next_id)
      if let progress = record.progress {
        set.progress = try progress.value(
          documentLength: documentLength, path: path, location: "line \(lineNumber).progress")
      }
      if let codes = record.codes { set.codes = codes }
      if let relations = record.relations {
        set.relations = try Sidecar.relations(
          relations, isSpan: Set(set.annotations.map(\.id)).contains, path: path,
          location: "line \(lineNumber).relations")
      }
      result.records += 1
    }
    return result
  }

  /// Whether bytes can be the start of a record cut short.
  static func isFragment(_ bytes: ArraySlice<UInt8>) -> Bool {
    bytes.starts(with: recordStart) || recordStart.starts(with: bytes)
  }

  /// Where the last record in a line starts, if not at its beginning.
  static func lastRecordStart(in line: ArraySlice<UInt8>) -> Int? {
    var i = line.endIndex - recordStart.count
    while i > line.startIndex {
      if line[i..<(i + recordStart.count)].elementsEqual(recordStart) { return i }
      i -= 1
    }
    return nil
  }
}

/// The open journal of one sidecar, appended to and synced per change.
final class JournalFile {
  let path: String
  private let fd: Int32
  private(set) var records = 0
  private(set) var size = 0

  init(path: String) throws(WriteError) {
    // Never through a symbolic link: appending would write to its target.
    let fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0o644)
    guard fd >= 0 else { throw WriteError(path: path, step: .openingJournal, reason: errorString()) }
    self.path = path
    self.fd = fd
    var info = stat()
    if fstat(fd, &info) == 0 { size = Int(info.st_size) }
  }

  deinit { close(fd) }

  /// Cuts the journal back to `length` bytes (the end of its last whole
  /// record) and syncs, so the next record starts on a fresh line. Only a
  /// session holding the sidecar's lock calls this.
  func cut(to length: Int) throws(WriteError) {
    guard ftruncate(fd, off_t(length)) == 0, syncData(fd) == 0 else {
      throw WriteError(path: path, step: .cuttingJournal, reason: errorString())
    }
    size = length
  }

  /// Appends one record and syncs it; on failure the journal is cut back to
  /// where it was, so no half record stays behind.
  func append(_ bytes: [UInt8]) throws(WriteError) {
    if let reason = FileSystem.writeAll(fd, bytes) {
      ftruncate(fd, off_t(size))
      throw WriteError(path: path, step: .writingJournal, reason: reason)
    }
    if syncData(fd) != 0 {
      let reason = errorString()
      ftruncate(fd, off_t(size))
      throw WriteError(path: path, step: .syncingJournal, reason: reason)
    }
    size += bytes.count
    records += 1
  }

  /// Appends one synced record to an append-only log (a decision log),
  /// first cutting off an unfinished record a crash left at its end, so the
  /// new one starts on a fresh line.
  static func appendRecord(_ bytes: [UInt8], to path: String) throws(WriteError) {
    let log = try JournalFile(path: path)
    if log.size > 0 {
      let whole = log.endOfLastLine()
      if whole < log.size { try log.cut(to: whole) }
    }
    try log.append(bytes)
  }

  /// The length of the file up to and including its last newline.
  func endOfLastLine() -> Int {
    var end = size
    var chunk = [UInt8](repeating: 0, count: 4096)
    while end > 0 {
      let start = max(0, end - chunk.count)
      let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, end - start, off_t(start)) }
      guard n == end - start else { return size }
      if let last = chunk[0..<n].lastIndex(of: 0x0A) { return start + last + 1 }
      end = start
    }
    return 0
  }

  /// Empties the journal once the sidecar holds everything.
  func reset() throws(WriteError) {
    guard ftruncate(fd, 0) == 0, syncData(fd) == 0 else {
      throw WriteError(path: path, step: .emptyingJournal, reason: errorString())
    }
    size = 0
    records = 0
  }
}

/// The file's data on disk: `fdatasync` on Linux; on Darwin, where it is
/// not declared, `F_FULLFSYNC` (which `fsync` there does not give).
func syncData(_ fd: Int32) -> Int32 {
  #if os(Linux)
    return fdatasync(fd)
  #else
    return fcntl(fd, F_FULLFSYNC)
  #endif
}
