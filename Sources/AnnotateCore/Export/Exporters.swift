/// The formats annotate writes.
public enum ExportFormat: String, CaseIterable, Sendable {
  case csv, doccano, prodigy, brat, webanno

  /// One line for help and errors.
  public var summary: String {
    switch self {
    case .csv: return "CSV for pandas and R: one row per (annotation, tag)"
    case .doccano: return "doccano JSONL: {\"text\", \"label\": [[start, end, tag]]} per document"
    case .prodigy: return "Prodigy/spaCy JSONL: {\"text\", \"spans\": [{start, end, label}]} per document"
    case .brat: return "brat standoff: a folder of .txt and .ann files with annotation.conf"
    case .webanno: return "W3C Web Annotation JSON-LD, one annotation per line"
    }
  }
}

/// Options of the CSV writer.
public struct CSVOptions: Sendable {
  /// Start with a UTF-8 byte-order mark (for Excel).
  public var byteOrderMark = false
  /// Prefix cells that start with = + - @ (and tab, CR) with ' (CSV injection).
  public var excelSafe = false

  public init(byteOrderMark: Bool = false, excelSafe: Bool = false) {
    self.byteOrderMark = byteOrderMark
    self.excelSafe = excelSafe
  }
}

/// What an export wrote.
public struct ExportSummary: Equatable, Sendable {
  public var documents = 0
  public var annotations = 0
  public var records = 0
  public var skipped = 0
}

/// Writes annotations in one format. Each writer gets documents one at a
/// time and writes as it goes.
public protocol AnnotationWriter {
  mutating func begin() throws(WriteError)
  mutating func write(_ item: AnnotatedDocument) throws(WriteError)
  mutating func end() throws(WriteError)
  var summary: ExportSummary { get }
}

/// The `sentence` column: `3`, or `3-5` for a span over several.
func sentenceLabel(_ range: TextRange, in document: Document) -> String {
  guard let numbers = document.unitNumbers(of: range) else { return "" }
  return numbers.count == 1 ? "\(numbers.lowerBound)" : "\(numbers.lowerBound)-\(numbers.upperBound)"
}

// MARK: CSV

/// RFC 4180 CSV (CRLF line ends, fields quoted when they hold a comma, a
/// quote or a line break), UTF-8.
public struct CSVWriter: AnnotationWriter {
  public static let columns = [
    "document", "annotation_id", "annotator", "tag", "start", "end", "sentence", "text", "prefix", "suffix", "note",
    "created", "modified", "document_sha256",
  ]
  let sink: OutputSink
  let options: CSVOptions
  public private(set) var summary = ExportSummary()

  public init(sink: OutputSink, options: CSVOptions = CSVOptions()) {
    self.sink = sink
    self.options = options
  }

  public mutating func begin() throws(WriteError) {
    if options.byteOrderMark { try sink.write([0xEF, 0xBB, 0xBF]) }
    try sink.write(Self.columns.joined(separator: ",") + "\r\n")
  }

  public mutating func write(_ item: AnnotatedDocument) throws(WriteError) {
    summary.documents += 1
    let sha = item.document.sha256
    var line: [UInt8] = []
    line.reserveCapacity(512)
    for a in item.set.annotations {
      if a.orphaned {
        summary.skipped += 1
        continue
      }
      summary.annotations += 1
      let sentence = sentenceLabel(a.range, in: item.document)
      for tag in a.tags.isEmpty ? [""] : a.tags {
        line.removeAll(keepingCapacity: true)
        field(item.document.id, &line, text: true)
        line.append(UInt8(ascii: ","))
        line.append(contentsOf: String(a.id).utf8)
        line.append(UInt8(ascii: ","))
        field(item.annotator, &line, text: true)
        line.append(UInt8(ascii: ","))
        field(tag, &line, text: true)
        line.append(contentsOf: ",\(a.range.start),\(a.range.end),".utf8)
        field(sentence, &line, text: false)
        line.append(UInt8(ascii: ","))
        field(a.quote.exact, &line, text: true)
        line.append(UInt8(ascii: ","))
        field(a.quote.prefix, &line, text: true)
        line.append(UInt8(ascii: ","))
        field(a.quote.suffix, &line, text: true)
        line.append(UInt8(ascii: ","))
        field(a.note ?? "", &line, text: true)
        line.append(contentsOf: ",\(a.created),\(a.modified),\(sha)\r\n".utf8)
        try sink.write(line)
        summary.records += 1
      }
    }
  }

