import CByteMask

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a file's bytes are not text annotate can open.
public enum TextDecodingError: Error, Equatable, Sendable {
  /// The bytes are not UTF-8; `offset` is the file byte where decoding failed.
  case invalidUTF8(offset: Int)
  /// A NUL byte: the file is binary, not text.
  case binary(offset: Int)
}

/// Validated UTF-8 text with a sparse index from code point offsets to bytes.
///
/// The bytes are kept as read (after a BOM) so the document is never
/// rewritten; code point offsets are turned into byte positions through a
/// checkpoint every ``UTF8Text/stride`` scalars, so any lookup costs at most
/// one short forward scan and building the index is one linear pass.
public struct UTF8Text: Sendable {
  /// The text's bytes, without a byte-order mark.
  public let bytes: [UInt8]
  /// Number of Unicode scalars (code points) in the text.
  public let scalarCount: Int
  /// Its length in UTF-16 code units (a code point past U+FFFF takes two).
  public let utf16Count: Int
  /// `checkpoints[k]` is the byte offset of scalar `k * stride`.
  private let checkpoints: [Int]
  static let stride = 128

  /// Validates `bytes` (strict UTF-8: no overlongs, surrogates or values past
  /// U+10FFFF) and indexes it. `reportOffset` is added to error offsets, so
  /// callers can report positions in the original file (e.g. after a BOM).
  /// A large text is validated in `parts` pieces on every core (default:
  /// one a core past ``parallelBytes``), the same as in one pass.
  public init(validating bytes: [UInt8], reportOffset: Int = 0) throws(TextDecodingError) {
    try self.init(validating: bytes, reportOffset: reportOffset, parts: nil)
  }

  init(validating bytes: [UInt8], reportOffset: Int, parts: Int?) throws(TextDecodingError) {
    let parts = parts ?? (bytes.count >= Self.parallelBytes ? Parallel.width : 1)
    // In pieces, each from a code point's start, knowing how many code
    // points come before it (its bytes that are not continuations, counted
    // first): every checkpoint falls where one pass puts it. A text that
    // fails anywhere is passed over again whole, for the first failure.
    if parts > 1, let pieces = Self.pieces(of: bytes, parts) {
      let scanned = bytes.withUnsafeBufferPointer { buf in
        nonisolated(unsafe) let buf = buf
        return Parallel.map(count: pieces.count) { k -> (scalars: Int, supplementary: Int, checkpoints: [Int])? in
          var scan = Scan(scalars: pieces[k].firstScalar)
          guard Self.scan(buf, pieces[k].range, &scan, reportOffset: reportOffset) == nil else { return nil }
          return (scan.scalars, scan.supplementary, scan.checkpoints)
        }
      }
      if scanned.allSatisfy({ $0 != nil }) {
        let scalars = scanned.last!!.scalars
        self.init(
          bytes: bytes, scalarCount: scalars, utf16Count: scalars + scanned.reduce(0) { $0 + $1!.supplementary },
          checkpoints: Array(scanned.lazy.flatMap { $0!.checkpoints }))
        return
      }
    }
    var scan = Scan(scalars: 0)
    scan.checkpoints.reserveCapacity(bytes.count / Self.stride + 1)
    let failure = bytes.withUnsafeBufferPointer { Self.scan($0, 0..<bytes.count, &scan, reportOffset: reportOffset) }
    if let failure { throw failure }
    self.init(
      bytes: bytes, scalarCount: scan.scalars, utf16Count: scan.scalars + scan.supplementary,
      checkpoints: scan.checkpoints)
  }

  private init(bytes: [UInt8], scalarCount: Int, utf16Count: Int, checkpoints: [Int]) {
    self.bytes = bytes
    self.scalarCount = scalarCount
    self.utf16Count = utf16Count
    self.checkpoints = checkpoints
  }

  /// Texts this large are validated on every core.
  static let parallelBytes = 4 << 20

  /// What a pass over the bytes has counted so far.
  struct Scan {
    var scalars: Int
    var supplementary = 0
    var checkpoints: [Int] = []
  }

