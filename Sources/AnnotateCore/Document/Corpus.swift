#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a path given to `open` did not yield (all of) its documents.
public enum OpenProblem: Error, Equatable, Sendable {
  case notFound(path: String)
  case unreadable(path: String, reason: String)
  case invalidUTF8(path: String, byteOffset: Int)
  case binary(path: String, byteOffset: Int)
  case noTextFiles(folder: String)
  case notText(path: String)
  case duplicate(id: String, path: String)
  /// Larger than ``Corpus/maximumDocumentBytes``.
  case tooLarge(path: String, bytes: Int)
}

/// The documents open in a session, in a stable order.
public struct Corpus {
  /// The largest file opened as one document: 256 MiB, a hundred books. A
  /// larger file is refused before it is read, so memory stays bounded.
  public static let maximumDocumentBytes = 256 << 20

  public private(set) var documents: [Document] = []
  private var indexByID: [String: Int] = [:]
  /// Units segmented in earlier sessions (none: every session segments afresh).
  public var unitCache: UnitCache?

  public init() {}

  /// File endings opened as documents (compared case-insensitively).
  public static let textExtensions: Set<String> = ["txt", "md", "text", "markdown"]

  public var isEmpty: Bool { documents.isEmpty }
  public var count: Int { documents.count }

  public func index(ofID id: String) -> Int? { indexByID[id] }

  /// Adds a document unless one with the same id is open already.
  @discardableResult
  public mutating func add(_ document: Document) -> Bool {
    guard indexByID[document.id] == nil else { return false }
    indexByID[document.id] = documents.count
    documents.append(document)
    return true
  }

  /// Opens files and folders (recursively, in sorted order). Every document
  /// that can be read is added; every path that cannot is reported. A
  /// document's id is its path from `root` when it is inside it, else from
  /// the folder opened (its file name when a file was opened).
  /// `progress` hears (files read, files) of each folder.
  public mutating func open(
    _ paths: [String], root: String? = nil, progress: ((Int, Int) -> Void)? = nil
  ) -> (opened: [Document], problems: [OpenProblem]) {
    var opened: [Document] = []
    var problems: [OpenProblem] = []
    for path in paths {
      let (docs, probs) = Corpus.load(path, root: root, progress: progress)
      problems += probs
      indexByID.reserveCapacity(indexByID.count + docs.count)
      documents.reserveCapacity(documents.count + docs.count)
      for doc in docs {
        if add(doc) { opened.append(doc) } else { problems.append(.duplicate(id: doc.id, path: doc.path)) }
      }
    }
    return (opened, problems)
  }

