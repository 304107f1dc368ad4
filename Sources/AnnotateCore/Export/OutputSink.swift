#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where export output goes: a file (written through a buffer), standard
/// output, or memory. A file is written beside its destination and renamed
/// over it by ``commit()``: an export that fails halfway (a full disk, a
/// refusal) leaves the file that was there before, never half of a new one.
public final class OutputSink {
  private let fd: Int32
  private let ownsFD: Bool
  private var buffer: [UInt8] = []
  public let path: String
  /// The file written until ``commit()`` renames it to `path` (nil: written in place).
  private let temporary: String?
  private var committed = false
  public private(set) var bytesWritten = 0
  /// Keeps everything in memory (for output shown on screen through the renderer).
  public let inMemory: Bool
  public private(set) var memory: [UInt8] = []

  /// An in-memory sink.
  public init() {
    path = "(screen)"
    fd = -1
    ownsFD = false
    inMemory = true
    temporary = nil
  }

  /// `-` is standard output; a device or a pipe is written in place.
  public init(path: String) throws(WriteError) {
    self.path = path
    inMemory = false
    if path == "-" {
      fd = STDOUT_FILENO
      ownsFD = false
      temporary = nil
    } else {
      var info = stat()
      let special = stat(path, &info) == 0 && info.st_mode & S_IFMT != S_IFREG
      let slash = path.lastIndex(of: "/")
      let folder = slash.map { String(path[..<$0]) } ?? "."
      let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
      let target = special ? path : folder + "/." + name + ".tmp-\(getpid())"
      if !special { unlink(target) }
      let flags = special ? O_WRONLY | O_CLOEXEC : O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW
      let fd = open(target, flags, 0o644)
      guard fd >= 0 else { throw WriteError(path: path, step: .creatingFile, reason: errorString()) }
      self.fd = fd
      ownsFD = true
      temporary = special ? nil : target
    }
    buffer.reserveCapacity(1 << 16)
  }

  deinit {
    if ownsFD { close(fd) }
    if let temporary, !committed { unlink(temporary) }
  }

  public func write(_ text: String) throws(WriteError) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 16 { try flush() }
  }

  public func write(_ bytes: [UInt8]) throws(WriteError) {
    // A large piece goes out as it is, not copied through the buffer.
    if bytes.count >= 1 << 16 && !inMemory {
      try flush()
      if let reason = FileSystem.writeAll(fd, bytes) { throw WriteError(path: path, step: .writing, reason: reason) }
      bytesWritten += bytes.count
      return
    }
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 16 { try flush() }
  }

  /// Appends to the buffer in place (no intermediate array or string),
  /// then writes it out once it is full: the fast path of `segment`, `find`
  /// and the exports.
  public func append(_ body: (inout [UInt8]) -> Void) throws(WriteError) {
    body(&buffer)
    if buffer.count >= 1 << 16 { try flush() }
  }

  public func flush() throws(WriteError) {
    guard !buffer.isEmpty else { return }
    if inMemory {
      memory += buffer
      buffer.removeAll(keepingCapacity: true)
      return
    }
    if let reason = FileSystem.writeAll(fd, buffer) { throw WriteError(path: path, step: .writing, reason: reason) }
    bytesWritten += buffer.count
    buffer.removeAll(keepingCapacity: true)
  }

  /// Everything written and, for a file, renamed into place.
  public func commit() throws(WriteError) {
    try flush()
    guard let temporary, !committed else { return }
    if rename(temporary, path) != 0 { throw WriteError(path: path, step: .renaming, reason: errorString()) }
    committed = true
  }
}

/// Writes pieces of output to a sink on a thread of its own, one handful at
/// a time, while the caller makes the next: a large output's copying into
/// the file no longer waits till everything is made. The sink is touched
/// by one thread at a time: the writer from ``write(_:)`` until the next
/// call, the caller after ``finish()``.
final class PipelinedWriter {
  /// The sink, handed to the writing thread and back.
  private struct Handed: @unchecked Sendable { let sink: OutputSink }
  private let sink: Handed
  private var writing: BackgroundWork<WriteError?>?

  init(_ sink: OutputSink) { self.sink = Handed(sink: sink) }

  /// Waits for the pieces handed before, then hands these over.
  func write(_ pieces: [[UInt8]]) throws(WriteError) {
    try finish()
    let sink = sink
    writing = BackgroundWork {
      do throws(WriteError) {
        for piece in pieces { try sink.sink.write(piece) }
        return nil
      } catch {
        return error
      }
    }
  }

  /// Waits till everything handed over is written (throwing what failed).
  func finish() throws(WriteError) {
    guard let writing else { return }
    self.writing = nil
    if let error = writing.value() { throw error }
  }
}