  /// `parts` ranges of about equal size, each from a code point's start,
  /// and how many code points come before each (nil when a range cannot
  /// start on a lead byte: the text is not UTF-8 there).
  private static func pieces(of bytes: [UInt8], _ parts: Int) -> [(range: Range<Int>, firstScalar: Int)]? {
    var cuts = [0]
    for k in 1..<parts {
      var cut = bytes.count * k / parts
      let limit = min(cut + 3, bytes.count)
      while cut < limit && bytes[cut] & 0xC0 == 0x80 { cut += 1 }
      guard cut == bytes.count || bytes[cut] & 0xC0 != 0x80 else { return nil }
      if cut > cuts.last! { cuts.append(cut) }
    }
    cuts.append(bytes.count)
    let ranges = zip(cuts, cuts.dropFirst()).map { $0..<$1 }
    let counts = bytes.withUnsafeBufferPointer { buf in
      nonisolated(unsafe) let buf = buf
      return Parallel.map(ranges) { range in
        range.count - Int(annotate_count_continuation_bytes(buf.baseAddress! + range.lowerBound, range.count))
      }
    }
    var before = 0
    return zip(ranges, counts).map { range, count in
      defer { before += count }
      return (range, before)
    }
  }

  /// Validates and counts `range` of `buf` (starting at a code point's
  /// start), on from what `scan` holds: a checkpoint at each code point
  /// whose number is a multiple of ``stride``. Returns why it is not text.
  private static func scan(
    _ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ scan: inout Scan, reportOffset: Int
  ) -> TextDecodingError? {
    guard let base = buf.baseAddress else { return nil }
    var scalars = scan.scalars
    var supplementary = scan.supplementary
    var checkpoints = scan.checkpoints
    defer {
      scan.scalars = scalars
      scan.supplementary = supplementary
      scan.checkpoints = checkpoints
    }
    let n = range.upperBound
    return utf8LeadForms.withUnsafeBufferPointer { forms -> TextDecodingError? in
      let raw = UnsafeRawPointer(base)
      // The next code point to get a checkpoint: every stride-th, recorded
      // as it is passed. In a run of plain ASCII a code point is a byte, so
      // one that falls inside a run sits as many bytes on as code points.
      var due = (scalars &+ Self.stride &- 1) / Self.stride &* Self.stride
      // Where the bytes not yet counted start.
      var at = range.lowerBound
      var i = range.lowerBound
      while true {
        // Sixty-four bytes at a time: a bit for each that is not plain
        // ASCII (a NUL, or a byte of a longer code point), then only those
        // bytes looked at: the code points they start are checked, and the
        // plain bytes between them are counted at once.
        var special: UInt64
        let end: Int
        if i &+ 64 <= n {
          special = annotate_not_plain_ascii_64(base + i)
          end = i &+ 64
        } else if i < n {
          // The last bytes, one at a time.
          special = 0
          for k in 0..<(n &- i) where buf[i &+ k] == 0 || buf[i &+ k] >= 0x80 { special |= 1 &<< UInt64(k) }
          end = n
        } else {
          break
        }
        // A code point begun in the block before may reach into this one.
        if at > i { special &= at &- i >= 64 ? 0 : ~0 &<< UInt64(at &- i) }
        while special != 0 {
          let p = i &+ special.trailingZeroBitCount
          // The plain bytes before it (fewer than a stride: one checkpoint at most).
          if scalars &+ (p &- at) > due {
            checkpoints.append(at &+ due &- scalars)
            due &+= Self.stride
          }
          scalars &+= p &- at
          // Its lead byte gives its length and the range of its second
          // byte (Unicode's table 3-7 of well-formed sequences), so that
          // overlongs, surrogates and values past U+10FFFF fail the range
          // check; the bytes after the second must be continuations.
          let lead = buf[p]
          let form = forms[Int(lead)]
          let length = Int(truncatingIfNeeded: form &>> 16)
          var valid: Bool
          if p &+ 4 <= n {
            let word = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: p, as: UInt32.self))
            let second = UInt8(truncatingIfNeeded: word &>> 8)
            let rest: UInt32 = (0xC0C0_0000 &>> UInt32(truncatingIfNeeded: (4 &- length) &<< 3)) & 0xFFFF_0000
            valid =
              length != 0 && second >= UInt8(truncatingIfNeeded: form)
              && second <= UInt8(truncatingIfNeeded: form &>> 8) && word & rest == rest & 0x8080_8080
          } else {
            valid = length != 0 && p &+ length <= n
            if valid {
              let second = buf[p &+ 1]
              valid = second >= UInt8(truncatingIfNeeded: form) && second <= UInt8(truncatingIfNeeded: form &>> 8)
              for k in 2..<length where buf[p &+ k] & 0xC0 != 0x80 { valid = false }
            }
          }
          guard valid else {
            return lead == 0 ? .binary(offset: p + reportOffset) : .invalidUTF8(offset: p + reportOffset)
          }
          if scalars == due {
            checkpoints.append(p)
            due &+= Self.stride
          }
          scalars &+= 1
          supplementary &+= length &>> 2
          at = p &+ length
          let consumed = at &- i
          special &= consumed >= 64 ? 0 : ~0 &<< UInt64(consumed)
        }
        // The plain bytes after the last code point looked at.
        if at < end {
          if scalars &+ (end &- at) > due {
            checkpoints.append(at &+ due &- scalars)
            due &+= Self.stride
          }
          scalars &+= end &- at
          at = end
        }
        i = end
      }
      return nil
    }
  }

  /// The byte offset where code point `offset` starts (`bytes.count` at the end).
  public func byteOffset(ofScalar offset: Int) -> Int {
    precondition(offset >= 0 && offset <= scalarCount, "scalar offset \(offset) out of 0...\(scalarCount)")
    if offset == scalarCount { return bytes.count }
    let k = offset / Self.stride
    let i = checkpoints[k]
    let remaining = offset % Self.stride
    // A stretch of ASCII: one byte per code point.
    if k + 1 < checkpoints.count && checkpoints[k + 1] - i == Self.stride { return i + remaining }
    return byteOffset(remaining, scalarsAfter: i)
  }

  /// The code point offset of the scalar starting at byte `byte` (a scalar boundary).
  public func scalarOffset(ofByte byte: Int) -> Int {
    precondition(byte >= 0 && byte <= bytes.count)
    // Binary search the checkpoints, then count lead bytes forward.
    var lo = 0
    var hi = checkpoints.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if checkpoints[mid] <= byte { lo = mid } else { hi = mid - 1 }
    }
    if checkpoints.isEmpty { return 0 }
    var scalars = lo * Self.stride
    bytes.withUnsafeBufferPointer { buf in
      var i = checkpoints[lo]
      while i < byte {
        if buf[i] & 0xC0 != 0x80 { scalars += 1 }
        i += 1
      }
    }
    return scalars
  }

  /// The byte range of a code point range: its end counted on from its
  /// start when that is nearer than a checkpoint could be.
  public func byteRange(of range: TextRange) -> Range<Int> {
    precondition(range.start <= range.end && range.end <= scalarCount, "range \(range) out of 0...\(scalarCount)")
    let start = byteOffset(ofScalar: range.start)
    if range.end - range.start < Self.stride {
      return start..<byteOffset(range.end - range.start, scalarsAfter: start)
    }
    return start..<byteOffset(ofScalar: range.end)
  }

  /// The byte where the code point `count` code points after the one at
  /// byte `byte` starts (`bytes.count` past the end): whole words while
  /// they hold no more starts than are left, then byte by byte.
  public func byteOffset(_ count: Int, scalarsAfter byte: Int) -> Int {
    var i = byte
    var remaining = count
    bytes.withUnsafeBufferPointer { buf in
      while i + 8 <= buf.count {
        let starts = scalarStarts(UnsafeRawPointer(buf.baseAddress! + i).loadUnaligned(as: UInt64.self))
        guard starts <= remaining else { break }
        remaining -= starts
        i += 8
      }
      while i < buf.count {
        if buf[i] & 0xC0 != 0x80 {
          if remaining == 0 { break }
          remaining -= 1
        }
        i += 1
      }
    }
    return i
  }

  /// The byte where the code point `count` code points before the one at
  /// byte `byte` starts (0 at most).
  public func byteOffset(_ count: Int, scalarsBefore byte: Int) -> Int {
    var i = byte
    var remaining = count
    bytes.withUnsafeBufferPointer { buf in
      while remaining > 0 && i > 0 {
        i -= 1
        if buf[i] & 0xC0 != 0x80 { remaining -= 1 }
      }
    }
    return i
  }

  /// The text of a byte range that starts and ends between code points.
  public func string(bytes range: Range<Int>) -> String {
    bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
  }

  /// Whether a grapheme cluster boundary (UAX #29, as Swift's `Character`
  /// draws them) lies before the code point at byte `at`. Between two ASCII
  /// bytes other than CR LF there always is one and no cluster spans such a
  /// pair, so the clusters of the stretch between the nearest such pairs
  /// around `at` decide. Nil when that stretch reaches past `window` bytes
  /// on a side (text without ASCII pairs: the whole text's clusters decide).
  public func isGraphemeBoundary(atByte at: Int, window: Int = 1024) -> Bool? {
    guard at > 0 && at < bytes.count else { return true }
    return bytes.withUnsafeBufferPointer { b -> Bool? in
      func certain(_ i: Int) -> Bool { b[i] < 0x80 && b[i - 1] < 0x80 && !(b[i - 1] == 0x0D && b[i] == 0x0A) }
      if certain(at) { return true }
      var start = at - 1
      while start > 0 && !certain(start) {
        start -= 1
        if at - start > window { return nil }
      }
      var end = at + 1
      while end < b.count && !certain(end) {
        end += 1
        if end - at > window { return nil }
      }
      var place = start
      for character in String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self) {
        if place >= at { break }
        place += character.utf8.count
      }
      return place == at
    }
  }

  /// The text of a code point range.
  public func string(in range: TextRange) -> String { string(bytes: byteRange(of: range)) }

  /// Whether the code points of `range` are exactly `expected` (compared as
  /// bytes, nothing allocated).
  public func has(_ expected: String, at range: TextRange) -> Bool { has(expected, atBytes: byteRange(of: range)) }

  /// Whether the bytes `r` are exactly `expected`'s.
  func has(_ expected: String, atBytes r: Range<Int>) -> Bool {
    withUTF8Bytes(expected) { want in
      bytes.withUnsafeBufferPointer { have in
        want.count == r.count
          && (r.isEmpty || memcmp(have.baseAddress! + r.lowerBound, want.baseAddress!, r.count) == 0)
      }
    }
  }

  /// The whole text as a Swift string.
  public var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// Byte offsets to code point offsets for offsets that only grow (matches,