  /// Reads the documents at `path` without adding them (ids as ``open(_:root:)`` gives them).
  public static func load(
    _ path: String, root: String? = nil, progress: ((Int, Int) -> Void)? = nil
  ) -> ([Document], [OpenProblem]) {
    // Where ids start: the path's place inside the root, if it is inside.
    let inside = root.flatMap { Path.relative(Path.absolute(path), to: Path.absolute($0)) }
    var info = stat()
    guard stat(path, &info) == 0 else {
      return errno == ENOENT ? ([], [.notFound(path: path)]) : ([], [.unreadable(path: path, reason: errorString())])
    }
    if info.st_mode & S_IFMT == S_IFDIR {
      let root = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
      var files: [String] = []
      var problems: [OpenProblem] = []
      listTextFiles(root, relative: "", into: &files, problems: &problems)
      if files.isEmpty && problems.isEmpty { return ([], [.noTextFiles(folder: path)]) }
      var documents: [Document] = []
      documents.reserveCapacity(files.count)
      let idPrefix = inside.map { $0.isEmpty ? "" : $0 + "/" } ?? ""
      // Reading, validating and making each document run on every core,
      // in waves between which progress is told; documents come in order.
      let wave = progress == nil ? max(1, files.count) : 1024
      // Files opened inside the folder by their relative paths: the kernel
      // walks the folder's own path once, not once a file.
      let folder = systemOpen(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
      defer { if folder >= 0 { close(folder) } }
      for first in stride(from: 0, to: files.count, by: wave) {
        let names = Array(files[first..<min(first + wave, files.count)])
        let read = Parallel.map(names) { relative -> Result<Made, OpenProblem> in
          let path = root + "/" + relative
          return decodeFile(path, at: folder >= 0 ? (folder, relative) : nil).map {
            Made(Document(id: idPrefix + relative, path: path, decoded: $0))
          }
        }
        for result in read {
          switch result {
          case .success(let made): documents.append(made.document)
          case .failure(let problem): problems.append(problem)
          }
        }
        progress?(first + names.count, files.count)
      }
      return (documents, problems)
    }
    let name = inside ?? path.split(separator: "/").last.map(String.init) ?? path
    switch readDocument(id: name, path: path) {
    case .success(let doc): return ([doc], [])
    case .failure(let problem): return ([], [problem])
    }
  }

  /// Whether a file name ends in one of ``textExtensions``, compared
  /// byte by byte (a name is checked for every file of a corpus).
  static func isTextFileName(_ name: String) -> Bool {
    withUTF8Bytes(name) { bytes in
      guard let dot = bytes.lastIndex(of: 0x2E), dot > 0 else { return false }
      let ending = bytes[(dot + 1)...]
      return textExtensionBytes.contains { known in
        known.count == ending.count && zip(known, ending).allSatisfy { $0 == $1 | ($1 &- 0x41 < 26 ? 0x20 : 0) }
      }
    }
  }

  private static let textExtensionBytes = textExtensions.map { Array($0.utf8) }

  /// Sorted, recursive; hidden entries and symbolic links to folders are skipped.
  private static func listTextFiles(
    _ folder: String, relative: String, into files: inout [String], problems: inout [OpenProblem]
  ) {
    let here = relative.isEmpty ? folder : folder + "/" + relative
    guard let dir = opendir(here) else {
      problems.append(.unreadable(path: here, reason: errorString()))
      return
    }
    var entries: [(name: String, isDir: Bool)] = []
    while let entry = readdir(dir) {
      let name = directoryEntryName(entry)
      if name.hasPrefix(".") { continue }
      guard let type = directoryEntryType(entry, path: here + "/" + name) else { continue }
      var info = stat()
      if type == S_IFDIR {
        entries.append((name, true))
      } else if type == S_IFREG || type == S_IFLNK, isTextFileName(name) {
        if type == S_IFLNK {
          // A link is followed only to a regular file.
          guard stat(here + "/" + name, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
        }
        entries.append((name, false))
      }
    }
    closedir(dir)
    for entry in sortedByUTF8(entries) {
      let rel = relative.isEmpty ? entry.name : relative + "/" + entry.name
      if entry.isDir {
        listTextFiles(folder, relative: rel, into: &files, problems: &problems)
      } else {
        files.append(rel)
      }
    }
  }

  /// A document made on a worker and handed over once made: nothing else
  /// holds it until then, and the handing over is the join of the work.
  struct Made: @unchecked Sendable {
    let document: Document
    init(_ document: Document) { self.document = document }
  }

  static func readDocument(id: String, path: String) -> Result<Document, OpenProblem> {
    decodeFile(path).map { Document(id: id, path: path, decoded: $0) }
  }

  /// Reads a file and checks it as text (opened at `place`, a folder's
  /// descriptor and the path inside it, when given).
  static func decodeFile(
    _ path: String, at place: (folder: Int32, relative: String)? = nil
  ) -> Result<Document.DecodedText, OpenProblem> {
    switch readStampedFile(path, at: place, limit: maximumDocumentBytes) {
    case .failure(let problem): return .failure(problem)
    case .success(let (bytes, stamp)):
      do {
        var decoded = try Document.decode(bytes)
        decoded.stamp = stamp
        return .success(decoded)
      } catch {
        switch error {
        case .invalidUTF8(let offset): return .failure(.invalidUTF8(path: path, byteOffset: offset))
        case .binary(let offset): return .failure(.binary(path: path, byteOffset: offset))
        }
      }
    }
  }

  /// Segments every document not segmented yet into units of `kind`, on
  /// every core (commands over the whole corpus call this first).
  public func segment(_ kind: UnitKind) {
    var todo = documents.filter { !$0.hasUnits(kind) }
    let unitCache = unitCache?.isUsable == true ? unitCache : nil
    guard todo.count > 1 || (unitCache != nil && !todo.isEmpty) else { return }
    if let unitCache {
      Corpus.hash(todo)
      todo = todo.filter { !unitCache.apply(to: $0, kind) }
    }
    // Detection too, where no language was chosen.
    let work = todo.map { ($0.text, $0.chosenLanguage) }
    let results = Parallel.map(work) { text, chosen in
      let detection = chosen == nil ? LanguageDetector.detect(text) : nil
      return (detection, Segmenter.units(of: text, kind: kind, language: chosen ?? detection!.language))
    }
    for (document, (detection, list)) in zip(todo, results) {
      if let detection { document.cacheDetection(detection) }
      document.cacheUnits(list, kind)
      unitCache?.insert(document, kind, units: list)
    }
    unitCache?.save()
  }

  /// The whole file, read with plain POSIX calls; refused unread when it is
  /// larger than `limit` bytes.
  package static func readFile(_ path: String, limit: Int = .max) -> Result<[UInt8], OpenProblem> {
    readStampedFile(path, limit: limit).map(\.bytes)
  }

  /// ``readFile(_:limit:)``, with the file's stamp as it was before the
  /// read (nil when it may still change unseen: see ``FileStamp``). The
  /// file is read as long as `fstat` gave it: one that grows meanwhile is
  /// read as it was then, and its stamp will not stand. `place`, when
  /// given, opens it inside an open folder (`path` is still what is told).
  static func readStampedFile(
    _ path: String, at place: (folder: Int32, relative: String)? = nil, limit: Int = .max
  ) -> Result<(bytes: [UInt8], stamp: FileStamp?), OpenProblem> {
    let flags = O_RDONLY | O_CLOEXEC
    let fd = place.map { openat($0.folder, $0.relative, flags) } ?? systemOpen(path, flags)
    guard fd >= 0 else {
      return .failure(errno == ENOENT ? .notFound(path: path) : .unreadable(path: path, reason: errorString()))
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { return .failure(.unreadable(path: path, reason: errorString())) }
    guard info.st_mode & S_IFMT == S_IFREG else { return .failure(.notText(path: path)) }
    let size = max(Int(info.st_size), 0)
    if size > limit { return .failure(.tooLarge(path: path, bytes: size)) }
    var failed = false
    // Read straight into the array. Never with no room: an array made with
    // none is the shared empty one, and setting its count (to 0) wrote to
    // it from every thread at once (a race ThreadSanitizer reports).
    var bytes = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { buffer, count in
      count = 0
      // A large file is read in pieces at their places, on every core (the
      // kernel's copying and the first touch of each page shared out); if
      // any piece comes short, the whole is read again in order.
      if size >= parallelReadBytes, readInPieces(fd, into: buffer, size: size) {
        count = size
        failed = lseek(fd, off_t(size), SEEK_SET) < 0
        return
      }
      while count < size {
        let got = read(fd, buffer.baseAddress! + count, size - count)
        if got < 0 && errno == EINTR { continue }
        if got <= 0 {
          failed = got < 0
          break
        }
        count += got
      }
    }
    // A file that says it is empty may be one whose size is not known
    // beforehand (as in /proc): read on to its end.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { more in
      while !failed && size == 0 {
        let got = read(fd, more.baseAddress, more.count)
        if got < 0 && errno == EINTR { continue }
        if got <= 0 {
          failed = got < 0
          break
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: more[0..<got]))
      }
    }
    if failed { return .failure(.unreadable(path: path, reason: errorString())) }
    return .success((bytes, FileStamp(settled: info)))
  }
}

/// Files this large are read on every core (see ``readInPieces(_:into:size:)``).
let parallelReadBytes = 16 << 20

/// Reads the first `size` bytes of an open file into `buffer` with `pread`,
/// pieces of at least 4 MiB at once on every core; false when a piece could
/// not be read whole (the file shrank, or a read failed).
private func readInPieces(_ fd: Int32, into buffer: UnsafeMutableBufferPointer<UInt8>, size: Int) -> Bool {
  let count = max(1, min(4 * Parallel.width, size / (4 << 20)))
  let pieces = (0..<count).map { k in (size * k / count)..<(size * (k + 1) / count) }
  nonisolated(unsafe) let target = buffer
  let whole = Parallel.map(pieces) { piece -> Bool in
    var done = piece.lowerBound
    while done < piece.upperBound {
      let got = pread(fd, target.baseAddress! + done, piece.upperBound - done, off_t(done))
      if got < 0 && errno == EINTR { continue }
      if got <= 0 { return false }
      done += got
    }
    return true
  }
  return whole.allSatisfy { $0 }
}

/// Directory entries in the order of their names' UTF-8 bytes. Sorted by
/// the names' first 16 bytes as two big-endian words (no name holds a NUL,
/// so the zeros after a shorter name sort first, as its end does), the
/// names themselves compared only where those are equal: a folder of
/// 10,000 articles sorted without retaining a string per comparison.
func sortedByUTF8(_ entries: [(name: String, isDir: Bool)]) -> [(name: String, isDir: Bool)] {
  struct Key {
    var high: UInt64 = 0
    var low: UInt64 = 0
    var index: Int
  }
  var keys = entries.indices.map { index in
    withUTF8Bytes(entries[index].name) { bytes in
      var key = Key(index: index)
      for (k, byte) in bytes.prefix(16).enumerated() {
        if k < 8 { key.high |= UInt64(byte) << (56 - 8 * k) } else { key.low |= UInt64(byte) << (120 - 8 * k) }
      }
      return key
    }
  }
  keys.sort { a, b in
    if a.high != b.high { return a.high < b.high }
    if a.low != b.low { return a.low < b.low }
    return utf8Precedes(entries[a.index].name, entries[b.index].name)
  }
  return keys.map { entries[$0.index] }
}

/// Whether `a` comes before `b` byte by byte in UTF-8 (file names in the
/// order `ls` gives in the C locale), compared with `memcmp`: the generic
/// comparison of two UTF-8 views took a twentieth of opening a corpus.
func utf8Precedes(_ a: String, _ b: String) -> Bool {
  withUTF8Bytes(a) { x in
    withUTF8Bytes(b) { y in
      let common = min(x.count, y.count)
      let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
      return order != 0 ? order < 0 : x.count < y.count
    }
  }
}

func errorString(_ code: Int32 = errno) -> String {
  String(cString: strerror(code))
}

/// `open(2)`, named apart from `Corpus.open`.
private func systemOpen(_ path: String, _ flags: Int32) -> Int32 { open(path, flags) }
