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
        let runs = work.units(kind)
        let units = runs.count == 1 ? runs[0] : Array(runs.joined())
        return lines(work, units[...], firstNumber: 0, format: format, terminalSafe: terminalSafe)
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
      // A large document: segmented on every core in runs of blocks, then
      // formatted in runs of at most 16,384 units, a few a core at a time
      // (the output of one wave is written while the next is formatted, and
      // memory holds two waves, not the document). The runs are taken as
      // segmented, not joined into one array first.
      let segmented = work.units(kind)
      var runs: [(units: ArraySlice<Range<Int>>, firstNumber: Int)] = []
      var number = 0
      for units in segmented {
        for start in stride(from: 0, to: units.count, by: 16_384) {
          runs.append((units[start..<min(start + 16_384, units.count)], number + start))
        }
        number += units.count
      }
      if runs.isEmpty { runs.append(([], 0)) }
      for wave in stride(from: 0, to: runs.count, by: 2 * Parallel.width) {
        let outputs = Parallel.map(Array(runs[wave..<min(wave + 2 * Parallel.width, runs.count)])) { run in
          lines(work, run.units, firstNumber: run.firstNumber, format: format, terminalSafe: terminalSafe)
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

    /// The units as byte ranges (code points are counted as they are
    /// written), in the runs they were segmented in.
    func units(_ kind: UnitKind) -> [[Range<Int>]] {
      let rules = SegmentationRules.rules(for: language ?? LanguageDetector.detect(text).language)
      return text.bytes.withUnsafeBufferPointer { Segmenter.byteUnitRuns(in: $0, kind: kind, rules: rules) }
    }
  }

  // Static strings, appended from where the binary holds them: a global
  // array appended to every line cost a retain and a release each time.
  private static let documentKey: StaticString = #"{"document":"#
  private static let numberKey: StaticString = #","n":"#
  private static let startKey: StaticString = #","start":"#
  private static let endKey: StaticString = #","end":"#
  private static let textKey: StaticString = #","text":"#

  /// The lines of `units` (byte ranges, in order), numbered from
  /// `firstNumber + 1` (the document's `# ID` line first, in text format,
  /// when they start the document).
  static func lines(
    _ work: Work, _ units: ArraySlice<Range<Int>>, firstNumber: Int, format: Format, terminalSafe: Bool
  ) -> [UInt8] {
    if format == .jsonl { return jsonLines(work, units, firstNumber: firstNumber, terminalSafe: terminalSafe) }
    var out: [UInt8] = []
    out.reserveCapacity(units.isEmpty ? 64 : (units.last!.upperBound - units.first!.lowerBound) * 3 / 2)
    if firstNumber == 0 { out += [0x23, 0x20] + Array(TerminalSafe.escape(work.id).utf8) + [0x0A] }
    work.text.bytes.withUnsafeBufferPointer { bytes in
      for (k, unit) in units.enumerated() {
        out.appendDecimal(firstNumber + k + 1)
        out.append(0x09)
        TerminalSafe.appendOneLine(UnsafeBufferPointer(rebasing: bytes[unit]), to: &out)
        out.append(0x0A)
      }
    }
    return out
  }

  /// The JSON lines of units `run`, written through a cursor into an array
  /// made with room for the most they can take (each text byte escaped as
  /// six), not appended a piece at a time (room never written is never
  /// touched).
  private static func jsonLines(
    _ work: Work, _ units: ArraySlice<Range<Int>>, firstNumber: Int, terminalSafe: Bool
  ) -> [UInt8] {
    // Code points from the run's first byte on (a checkpoint lookup, then counting).
    let first = units.first?.lowerBound ?? 0
    var scalars = ScalarCounter(work.text.bytes, byte: first, scalar: work.text.scalarOffset(ofByte: first))
    // `{"document":ID,"n":`, made once: the same start of every line.
    var id: [UInt8] = []
    id.append(documentKey)
    var name = work.id
    name.withUTF8 { JSON.appendQuoted($0, to: &id, terminalSafe: terminalSafe) }
    id.append(numberKey)
    let keys = startKey.utf8CodeUnitCount + endKey.utf8CodeUnitCount + textKey.utf8CodeUnitCount
    let textBytes = units.isEmpty ? 0 : units.last!.upperBound - units.first!.lowerBound
    let bound = units.count * (id.count + keys + 3 * 20 + 2 + JSON.quotedBound(0)) + JSON.quotedBound(textBytes)
    return [UInt8](unsafeUninitializedCapacity: bound) { out, count in
      var cursor = ByteCursor(at: out.baseAddress!)
      work.text.bytes.withUnsafeBufferPointer { bytes in
        id.withUnsafeBufferPointer { id in
          for (k, unit) in units.enumerated() {
            cursor.append(run: id)
            cursor.appendDecimal(firstNumber + k + 1)
            cursor.append(startKey)
            cursor.appendDecimal(scalars.scalarOffset(ofByte: unit.lowerBound))
            cursor.append(endKey)
            cursor.appendDecimal(scalars.scalarOffset(ofByte: unit.upperBound))
            cursor.append(textKey)
            JSON.quote(UnsafeBufferPointer(rebasing: bytes[unit]), into: &cursor, terminalSafe: terminalSafe)
            cursor.append(0x7D)
            cursor.append(0x0A)
          }
        }
      }
      count = cursor.at - out.baseAddress!
      precondition(count <= bound, "JSON lines overran their room")
    }
  }
}