/// units in order): counts lead bytes on from the last answer, eight at a
/// time, instead of from a checkpoint.
package struct ScalarCounter {
  private let bytes: [UInt8]
  private var byte = 0
  private var scalar = 0

  package init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// Counting on from a known place: byte `byte` is code point `scalar`.
  package init(_ bytes: [UInt8], byte: Int, scalar: Int) {
    self.bytes = bytes
    self.byte = byte
    self.scalar = scalar
  }

  package mutating func scalarOffset(ofByte target: Int) -> Int {
    precondition(target >= byte && target <= bytes.count, "byte offsets must grow")
    bytes.withUnsafeBufferPointer { buf in
      while byte + 8 <= target {
        // Continuation bytes counted in the eight byte lanes of a word, up
        // to 255 words at a time, then summed once: no population count
        // per word (the baseline x86-64 the binary is built for has none,
        // and emulated it was a tenth of a search).
        let words = min((target &- byte) &>> 3, 255)
        let base = UnsafeRawPointer(buf.baseAddress! + byte)
        var lanes: UInt64 = 0
        for k in 0..<words {
          let w = base.loadUnaligned(fromByteOffset: k &<< 3, as: UInt64.self)
          lanes &+= (w & ~(w &<< 1) & 0x8080_8080_8080_8080) &>> 7
        }
        let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes &>> 8) & 0x00FF_00FF_00FF_00FF)
        let continuations = Int(truncatingIfNeeded: (pairs &* 0x0001_0001_0001_0001) &>> 48)
        scalar &+= words &<< 3 &- continuations
        byte &+= words &<< 3
      }
      while byte < target {
        if buf[byte] & 0xC0 != 0x80 { scalar += 1 }
        byte += 1
      }
    }
    return scalar
  }
}

