/// W3C Web Annotation Data Model, JSON-LD, one annotation per line.
public struct WebAnnotationWriter: AnnotationWriter {
  let sink: OutputSink
  public private(set) var summary = ExportSummary()

  public init(sink: OutputSink) { self.sink = sink }

  public mutating func begin() throws(WriteError) {}

  public mutating func write(_ item: AnnotatedDocument) throws(WriteError) {
    summary.documents += 1
    summary.skipped += item.set.orphans.count
    for a in item.set.annotations where !a.orphaned {
      summary.annotations += 1
      var bodies = a.tags.map { "{\"type\":\"TextualBody\",\"value\":\(JSON.quote($0)),\"purpose\":\"tagging\"}" }
      if let note = a.note {
        bodies.append("{\"type\":\"TextualBody\",\"value\":\(JSON.quote(note)),\"purpose\":\"commenting\"}")
      }
      let id = "urn:annotate:\(percentEncoded(item.document.id)):\(percentEncoded(item.annotator)):\(a.id)"
      var line = "{\"@context\":\"http://www.w3.org/ns/anno.jsonld\",\"id\":\(JSON.quote(id)),\"type\":\"Annotation\""
      line += ",\"creator\":{\"type\":\"Person\",\"name\":\(JSON.quote(item.annotator))}"
      line += ",\"created\":\(JSON.quote(a.created)),\"modified\":\(JSON.quote(a.modified))"
      if !bodies.isEmpty { line += ",\"body\":[" + bodies.joined(separator: ",") + "]" }
      line += ",\"target\":{\"source\":\(JSON.quote(item.document.id)),\"selector\":["
      line +=
        "{\"type\":\"TextQuoteSelector\",\"exact\":\(JSON.quote(a.quote.exact)),\"prefix\":\(JSON.quote(a.quote.prefix)),\"suffix\":\(JSON.quote(a.quote.suffix))},"
      line += "{\"type\":\"TextPositionSelector\",\"start\":\(a.range.start),\"end\":\(a.range.end)}]}}\n"
      try sink.write(line)
      summary.records += 1
    }
  }

  public mutating func end() throws(WriteError) { try sink.flush() }

  /// Characters outside unreserved URI characters, percent-encoded (UTF-8).
  func percentEncoded(_ s: String) -> String {
    var out = ""
    for byte in s.utf8 {
      let c = Character(Unicode.Scalar(byte))
      if byte < 0x80 && (c.isLetter || c.isNumber || "-._~/".contains(c)) {
        out.append(c)
      } else {
        let hex = String(byte, radix: 16, uppercase: true)
        out += "%" + (hex.count == 1 ? "0" + hex : hex)
      }
    }
    return out
  }
}
