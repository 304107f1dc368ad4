import AnnotateCore
import Glibc
import PTY
import Synchronization
import Testing

/// The repository root, found from this file's path.
let repositoryRoot: String = {
  var path = #filePath
  for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
  return path
}()

/// The built `annotate` next to the test bundle.
let annotateBinary: String = {
  var buffer = [CChar](repeating: 0, count: 4096)
  let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
  precondition(n > 0)
  let exe = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  var folder = String(exe[..<exe.lastIndex(of: "/")!])
  // The runner may live inside the .xctest bundle folder.
  while !folder.isEmpty && access(folder + "/annotate", X_OK) != 0 {
    folder = String(folder[..<(folder.lastIndex(of: "/") ?? folder.startIndex)])
  }
  return folder + "/annotate"
}()

struct RunResult {
  var status: Int32
  var stdout: String
  var stderr: String
  /// Standard output exactly as written.
  var stdoutBytes: [UInt8] = []
}

/// An environment with the given changes (nil removes a variable).
func environment(_ changes: [String: String?]) -> [String] { PseudoTerminal.environment(changes) }

func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
  var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
  pointers.append(nil)
  defer { for p in pointers { free(p) } }
  return body(pointers)
}

/// Runs the binary with arguments and standard input; waits for it (at
/// most `timeout` seconds: a hanging child is killed and the test fails).
///
/// Without a `directory` it runs in a fresh folder of its own holding only
/// a `seeds` link, with `USER` set and `ANNOTATE_ANNOTATOR` unset: no test
/// reads or writes the repository's own `Annotations/`, or depends on who
/// runs it.
func runAnnotate(
  _ arguments: [String], stdin input: String = "", env changes: [String: String?] = [:],
  directory: String? = nil, timeout: Double = 300
) -> RunResult {
  if let directory {
    return runProgram(annotateBinary, arguments, stdin: input, env: changes, directory: directory, timeout: timeout)
  }
  let scratch = makeTemporaryFolder()
  defer { removeTree(scratch) }
  symlink(repositoryRoot + "/seeds", scratch + "/seeds")
  var env: [String: String?] = ["USER": "tester", "ANNOTATE_ANNOTATOR": nil, "XDG_STATE_HOME": scratch + "/state"]
  env.merge(changes) { _, given in given }
  return runProgram(annotateBinary, arguments, stdin: input, env: env, directory: scratch, timeout: timeout)
}

/// Runs any program (found on PATH) the same way.
func runProgram(
  _ program: String, _ arguments: [String], stdin input: String = "", env changes: [String: String?] = [:],
  directory: String = repositoryRoot, timeout: Double = 300
) -> RunResult {
  // A shell changes folder first: posix_spawn has no portable chdir action.
  let child = spawnWithPipes(
    ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory, program] + arguments, env: changes)
  let pid = child.pid
  let stdinFD = child.stdin
  let stdoutFD = child.stdout
  let stderrFD = child.stderr!
  // Feed stdin from a thread-free loop: write everything, then read both pipes.
  let bytes = Array(input.utf8)
  var written = 0
  var out: [UInt8] = []
  var err: [UInt8] = []
  var open = (stdin: !bytes.isEmpty, out: true, err: true)
  if bytes.isEmpty { close(stdinFD) }
  signal(SIGPIPE, SIG_IGN)
  let deadline = monotonicSeconds() + timeout
  var timedOut = false
  while open.out || open.err {
    var fds: [pollfd] = []
    if open.stdin { fds.append(pollfd(fd: stdinFD, events: Int16(POLLOUT), revents: 0)) }
    if open.out { fds.append(pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0)) }
    if open.err { fds.append(pollfd(fd: stderrFD, events: Int16(POLLIN), revents: 0)) }
    let left = deadline - monotonicSeconds()
    guard left > 0, poll(&fds, nfds_t(fds.count), Int32(min(left, 5) * 1000)) >= 0 else {
      timedOut = left <= 0
      break
    }
    for entry in fds where entry.revents != 0 {
      if entry.fd == stdinFD {
        let n = bytes[written...].withUnsafeBytes { write(stdinFD, $0.baseAddress, min($0.count, 65536)) }
        if n > 0 { written += n }
        if n <= 0 || written == bytes.count {
          close(stdinFD)
          open.stdin = false
        }
      } else {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = read(entry.fd, &chunk, chunk.count)
        if n <= 0 {
          close(entry.fd)
          if entry.fd == stdoutFD { open.out = false } else { open.err = false }
        } else if entry.fd == stdoutFD {
          out += chunk[0..<n]
        } else {
          err += chunk[0..<n]
        }
      }
    }
  }
  if timedOut {
    kill(pid, SIGKILL)
    Issue.record("\(program) \(arguments.joined(separator: " ")) did not finish in \(Int(timeout)) s; killed")
  }
  if open.stdin { close(stdinFD) }
  if open.out { close(stdoutFD) }
  if open.err { close(stderrFD) }
  var status: Int32 = 0
  waitpid(pid, &status, 0)
  let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
  return RunResult(
    status: exitStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
    stdoutBytes: out)
}

/// Seconds on the monotonic clock.
func monotonicSeconds() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// A file's bytes exactly as they are on disk (no text decoding).
func readBytes(_ path: String) -> [UInt8]? {
  let fd = open(path, O_RDONLY | O_CLOEXEC)
  guard fd >= 0 else { return nil }
  defer { close(fd) }
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 65536)
  while true {
    let n = read(fd, &chunk, chunk.count)
    if n < 0 && errno == EINTR { continue }
    if n <= 0 { break }
    bytes += chunk[0..<n]
  }
  return bytes
}

