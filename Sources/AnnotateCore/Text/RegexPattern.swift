import CPCRE2

/// A regular expression compiled by PCRE2 with its JIT, in UTF mode with
/// Unicode properties (`\w`, `\d`, `\b` and case folding know every
/// script, as Python's `re` does on `str`). It runs over a document's UTF-8
/// bytes once; callers map the byte ranges to code points and units.
///
/// The compiled code is read-only after compiling, so one pattern is shared
/// by every thread of a search; each call makes its own match data.
public final class RegexPattern: @unchecked Sendable {
  /// The flags written after the closing slash: `/…/ixs`.
  public struct Flags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// `i`: ignore case (Unicode case folding).
    public static let ignoreCase = Flags(rawValue: 1)
    /// `x`: white space and `#` comments in the pattern are ignored.
    public static let extended = Flags(rawValue: 2)
    /// `s`: `.` matches line breaks too.
    public static let dotAll = Flags(rawValue: 4)

    /// The letters, in the order people write them.
    public static let letters: [(Character, Flags)] = [("i", .ignoreCase), ("x", .extended), ("s", .dotAll)]

    /// Flags from the letters after a closing slash; nil if one is not a flag.
    public init?(letters: Substring) {
      var flags: Flags = []
      for letter in letters {
        guard let flag = Self.letters.first(where: { $0.0 == letter })?.1 else { return nil }
        flags.insert(flag)
      }
      self = flags
    }
  }

  /// Why a pattern did not compile: PCRE2's message and where in the
  /// pattern (in characters, counting from 0) it noticed.
  public struct CompileError: Error, Equatable, Sendable {
    public let message: String
    public let position: Int
  }

  /// Why a search stopped: the pattern needed more backtracking or
  /// stack than PCRE2 allows on one document (a pattern like `(a+)+$`).
  public struct MatchError: Error, Equatable, Sendable {
    public let message: String
  }

  /// The pattern as written, between the slashes.
  public let source: String
  public let flags: Flags
  private let code: OpaquePointer

  public init(_ source: String, flags: Flags = []) throws(CompileError) {
    var options = PCRE2_UTF | PCRE2_UCP
    if flags.contains(.ignoreCase) { options |= PCRE2_CASELESS }
    if flags.contains(.extended) { options |= PCRE2_EXTENDED }
    if flags.contains(.dotAll) { options |= PCRE2_DOTALL }
    var errorCode: Int32 = 0
    var errorOffset = 0
    let compiled = source.utf8.withContiguousStorageIfAvailable { bytes in
      pcre2_compile_8(bytes.baseAddress, bytes.count, options, &errorCode, &errorOffset, nil)
    }
    guard let compiled, let compiled else {
      let bytes = Array(source.utf8)
      let prefix = bytes[..<min(errorOffset, bytes.count)]
      throw CompileError(
        message: Self.message(errorCode),
        position: String(decoding: prefix, as: UTF8.self).unicodeScalars.count)
    }
    // Without the JIT (a platform without it) the interpreter still matches.
    _ = pcre2_jit_compile_8(compiled, PCRE2_JIT_COMPLETE)
    self.code = compiled
    self.source = source
    self.flags = flags
  }

  deinit { pcre2_code_free_8(code) }

  /// The pattern as a user writes it: `/source/flags`.
  public var written: String {
    "/" + source + "/" + String(Flags.letters.filter { flags.contains($0.1) }.map(\.0))
  }

  static func message(_ code: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 256)
    let length = pcre2_get_error_message_8(code, &buffer, buffer.count)
    return length > 0 ? String(decoding: buffer[..<Int(length)], as: UTF8.self) : "error \(code)"
  }

  /// Every match in `bytes` (valid UTF-8), as byte ranges in order, found
  /// the way Python's `re.finditer` finds them: left to right, not
  /// overlapping, an empty match allowed after a non-empty one but never
  /// twice at one place. `body` sees each match and returns false to stop.
  public func forEachMatch(
    in bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Bool
  ) throws(MatchError) {
    guard let data = pcre2_match_data_create_from_pattern_8(code, nil) else {
      throw MatchError(message: "out of memory")
    }
    defer { pcre2_match_data_free_8(data) }
    var context: OpaquePointer?
    var stack: OpaquePointer?
    defer {
      if let stack { pcre2_jit_stack_free_8(stack) }
      if let context { pcre2_match_context_free_8(context) }
    }
    let n = bytes.count
    let base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
    var start = 0
    var notEmptyAt = -1
    while start <= n {
      let options = PCRE2_NO_UTF_CHECK | (notEmptyAt == start ? PCRE2_NOTEMPTY_ATSTART : 0)
      let rc = pcre2_match_8(code, base, n, start, options, data, context)
      if rc == PCRE2_ERROR_NOMATCH { return }
      if rc == PCRE2_ERROR_JIT_STACKLIMIT && stack == nil {
        // The JIT's default 32 KiB stack was too small: give it up to 8 MiB.
        stack = pcre2_jit_stack_create_8(32 << 10, 8 << 20, nil)
        context = pcre2_match_context_create_8(nil)
        guard let stack, let context else { throw MatchError(message: "out of memory") }
        pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(stack))
        continue
      }
      guard rc >= 0 else { throw MatchError(message: Self.message(rc)) }
      let vector = pcre2_get_ovector_pointer_8(data)!
      let lower = vector[0]
      let upper = vector[1]
      // `\K` in a lookahead can end a match before its start; such a match
      // has no text to mark.
      guard lower <= upper else { throw MatchError(message: "\\K made a match end before it starts") }
      guard body(lower..<upper) else { return }
      // After an empty match, look again from the same place for anything
      // but an empty match there (Python finds `x` at 1 after the empty
      // match at 0 of `x*`); after a non-empty one, from its end.
      start = upper
      notEmptyAt = lower == upper ? upper : -1
    }
  }

  /// ``forEachMatch(in:_:)`` over a text's bytes.
  func forEachMatch(in text: UTF8Text, _ body: (Range<Int>) -> Bool) throws(MatchError) {
    try text.bytes.withUnsafeBufferPointer { bytes throws(MatchError) in try forEachMatch(in: bytes, body) }
  }

  /// Whether the pattern matches anywhere in `bytes`.
  public func matches(_ bytes: UnsafeBufferPointer<UInt8>) throws(MatchError) -> Bool {
    var found = false
    try forEachMatch(in: bytes) { _ in
      found = true
      return false
    }
    return found
  }
}
