#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// A program on a pseudo-terminal, for tests and benchmarks that need what a
/// person at a terminal gives it: line editing, raw keys, a screen size.
public final class PseudoTerminal {
  public let master: Int32
  public let pid: pid_t
  public private(set) var screen: [UInt8] = []

  /// Starts `program` with `arguments` and `environment` (`NAME=value`) as
  /// the session leader of a new pty of `rows` × `columns`, in `directory`
  /// when given. `spawning` wraps the spawn (a caller's lock, when other
  /// threads spawn too).
  public init(
    program: String, arguments: [String], environment: [String], rows: UInt16 = 40, columns: UInt16 = 100,
    directory: String? = nil, spawning: (() -> Int32) -> Int32 = { $0() }
  ) {
    // posix_openpt/ptsname are not visible from Swift's Glibc module; these
    // are what they do on Linux: open the multiplexer, unlock, ask the number.
    master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
    var unlock: Int32 = 0
    var number: UInt32 = 0
    precondition(master >= 0, "no /dev/ptmx")
    precondition(ioctl(master, 0x4004_5431, &unlock) == 0, "TIOCSPTLCK failed")  // TIOCSPTLCK
    precondition(ioctl(master, 0x8004_5430, &number) == 0, "TIOCGPTN failed")  // TIOCGPTN
    let slavePath = "/dev/pts/\(number)"
    var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
    _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addclose(&actions, master)
    // Opened after setsid, the slave becomes the controlling terminal.
    posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
    posix_spawn_file_actions_adddup2(&actions, 0, 1)
    posix_spawn_file_actions_adddup2(&actions, 0, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    posix_spawnattr_setflags(&attributes, Int16(0x80))  // POSIX_SPAWN_SETSID
    var child: pid_t = 0
    // A shell changes folder first: posix_spawn has no portable chdir action.
    let argv = directory.map { ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", $0, program] } ?? [program]
    let path = directory == nil ? program : "/bin/sh"
    let status = Self.withCStrings(argv + arguments) { argv in
      Self.withCStrings(environment) { envp in
        spawning { posix_spawn(&child, path, &actions, &attributes, argv, envp) }
      }
    }
    posix_spawn_file_actions_destroy(&actions)
    posix_spawnattr_destroy(&attributes)
    precondition(status == 0, "cannot start \(program) on a pty")
    pid = child
  }

  private var closed = false

  deinit {
    kill(pid, SIGKILL)
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    if !closed { close(master) }
  }

  /// Closes the master side, as a terminal window closing (or a crashed
  /// driver) does: the program gets a hang-up and end of input.
  public func hangUp() {
    guard !closed else { return }
    closed = true
    close(master)
  }

  /// Waits for the process to end without reading (after ``hangUp()``).
  public func waitForExit(seconds: Double) -> Int32? {
    let deadline = Self.now() + seconds
    var status: Int32 = 0
    while Self.now() < deadline {
      if waitpid(pid, &status, WNOHANG) == pid {
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
      }
      usleep(20_000)
    }
    return nil
  }

  /// The environment of this process with changes (nil removes a variable).
  public static func environment(_ changes: [String: String?]) -> [String] {
    var env: [String: String] = [:]
    var p = environ
    while let entry = p.pointee {
      let s = String(cString: entry)
      if let eq = s.firstIndex(of: "=") { env[String(s[..<eq])] = String(s[s.index(after: eq)...]) }
      p += 1
    }
    for (key, value) in changes { env[key] = value }
    return env.map { "\($0.key)=\($0.value)" }
  }

  static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for p in pointers { free(p) } }
    return body(pointers)
  }

  public func type(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
  }

  /// Reads what is there (waiting at most `milliseconds` for the first byte);
  /// false when the program's side is gone.
  @discardableResult
  public func drain(milliseconds: Int32) -> Bool {
    var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
    var wait = milliseconds
    while poll(&fds, 1, wait) > 0 {
      var chunk = [UInt8](repeating: 0, count: 4096)
      let n = read(master, &chunk, chunk.count)
      if n <= 0 { return false }
      screen += chunk[0..<n]
      wait = 0
    }
    return true
  }

  /// Reads until the text seen since `from` contains `needle`, or time runs out.
  @discardableResult
  public func wait(for needle: String, from: Int? = nil, seconds: Double = 10) -> Bool {
    let start = from ?? 0
    let deadline = Self.now() + seconds
    while Self.now() < deadline {
      if text(from: start).contains(needle) { return true }
      if !drain(milliseconds: 100) { break }
    }
    return text(from: start).contains(needle)
  }

  /// Waits for `output`, then for a fresh prompt (`prompt`) after it: only
  /// then does the line editor own the terminal again.
  @discardableResult
  public func waitForPrompt(after output: String, prompt: String = "]> ", from: Int? = nil, seconds: Double = 10)
    -> Bool
  {
    guard wait(for: output, from: from, seconds: seconds) else { return false }
    let start = from ?? 0
    let seen = text(from: start)
    let after = seen.firstRange(of: output)!.upperBound
    let offset = start + seen[..<after].utf8.count
    guard wait(for: prompt, from: offset, seconds: seconds) else { return false }
    // libedit may print the prompt a moment before it sets raw mode.
    usleep(100_000)
    return true
  }

  /// Everything the program wrote from byte `from` on.
  public func text(from: Int = 0) -> String { String(decoding: screen[min(from, screen.count)...], as: UTF8.self) }

  public var mark: Int { screen.count }

  /// Waits for the process to end and returns its exit status (nil on timeout).
  public func exitStatus(seconds: Double = 10) -> Int32? {
    let deadline = Self.now() + seconds
    var status: Int32 = 0
    while Self.now() < deadline {
      // Keep draining so the child never blocks on a full pty.
      drain(milliseconds: 50)
      if waitpid(pid, &status, WNOHANG) == pid {
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
      }
    }
    return nil
  }

  /// The terminal's modes as the program left them (the slave's, read
  /// through the master): whether it echoes and reads whole lines.
  public func isCooked() -> Bool {
    var modes = termios()
    guard tcgetattr(master, &modes) == 0 else { return false }
    return modes.c_lflag & tcflag_t(ECHO) != 0 && modes.c_lflag & tcflag_t(ICANON) != 0
  }

  public static func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }
}
