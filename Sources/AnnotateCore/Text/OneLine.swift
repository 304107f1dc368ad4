/// Unit text on one line: line breaks (CRLF as one) and tabs become spaces.
public func oneLine(_ text: String) -> String {
  guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else { return text }
  var out = ""
  var previousCR = false
  for scalar in text.unicodeScalars {
    if scalar == "\n" && previousCR {
      previousCR = false
      continue
    }
    previousCR = scalar == "\r"
    out.unicodeScalars.append(scalar == "\n" || scalar == "\r" || scalar == "\t" ? " " : scalar)
  }
  return out
}
