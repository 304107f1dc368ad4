/// What an edit acts on.
public enum EditTarget: Equatable, Sendable {
  /// A span by id.
  case span(Int)
  /// Units N…M of a kind: the span covering them exactly.
  case units(ClosedRange<Int>, UnitKind)
  /// A code point range: the span covering it exactly.
  case range(TextRange)
}

/// What an edit did, with the annotations it is about.
public struct Edit: Equatable, Sendable {
  public enum Kind: Equatable, Sendable {
    /// A new span (with the tags or note given).
    case created
    /// Tags were added to a span.
    case tagged
    /// Tags were taken off a span.
    case untagged
    /// A span's note was set (or removed, when it is nil now).
    case noted
    case deleted
    /// A span was moved onto new text.
    case reattached
    /// The document's progress moved (done, nothing to code).
    case progressed
    /// A relation was made, or taken away.
    case linked, unlinked
    /// The document's codes changed.
    case coded
    /// A span's attribute was set or taken off.
    case qualified
    /// The span already was as asked: nothing was written, and undo has no step for it.
    case unchanged
  }

  public var kind: Kind
  /// The annotations as they are after the edit (deleted ones as they were).
  public var annotations: [Annotation]
  /// The undo history entry the edit made; nil when nothing changed.
  public var serial: Int?

  public var annotation: Annotation { annotations[0] }
}

/// Why an edit was refused; nothing was changed.
public enum EditError: Error, Equatable, Sendable {
  case noSuchUnit(Int, count: Int, kind: UnitKind)
  case noSuchSpan(Int, valid: [Int])
  /// The span's text is gone from the document: reattach or delete it first.
  case orphan(Int)
  /// No span covers these units exactly; the ids of spans overlapping them.
  case noSpanCovers(ClosedRange<Int>, kind: UnitKind, overlapping: [Int])
  /// No span covers this range exactly; the ids of spans overlapping it.
  case noSpanCoversRange(TextRange, overlapping: [Int])
  /// `untag` named tags the span does not have; the tags it has.
  case tagsMissing(id: Int, missing: [String], has: [String])
  /// The span was deleted (ids are never reused; undo brings it back).
  case deleted(Int)
  /// These annotations cannot be written by this session, and why.
  case store(document: String, StoreError)
  /// The change is kept in memory but could not be written.
  case notSaved(WriteError)
  /// Tags could not be added to the codebook file.
  case codebookNotSaved(WriteError)
  /// The codebook is brat's `annotation.conf`, which annotate does not rewrite.
  case codebookIsBratConfiguration(String)
  /// A unit with a tagged span cannot be marked "nothing to code".
  case unitIsCoded(Int, kind: UnitKind)
  /// A relation type, variable or attribute the codebook does not have.
  case unknownRelation(String, valid: [String])
  case unknownVariable(String, valid: [String])
  case unknownAttribute(String, valid: [String])
  /// A value not in the variable's or attribute's list.
  case notAValue(String, of: String, valid: [String])
  /// Several values for a variable that takes one.
  case oneValueOnly(String)
  /// The relation's ends have tags the codebook does not allow for it.
  case relationNotAllowed(String, fromTags: [String], toTags: [String], from: [String], to: [String])
  /// The attribute is not for spans with these tags.
  case attributeNotForTags(String, tags: [String], allowed: [String])
  /// A span linked to itself.
  case selfLink(Int)
  /// No such relation between the spans; the ones there are.
  case noSuchRelation(from: Int, to: Int, existing: [String])
  /// A span that relations use cannot be deleted while they do.
  case spanIsLinked(Int, relations: [String])
  case nothingToUndo
  case nothingToRedo
}
