import Crypto

extension Document {
  /// SHA-256 of the file's bytes (including a byte-order mark), lower-case hex.
  public var sha256: String {
    if let cached = sha256Cache { return cached }
    let hex = Self.sha256(of: text, byteOrderMark: hasByteOrderMark)
    sha256Cache = hex
    return hex
  }

  /// ``sha256`` of a text (on any thread).
  static func sha256(of text: UTF8Text, byteOrderMark: Bool) -> String {
    var hasher = SHA256()
    if byteOrderMark { hasher.update(data: [0xEF, 0xBB, 0xBF] as [UInt8]) }
    text.bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
    let digits: [UInt8] = Array("0123456789abcdef".utf8)
    var ascii: [UInt8] = []
    ascii.reserveCapacity(64)
    for byte in hasher.finalize() {
      ascii.append(digits[Int(byte >> 4)])
      ascii.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: ascii, as: UTF8.self)
  }
}

extension Document {
  /// A document's text as another thread takes it: the text, whether its
  /// file began with a byte-order mark, and its hash if made already.
  struct Contents: Sendable {
    let text: UTF8Text
    let byteOrderMark: Bool
    let sha256: String?

    /// The hash (made here when the document had none yet).
    func hash() -> String { sha256 ?? Document.sha256(of: text, byteOrderMark: byteOrderMark) }
  }

  var contents: Contents { Contents(text: text, byteOrderMark: hasByteOrderMark, sha256: sha256Cache) }
}

extension Corpus {
  /// Works out the SHA-256 of documents not hashed yet, on every core.
  static func hash(_ documents: [Document]) {
    let todo = documents.filter { $0.sha256Cache == nil }
    let hashes = Parallel.map(todo.map(\.contents)) { $0.hash() }
    for (document, hex) in zip(todo, hashes) { document.sha256Cache = hex }
  }
}