  public mutating func end() throws(WriteError) { try sink.flush() }

  /// Appends one field, quoted when needed; text fields are neutralised
  /// against formula injection when asked.
  func field(_ value: String, _ out: inout [UInt8], text: Bool) {
    var value = value
    if options.excelSafe && text, let first = value.utf8.first,
      first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
        || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0D
    {
      value = "'" + value
    }
    Self.appendField(value, to: &out)
  }

  /// Appends one RFC 4180 field, quoted when it holds a comma, a quote or a line break.
  static func appendField(_ value: String, to out: inout [UInt8]) {
    let needsQuotes = value.utf8.contains {
      $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D
    }
    guard needsQuotes else {
      out.append(contentsOf: value.utf8)
      return
    }
    out.append(UInt8(ascii: "\""))
    for byte in value.utf8 {
      if byte == UInt8(ascii: "\"") { out.append(byte) }
      out.append(byte)
    }
    out.append(UInt8(ascii: "\""))
  }

  /// One RFC 4180 field as a string.
  static func field(_ value: String) -> String {
    var bytes: [UInt8] = []
    appendField(value, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }
}

// MARK: JSONL (doccano, Prodigy)

/// doccano or Prodigy JSONL: one line per (document, annotator).
public struct JSONLWriter: AnnotationWriter {
  public enum Flavour: Sendable { case doccano, prodigy }
  let sink: OutputSink
  let flavour: Flavour
  public private(set) var summary = ExportSummary()

  public init(sink: OutputSink, flavour: Flavour) {
    self.sink = sink
    self.flavour = flavour
  }

  public mutating func begin() throws(WriteError) {}

  public mutating func write(_ item: AnnotatedDocument) throws(WriteError) {
    summary.documents += 1
    var line = "{\"text\":" + JSON.quote(item.document.text.string)
    var entries: [String] = []
    for a in item.set.annotations where !a.orphaned {
      summary.annotations += 1
      for tag in a.tags {
        switch flavour {
        case .doccano: entries.append("[\(a.range.start),\(a.range.end),\(JSON.quote(tag))]")
        case .prodigy:
          entries.append("{\"start\":\(a.range.start),\"end\":\(a.range.end),\"label\":\(JSON.quote(tag))}")
        }
        summary.records += 1
      }
      if a.tags.isEmpty { summary.skipped += 1 }
    }
    switch flavour {
    case .doccano:
      line += ",\"label\":[" + entries.joined(separator: ",") + "]"
      line += ",\"document\":\(JSON.quote(item.document.id)),\"annotator\":\(JSON.quote(item.annotator))}\n"
    case .prodigy:
      line += ",\"spans\":[" + entries.joined(separator: ",") + "]"
      line += ",\"meta\":{\"document\":\(JSON.quote(item.document.id)),\"annotator\":\(JSON.quote(item.annotator))}}\n"
    }
    try sink.write(line)
  }

  public mutating func end() throws(WriteError) { try sink.flush() }
}

// MARK: W3C Web Annotation

/// W3C Web Annotation Data Model, JSON-LD, one annotation per line.
public struct WebAnnotationWriter: AnnotationWriter {
  let sink: OutputSink
  public private(set) var summary = ExportSummary()

  public init(sink: OutputSink) { self.sink = sink }

  public mutating func begin() throws(WriteError) {}

  public mutating func write(_ item: AnnotatedDocument) throws(WriteError) {
    summary.documents += 1
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
