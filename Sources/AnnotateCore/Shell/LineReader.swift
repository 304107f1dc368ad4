#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads lines from a file descriptor in large chunks (no per-byte reads).
/// Accepts `\n` and `\r\n` endings and a last line without one; bytes that
/// are not UTF-8 become U+FFFD.
public struct LineReader: IteratorProtocol, Sequence {
  let fd: Int32
  var buffer: [UInt8] = []
  var position = 0
  var atEnd = false

  public init(fd: Int32) { self.fd = fd }

  public mutating func next() -> String? {
    while true {
      if let newline = buffer[position...].firstIndex(of: 0x0A) {
        var end = newline
        if end > position && buffer[end - 1] == 0x0D { end -= 1 }
        let line = String(decoding: buffer[position..<end], as: UTF8.self)
        position = newline + 1
        return line
      }
      if atEnd {
        guard position < buffer.count else { return nil }
        var end = buffer.count
        if buffer[end - 1] == 0x0D { end -= 1 }
        let line = String(decoding: buffer[position..<end], as: UTF8.self)
        position = buffer.count
        return line
      }
      buffer.removeSubrange(0..<position)
      position = 0
      var chunk = [UInt8](repeating: 0, count: 65536)
      let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if got < 0 && errno == EINTR { continue }
      if got <= 0 {
        atEnd = true
      } else {
        buffer.append(contentsOf: chunk[0..<got])
      }
    }
  }
}
