@preconcurrency import CLibEdit
import Synchronization

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// What one call to ``LineEditor/readLine()`` produced.
public enum LineEditorEvent: Equatable, Sendable {
  /// A line the user entered, without its newline.
  case line(String)
  /// Ctrl-C: the line being typed was thrown away.
  case interrupted
  /// Ctrl-D on an empty line, or the terminal went away.
  case endOfInput
  /// SIGTERM or SIGHUP arrived while waiting for input.
  case terminated(signal: Int32)
}

/// What a completer offers for the word before the cursor.
public struct LineCompletion: Sendable, Equatable {
  /// How many characters before the cursor the candidates replace.
  public var replacing: Int
  /// Full replacement texts, already quoted for the command line.
  public var candidates: [String]
  /// How each candidate is listed on the terminal (made safe by the caller:
  /// a file name may hold escape sequences).
  public var display: [String]

  public init(replacing: Int, candidates: [String], display: [String]? = nil) {
    self.replacing = replacing
    self.candidates = candidates
    self.display = display ?? candidates
  }
}

/// The last signal that arrived; written by the signal handler only.
private let pendingSignal = Atomic<Int32>(0)

/// A libedit `EditLine` with its `History`: prompt, completion, persistent
/// history and the signal handling an interactive shell needs.
///
/// Everything libedit calls back into reaches this object through
/// `EL_CLIENTDATA`; there is no global mutable state but the signal flag.
public final class LineEditor {
  private let editLine: OpaquePointer
  private let history: OpaquePointer
  private let output: UnsafeMutablePointer<FILE>
  private let historyPath: String?
  private var promptBytes: [CChar] = [0]
  private var lastEntered: String?

  /// Called on Tab with the text before the cursor.
  public var completer: ((String) -> LineCompletion)?

  /// Marks the start and end of non-printing prompt sequences for libedit.
  private static let promptEscape: CChar = 1

  /// - Parameters:
  ///   - program: the name libedit looks up in `~/.editrc` (`annotate:bind …`).
  ///   - historyPath: where history is loaded from and saved to; nil keeps it in memory.
  ///   - historySize: how many entries are kept.
  public init(program: String, historyPath: String?, historySize: Int32 = 1000) {
    Self.prepareLocale()
    guard let el = el_init(program, stdin, stdout, stderr), let h = history_init() else {
      fatalError("libedit could not be initialised")
    }
    editLine = el
    history = h
    output = stdout
    self.historyPath = historyPath
    _ = ae_history_set_size(h, historySize)
    _ = ae_history_set_unique(h, 1)
    if let historyPath { _ = ae_history_load(h, historyPath) }

    _ = ae_set_client_data(el, Unmanaged.passUnretained(self).toOpaque())
    _ = ae_set_editor(el, "emacs")
    _ = ae_set_signal(el, 1)
    _ = ae_set_history(el, h)
    _ = ae_set_prompt_esc(
      el,
      { el in
        guard let el, let editor = LineEditor.from(el) else { return nil }
        return editor.promptBytes.withUnsafeMutableBufferPointer { $0.baseAddress }
      }, Self.promptEscape)
    _ = ae_add_complete_function(
      el,
      { el, _ in
        guard let el, let editor = LineEditor.from(el) else { return UInt8(CC_ERROR) }
        return editor.complete()
      })
    // Our own character reader, so that one signal ends el_gets: libedit's
    // own reader retries read(2) after the first EINTR.
    _ = ae_set_getc(
      el,
      { el, character in
        guard let el, let character, let editor = LineEditor.from(el) else { return -1 }
        return editor.readCharacter(into: character)
      })
    _ = ae_bind(el, "^I", "annotate-complete")
    _ = ae_bind(el, "^R", "em-inc-search-prev")
    // ~/.editrc (or $EDITRC) last, so the user's bindings win.
    _ = el_source(el, nil)
    Self.installSignalHandlers()
  }

  deinit {
    el_end(editLine)
    history_end(history)
  }

  private static func from(_ el: OpaquePointer) -> LineEditor? {
    guard let raw = ae_client_data(el) else { return nil }
    return Unmanaged<LineEditor>.fromOpaque(raw).takeUnretainedValue()
  }

  /// libedit drops every non-ASCII byte unless LC_CTYPE is a UTF-8 locale.
  private static func prepareLocale() {
    setlocale(LC_CTYPE, "")
    let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
    if codeset.uppercased().filter({ $0 != "-" }) != "UTF8" {
      if setlocale(LC_CTYPE, "C.UTF-8") == nil { setlocale(LC_CTYPE, "en_US.UTF-8") }
    }
  }

