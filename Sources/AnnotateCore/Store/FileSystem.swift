#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Small POSIX helpers for durable files.
package enum FileSystem {
  /// Creates a folder and its parents (mode 0755).
  static func makeDirectories(_ path: String) throws(WriteError) {
    var current = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/") {
      current += "/" + part
      if mkdir(current, 0o755) != 0 {
        guard errno == EEXIST else {
          throw WriteError(path: current, step: .creatingFolder, reason: errorString())
        }
        var info = stat()
        guard stat(current, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
          throw WriteError(path: current, step: .creatingFolder, reason: errorString(ENOTDIR))
        }
      }
    }
  }

  /// Writes `bytes` to `path` so that a crash at any moment leaves either the
  /// old file or the new one: a temporary file in the same folder, fsync,
  /// rename over the old, fsync of the folder.
  static func writeAtomically(_ bytes: [UInt8], to path: String) throws(WriteError) {
    try writeAtomically(to: path) { file in
      var bytes = bytes
      file.write(&bytes)
    }
  }

  /// Where ``writeAtomically(to:_:)`` puts the pieces of a file as they are made.
  final class Pieces {
    fileprivate let fd: Int32
    fileprivate var failure: String?
    /// Bytes handed over so far.
    private(set) var count = 0

    fileprivate init(fd: Int32) { self.fd = fd }

    /// Writes `bytes` out and empties them (keeping their capacity). After
    /// a failure nothing more is written; the failure is thrown at the end.
    func write(_ bytes: inout [UInt8]) {
      if failure == nil { failure = FileSystem.writeAll(fd, bytes) }
      count += bytes.count
      bytes.removeAll(keepingCapacity: true)
    }
  }

  /// Like ``writeAtomically(_:to:)``, with the bytes made by `produce` a
  /// piece at a time: a large sidecar is never whole in memory.
  static func writeAtomically(to path: String, _ produce: (Pieces) -> Void) throws(WriteError) {
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[..<$0]) } ?? "."
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    let temporary = folder + "/." + name + ".tmp-\(getpid())"
    // A leftover of a crashed process with this pid, or anything planted
    // there, goes first; the file is then made new, never through a link.
    unlink(temporary)
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
    guard fd >= 0 else { throw WriteError(path: path, step: .creatingTemporary, reason: errorString()) }
    let pieces = Pieces(fd: fd)
    produce(pieces)
    if let reason = pieces.failure {
      close(fd)
      unlink(temporary)
      throw WriteError(path: path, step: .writing, reason: reason)
    }
    if fsync(fd) != 0 {
      let reason = errorString()
      close(fd)
      unlink(temporary)
      throw WriteError(path: path, step: .syncing, reason: reason)
    }
    if close(fd) != 0 {
      let reason = errorString()
      unlink(temporary)
      throw WriteError(path: path, step: .closing, reason: reason)
    }
    if rename(temporary, path) != 0 {
      let reason = errorString()
      unlink(temporary)
      throw WriteError(path: path, step: .renaming, reason: reason)
    }
    let dir = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if dir >= 0 {
      fsync(dir)
      close(dir)
    }
  }

  /// Removes what an interrupted `writeAtomically(_:to:)` of `path` left
  /// (`.NAME.tmp-PID`, from a process that was killed). Only the holder of
  /// the file's lock calls this: no live writer can own one then.
  static func removeTemporaries(of path: String) {
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[..<$0]) } ?? "."
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    let prefix = "." + name + ".tmp-"
    guard let dir = opendir(folder) else { return }
    var stale: [String] = []
    while let entry = readdir(dir) {
      let entryName = directoryEntryName(entry)
      if entryName.hasPrefix(prefix) && entryName.dropFirst(prefix.count).allSatisfy(\.isNumber) {
        stale.append(entryName)
      }
    }
    closedir(dir)
    for entryName in stale { unlink(folder + "/" + entryName) }
  }

  /// Writes a file plainly (no sync): for exports, which can be made again.
  package static func writeFile(_ bytes: [UInt8], to path: String) throws(WriteError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw WriteError(path: path, step: .creatingFile, reason: errorString()) }
    defer { close(fd) }
    if let reason = writeAll(fd, bytes) { throw WriteError(path: path, step: .writing, reason: reason) }
  }

  /// Writes every byte (retrying short writes and EINTR); nil, or why it failed.
  static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> String? {
    var written = 0
    while written < bytes.count {
      let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return n < 0 ? errorString() : errorString(EIO) }
      written += n
    }
    return nil
  }

  package static func exists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
  }

  /// The names in a folder (none when it cannot be read), sorted.
  static func names(in folder: String) -> [String] {
    guard let dir = opendir(folder) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = directoryEntryName(entry)
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
  }

  static func isFolder(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
  }

  /// Whether `path` resolves (symbolic links followed) to `root` or a
  /// folder under it. Both must exist.
  static func isInside(_ path: String, root: String) -> Bool {
    guard let resolved = realpath(path, nil), let base = realpath(root, nil) else { return false }
    defer {
      free(resolved)
      free(base)
    }
    let r = String(cString: resolved)
    let b = String(cString: base)
    return r == b || r.hasPrefix(b == "/" ? "/" : b + "/")
  }

  /// Which file is at `path` and which version of it: device, inode, size
  /// and modification time change with every atomic rewrite. Nil: no file.
  static func identity(_ path: String) -> FileIdentity? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return FileIdentity(info)
  }
}

