import Crypto

extension Document {
  /// SHA-256 of the file's bytes (including a byte-order mark), lower-case hex.
  public var sha256: String {
    if let cached = sha256Cache { return cached }
    var hasher = SHA256()
    if hasByteOrderMark { hasher.update(data: [0xEF, 0xBB, 0xBF] as [UInt8]) }
    text.bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
    let hex = hasher.finalize().map { byte in
      let digits = Array("0123456789abcdef")
      return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }.joined()
    sha256Cache = hex
    return hex
  }
}
