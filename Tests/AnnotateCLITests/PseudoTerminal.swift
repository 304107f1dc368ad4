import Glibc

/// The real binary on a pseudo-terminal: what libedit sees from a person typing.
final class PseudoTerminal {
  let master: Int32
  let pid: pid_t
  private(set) var screen: [UInt8] = []

  /// Starts `annotate` with `arguments` as the session leader of a new pty.
  init(_ arguments: [String], env changes: [String: String?], columns: UInt16 = 100) {
    // posix_openpt/ptsname are not visible from Swift's Glibc module; these
    // are what they do on Linux: open the multiplexer, unlock, ask the number.
    master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
    var unlock: Int32 = 0
    var number: UInt32 = 0
    precondition(master >= 0, "no /dev/ptmx")
    precondition(ioctl(master, 0x4004_5431, &unlock) == 0, "TIOCSPTLCK failed")  // TIOCSPTLCK
    precondition(ioctl(master, 0x8004_5430, &number) == 0, "TIOCGPTN failed")  // TIOCGPTN
    let slavePath = "/dev/pts/\(number)"
    var size = winsize(ws_row: 40, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
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
    let argv = [annotateBinary] + arguments
    let status = withCStrings(argv) { argv in
      withCStrings(environment(changes)) { envp in
        lockedSpawn { posix_spawn(&child, annotateBinary, &actions, &attributes, argv, envp) }
      }
    }
    posix_spawn_file_actions_destroy(&actions)
    posix_spawnattr_destroy(&attributes)
    precondition(status == 0, "cannot start annotate on a pty")
    pid = child
  }

  deinit {
    kill(pid, SIGKILL)
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    close(master)
  }

  func type(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
  }

  /// Reads until the text seen since `from` contains `needle`, or time runs out.
  @discardableResult
  func wait(for needle: String, from: Int? = nil, seconds: Double = 10) -> Bool {
    let start = from ?? 0
    let deadline = now() + seconds
    while now() < deadline {
      if text(from: start).contains(needle) { return true }
      var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
      if poll(&fds, 1, 100) > 0 {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let n = read(master, &chunk, chunk.count)
        if n <= 0 { break }
        screen += chunk[0..<n]
      }
    }
    return text(from: start).contains(needle)
  }

  /// Waits for `output`, then for a fresh prompt after it: only then does
  /// libedit own the terminal again (keys typed earlier meet the tty's
  /// canonical mode, which eats ^R and ^D).
  @discardableResult
  func waitForPrompt(after output: String, from: Int? = nil, seconds: Double = 10) -> Bool {
    guard wait(for: output, from: from, seconds: seconds) else { return false }
    let start = from ?? 0
    let seen = text(from: start)
    let after = seen.firstRange(of: output)!.upperBound
    let offset = start + seen[..<after].utf8.count
    guard wait(for: "]> ", from: offset, seconds: seconds) else { return false }
    // libedit may print the prompt a moment before it sets raw mode.
    usleep(100_000)
    return true
  }

  /// Everything the program wrote from byte `from` on.
  func text(from: Int = 0) -> String { String(decoding: screen[min(from, screen.count)...], as: UTF8.self) }

  var mark: Int { screen.count }

  /// Waits for the process to end and returns its exit status (nil on timeout).
  func exitStatus(seconds: Double = 10) -> Int32? {
    let deadline = now() + seconds
    var status: Int32 = 0
    while now() < deadline {
      // Keep draining so the child never blocks on a full pty.
      _ = wait(for: "\u{0}never\u{0}", seconds: 0.05)
      if waitpid(pid, &status, WNOHANG) == pid {
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
      }
    }
    return nil
  }

  private func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }
}