  /// `sa_flags = 0` (no `SA_RESTART`) so that `el_gets` returns on a signal.
  private static func installSignalHandlers() {
    // A parent may have left these blocked; a shell must get them.
    var unblock = sigset_t()
    sigemptyset(&unblock)
    for sig in [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGCONT] { sigaddset(&unblock, sig) }
    pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    for sig in [SIGINT, SIGTERM, SIGHUP] {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { pendingSignal.store($0, ordering: .relaxed) }
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0
      sigaction(sig, &action, nil)
    }
  }

  /// The prompt; ANSI escape sequences in it are marked so the cursor stays right.
  public var prompt: String = "> " {
    didSet { promptBytes = Self.markEscapes(prompt) }
  }

  static func markEscapes(_ prompt: String) -> [CChar] {
    var bytes: [CChar] = []
    var inEscape = false
    for byte in prompt.utf8 {
      if byte == 0x1B && !inEscape {
        bytes.append(promptEscape)
        inEscape = true
      }
      bytes.append(CChar(bitPattern: byte))
      // A CSI sequence ends with a byte in 0x40...0x7E after the "[".
      if inEscape && byte != 0x1B && byte != UInt8(ascii: "[") && (0x40...0x7E).contains(byte) {
        bytes.append(promptEscape)
        inEscape = false
      }
    }
    if inEscape { bytes.append(promptEscape) }
    bytes.append(0)
    return bytes
  }

  /// Reads one UTF-8 character from standard input for libedit: 1 with a
  /// character, 0 at end of input, -1 when a signal should end the line.
  private func readCharacter(into character: UnsafeMutablePointer<wchar_t>) -> Int32 {
    var scalar: UInt32 = 0
    var needed = 0
    while true {
      if pendingSignal.load(ordering: .relaxed) != 0 {
        errno = EINTR
        return -1
      }
      switch waitForInput(milliseconds: -1) {
      case .ready: break
      case .signal, .timedOut: continue
      case .failed: return -1
      }
      var byte: UInt8 = 0
      let n = read(STDIN_FILENO, &byte, 1)
      if n == 0 { return 0 }
      if n < 0 {
        if errno == EINTR || errno == EAGAIN { continue }
        return -1
      }
      if needed == 0 {
        switch byte {
        case 0..<0x80:
          character.pointee = wchar_t(byte)
          return 1
        case 0xC2...0xDF: (scalar, needed) = (UInt32(byte & 0x1F), 1)
        case 0xE0...0xEF: (scalar, needed) = (UInt32(byte & 0x0F), 2)
        case 0xF0...0xF4: (scalar, needed) = (UInt32(byte & 0x07), 3)
        default:
          character.pointee = 0xFFFD
          return 1
        }
      } else if byte & 0xC0 == 0x80 {
        scalar = scalar << 6 | UInt32(byte & 0x3F)
        needed -= 1
        if needed == 0 {
          let valid = scalar <= 0x10FFFF && !(0xD800...0xDFFF).contains(scalar)
          character.pointee = wchar_t(bitPattern: valid ? scalar : 0xFFFD)
          return 1
        }
      } else {
        character.pointee = 0xFFFD
        return 1
      }
    }
  }

  /// Reads one line with editing.
  public func readLine() -> LineEditorEvent {
    // A SIGTERM or SIGHUP that came while a command ran still ends the shell.
    let early = pendingSignal.load(ordering: .relaxed)
    if early == SIGTERM || early == SIGHUP { return .terminated(signal: early) }
    pendingSignal.store(0, ordering: .relaxed)
    var count: Int32 = 0
    let raw = el_gets(editLine, &count)
    let signal = pendingSignal.exchange(0, ordering: .relaxed)
    if signal == SIGTERM || signal == SIGHUP { return .terminated(signal: signal) }
    guard let raw, count > 0 else {
      if signal == SIGINT || (count < 0 && errno == EINTR) {
        // Throw away what was typed; start a fresh line.
        el_reset(editLine)
        fputs("^C\n", output)
        fflush(output)
        return .interrupted
      }
      if count == 0 { fputs("\n", output) }
      fflush(output)
      return .endOfInput
    }
    var line = String(cString: raw)
    while line.hasSuffix("\n") || line.hasSuffix("\r") { line.removeLast() }
    return .line(line)
  }

  /// Adds a line the user typed to history (consecutive duplicates are dropped).
  public func addHistory(_ line: String) {
    guard !line.allSatisfy(\.isWhitespace), line != lastEntered else { return }
    lastEntered = line
    _ = ae_history_enter(history, line)
  }

