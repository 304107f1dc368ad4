import AnnotateCore

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// Long output through a pager, as git and psql do it: `$PAGER` (default
/// `less -FRX`: quit when it fits, keep colours, leave the screen as it is)
/// when the output has more lines than the terminal. Only the interactive
/// shell pages; scripts and pipes never do.
enum Pager {
  static func show(_ text: String, enabled: Bool, rows: Int) {
    guard !text.isEmpty else { return }
    let lines = text.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
    guard enabled, lines >= rows - 1, let pipe = open() else {
      Terminal.write(text)
      return
    }
    Terminal.flush()
    // Quitting the pager early closes the pipe: that must not end annotate.
    let previous = signal(SIGPIPE, SIG_IGN)
    fputs(text, pipe)
    pclose(pipe)
    signal(SIGPIPE, previous)
  }

  /// The pager's command: `$PAGER`, else `less -FRX`; none when `$PAGER` is empty or `cat`.
  static var command: String? {
    let given = Terminal.environment("PAGER")
    if let given, given.isEmpty || given == "cat" { return nil }
    return given ?? "less -FRX"
  }

  private static func open() -> UnsafeMutablePointer<FILE>? {
    guard let command else { return nil }
    // less needs LESSCHARSET for UTF-8 on some systems; -R passes colours.
    setenv("LESSCHARSET", "utf-8", 0)
    return popen(command, "w")
  }
}