/// Calls `body` with a string's UTF-8 bytes: a native string's where they
/// are (`var s = s; s.withUTF8` copied the string first, a retain on a hot
/// path), a bridged one's after a copy.
@inline(__always)
func withUTF8Bytes<R>(_ string: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
  if let result = string.utf8.withContiguousStorageIfAvailable(body) { return result }
  var copy = string
  return copy.withUTF8(body)
}

// Byte classes of a word read from memory, eight bytes at once: the high
// bit of each byte in the class. The lowest flag is exact; flags above it
// may come from a borrow, but only when some byte is in the class, so a
// word holds one exactly when the result is not zero.

/// Bytes that are zero.
@inline(__always)
func zeroBytes(_ w: UInt64) -> UInt64 { (w &- 0x0101_0101_0101_0101) & ~w & 0x8080_8080_8080_8080 }

/// Bytes equal to `byte`.
@inline(__always)
func equalBytes(_ w: UInt64, _ byte: UInt8) -> UInt64 { zeroBytes(w ^ (UInt64(byte) &* 0x0101_0101_0101_0101)) }

/// How many of eight UTF-8 bytes (a word read from memory) start a code
/// point: all but the continuation bytes, 10xxxxxx (bit 7 set, bit 6 clear).
@inline(__always)
func scalarStarts(_ w: UInt64) -> Int { 8 - (w & ~(w << 1) & 0x8080_8080_8080_8080).nonzeroBitCount }