  /// Writes history atomically with mode 0600.
  public func saveHistory() {
    guard let historyPath else { return }
    let directory = String(historyPath[..<(historyPath.lastIndex(of: "/") ?? historyPath.startIndex)])
    if !directory.isEmpty { Self.makeDirectories(directory) }
    let temporary = historyPath + ".tmp.\(getpid())"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return }
    fchmod(fd, 0o600)
    guard let file = fdopen(fd, "w") else {
      close(fd)
      return
    }
    let ok = ae_history_save_fp(history, file) >= 0
    fflush(file)
    fsync(fd)
    fclose(file)
    if ok { rename(temporary, historyPath) } else { unlink(temporary) }
  }

  private static func makeDirectories(_ path: String) {
    var current = ""
    for part in path.split(separator: "/", omittingEmptySubsequences: false) {
      current += current.isEmpty && part.isEmpty ? "/" : (current.hasSuffix("/") || current.isEmpty ? "" : "/") + part
      if !current.isEmpty && current != "/" { mkdir(current, 0o700) }
    }
  }

  /// Tab: insert the longest common prefix, or list the candidates.
  private func complete() -> UInt8 {
    guard let completer, let info = el_line(editLine) else { return UInt8(CC_ERROR) }
    let start = UnsafeRawPointer(info.pointee.buffer!)
    let cursor = UnsafeRawPointer(info.pointee.cursor!)
    let length = cursor - start
    let before = String(
      decoding: UnsafeRawBufferPointer(start: start, count: length), as: UTF8.self)
    let result = completer(before)
    guard !result.candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
    let typed = String(before.suffix(result.replacing))
    var common = LineEditor.commonPrefix(result.candidates)
    if result.candidates.count == 1, !common.hasSuffix("/") { common += " " }
    if common.count > typed.count || (result.candidates.count == 1 && common != typed) {
      el_deletestr(editLine, Int32(typed.count))
      _ = el_insertstr(editLine, common)
      return UInt8(CC_REFRESH)
    }
    if result.candidates.count > 1 {
      // Many candidates: ask first, as readline does.
      if result.candidates.count > Self.askAbove {
        fputs("\nDisplay all \(result.candidates.count) possibilities? (y or n)", output)
        fflush(output)
        var answer: UInt8 = 0
        while read(STDIN_FILENO, &answer, 1) < 0 && errno == EINTR {}
        guard answer == UInt8(ascii: "y") || answer == UInt8(ascii: "Y") || answer == UInt8(ascii: " ") else {
          fputs("\n", output)
          fflush(output)
          return UInt8(CC_REDISPLAY)
        }
      }
      fputs("\n" + LineEditor.columns(result.display), output)
      fflush(output)
      return UInt8(CC_REDISPLAY)
    }
    return UInt8(CC_REFRESH)
  }

  /// More candidates than this are listed only when the user says so.
  public static let askAbove = 100

  static func commonPrefix(_ words: [String]) -> String {
    guard var prefix = words.first.map(Array.init) else { return "" }
    for word in words.dropFirst() {
      let chars = Array(word)
      var n = 0
      while n < prefix.count, n < chars.count, prefix[n] == chars[n] { n += 1 }
      prefix.removeSubrange(n...)
    }
    return String(prefix)
  }

  /// Candidates laid out in columns across the terminal.
  static func columns(_ words: [String], width: Int = terminalWidth()) -> String {
    let cell = (words.map(\.count).max() ?? 0) + 2
    let perRow = max(1, width / max(cell, 1))
    var text = ""
    for (i, word) in words.enumerated() {
      let last = i % perRow == perRow - 1 || i == words.count - 1
      text += last ? word + "\n" : word.padding(toLength: cell)
    }
    return text
  }

  /// Rows of the terminal on stdout, 24 when it cannot be told.
  public static func terminalRows() -> Int {
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 { return Int(size.ws_row) }
    return 24
  }

  /// Columns of the terminal on stdout, 80 when it cannot be told.
  public static func terminalWidth() -> Int {
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
      return Int(size.ws_col)
    }
    return 80
  }
}

extension String {
  fileprivate func padding(toLength length: Int) -> String {
    count >= length ? self : self + String(repeating: " ", count: length - count)
  }
}

/// A key read in raw mode, for screens driven by single keys.
public enum Key: Equatable, Sendable {
  case character(Character)
  case enter, tab, backspace, escape, up, down, left, right
  /// A control character other than those above (Ctrl-C is `control("c")`).
  case control(Character)
  /// The terminal went away (end of input, a hang-up).
  case endOfInput
  /// SIGTERM or SIGHUP arrived.
  case terminated(signal: Int32)
}

/// The terminal in raw mode (no echo, no line buffering, no signals from
/// keys) for as long as a screen reads single keys; restored by
/// ``restore()`` on every way out, including a signal.
public final class RawKeys {
  private var saved = termios()
  private var active = false

  /// Nil when standard input is not a terminal.
  public init?() {
    guard tcgetattr(STDIN_FILENO, &saved) == 0, enable() else { return nil }
  }