func makeTemporaryFolder() -> String {
  var template = Array("/tmp/annotate-cli-XXXXXX".utf8CString)
  return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
}

func removeTree(_ path: String) {
  precondition(path.hasPrefix("/tmp/"))
  _ = system("rm -rf '\(path)'")
}

func writeFile(_ path: String, _ text: String) {
  let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  precondition(fd >= 0)
  _ = text.utf8CString.withUnsafeBytes { write(fd, $0.baseAddress, $0.count - 1) }
  close(fd)
}

func readFile(_ path: String) -> String? {
  guard let file = fopen(path, "r") else { return nil }
  defer { fclose(file) }
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 4096)
  while true {
    let n = fread(&chunk, 1, chunk.count, file)
    if n <= 0 { break }
    bytes += chunk[0..<n]
  }
  return String(decoding: bytes, as: UTF8.self)
}

/// Starts `argv` with pipes on stdin and stdout (and stderr when asked;
/// otherwise it is inherited). Returns the parent's ends.
func spawnWithPipes(_ argv: [String], env changes: [String: String?], captureStderr: Bool = true) -> (
  pid: pid_t, stdin: Int32, stdout: Int32, stderr: Int32?
) {
  var inPipe: [Int32] = [0, 0]
  var outPipe: [Int32] = [0, 0]
  var errPipe: [Int32] = [-1, -1]
  closeOnExecPipe(&inPipe)
  closeOnExecPipe(&outPipe)
  if captureStderr { closeOnExecPipe(&errPipe) }
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
  posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
  if captureStderr { posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2) }
  var pid: pid_t = 0
  let spawned = withCStrings(argv) { argv in
    withCStrings(environment(changes)) { envp in
      lockedSpawn { posix_spawn(&pid, argv[0]!, &actions, nil, argv, envp) }
    }
  }
  posix_spawn_file_actions_destroy(&actions)
  precondition(spawned == 0, "cannot start \(argv[0])")
  close(inPipe[0])
  close(outPipe[1])
  if captureStderr { close(errPipe[1]) }
  return (pid, inPipe[1], outPipe[0], captureStderr ? errPipe[0] : nil)
}

/// A pipe whose ends are closed in children: tests spawn in parallel, and a
/// child that inherits another test's write end keeps that pipe from ever
/// reaching end of file. posix_spawn's dup2 gives each child its own ends.
/// Pipe creation and spawning share a lock, so no spawn happens between
/// `pipe` and `fcntl`.
func closeOnExecPipe(_ fds: inout [Int32]) {
  spawnLock.withLock { _ in
    let status = pipe(&fds)
    precondition(status == 0, "pipe failed")
    for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
  }
}

let spawnLock = Mutex(())

/// Runs a `posix_spawn` call under the lock `closeOnExecPipe` takes.
func lockedSpawn(_ spawn: () -> Int32) -> Int32 {
  spawnLock.withLock { _ in spawn() }
}

extension DocumentAnnotations {
  /// Why the annotations are read-only, in the words the shell shows.
  var readOnlyReason: String? { readOnly?.reason }
  /// The notices waiting to be shown, as the shell joins them.
  var pendingNotice: String? { pendingNotices.isEmpty ? nil : pendingNotices.map(\.message).joined(separator: "; ") }
}

enum FileSystemCheck {
  static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
}

/// A child process with a pipe on stdin and stdout, for crash tests.
final class SpawnedProcess {
  let pid: pid_t
  let out: Int32

  init(_ argv: [String], stdin input: String) {
    let child = spawnWithPipes(argv, env: [:], captureStderr: false)
    pid = child.pid
    out = child.stdout
    // Feed stdin from a helper thread-free way: the pipe buffer (64 KiB) holds the script.
    let bytes = Array(input.utf8)
    precondition(bytes.count < 65536, "script too large for the pipe buffer")
    _ = bytes.withUnsafeBytes { write(child.stdin, $0.baseAddress, $0.count) }
    close(child.stdin)
  }

  /// What the child printed until its first output (at most `seconds`).
  func readFirstOutput(within seconds: Double) -> String {
    var fds = [pollfd(fd: out, events: Int16(POLLIN), revents: 0)]
    guard poll(&fds, 1, Int32(seconds * 1000)) > 0 else { return "" }
    var chunk = [UInt8](repeating: 0, count: 65536)
    let n = Glibc.read(out, &chunk, chunk.count)
    return n > 0 ? String(decoding: chunk[0..<n], as: UTF8.self) : ""
  }

  /// What the child printed within `seconds`.
  func read(for seconds: Double) -> String {
    var bytes: [UInt8] = []
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    let deadline = Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9 + seconds
    while true {
      clock_gettime(CLOCK_MONOTONIC, &ts)
      let left = deadline - (Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9)
      if left <= 0 { break }
      var fds = [pollfd(fd: out, events: Int16(POLLIN), revents: 0)]
      guard poll(&fds, 1, Int32(max(1, left * 1000))) > 0 else { continue }
      var chunk = [UInt8](repeating: 0, count: 65536)
      let n = Glibc.read(out, &chunk, chunk.count)
      if n <= 0 { break }
      bytes += chunk[0..<n]
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Kills the child and returns what it printed that was not read yet:
  /// the pipe keeps what was written before the kill, and a command whose
  /// output is there was acknowledged.
  @discardableResult
  func kill9() -> String {
    kill(pid, SIGKILL)
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = Glibc.read(out, &chunk, chunk.count)
      if n <= 0 { break }
      bytes += chunk[0..<n]
    }
    close(out)
    return String(decoding: bytes, as: UTF8.self)
  }
}
