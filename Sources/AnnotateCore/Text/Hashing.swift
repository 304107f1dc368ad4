import Crypto

extension Document {
  /// SHA-256 of the file's bytes (including a byte-order mark), lower-case hex.
  public var sha256: String {
    if let cached = sha256Cache { return cached }
    var hasher = SHA256()
    if hasByteOrderMark { hasher.update(data: [0xEF, 0xBB, 0xBF] as [UInt8]) }
    text.bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
    let digits: [UInt8] = Array("0123456789abcdef".utf8)
    var ascii: [UInt8] = []
    ascii.reserveCapacity(64)
    for byte in hasher.finalize() {
      ascii.append(digits[Int(byte >> 4)])
      ascii.append(digits[Int(byte & 0x0F)])
    }
    let hex = String(decoding: ascii, as: UTF8.self)
    sha256Cache = hex
    return hex
  }
}