  /// Raw mode (again, after a line was read in between).
  @discardableResult
  public func enable() -> Bool {
    guard !active else { return true }
    var raw = saved
    raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
    raw.c_iflag &= ~tcflag_t(IXON | ICRNL | INLCR)
    // One byte at a time, no timeout (VMIN and VTIME sit elsewhere on Darwin).
    withUnsafeMutableBytes(of: &raw.c_cc) { cc in
      cc[Int(VMIN)] = 1
      cc[Int(VTIME)] = 0
    }
    guard tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0 else { return false }
    active = true
    return true
  }

  deinit { restore() }

  /// The terminal as it was.
  public func restore() {
    guard active else { return }
    tcsetattr(STDIN_FILENO, TCSANOW, &saved)
    active = false
  }

  /// The next key: UTF-8 decoded, arrow keys from their escape sequences,
  /// Esc alone when nothing follows it within 30 ms.
  public func read() -> Key {
    guard let first = byte(wait: -1) else { return end() }
    switch first {
    case 0x0D, 0x0A: return .enter
    case 0x09: return .tab
    case 0x7F, 0x08: return .backspace
    case 0x1B:
      guard let second = byte(wait: 30) else { return .escape }
      guard second == UInt8(ascii: "["), let third = byte(wait: 30) else {
        return second == 0x1B ? .escape : .escape
      }
      switch third {
      case UInt8(ascii: "A"): return .up
      case UInt8(ascii: "B"): return .down
      case UInt8(ascii: "C"): return .right
      case UInt8(ascii: "D"): return .left
      default:
        // Other sequences (function keys): read to their end and ignore.
        var b = third
        while !(0x40...0x7E).contains(b), let next = byte(wait: 30) { b = next }
        return .control("[")
      }
    case 0..<0x20: return .control(Character(Unicode.Scalar(first + 0x60)))
    case 0x20..<0x80: return .character(Character(Unicode.Scalar(first)))
    default:
      var bytes = [first]
      let needed = first >= 0xF0 ? 3 : first >= 0xE0 ? 2 : 1
      for _ in 0..<needed {
        guard let next = byte(wait: 30) else { break }
        bytes.append(next)
      }
      return .character(String(decoding: bytes, as: UTF8.self).first ?? "\u{FFFD}")
    }
  }

  private func end() -> Key {
    let signal = pendingSignal.load(ordering: .relaxed)
    return signal == SIGTERM || signal == SIGHUP ? .terminated(signal: signal) : .endOfInput
  }

  /// One byte; nil at end of input, on a terminating signal, or after
  /// `wait` milliseconds (-1: no limit).
  private func byte(wait: Int32) -> UInt8? {
    while true {
      let signal = pendingSignal.load(ordering: .relaxed)
      if signal == SIGTERM || signal == SIGHUP { return nil }
      if signal == SIGINT { pendingSignal.store(0, ordering: .relaxed) }
      switch waitForInput(milliseconds: wait) {
      case .ready: break
      case .signal: continue
      case .timedOut, .failed: return nil
      }
      var b: UInt8 = 0
      let n = systemRead(STDIN_FILENO, &b, 1)
      if n == 1 { return b }
      if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
      return nil
    }
  }
}

/// How a wait for standard input ended.
enum InputWait {
  case ready, timedOut, signal, failed
}

/// Waits until standard input has a byte, `milliseconds` pass (-1: no
/// limit), or a signal arrives. The signals the shell handles are blocked
/// from the look at ``pendingSignal`` until the wait begins, and the wait
/// lets them in again (`ppoll`): one that comes between the two ends the
/// wait. Looked at, then waited for with `read` or `poll`, such a signal
/// was taken while nothing waited yet, and the wait never ended (a SIGTERM
/// sent the moment the coding screen was drawn, under load, in CI).
func waitForInput(milliseconds: Int32) -> InputWait {
  var blocked = sigset_t()
  sigemptyset(&blocked)
  for sig in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&blocked, sig) }
  var previous = sigset_t()
  pthread_sigmask(SIG_BLOCK, &blocked, &previous)
  defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
  if pendingSignal.load(ordering: .relaxed) != 0 { return .signal }
  var fds = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
  var timeout = timespec(tv_sec: Int(milliseconds / 1000), tv_nsec: Int(milliseconds % 1000) * 1_000_000)
  let ready = milliseconds < 0 ? ae_ppoll(&fds, 1, nil, &previous) : ae_ppoll(&fds, 1, &timeout, &previous)
  if ready > 0 { return .ready }
  if ready == 0 { return .timedOut }
  return errno == EINTR ? .signal : .failed
}

/// `read(2)`, named apart from the methods called read.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
  read(fd, buffer, count)
}
