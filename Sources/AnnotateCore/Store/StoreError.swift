/// The kind of JSON value a field should have held.
public enum JSONValueKind: Equatable, Sendable {
  case wholeNumber, string, list
  /// Any other type, by its Swift name.
  case other(String)
}

/// What is wrong with a sidecar, a journal or a decision log, as data; the
/// shell's messages turn it into words.
public enum SidecarProblem: Equatable, Sendable {
  case unreadable
  /// Broken JSON syntax; the parser's own words when it gave any.
  case invalidJSON(detail: String?)
  /// A value the JSON reader refused, in its own words.
  case unreadableValue(String)
  case expected(JSONValueKind)
  case expectedButNull(JSONValueKind)
  case missing
  /// `format` is not annotate's (nil: absent).
  case notASidecar(found: String?)
  case unsupportedVersion(found: Int?)
  case unsupportedOffsetUnit(String)
  case unknownNewline(String)
  case negativeLength
  case idBelowOne
  case notASpan(start: Int, end: Int)
  case unknownStatus
  case pastEnd(end: Int, length: Int)
  case repeatedTag
  case idUsedTwice(Int)
  /// A relation names a span the sidecar does not have.
  case danglingRelation(Int)
  case nextIDNotAbove(nextID: Int, largest: Int)
  case notADecisionRecord
}

/// Why a sidecar could not be read: the file, where in it, and what is wrong.
public struct SidecarError: Error, Equatable, Sendable {
  public var path: String
  /// The field (`annotations[3].start`) or the line (`line 4`); empty for the whole file.
  public var location: String
  public var problem: SidecarProblem

  public init(path: String, location: String, problem: SidecarProblem) {
    self.path = path
    self.location = location
    self.problem = problem
  }
}

/// Why one annotator's annotations of a document cannot be written (or were
/// not read) by this session.
public enum StoreError: Error, Equatable, Sendable {
  /// The sidecar, its journal or a decision log cannot be read as annotate wrote it.
  case damaged(SidecarError)
  /// The sidecar at `path` names another document or annotator.
  case foreign(path: String, document: String, annotator: String)
  /// Another annotate process edits these annotations (its pid, when it wrote one).
  case locked(annotator: String, pid: String?)
  case cannotLock(reason: String)
  /// A part of the sidecar's path leads out of the annotations folder through a link.
  case outsideFolder(path: String, folder: String)
  case cannotCreateFolder(path: String, reason: String)
  case cannotOpenJournal(reason: String)
  /// The adjudication decision log beside the gold sidecar is damaged.
  case decisionLogDamaged(SidecarError)
  /// The document's annotations are under another id (its file moved):
  /// a change here would start a second set beside them.
  case annotationsElsewhere(from: String)
}

/// Something a store found while reading a document's annotations, for the
/// user to hear about once.
public enum StoreNotice: Equatable, Sendable {
  /// Changes replayed from the journal of a session that did not end normally.
  case recovered(document: String, changes: Int)
  /// Unfinished journal records (never acknowledged) that were dropped.
  case droppedUnfinished(document: String, records: Int)
  /// The document changed since it was annotated; `pending` when the
  /// sidecar is updated at the next change.
  case reanchored(document: String, ReanchorReport, pending: Bool)
  /// The annotations are shown read-only, and why.
  case readOnly(document: String, StoreError)
  /// The sidecar was read again because another session had changed it.
  case reread(document: String, annotator: String)
  /// The document's annotations are under an old id (its file was moved or renamed).
  case annotationsElsewhere(document: String, from: String)
  /// The sidecar's sentence numbers were made with another language or
  /// other segmenter rules than the document is segmented with now.
  case numberingChanged(document: String, was: String, wasRules: Int, now: String, nowRules: Int)
}

/// One annotator's sidecar that could not be used for a whole-corpus
/// command (agreement, export): reported, not fatal.
public struct StoreProblem: Equatable, Sendable {
  public var document: String
  public var annotator: String
  public var error: StoreError
}

/// The step of a write that failed.
public enum WriteStep: Equatable, Sendable {
  case creatingFolder, creatingTemporary, writing, syncing, closing, renaming, creatingFile
  case openingJournal, writingJournal, syncingJournal, emptyingJournal, cuttingJournal
}

/// Why a file could not be written; the previous file is untouched.
public struct WriteError: Error, Equatable, Sendable {
  public var path: String
  public var step: WriteStep
  /// The system's words for the failure (`strerror`), or a description of the obstacle.
  public var reason: String

  public init(path: String, step: WriteStep, reason: String) {
    self.path = path
    self.step = step
    self.reason = reason
  }
}