/// The name in a directory entry from `readdir`. The name is read in place:
/// copying the entry (`entry.pointee`) would read the whole `dirent`, past
/// the end of a short record (AddressSanitizer found it).
package func directoryEntryName(_ entry: UnsafeMutablePointer<dirent>) -> String {
  withUnsafeMutablePointer(to: &entry.pointee.d_name) { tuple in
    UnsafeMutableRawPointer(tuple).withMemoryRebound(to: CChar.self, capacity: 1) { String(cString: $0) }
  }
}

/// An entry's type as `lstat` would give it (`S_IFDIR`, `S_IFREG`,
/// `S_IFLNK`, …), from `readdir`'s `d_type` when the file system fills it in
/// (one system call fewer per entry), else from `lstat`; nil if it is gone.
package func directoryEntryType(_ entry: UnsafeMutablePointer<dirent>, path: @autoclosure () -> String) -> mode_t? {
  switch Int32(entry.pointee.d_type) {
  case Int32(DT_DIR): return S_IFDIR
  case Int32(DT_REG): return S_IFREG
  case Int32(DT_LNK): return S_IFLNK
  default:
    var info = stat()
    return lstat(path(), &info) == 0 ? info.st_mode & S_IFMT : nil
  }
}

/// A file's identity and version, as `stat` gives them.
struct FileIdentity: Hashable, Sendable {
  var device: UInt64
  var inode: UInt64
  var size: Int64
  var seconds: Int64
  var nanoseconds: Int64

  init(device: UInt64, inode: UInt64, size: Int64, seconds: Int64, nanoseconds: Int64) {
    self.device = device
    self.inode = inode
    self.size = size
    self.seconds = seconds
    self.nanoseconds = nanoseconds
  }

  init(_ info: stat) {
    self.init(
      device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
      seconds: Int64(info.st_mtim.tv_sec), nanoseconds: Int64(info.st_mtim.tv_nsec))
  }
}

/// A file's version as `stat` gives it, for knowing its contents unread:
/// its identity (device, inode, size, modification time) and its
/// status-change time, to the nanosecond. Any write moves the change time
/// to the moment of writing, and no call sets it back (`touch` and `cp -p`
/// set the modification time only), so a file whose stamp is unchanged
/// still holds what it held when the stamp was taken — once the stamp is
/// ``settleSeconds`` old: a write in the same tick of a coarse clock could
/// leave it unchanged (git's "racily clean" files).
struct FileStamp: Hashable, Sendable {
  var identity: FileIdentity
  var changed: Int64
  var changedNanoseconds: Int64

  /// How old both times must be, at the read, for the stamp to be kept.
  static let settleSeconds: Int64 = 2