extension [UInt8] {
  /// Appends a whole number in decimal, without making a string.
  package mutating func appendDecimal(_ value: Int) {
    if value < 0 {
      append(contentsOf: String(value).utf8)
      return
    }
    if value < 10 {
      append(0x30 &+ UInt8(truncatingIfNeeded: value))
      return
    }
    // Digits from the right into a stack buffer, then appended at once.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var k = 20
      var v = value
      while v > 0 {
        k -= 1
        digits[k] = 0x30 &+ UInt8(truncatingIfNeeded: v % 10)
        v /= 10
      }
      append(contentsOf: UnsafeBufferPointer(rebasing: digits[k...]))
    }
  }
}

/// The first position at or after `i` of a byte other than printable ASCII
/// (a control, DEL, a byte of U+0080 and above, or one of `a` and `b`), 16
/// bytes at a time where SSE2 is: writers copy the run before it whole.
@inline(__always)
package func printableASCIIRunEnd(_ bytes: UnsafeBufferPointer<UInt8>, from i: Int, except a: UInt8, _ b: UInt8) -> Int
{
  guard let base = bytes.baseAddress else { return i }
  return annotate_printable_ascii_run_end(base, i, bytes.count, a, b)
}

/// Where ``appendEscaping(_:to:except:_:special:replace:)`` puts bytes: an
/// array it appends to, or a ``ByteCursor`` into memory with room made.
package protocol ByteOutput {
  mutating func append(_ byte: UInt8)
  mutating func append(run: UnsafeBufferPointer<UInt8>)
}

extension [UInt8]: ByteOutput {
  @inline(__always)
  package mutating func append(run: UnsafeBufferPointer<UInt8>) { append(contentsOf: run) }
}

/// A place in memory written forwards, with room for all that is written.
package struct ByteCursor: ByteOutput {
  package var at: UnsafeMutablePointer<UInt8>

  @inline(__always)
  package mutating func append(run: UnsafeBufferPointer<UInt8>) {
    guard let start = run.baseAddress else { return }
    at.update(from: start, count: run.count)
    at += run.count
  }

  @inline(__always)
  package mutating func append(_ byte: UInt8) {
    at.pointee = byte
    at += 1
  }

  /// Writes a whole number in decimal (at most 20 bytes).
  @inline(__always)
  package mutating func appendDecimal(_ value: Int) {
    if value < 0 { append(UInt8(ascii: "-")) }
    var digits = 1
    var rest = value.magnitude / 10
    while rest > 0 {
      digits += 1
      rest /= 10
    }
    var v = value.magnitude
    for k in stride(from: digits - 1, through: 0, by: -1) {
      at[k] = 0x30 &+ UInt8(truncatingIfNeeded: v % 10)
      v /= 10
    }
    at += digits
  }
}

