import AnnotateCore

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// Writes to stdout or stderr through stdio, flushing when asked.
enum Terminal {
  static func write(_ text: String) { fputs(text, stdout) }
  static func writeError(_ text: String) {
    fflush(stdout)
    fputs(text, stderr)
  }
  static func flush() { fflush(stdout) }

  /// Ends the process now, output flushed, without taking the session's
  /// memory apart piece by piece (a million annotations take a quarter of
  /// a second to free, and the kernel frees them at once). Only after the
  /// session is closed: its sidecars are written and its locks let go.
  static func finish(status: Int32) -> Never {
    fflush(stdout)
    fflush(stderr)
    exit(status)
  }

  static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
  static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
  static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

  static func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }

  static func fileExists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
  }
}

extension Terminal {
  static func rows() -> Int {
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 { return Int(size.ws_row) }
    return 24
  }

  static func openForReading(_ path: String) -> Int32? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    return fd >= 0 ? fd : nil
  }

  static func close(_ fd: Int32) { _ = systemClose(fd) }

  static func lastError() -> String { String(cString: strerror(errno)) }
}

/// `close(2)`, named apart from `Terminal.close`.
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
