import Crypto

extension Document {
  /// SHA-256 of the file's bytes (including a byte-order mark), lower-case hex.
  public var sha256: String { SHA256Words.hex(sha256Words) }

  /// The SHA-256 as four words (``digest``, made here when not known yet).
  var sha256Words: SHA256Words {
    if let digest { return digest }
    let words = Self.digest(of: text, byteOrderMark: hasByteOrderMark)
    digest = words
    return words
  }

  /// The SHA-256 of a text (on any thread).
  static func digest(of text: UTF8Text, byteOrderMark: Bool) -> SHA256Words {
    var hasher = SHA256()
    if byteOrderMark { hasher.update(data: [0xEF, 0xBB, 0xBF] as [UInt8]) }
    text.bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
    return hasher.finalize().withUnsafeBytes { SHA256Words(bytes: $0) }
  }
}

/// A SHA-256 as four words, each from eight of its bytes read big-endian
/// (so the words' hex digits are the hash's, in order): a key that hashes
/// and compares in a few instructions, not a 64-character string.
typealias SHA256Words = SIMD4<UInt64>

extension SIMD4 where Scalar == UInt64 {
  /// The words of 32 bytes of a hash.
  init(bytes: UnsafeRawBufferPointer) {
    self.init()
    for k in 0..<4 { self[k] = UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self)) }
  }

  /// The words in lower-case hex.
  static func hex(_ words: Self) -> String {
    String(unsafeUninitializedCapacity: 64) { out in
      for k in 0..<4 {
        for j in 0..<16 {
          let digit = UInt8(truncatingIfNeeded: words[k] >> UInt64(60 - 4 * j)) & 0xF
          out[16 * k + j] = digit < 10 ? 0x30 + digit : 0x57 + digit
        }
      }
      return 64
    }
  }
}

extension Document {
  /// A document's text as another thread takes it: the text, whether its
  /// file began with a byte-order mark, and its hash if known already.
  struct Contents: Sendable {
    let text: UTF8Text
    let byteOrderMark: Bool
    let digest: SHA256Words?

    /// The hash as words (made here when the document had none yet).
    func words() -> SHA256Words { digest ?? Document.digest(of: text, byteOrderMark: byteOrderMark) }
  }

  var contents: Contents { Contents(text: text, byteOrderMark: hasByteOrderMark, digest: digest) }
}

extension Corpus {
  /// Works out the SHA-256 of documents not hashed yet, on every core.
  static func hash(_ documents: [Document]) {
    let todo = documents.filter { !$0.isHashed }
    let digests = Parallel.map(todo.map(\.contents)) { $0.words() }
    for (document, digest) in zip(todo, digests) { document.digest = digest }
  }
}
