/// `annotate segment`'s output: every document's units, as `N<TAB>text`
/// lines under a `# DOCUMENT` line, or one JSON object per unit. Bytes go
/// straight from each document into the sink (no string per unit), and
/// documents — or, for a large one, runs of its units — are segmented and
/// formatted on every core, then written in order.
public enum UnitListing {
  public enum Format: String, Sendable, CaseIterable {
    case text, jsonl
  }

  /// Writes the units of `kind` of each document. `terminalSafe`: JSON
  /// escapes BiDi controls too (the text format always makes every unsafe
  /// character visible).
  public static func write(
    _ documents: [Document], kind: UnitKind, format: Format, terminalSafe: Bool, to sink: OutputSink
  ) throws(WriteError) {
    // What is formatted goes out on a thread of its own while the next
    // documents or runs are segmented and formatted.
    let writer = PipelinedWriter(sink)
    var batch: [Work] = []
    var batchBytes = 0
    func flushBatch() throws(WriteError) {
      guard !batch.isEmpty else { return }
      let outputs = Parallel.map(batch) { work in
        let byteRanges = work.units(kind)
        return lines(work, byteRanges, 0..<byteRanges.count, format: format, terminalSafe: terminalSafe)
      }
      try writer.write(outputs)
      batch.removeAll()
      batchBytes = 0
    }
    for document in documents {
      let work = Work(
        id: document.id, text: document.text,
        language: document.chosenLanguage)
      if document.text.bytes.count < Segmenter.parallelThreshold {
        batch.append(work)
        batchBytes += document.text.bytes.count
        if batch.count >= 256 || batchBytes >= 8 << 20 { try flushBatch() }
        continue
      }
      try flushBatch()
      // A large document: segmented on every core, then formatted in runs,
      // a few runs a core at a time (the output of one wave is written while
      // the next is formatted, and memory holds two waves, not the document).
      let byteRanges = work.units(kind)
      let count = byteRanges.count
      let runs = stride(from: 0, to: max(count, 1), by: 16_384).map { $0..<min($0 + 16_384, count) }
      for wave in stride(from: 0, to: runs.count, by: 2 * Parallel.width) {
        let outputs = Parallel.map(Array(runs[wave..<min(wave + 2 * Parallel.width, runs.count)])) { run in
          lines(work, byteRanges, run, format: format, terminalSafe: terminalSafe)
        }
        try writer.write(outputs)
      }
    }
    try flushBatch()
    try writer.finish()
    try sink.flush()
  }

  /// A document as the workers see it.
  struct Work: Sendable {
    let id: String
    let text: UTF8Text
    /// Nil: detected here.
    let language: Language?

    /// The units as byte ranges (code points are counted as they are written).
    func units(_ kind: UnitKind) -> [Range<Int>] {
      let language = language ?? LanguageDetector.detect(text).language
      return text.bytes.withUnsafeBufferPointer { Segmenter.byteUnits(in: $0, kind: kind, language: language) }
    }
  }

  // Static strings, appended from where the binary holds them: a global
  // array appended to every line cost a retain and a release each time.
  private static let documentKey: StaticString = #"{"document":"#
  private static let numberKey: StaticString = #","n":"#
  private static let startKey: StaticString = #","start":"#
  private static let endKey: StaticString = #","end":"#
  private static let textKey: StaticString = #","text":"#

  /// The lines of units `run` (the document's `# ID` line first, in text
  /// format, when the run starts the document).
  static func lines(
    _ work: Work, _ byteRanges: [Range<Int>], _ run: Range<Int>, format: Format, terminalSafe: Bool
  ) -> [UInt8] {
    // Code points from the run's first byte on (a checkpoint lookup, then counting).
    let first = run.isEmpty ? 0 : byteRanges[run.lowerBound].lowerBound
    var scalars = ScalarCounter(work.text.bytes, byte: first, scalar: work.text.scalarOffset(ofByte: first))
    var out: [UInt8] = []
    out.reserveCapacity(
      run.isEmpty ? 64 : (byteRanges[run.last!].upperBound - byteRanges[run.first!].lowerBound) * 3 / 2)
    var id: [UInt8] = []
    var name = work.id
    switch format {
    case .text:
      id += TerminalSafe.escape(name).utf8
      if run.lowerBound == 0 { out += [0x23, 0x20] + id + [0x0A] }
    case .jsonl:
      // `{"document":ID,"n":`, made once: the same start of every line.
      append(documentKey, to: &id)
      name.withUTF8 { JSON.appendQuoted($0, to: &id, terminalSafe: terminalSafe) }
      append(numberKey, to: &id)
    }
    func append(_ key: StaticString, to out: inout [UInt8]) {
      out.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
    }
    work.text.bytes.withUnsafeBufferPointer { bytes in
      id.withUnsafeBufferPointer { id in
        for i in run {
          let text = UnsafeBufferPointer(rebasing: bytes[byteRanges[i]])
          switch format {
          case .text:
            out.appendDecimal(i + 1)
            out.append(0x09)
            TerminalSafe.appendOneLine(text, to: &out)
          case .jsonl:
            out.append(contentsOf: id)
            out.appendDecimal(i + 1)
            append(startKey, to: &out)
            out.appendDecimal(scalars.scalarOffset(ofByte: byteRanges[i].lowerBound))
            append(endKey, to: &out)
            out.appendDecimal(scalars.scalarOffset(ofByte: byteRanges[i].upperBound))
            append(textKey, to: &out)
            JSON.appendQuoted(text, to: &out, terminalSafe: terminalSafe)
            out.append(0x7D)
          }
          out.append(0x0A)
        }
      }
    }
    return out
  }
}