  /// The stamp of an open file, or nil when it may still change within its
  /// clock's tick: a time less than ``settleSeconds`` before now, or ahead.
  init?(settled info: stat) {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    func nanoseconds(_ time: timespec) -> Int64 { Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec) }
    let limit = nanoseconds(now) - Self.settleSeconds * 1_000_000_000
    guard nanoseconds(info.st_mtim) <= limit, nanoseconds(info.st_ctim) <= limit else { return nil }
    self.init(
      identity: FileIdentity(info), changed: Int64(info.st_ctim.tv_sec),
      changedNanoseconds: Int64(info.st_ctim.tv_nsec))
  }

  init(identity: FileIdentity, changed: Int64, changedNanoseconds: Int64) {
    self.identity = identity
    self.changed = changed
    self.changedNanoseconds = changedNanoseconds
  }

  /// Each field as a word, in the order they are written (no array made).
  @inline(__always)
  func forEachWord(_ body: (UInt64) -> Void) {
    body(identity.device)
    body(identity.inode)
    body(UInt64(bitPattern: identity.size))
    body(UInt64(bitPattern: identity.seconds))
    body(UInt64(bitPattern: identity.nanoseconds))
    body(UInt64(bitPattern: changed))
    body(UInt64(bitPattern: changedNanoseconds))
  }

  /// Whether this stamp's words (``forEachWord(_:)``) come before `other`'s, compared in order.
  func precedes(_ other: FileStamp) -> Bool {
    let a = (
      identity.device, identity.inode, UInt64(bitPattern: identity.size), UInt64(bitPattern: identity.seconds),
      UInt64(bitPattern: identity.nanoseconds), UInt64(bitPattern: changed)
    )
    let b = (
      other.identity.device, other.identity.inode, UInt64(bitPattern: other.identity.size),
      UInt64(bitPattern: other.identity.seconds), UInt64(bitPattern: other.identity.nanoseconds),
      UInt64(bitPattern: other.changed)
    )
    if a != b { return a < b }
    return UInt64(bitPattern: changedNanoseconds) < UInt64(bitPattern: other.changedNanoseconds)
  }

  /// The stamp from seven words in the order of ``forEachWord(_:)`` (nil when `next` runs out).
  init?(reading next: () -> UInt64?) {
    guard let device = next(), let inode = next(), let size = next(), let seconds = next(),
      let nanoseconds = next(), let changed = next(), let changedNanoseconds = next()
    else { return nil }
    self.init(
      identity: FileIdentity(
        device: device, inode: inode, size: Int64(bitPattern: size), seconds: Int64(bitPattern: seconds),
        nanoseconds: Int64(bitPattern: nanoseconds)),
      changed: Int64(bitPattern: changed), changedNanoseconds: Int64(bitPattern: changedNanoseconds))
  }

  /// Hashed by the fields that tell files and versions apart most (equality
  /// still compares every field): a lookup per document hashes less.
  func hash(into hasher: inout Hasher) {
    hasher.combine(identity.inode)
    hasher.combine(changedNanoseconds)
  }
}

/// An exclusive advisory lock (`flock`) on a lock file, released by the
/// kernel when the process ends, however it ends.
final class FileLock {
  let path: String
  private let fd: Int32

  enum Failure: Error, Equatable {
    /// Another process holds it; its pid if it wrote one.
    case held(pid: String?)
    case cannotOpen(reason: String)
  }

  init(path: String) throws(Failure) {
    // Never through a symbolic link: truncating the lock would truncate its target.
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
    guard fd >= 0 else { throw .cannotOpen(reason: errorString()) }
    if flock(fd, LOCK_EX | LOCK_NB) != 0 {
      var buffer = [UInt8](repeating: 0, count: 32)
      let n = read(fd, &buffer, buffer.count)
      close(fd)
      let pid = n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self).filter(\.isNumber) : nil
      throw .held(pid: pid?.isEmpty == false ? pid : nil)
    }
    ftruncate(fd, 0)
    let pid = Array("\(getpid())\n".utf8)
    _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    self.path = path
    self.fd = fd
  }

  deinit {
    flock(fd, LOCK_UN)
    close(fd)
  }
}

/// Writes a file the way sidecars are written (temporary file, fsync, rename).
public func writeFileAtomically(_ bytes: [UInt8], to path: String) throws(WriteError) {
  try FileSystem.writeAtomically(bytes, to: path)
}