extension ByteOutput {
  /// Appends text the binary holds (no array or string is made for it).
  @inline(__always)
  package mutating func append(_ text: StaticString) {
    append(run: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }
}

/// Copies valid UTF-8 `bytes` to `out`, runs of ordinary bytes whole (found
/// by ``printableASCIIRunEnd(_:from:except:_:)``, `a` and `b` excepted):
/// `special(i)` says whether the character at `i` is to be replaced — its
/// value and length in bytes — and `replace` puts what stands for it.
@inline(__always)
package func appendEscaping<Output: ByteOutput>(
  _ bytes: UnsafeBufferPointer<UInt8>, to out: inout Output, except a: UInt8, _ b: UInt8,
  special: (Int) -> (scalar: UInt32, length: Int)?, replace: (UInt32, inout Output) -> Void
) {
  let n = bytes.count
  var run = 0
  var i = 0
  while i < n {
    i = printableASCIIRunEnd(bytes, from: i, except: a, b)
    guard i < n else { break }
    guard let found = special(i) else {
      i += 1
      continue
    }
    if run < i { out.append(run: UnsafeBufferPointer(rebasing: bytes[run..<i])) }
    replace(found.scalar, &out)
    i += found.length
    run = i
  }
  if run < n { out.append(run: UnsafeBufferPointer(rebasing: bytes[run..<n])) }
}

/// Whether `count` bytes at `bytes` are well-formed UTF-8, by the lead
/// forms of ``utf8LeadForms`` (no overlong form, surrogate or scalar past
/// U+10FFFF, no sequence cut short), checked where they lie: a string a
/// census only checks. (``UTF8Text``'s validation also counts code points
/// and refuses NUL.)
func isWellFormedUTF8(_ bytes: UnsafePointer<UInt8>, count: Int) -> Bool {
  utf8LeadForms.withUnsafeBufferPointer { forms in
    var i = 0
    while i < count {
      // Plain ASCII eight bytes at a time.
      if count &- i >= 8,
        UnsafeRawPointer(bytes + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
      {
        i &+= 8
        continue
      }
      let lead = bytes[i]
      if lead < 0x80 {
        i &+= 1
        continue
      }
      let form = forms[Int(lead)]
      let length = Int(truncatingIfNeeded: form &>> 16)
      guard length != 0, count &- i >= length else { return false }
      let second = bytes[i &+ 1]
      guard second >= UInt8(truncatingIfNeeded: form), second <= UInt8(truncatingIfNeeded: form &>> 8) else {
        return false
      }
      for k in 2..<length where bytes[i &+ k] & 0xC0 != 0x80 { return false }
      i &+= length
    }
    return true
  }
}

/// For each byte that can lead a UTF-8 sequence of two to four bytes: the
/// sequence's length (bits 16-23) and the lowest and highest second byte
/// it allows (bits 0-7 and 8-15), as Unicode's table 3-7 of well-formed
/// sequences gives them; zero for any other byte.
let utf8LeadForms: [UInt32] = (0..<256).map { lead -> UInt32 in
  func form(_ length: UInt32, _ low: UInt32, _ high: UInt32) -> UInt32 { length << 16 | high << 8 | low }
  switch lead {
  case 0xC2...0xDF: return form(2, 0x80, 0xBF)
  case 0xE0: return form(3, 0xA0, 0xBF)
  case 0xED: return form(3, 0x80, 0x9F)
  case 0xE1...0xEF: return form(3, 0x80, 0xBF)
  case 0xF0: return form(4, 0x90, 0xBF)
  case 0xF4: return form(4, 0x80, 0x8F)
  case 0xF1...0xF3: return form(4, 0x80, 0xBF)
  default: return 0
  }
}
