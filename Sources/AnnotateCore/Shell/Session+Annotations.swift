#if canImport(Glibc)
  import Glibc
#endif

/// A change to one document's annotations, as undo and redo see it: only
/// the annotations it touched, before and after.
struct Change {
  var documentIndex: Int
  var description: String
  /// Ids the change added, changed or removed.
  var touched: [Int]
  /// Their versions before the change (absent ids did not exist).
  var before: [Annotation]
  /// Their versions after it.
  var after: [Annotation]
  var selectionBefore: Int?
  var selectionAfter: Int?
}

/// What a command points at.
enum Target: Equatable {
  /// Units N…M of the current document.
  case units(ClosedRange<Int>)
  /// A span by id.
  case span(Int)
}

extension Session {
  /// The current time, UTC, ISO 8601 to the second.
  public static func utcNow() -> String {
    var t = time(nil)
    var parts = tm()
    gmtime_r(&t, &parts)
    func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
      + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
  }

  /// A document's annotations for this session's annotator; a notice about
  /// them (damage, re-anchoring) is shown once.
  func annotations(_ index: Int) -> DocumentAnnotations {
    let state = store.annotations(for: corpus.documents[index])
    if let notice = state.pendingNotice {
      notices.append(notice)
      state.pendingNotice = nil
    }
    return state
  }

  /// Parses `#N`, `N` or `N-M` against the current document.
  func parseTarget(_ word: String, units: [TextRange], command: Command) throws(ShellError) -> Target? {
    if word.hasPrefix("#") {
      guard let id = Int(word.dropFirst()), id > 0 else {
        throw command.usageError("'\(word)' is not a span id like #3")
      }
      return .span(id)
    }
    guard let first = word.first, first.isASCII, first.isNumber else { return nil }
    return .units(try parseUnitRange(word, count: units.count, kind: options.unitKind, command: command))
  }

  /// The live annotation with this id in a document, or the error to give.
  func span(_ id: Int, in index: Int, allowOrphan: Bool = false) throws(ShellError) -> Annotation {
    let set = annotations(index).set
    guard let annotation = set.annotation(id) else {
      throw .unknownSpan(id, valid: set.annotations.map(\.id))
    }
    if annotation.orphaned && !allowOrphan { throw .orphan(id) }
    return annotation
  }

  /// The code point range of units N…M.
  func range(of units: ClosedRange<Int>, in all: [TextRange]) -> TextRange {
    TextRange(start: all[units.lowerBound - 1].start, end: all[units.upperBound - 1].end)
  }

  /// Applies a change to a document's annotations, records it for undo, and
  /// makes it durable before returning. A failed write keeps the change in
  /// memory and reports it.
  func mutate<T>(
    _ index: Int, _ description: String, _ change: (inout AnnotationSet) throws(ShellError) -> T
  ) throws(ShellError) -> T {
    let document = corpus.documents[index]
    if let notice = try store.prepareToWrite(document) { notices.append(notice) }
    let state = annotations(index)
    var set = state.set
    set.clearTouched()
    let result = try change(&set)
    let touched = set.touched.sorted()
    let before = touched.compactMap { state.set.annotation($0) }
    let after = touched.compactMap { set.annotation($0) }
    set.clearTouched()
    state.set = set
    undoStack.append(
      Change(
        documentIndex: index, description: description, touched: touched, before: before, after: after,
        selectionBefore: selectionBeforeChange, selectionAfter: selection?.document == index ? selection?.id : nil))
    if undoStack.count > 1000 { undoStack.removeFirst(undoStack.count - 1000) }
    redoStack.removeAll()
    try persist(document, put: after, touched: touched)
    return result
  }

  /// Writes the touched annotations (the journal, or the whole sidecar).
  func persist(_ document: Document, put: [Annotation], touched: [Int]) throws(ShellError) {
    let kept = Set(put.map(\.id))
    do {
      try store.record(document, put: put, remove: touched.filter { !kept.contains($0) })
    } catch {
      throw .notSaved(error)
    }
  }

  /// Ends the session: folds journals into sidecars and releases locks.
  public func close() -> [WriteError] {
    store.close(corpus.documents) + (goldStoreCache?.close(corpus.documents) ?? [])
  }

  /// Quote of a range, elided in the middle when long.
  func excerpt(_ range: TextRange, in document: Document, limit: Int = 70) -> String {
    "“" + ShellError.elide(oneLine(document.string(in: range)), to: limit) + "”"
  }

  /// `sentence 3`, `sentences 3-5`, `no sentence` for a range.
  func unitLabel(_ range: TextRange, in document: Document) -> String {
    let kind = options.unitKind.rawValue
    guard let numbers = document.unitNumbers(of: range, kind: options.unitKind) else { return "outside any \(kind)" }
    return numbers.count == 1 ? "\(kind) \(numbers.lowerBound)" : "\(kind)s \(numbers.lowerBound)-\(numbers.upperBound)"
  }

  /// One line describing a span: `#3 [claim, opinion] sentence 3: “…”`.
  func describe(_ a: Annotation, in document: Document, verb: String? = nil) -> OutputLine {
    var spans: [Span] = []
    if let verb { spans.append(Span(verb + " ")) }
    spans.append(Span("#\(a.id)", .bold))
    spans.append(Span(" ["))
    if a.tags.isEmpty { spans.append(Span("untagged", .dim)) }
    for (i, tag) in a.tags.enumerated() {
      if i > 0 { spans.append(Span(", ")) }
      spans.append(Span(tag, store.codebook.color(of: tag).map(Style.tag) ?? .plain))
    }
    spans.append(Span("] "))
    if a.orphaned {
      spans.append(Span("orphan, was at \(a.range.start)-\(a.range.end): ", .warning))
      spans.append(Span("“" + ShellError.elide(oneLine(a.quote.exact), to: 70) + "”", .quoted))
    } else {
      spans.append(Span(unitLabel(a.range, in: document) + ": ", .dim))
      spans.append(Span(excerpt(a.range, in: document), .quoted))
    }
    if let note = a.note { spans.append(Span(" — note: " + ShellError.elide(oneLine(note), to: 60), .quoted)) }
    return OutputLine(spans, wrapIndent: 4)
  }
}
