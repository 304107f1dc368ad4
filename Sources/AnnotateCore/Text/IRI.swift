/// IRIs for documents and annotations (W3C Web Annotation needs absolute
/// ones): percent-encoding of UTF-8 outside the unreserved characters.
enum IRI {
  /// `s` with every byte outside `A-Z a-z 0-9 - . _ ~` (and `/` when
  /// `keepingSlashes`) percent-encoded, so `#`, `?`, `%`, spaces and
  /// non-ASCII letters cannot change what the IRI means.
  static func encoded(_ s: String, keepingSlashes: Bool = true) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(s.utf8.count)
    let hex = Array("0123456789ABCDEF".utf8)
    for byte in s.utf8 {
      let unreserved =
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
        || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
        || byte == UInt8(ascii: "~") || (keepingSlashes && byte == UInt8(ascii: "/"))
      if unreserved {
        out.append(byte)
      } else {
        out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Percent-escapes decoded (as UTF-8); nil when an escape is malformed or
  /// the bytes are not UTF-8.
  static func decoded(_ s: String) -> String? {
    var out: [UInt8] = []
    var bytes = s.utf8[...]
    while let byte = bytes.popFirst() {
      guard byte == UInt8(ascii: "%") else {
        out.append(byte)
        continue
      }
      guard bytes.count >= 2, let value = UInt8(String(decoding: bytes.prefix(2), as: UTF8.self), radix: 16) else {
        return nil
      }
      out.append(value)
      bytes = bytes.dropFirst(2)
    }
    return String(validating: out, as: UTF8.self)
  }

  /// Whether `s` is an absolute IRI: a scheme (a letter, then letters,
  /// digits, `+ - .`; two characters at least, so `C:` is no scheme), a
  /// colon, and something after it without white space.
  static func isAbsolute(_ s: String) -> Bool {
    guard let colon = s.firstIndex(of: ":") else { return false }
    let scheme = s[..<colon]
    guard scheme.count >= 2, let first = scheme.first, first.isASCII, first.isLetter,
      scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
    else { return false }
    let rest = s[s.index(after: colon)...]
    return !rest.isEmpty && !rest.contains(where: { $0.isWhitespace })
  }

  /// The `file:` URI of an absolute path.
  static func file(_ absolutePath: String) -> String { "file://" + encoded(absolutePath) }

  /// The IRI of a document under a base IRI (a `/` added when the base ends otherwise).
  static func under(_ base: String, _ id: String) -> String {
    (base.hasSuffix("/") ? base : base + "/") + encoded(id)
  }
}
