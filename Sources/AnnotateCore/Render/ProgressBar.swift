#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `[██████░░░░░░] 512/10000 documents` on a terminal's standard error,
/// redrawn in place: for whole-corpus work that may take more than a second.
/// Nothing is drawn until a second has passed, so quick commands stay
/// quiet; the caller creates one only for a terminal (never for a script
/// or a pipe). Updated from one thread.
public final class ProgressBar {
  let what: String
  let write: (String) -> Void
  let delay: Double
  private let started: Double
  private var drawn = -1
  private var lastDraw = 0.0

  /// `what` names the things counted (`documents`, `resamples`).
  public init(_ what: String, delay: Double = 1.0, write: @escaping (String) -> Void) {
    self.what = what
    self.write = write
    self.delay = delay
    started = Self.now()
  }

  public func update(_ done: Int, _ total: Int) {
    guard total > 0 else { return }
    let now = Self.now()
    guard now - started >= delay else { return }
    let permille = min(1000, done * 1000 / total)
    // At most ten redraws a second, and only when the bar moved.
    guard permille != drawn, now - lastDraw >= 0.1 || done >= total else { return }
    drawn = permille
    lastDraw = now
    let width = 30
    let filled = permille * width / 1000
    write(
      "\r[" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        + "] \(done)/\(total) \(what)\u{1B}[K")
  }

  /// Clears the line, if anything was drawn.
  public func finish() {
    if drawn >= 0 { write("\r\u{1B}[K") }
    drawn = -1
  }

  static func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }
}

/// Horizontal bars of block characters, eighths at the tip, for charts in
/// the terminal (in a tag's colour by the caller; plain without colour).
public enum Bar {
  static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

  /// `value` of `maximum` over `width` columns; a non-zero value shows at least an eighth.
  public static func draw(_ value: Double, of maximum: Double, width: Int) -> String {
    guard maximum > 0, value > 0, value.isFinite else { return "" }
    let total = max(1, Int((min(1, value / maximum) * Double(width * 8)).rounded()))
    return String(repeating: "█", count: total / 8) + eighths[total % 8]
  }

  /// `42%`, `0.4%` below one percent, `—` for nothing to divide.
  public static func percent(_ share: Double) -> String {
    guard share.isFinite else { return "—" }
    if share > 0 && share < 0.01 { return fixed(share * 100, 1) + "%" }
    return String(Int((share * 100).rounded())) + "%"
  }
}
