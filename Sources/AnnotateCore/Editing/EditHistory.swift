/// Lines appended to a log file when a change is undone or redone: how an
/// adjudication decision is taken back with the gold spans it wrote.
struct LogLines: Equatable, Sendable {
  var path: String
  /// Written again on redo.
  var done: [UInt8]
  /// Written on undo.
  var undone: [UInt8]
}

/// The changes an editor made, newest last, for undo and redo. Each entry
/// keeps only the annotations it touched, before and after.
public struct EditHistory: Sendable {
  public struct Entry: Equatable, Sendable {
    /// Unique within the editor; callers key their own notes by it.
    public let serial: Int
    public let annotator: String
    public let documentID: String
    /// Ids the change added, changed or removed.
    public let touched: [Int]
    /// Their versions before the change (absent ids did not exist).
    public let before: [Annotation]
    /// Their versions after it.
    public let after: [Annotation]
    /// The document's level (progress, relations, codes) before and after, when the change moved it.
    public let level: (before: DocumentLevel, after: DocumentLevel)?
    let log: LogLines?

    public static func == (a: Entry, b: Entry) -> Bool {
      a.serial == b.serial && a.annotator == b.annotator && a.documentID == b.documentID && a.touched == b.touched
        && a.before == b.before && a.after == b.after && a.level?.before == b.level?.before
        && a.level?.after == b.level?.after && a.log == b.log
    }
  }

  /// How many changes undo can take back.
  public static let limit = 1000

  public private(set) var undoable: [Entry] = []
  public private(set) var redoable: [Entry] = []
  private var nextSerial = 1

  mutating func record(
    annotator: String, documentID: String, touched: [Int], before: [Annotation], after: [Annotation],
    level: (before: DocumentLevel, after: DocumentLevel)? = nil, log: LogLines?
  ) -> Int {
    let serial = nextSerial
    nextSerial += 1
    undoable.append(
      Entry(
        serial: serial, annotator: annotator, documentID: documentID, touched: touched, before: before, after: after,
        level: level, log: log))
    if undoable.count > Self.limit { undoable.removeFirst(undoable.count - Self.limit) }
    redoable.removeAll()
    return serial
  }

  /// Moves the newest entry of one stack to the other.
  mutating func step(undoing: Bool) {
    if undoing {
      redoable.append(undoable.removeLast())
    } else {
      undoable.append(redoable.removeLast())
    }
  }
}
