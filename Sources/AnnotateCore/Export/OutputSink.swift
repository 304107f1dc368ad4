#if canImport(Glibc)
  import Glibc
#endif

/// Where export output goes: a file (written through a buffer) or stdout.
public final class OutputSink {
  private let fd: Int32
  private let ownsFD: Bool
  private var buffer: [UInt8] = []
  public let path: String
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
  }

  /// `-` is standard output.
  public init(path: String) throws(WriteError) {
    self.path = path
    inMemory = false
    if path == "-" {
      fd = STDOUT_FILENO
      ownsFD = false
    } else {
      let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
      guard fd >= 0 else { throw WriteError(path: path, step: .creatingFile, reason: errorString()) }
      self.fd = fd
      ownsFD = true
    }
    buffer.reserveCapacity(1 << 16)
  }

  deinit { if ownsFD { close(fd) } }

  public func write(_ text: String) throws(WriteError) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 16 { try flush() }
  }

  public func write(_ bytes: [UInt8]) throws(WriteError) {
    buffer.append(contentsOf: bytes)
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
}
