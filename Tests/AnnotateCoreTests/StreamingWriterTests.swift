import Testing

@testable import AnnotateCore

/// The byte-level writers (`segment`, exports) against the scalar-by-scalar
/// definitions they replace, on random text full of what must be escaped.
@Suite struct StreamingWriterTests {
  static let alphabet: [String] = [
    "a", "Z", " ", ".", "\"", "\\", "\n", "\r", "\r\n", "\t", "\u{1B}", "\u{7F}", "\u{80}", "\u{9B}", "\u{9F}",
    "\u{A0}",
    "é", "e\u{301}", "\u{61C}", "\u{200E}", "\u{202E}", "\u{2028}", "\u{2029}", "\u{2066}", "\u{2069}", "“", "…", "北",
    "😀", "👍🏽", "\u{FEFF}", "\u{0}", "abcdefgh", "0123456789",
  ]

  /// JSON as the scalar-by-scalar writer made it (C0, DEL, C1, U+2028/9 as \u).
  static func referenceQuote(_ text: String, terminalSafe: Bool) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        let v = scalar.value
        if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || v == 0x2028 || v == 0x2029
          || (terminalSafe && TerminalSafe.isUnsafe(v))
        {
          let hex = String(v, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  @Test func byteWritersEqualTheirDefinitions() {
    var random = SplitMix64(state: 7)
    for _ in 0..<3000 {
      var text = ""
      for _ in 0..<random.below(40) { text += random.pick(Self.alphabet) }
      var copy = text
      for terminalSafe in [false, true] {
        var json: [UInt8] = []
        copy.withUTF8 { JSON.appendQuoted($0, to: &json, terminalSafe: terminalSafe) }
        #expect(String(decoding: json, as: UTF8.self) == Self.referenceQuote(text, terminalSafe: terminalSafe))
        // Written through a cursor (`segment --format jsonl`), in the room promised.
        let written = copy.withUTF8 { bytes in
          [UInt8](unsafeUninitializedCapacity: JSON.quotedBound(bytes.count)) { out, count in
            var cursor = ByteCursor(at: out.baseAddress!)
            JSON.quote(bytes, into: &cursor, terminalSafe: terminalSafe)
            count = cursor.at - out.baseAddress!
          }
        }
        #expect(written == json, "\(text.debugDescription)")
      }
      var line: [UInt8] = []
      copy.withUTF8 { TerminalSafe.appendOneLine($0, to: &line) }
      #expect(String(decoding: line, as: UTF8.self) == TerminalSafe.escape(oneLine(text)), "\(text.debugDescription)")
    }
  }

  @Test(arguments: [0, 1, 9, 10, 99, 100, 12345, Int.max, -1, -42, Int.min])
  func decimalsAreWrittenAsSwiftWritesThem(_ value: Int) {
    var out: [UInt8] = [0x41]
    out.appendDecimal(value)
    #expect(String(decoding: out, as: UTF8.self) == "A\(value)")
  }

  @Test func codePointsCountedForwardEqualTheCheckpointedOnes() throws {
    var random = SplitMix64(state: 11)
    var text = ""
    // Text as a document holds it: no NUL (a document with one is binary).
    let letters = Self.alphabet.filter { $0 != "\u{0}" }
    for _ in 0..<30000 { text += random.pick(letters) }
    let utf8 = try UTF8Text(validating: Array(text.utf8))
    // Short steps, then long ones (past the 255 words a count sums at once).
    for longest in [20, 5000] {
      var counter = ScalarCounter(utf8.bytes)
      var offset = 0
      while offset <= utf8.scalarCount {
        #expect(counter.scalarOffset(ofByte: utf8.byteOffset(ofScalar: offset)) == offset)
        offset += 1 + random.below(longest)
      }
    }
    // Four-byte code points only: six lanes of every word hold a
    // continuation byte, as many as a lane can count.
    let emoji = try UTF8Text(validating: Array((String(repeating: "👍", count: 3000) + ".").utf8))
    var counter = ScalarCounter(emoji.bytes)
    #expect(counter.scalarOffset(ofByte: 4 * 2999) == 2999)
    #expect(counter.scalarOffset(ofByte: emoji.bytes.count) == 3001)
  }
}

/// The CSV writer makes a block's rows on every core: they must be the
/// rows it streams one document at a time, in the same order, with a
/// document too large for a block (streamed on its own) kept in its place.
@Suite struct CSVBlockTests {
  /// A document of `sentences` sentences with a span on every other word,
  /// tags and notes that need quoting, an orphan and attributes.
  static func item(_ n: Int, spans: Int) throws -> AnnotatedDocument {
    let sentence = "Le président a dit, « c'est \"juste\" », 北京 👍🏽 hier. "
    let text = String(repeating: sentence, count: max(1, spans / 8))
    let document = try Document(id: "doc\(n).txt", path: "/nowhere/doc\(n).txt", fileBytes: Array(text.utf8))
    let length = document.text.scalarCount
    var annotations: [Annotation] = []
    for k in 0..<spans {
      let start = (k * 7) % max(1, length - 12)
      let range = TextRange(start: start, end: start + 1 + k % 11)
      annotations.append(
        Annotation(
          id: k + 1, range: range, tags: k % 3 == 0 ? ["claim", "source"] : k % 3 == 1 ? ["opinion"] : [],
          note: k % 5 == 0 ? "a, \"note\"\nover lines" : nil, created: "2026-12-01T10:00:00Z",
          modified: "2026-12-01T10:0\(k % 10):00Z", quote: Quote(of: range, in: document.text), orphaned: k % 97 == 0,
          attributes: k % 13 == 0 ? ["stance": "=pro"] : [:]))
    }
    return AnnotatedDocument(
      document: document, annotator: n % 2 == 0 ? "alice" : "bob,jr",
      set: AnnotationSet(annotations: annotations, nextID: spans + 1))
  }

  /// A document past the size segmented on every core is listed run by
  /// run, in waves: its lines are those of all its units listed at once
  /// (as a small document's are), numbered on across the runs, in both
  /// formats.
  @Test func aLargeDocumentIsListedAsItsUnitsAtOnce() throws {
    var random = SplitMix64(state: 11)
    let pieces = StreamingWriterTests.alphabet.filter { !["\n", "\r\n", "\u{0}"].contains($0) }
    var text = ""
    while text.utf8.count < Segmenter.parallelThreshold + 200_000 {
      text += "Ein Satz " + random.pick(pieces) + random.pick(pieces) + ". "
      if random.below(6) == 0 { text += "\n\n" }
    }
    let document = try Document(id: "groß \u{202E}.txt", path: "/nowhere/big.txt", fileBytes: Array(text.utf8))
    let work = UnitListing.Work(id: document.id, text: document.text, language: .english)
    let units = Array(work.units(.sentence).joined())
    #expect(units.count > 3 * 16_384)
    for format in UnitListing.Format.allCases {
      let sink = OutputSink()
      document.choose(.english, source: .option)
      try UnitListing.write([document], kind: .sentence, format: format, terminalSafe: false, to: sink)
      let whole = UnitListing.lines(work, units[...], firstNumber: 0, format: format, terminalSafe: false)
      // Compared first: an expectation on two large arrays would print them.
      let same = sink.memory == whole
      #expect(same, "\(format): \(sink.memory.count) bytes, \(whole.count) at once")
    }
  }

  /// A CSV field by RFC 4180's definition, a scalar at a time: quoted when
  /// it holds `,` `"` CR or LF, each `"` doubled; `'` first when a formula
  /// is neutralised.
  static func referenceField(_ value: String, excelSafe: Bool) -> String {
    var value = value
    if excelSafe, let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
      value = "'" + value
    }
    guard value.unicodeScalars.contains(where: { ",\"\r\n".unicodeScalars.contains($0) }) else { return value }
    var out = "\""
    for scalar in value.unicodeScalars {
      out.unicodeScalars.append(scalar)
      if scalar == "\"" { out += "\"" }
    }
    return out + "\""
  }

  /// Rows are written through a cursor into room counted beforehand: they
  /// must be the rows defined field by field, for fields full of what must
  /// be quoted (every text field all quotes, the worst case of the room),
  /// numbers of 18 digits, orphans, several tags and attributes.
  @Test(arguments: [false, true]) func rowsEqualTheirDefinition(_ excelSafe: Bool) throws {
    var random = SplitMix64(state: 23)
    let pieces = StreamingWriterTests.alphabet + [",", "\"\"\"", "=", "-1", "@x", "+"]
    func text(_ most: Int) -> String {
      var text = ""
      for _ in 0..<random.below(most) { text += random.pick(pieces) }
      return text
    }
    let body = String(repeating: "Le président a dit, « c'est \"juste\" », 北京 👍🏽 hier. ", count: 40)
    let document = try Document(id: "=doc, \"1\".txt", path: "/nowhere/d.txt", fileBytes: Array(body.utf8))
    let length = document.text.scalarCount
    var annotations: [Annotation] = []
    for k in 0..<600 {
      let start = random.below(length)
      let range = TextRange(start: start, end: start + random.below(length - start + 1))
      let quotes = String(repeating: "\"", count: 1 + random.below(300))
      let worst = k % 50 == 0
      annotations.append(
        Annotation(
          id: k % 7 == 0 ? 999_999_999_999_999_000 + k : k + 1, range: range,
          tags: (0..<random.below(4)).map { "t\($0)" + (worst ? quotes : text(6)) },
          note: random.below(2) == 0 ? nil : worst ? quotes : text(30), created: worst ? quotes : text(25),
          modified: text(25),
          quote: worst
            ? Quote(exact: quotes, prefix: quotes, suffix: quotes)
            : Quote(exact: text(40), prefix: text(40), suffix: text(40)),
          orphaned: k % 11 == 0,
          attributes: random.below(3) == 0 ? [text(8): text(8), "b" + text(4): worst ? quotes : text(8)] : [:]))
    }
    let item = AnnotatedDocument(
      document: document, annotator: "=bob, \"jr\"", set: AnnotationSet(annotations: annotations, nextID: Int.max))
    var expected = ""
    let units = document.units(.sentence)
    for a in item.set.annotations {
      let sentences = a.orphaned ? nil : Document.unitNumbers(of: a.range, in: units)
      let attributes = a.attributes.keys.sorted().map { "\($0)=\(a.attributes[$0]!)" }.joined(separator: ";")
      for tag in a.tags.isEmpty ? [nil] : a.tags.map(Optional.some) {
        let fields: [(String, Bool)] = [
          (document.id, true), (String(a.id), false), (item.annotator, true), (tag ?? "", true),
          (a.orphaned ? "" : String(a.range.start), false), (a.orphaned ? "" : String(a.range.end), false),
          (sentences.map { $0.count > 1 ? "\($0.lowerBound)-\($0.upperBound)" : "\($0.lowerBound)" } ?? "", false),
          (a.quote.exact, true), (a.quote.prefix, true), (a.quote.suffix, true), (a.note ?? "", true),
          (a.created, false), (a.modified, false), (document.sha256, false),
          (a.orphaned ? "orphaned" : "anchored", false), (attributes, true),
        ]
        expected += fields.map { Self.referenceField($0.0, excelSafe: excelSafe && $0.1) }.joined(separator: ",")
        expected += "\r\n"
      }
    }
    for blocked in [false, true] {
      var writer = CSVWriter(sink: OutputSink(), options: CSVOptions(excelSafe: excelSafe))
      if blocked {
        var block = [item]
        try writer.write(block: &block)
      } else {
        try writer.write(item)
      }
      try writer.end()
      let rows = writer.sink.memory
      let want = Array(expected.utf8)
      // Where they part, shown around (an expectation on the whole would print megabytes).
      let part = (0..<min(rows.count, want.count)).first { rows[$0] != want[$0] } ?? min(rows.count, want.count)
      func around(_ bytes: [UInt8]) -> String {
        String(decoding: bytes[max(0, part - 80)..<min(bytes.count, part + 40)], as: UTF8.self).debugDescription
      }
      let same = rows == want
      #expect(same, "blocked: \(blocked), at byte \(part): \(around(rows)) ≠ \(around(want))")
    }
  }

  @Test(arguments: [false, true]) func blockRowsEqualStreamedRows(_ excelSafe: Bool) throws {
    let sizes = [3, 0, 250, CSVWriter.parallelLimit + 1, 40, 1, 7]
    let items = try sizes.enumerated().map { try Self.item($0.offset, spans: $0.element) }
    let options = CSVOptions(excelSafe: excelSafe)
    var streamed = CSVWriter(sink: OutputSink(), options: options)
    for item in items { try streamed.write(item) }
    try streamed.end()
    var blocked = CSVWriter(sink: OutputSink(), options: options)
    var block = items
    try blocked.write(block: &block)
    try blocked.end()
    #expect(block.isEmpty, "the writer takes the block")
    #expect(blocked.summary == streamed.summary)
    // A row per tag: a third of the spans have two.
    #expect(blocked.summary.records == sizes.reduce(0) { $0 + $1 + ($1 + 2) / 3 })
    let a = streamed.sink.memory
    let b = blocked.sink.memory
    #expect(a.count > 1_000_000 && a == b)
    // Block after block: each block's rows are written on a thread of
    // their own while the next is made, and a block with a large document
    // waits for them; the order is the items' all the same.
    var piped = CSVWriter(sink: OutputSink(), options: options)
    for range in [0..<3, 3..<5, 5..<6, 6..<7] {
      var block = Array(items[range])
      try piped.write(block: &block)
    }
    try piped.end()
    #expect(piped.summary == streamed.summary)
    let c = piped.sink.memory
    #expect(c == a)
  }
}
