/// W3C Web Annotation Data Model, JSON-LD, one annotation per line, as the
/// W3C test suite's schemas require: an absolute IRI for the annotation
/// (`urn:annotate:DOCUMENT:ANNOTATOR:N`, each part percent-encoded) and for
/// the target's `source` (a `file:` URI of the document's path, or the id
/// under `--base-iri`), a `motivation` (`tagging`, `commenting` for a note
/// alone, `highlighting` for neither), tags as `TextualBody` with purpose
/// `tagging`, the note with purpose `commenting`, and both selectors: the
/// position in code points and the quote with its context. An orphan keeps
/// only its quote: nothing says where it is any more.
public struct WebAnnotationWriter: AnnotationWriter {
  let sink: OutputSink
  let baseIRI: String?
  public private(set) var summary = ExportSummary()

  public init(sink: OutputSink, baseIRI: String? = nil) {
    self.sink = sink
    self.baseIRI = baseIRI
  }

  public mutating func begin() throws(WriteError) {}

  public mutating func write(_ item: AnnotatedDocument) throws(WriteError) {
    summary.documents += 1
    let source = baseIRI.map { IRI.under($0, item.document.id) } ?? IRI.file(Path.absolute(item.document.path))
    let prefix =
      "urn:annotate:" + IRI.encoded(item.document.id, keepingSlashes: false) + ":"
      + IRI.encoded(item.annotator, keepingSlashes: false) + ":"
    for a in item.set.annotations {
      summary.annotations += 1
      if a.orphaned { summary.orphans += 1 }
      var bodies = a.tags.map { "{\"type\":\"TextualBody\",\"value\":\(JSON.quote($0)),\"purpose\":\"tagging\"}" }
      if let note = a.note {
        bodies.append("{\"type\":\"TextualBody\",\"value\":\(JSON.quote(note)),\"purpose\":\"commenting\"}")
      }
      for name in a.attributes.keys.sorted() {
        bodies.append(
          "{\"type\":\"TextualBody\",\"value\":\(JSON.quote(name + "=" + a.attributes[name]!)),\"purpose\":\"describing\"}"
        )
      }
      let motivation = !a.tags.isEmpty ? "tagging" : a.note != nil ? "commenting" : "highlighting"
      var line = "{\"@context\":\"http://www.w3.org/ns/anno.jsonld\",\"id\":\(JSON.quote(prefix + String(a.id)))"
      line += ",\"type\":\"Annotation\",\"motivation\":\"\(motivation)\""
      line += ",\"creator\":{\"type\":\"Person\",\"name\":\(JSON.quote(item.annotator))}"
      line += ",\"created\":\(JSON.quote(a.created)),\"modified\":\(JSON.quote(a.modified))"
      if !bodies.isEmpty { line += ",\"body\":[" + bodies.joined(separator: ",") + "]" }
      line += ",\"target\":{\"source\":\(JSON.quote(source)),\"selector\":["
      line +=
        "{\"type\":\"TextQuoteSelector\",\"exact\":\(JSON.quote(a.quote.exact)),\"prefix\":\(JSON.quote(a.quote.prefix)),\"suffix\":\(JSON.quote(a.quote.suffix))}"
      if !a.orphaned {
        line += ",{\"type\":\"TextPositionSelector\",\"start\":\(a.range.start),\"end\":\(a.range.end)}"
      }
      line += "]}}\n"
      try sink.write(line)
      summary.records += 1
    }
    // Relations: linking annotations whose targets are the two spans' annotations.
    for r in item.set.relations {
      let id = prefix + "link:\(r.from):\(r.to):" + IRI.encoded(r.type, keepingSlashes: false)
      var line = "{\"@context\":\"http://www.w3.org/ns/anno.jsonld\",\"id\":\(JSON.quote(id))"
      line += ",\"type\":\"Annotation\",\"motivation\":\"linking\""
      line += ",\"creator\":{\"type\":\"Person\",\"name\":\(JSON.quote(item.annotator))}"
      line += ",\"created\":\(JSON.quote(r.created))"
      line += ",\"body\":[{\"type\":\"TextualBody\",\"value\":\(JSON.quote(r.type)),\"purpose\":\"tagging\"}]"
      line += ",\"target\":[\(JSON.quote(prefix + String(r.from))),\(JSON.quote(prefix + String(r.to)))]}\n"
      try sink.write(line)
      summary.records += 1
    }
    // Document codes: a classifying annotation of the whole document.
    if !item.set.codes.isEmpty {
      let bodies = item.set.codes.keys.sorted().flatMap { name in
        item.set.codes[name]!.map {
          "{\"type\":\"TextualBody\",\"value\":\(JSON.quote(name + "=" + $0)),\"purpose\":\"classifying\"}"
        }
      }
      var line = "{\"@context\":\"http://www.w3.org/ns/anno.jsonld\",\"id\":\(JSON.quote(prefix + "codes"))"
      line += ",\"type\":\"Annotation\",\"motivation\":\"classifying\""
      line += ",\"creator\":{\"type\":\"Person\",\"name\":\(JSON.quote(item.annotator))}"
      line += ",\"body\":[" + bodies.joined(separator: ",") + "],\"target\":\(JSON.quote(source))}\n"
      try sink.write(line)
      summary.records += 1
    }
  }

  public mutating func end() throws(WriteError) { try sink.flush() }
}
