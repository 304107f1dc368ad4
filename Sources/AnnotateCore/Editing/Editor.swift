#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Changes annotations: every edit a user (or adjudication) makes goes
/// through here. Each operation takes a typed target, checks it, applies the
/// change, records it for undo and makes it durable before returning, and
/// says what happened as a value. An edit that would change nothing writes
/// nothing and takes no undo step.
public final class Editor {
  public let workspace: Workspace
  /// The time stamp of new and changed annotations (UTC, ISO 8601).
  public var clock: () -> String = utcNow
  public private(set) var history = EditHistory()

  public init(workspace: Workspace) {
    self.workspace = workspace
  }

  // MARK: Operations

  /// Adds tags to the span a target names. A units or range target with no
  /// span covering it exactly makes one (untagged when `tags` is empty).
  public func tag(
    _ target: EditTarget, with tags: [String], in document: Document, by annotator: String? = nil
  ) throws(EditError) -> Edit {
    let codebook = workspace.codebook
    let now = clock()
    let range = try self.range(of: target, in: document)
    var created = false
    let (annotation, serial) = try change(document, by: annotator) {
      (set: inout AnnotationSet) throws(EditError) -> Annotation in
      guard var annotation = try Self.existing(target, range: range, in: set) else {
        created = true
        return set.add(
          range: range!, tags: codebook.ordered(Set(tags)), quote: Quote(of: range!, in: document.text), at: now)
      }
      let merged = codebook.ordered(Set(annotation.tags).union(tags))
      if merged != annotation.tags {
        annotation.tags = merged
        annotation.modified = now
        set.update(annotation)
      }
      return annotation
    }
    return Edit(
      kind: serial == nil ? .unchanged : created ? .created : .tagged, annotations: [annotation], serial: serial)
  }

  /// Takes tags off a span (every tag when `tags` is empty). The span stays.
  public func untag(
    _ target: EditTarget, removing tags: [String], in document: Document, by annotator: String? = nil
  ) throws(EditError) -> Edit {
    let id = try existingID(target, in: document, by: annotator)
    let now = clock()
    let remove = Set(tags)
    let (annotation, serial) = try change(document, by: annotator) {
      (set: inout AnnotationSet) throws(EditError) -> Annotation in
      var annotation = try Self.live(.span(id), in: set)
      let missing = tags.filter { !annotation.tags.contains($0) }
      guard missing.isEmpty else { throw .tagsMissing(id: id, missing: missing, has: annotation.tags) }
      let kept = remove.isEmpty ? [] : annotation.tags.filter { !remove.contains($0) }
      if kept != annotation.tags {
        annotation.tags = kept
        annotation.modified = now
        set.update(annotation)
      }
      return annotation
    }
    return Edit(kind: serial == nil ? .unchanged : .untagged, annotations: [annotation], serial: serial)
  }

  /// Sets the note of the span a target names (nil removes it). A units or
  /// range target names the span covering it exactly; there must be one (a
  /// note never makes a span: `note 12` meant for `#12` would).
  public func note(
    _ target: EditTarget, _ text: String?, in document: Document, by annotator: String? = nil
  ) throws(EditError) -> Edit {
    let now = clock()
    let id = try existingID(target, in: document, by: annotator)
    let (annotation, serial) = try change(document, by: annotator) {
      (set: inout AnnotationSet) throws(EditError) -> Annotation in
      var annotation = try Self.live(.span(id), in: set)
      if annotation.note != text {
        annotation.note = text
        annotation.modified = now
        set.update(annotation)
      }
      return annotation
    }
    return Edit(kind: serial == nil ? .unchanged : .noted, annotations: [annotation], serial: serial)
  }

  /// Deletes spans (orphans too); ids are never reused.
  public func delete(_ ids: [Int], in document: Document, by annotator: String? = nil) throws(EditError) -> Edit {
    let set = workspace.annotations(of: document, by: annotator).set
    for id in ids where set.annotation(id) == nil {
      throw Self.missing(id, in: set)
    }
    // Never a dangling link: a span relations use stays until they are taken away.
    for id in ids {
      let using = set.relations.filter {
        ($0.from == id || $0.to == id) && !(ids.contains($0.from) && ids.contains($0.to))
      }
      if !using.isEmpty { throw .spanIsLinked(id, relations: using.map(Self.describe)) }
    }
    let (removed, serial) = try change(document, by: annotator) {
      (set: inout AnnotationSet) throws(EditError) -> [Annotation] in
      set.relations.removeAll { ids.contains($0.from) || ids.contains($0.to) }
      return ids.compactMap { set.remove($0) }
    }
    return Edit(kind: .deleted, annotations: removed, serial: serial)
  }

  /// Moves a span (an orphan or any other) onto new text, keeping its tags and note.
  public func reattach(_ id: Int, to range: TextRange, in document: Document, by annotator: String? = nil)
    throws(EditError) -> Edit
  {
    let now = clock()
    let (annotation, serial) = try change(document, by: annotator) {
      (set: inout AnnotationSet) throws(EditError) -> Annotation in
      guard var annotation = set.annotation(id) else { throw Self.missing(id, in: set) }
      annotation.range = range
      annotation.quote = Quote(of: range, in: document.text)
      annotation.orphaned = false
      annotation.modified = now
      set.update(annotation)
      return annotation
    }
    return Edit(kind: .reattached, annotations: [annotation], serial: serial)
  }

  // MARK: Relations, codes, attributes

  /// `#3 attributed-to #5`.
  static func describe(_ r: Relation) -> String { "#\(r.from) \(r.type) #\(r.to)" }

  /// Links two spans with a relation type of the codebook, checking that
  /// the spans' tags are ones the type allows at each end.
  public func link(_ from: Int, _ to: Int, type: String, in document: Document, by annotator: String? = nil)
    throws(EditError) -> Edit
  {
    let codebook = workspace.codebook
    guard let relation = codebook.relation(named: type) else {
      throw .unknownRelation(type, valid: codebook.relations.map(\.name))
    }
    guard from != to else { throw .selfLink(from) }
    let now = clock()
    let (ends, serial) = try change(document, by: annotator) {
      (set: inout AnnotationSet) throws(EditError) -> [Annotation] in
      let a = try Self.live(.span(from), in: set)
      let b = try Self.live(.span(to), in: set)
      guard relation.allows(from: a.tags, to: b.tags) else {
        throw .relationNotAllowed(type, fromTags: a.tags, toTags: b.tags, from: relation.from, to: relation.to)
      }
      // An undirected relation is one link whichever way it is typed.
      let (x, y) = relation.directed || from < to ? (from, to) : (to, from)
      let made = Relation(type: type, from: x, to: y, created: now)
      if !set.relations.contains(where: { $0.key == made.key }) { set.relations.append(made) }
      return [a, b]
    }
    return Edit(kind: serial == nil ? .unchanged : .linked, annotations: ends, serial: serial)
  }

  /// Takes away the relations between two spans (of one type, or all).
  public func unlink(_ from: Int, _ to: Int, type: String? = nil, in document: Document, by annotator: String? = nil)
    throws(EditError) -> Edit
  {
    let set = workspace.annotations(of: document, by: annotator).set
    let matching = set.relations.filter {
      ((($0.from, $0.to) == (from, to)) || (($0.from, $0.to) == (to, from))) && (type == nil || $0.type == type)
    }
    guard !matching.isEmpty else {
      let existing = set.relations.filter { [$0.from, $0.to].contains(from) || [$0.from, $0.to].contains(to) }
      throw .noSuchRelation(from: from, to: to, existing: existing.map(Self.describe))
    }
    let keys = Set(matching.map(\.key))
    let (_, serial) = try change(document, by: annotator) { (set: inout AnnotationSet) throws(EditError) in
      set.relations.removeAll { keys.contains($0.key) }
    }
    return Edit(
      kind: .unlinked, annotations: [set.annotation(from), set.annotation(to)].compactMap { $0 }, serial: serial)
  }

  /// Sets a document-level variable to values of its list (none: clears it).
  public func code(_ variable: String, _ values: [String], in document: Document, by annotator: String? = nil)
    throws(EditError) -> Edit
  {
    let codebook = workspace.codebook
    guard let definition = codebook.variable(named: variable) else {
      throw .unknownVariable(variable, valid: codebook.variables.map(\.name))
    }
    for value in values where !definition.values.contains(value) {
      throw .notAValue(value, of: variable, valid: definition.values)
    }
    if values.count > 1 && !definition.multiple { throw .oneValueOnly(variable) }
    let ordered = definition.values.filter(values.contains)
    let (_, serial) = try change(document, by: annotator) { (set: inout AnnotationSet) throws(EditError) in
      if ordered.isEmpty { set.codes[variable] = nil } else { set.codes[variable] = ordered }
    }
    return Edit(kind: serial == nil ? .unchanged : .coded, annotations: [], serial: serial)
  }

  /// Sets a span's attribute to a value of its list (nil: takes it off).
  public func qualify(
    _ id: Int, _ attribute: String, _ value: String?, in document: Document, by annotator: String? = nil
  )
    throws(EditError) -> Edit
  {
    let codebook = workspace.codebook
    guard let definition = codebook.attribute(named: attribute) else {
      throw .unknownAttribute(attribute, valid: codebook.attributes.map(\.name))
    }
    if let value, !definition.values.contains(value) {
      throw .notAValue(value, of: attribute, valid: definition.values)
    }
    let now = clock()
    let (annotation, serial) = try change(document, by: annotator) {
      (set: inout AnnotationSet) throws(EditError) -> Annotation in
      var a = try Self.live(.span(id), in: set)
      if value != nil && !definition.tags.isEmpty && !a.tags.contains(where: definition.tags.contains) {
        throw .attributeNotForTags(attribute, tags: a.tags, allowed: definition.tags)
      }
      if a.attributes[attribute] != value {
        a.attributes[attribute] = value
        a.modified = now
        set.update(a)
      }
      return a
    }
    return Edit(kind: serial == nil ? .unchanged : .qualified, annotations: [annotation], serial: serial)
  }

  // MARK: Progress

  /// Marks a document done, or not done. Unchanged when it already is.
  public func markDone(_ done: Bool, in document: Document, by annotator: String? = nil) throws(EditError) -> Edit {
    let now = clock()
    let (_, serial) = try change(document, by: annotator) { (set: inout AnnotationSet) throws(EditError) in
      if done != (set.progress.done != nil) { set.progress.done = done ? now : nil }
    }
    return Edit(kind: serial == nil ? .unchanged : .progressed, annotations: [], serial: serial)
  }

  /// Marks units as looked at with nothing to code (or takes that back).
  /// A unit a tagged span touches is coded already and cannot be marked.
  public func markNothingToCode(
    _ numbers: ClosedRange<Int>, kind: UnitKind, _ on: Bool, in document: Document, by annotator: String? = nil
  ) throws(EditError) -> Edit {
    let units = document.units(kind)
    for n in [numbers.lowerBound, numbers.upperBound] where n < 1 || n > units.count {
      throw .noSuchUnit(n, count: units.count, kind: kind)
    }
    let (_, serial) = try change(document, by: annotator) { (set: inout AnnotationSet) throws(EditError) in
      for n in numbers {
        if on {
          let coded = set.annotations.contains {
            !$0.orphaned && !$0.tags.isEmpty && $0.range.overlaps(units[n - 1])
          }
          if coded { throw .unitIsCoded(n, kind: kind) }
        }
        set.progress.setNothingToCode(units[n - 1], on)
      }
    }
    return Edit(kind: serial == nil ? .unchanged : .progressed, annotations: [], serial: serial)
  }

  // MARK: Undo and redo

  /// Takes back the newest change, makes that durable, and returns it.
  @discardableResult
  public func undo() throws(EditError) -> EditHistory.Entry {
    guard let entry = history.undoable.last else { throw .nothingToUndo }
    try apply(entry, undoing: true)
    history.step(undoing: true)
    return entry
  }

  /// Applies again the change undo took back.
  @discardableResult
  public func redo() throws(EditError) -> EditHistory.Entry {
    guard let entry = history.redoable.last else { throw .nothingToRedo }
    try apply(entry, undoing: false)
    history.step(undoing: false)
    return entry
  }

  /// Puts a document's annotations back to one side of a change, and saves.
  private func apply(_ entry: EditHistory.Entry, undoing: Bool) throws(EditError) {
    guard let index = workspace.corpus.index(ofID: entry.documentID) else {
      preconditionFailure("a change to a document that is not open: \(entry.documentID)")
    }
    let document = workspace.corpus.documents[index]
    let store = try writableStore(document, by: entry.annotator)
    let state = workspace.annotations(of: document, by: entry.annotator)
    let put = undoing ? entry.before : entry.after
    let kept = Set(put.map(\.id))
    let removed = entry.touched.filter { !kept.contains($0) }
    state.set.apply(put: put, remove: removed, nextID: state.set.nextID)
    if let level = entry.level { state.set.level = undoing ? level.before : level.after }
    state.set.clearTouched()
    try persist(
      document, store: store, put: put, remove: removed,
      level: entry.level.map { undoing ? $0.before : $0.after })
    if let log = entry.log { try append(undoing ? log.undone : log.done, to: log.path) }
  }

  // MARK: The one way annotations change

  /// Applies `body` to an annotator's annotations of a document, records
  /// the change for undo, and makes it durable before returning. When the
  /// annotations are the same afterwards (and there is no log line to
  /// write), nothing is written and the serial is nil. A failed write keeps
  /// the change in memory (and in the history) and reports it.
  func change<T>(
    _ document: Document, by annotator: String? = nil, log: LogLines? = nil,
    _ body: (inout AnnotationSet) throws(EditError) -> T
  ) throws(EditError) -> (result: T, serial: Int?) {
    let annotator = annotator ?? workspace.annotator
    let store = try writableStore(document, by: annotator)
    let state = workspace.annotations(of: document, by: annotator)
    var set = state.set
    set.clearTouched()
    let result = try body(&set)
    let touched = set.touched.sorted().filter { state.set.annotation($0) != set.annotation($0) }
    let level = set.level == state.set.level ? nil : (before: state.set.level, after: set.level)
    guard !touched.isEmpty || level != nil || log != nil else { return (result, nil) }
    let before = touched.compactMap { state.set.annotation($0) }
    let after = touched.compactMap { set.annotation($0) }
    set.clearTouched()
    state.set = set
    let serial = history.record(
      annotator: annotator, documentID: document.id, touched: touched, before: before, after: after,
      level: level, log: log)
    let kept = Set(after.map(\.id))
    try persist(
      document, store: store, put: after, remove: touched.filter { !kept.contains($0) }, level: level?.after)
    if let log { try append(log.done, to: log.path) }
    return (result, serial)
  }

  /// The annotator's store, ready to write the document (lock taken).
  private func writableStore(_ document: Document, by annotator: String) throws(EditError) -> AnnotationStore {
    if let moved = workspace.movedAnnotations().first(where: { $0.document == document.id }) {
      throw .store(document: document.id, .annotationsElsewhere(from: moved.from))
    }
    let store = workspace.store(for: annotator)
    do {
      workspace.notice(try store.prepareToWrite(document))
    } catch {
      throw .store(document: document.id, error)
    }
    return store
  }

  private func persist(
    _ document: Document, store: AnnotationStore, put: [Annotation], remove: [Int], level: DocumentLevel?
  ) throws(EditError) {
    do {
      try store.record(document, put: put, remove: remove, level: level)
    } catch {
      throw .notSaved(error)
    }
  }

  private func append(_ bytes: [UInt8], to path: String) throws(EditError) {
    guard !bytes.isEmpty else { return }
    do {
      try JournalFile.appendRecord(bytes, to: path)
    } catch {
      throw .notSaved(error)
    }
  }

  // MARK: Targets

  /// The range a units or range target names; nil for a span target.
  func range(of target: EditTarget, in document: Document) throws(EditError) -> TextRange? {
    switch target {
    case .span: return nil
    case .range(let range): return range
    case .units(let numbers, let kind):
      let units = document.units(kind)
      for n in [numbers.lowerBound, numbers.upperBound] where n < 1 || n > units.count {
        throw .noSuchUnit(n, count: units.count, kind: kind)
      }
      return TextRange(start: units[numbers.lowerBound - 1].start, end: units[numbers.upperBound - 1].end)
    }
  }

  /// The id of the existing span a target names (units and ranges: the one
  /// covering them exactly).
  func existingID(_ target: EditTarget, in document: Document, by annotator: String?) throws(EditError) -> Int {
    let set = workspace.annotations(of: document, by: annotator).set
    guard let range = try range(of: target, in: document) else { return try Self.live(target, in: set).id }
    if let annotation = set.annotation(covering: range) { return annotation.id }
    let overlapping = set.overlapping(range).map(\.id)
    if case .units(let numbers, let kind) = target {
      throw .noSpanCovers(numbers, kind: kind, overlapping: overlapping)
    }
    throw .noSpanCoversRange(range, overlapping: overlapping)
  }

  /// The span a target names in a set: for a units or range target (its
  /// `range`) the live span covering it exactly, nil when there is none to
  /// be made; for a span target the live span, or the error.
  static func existing(_ target: EditTarget, range: TextRange?, in set: AnnotationSet) throws(EditError)
    -> Annotation?
  {
    guard let range else { return try live(target, in: set) }
    return set.annotation(covering: range)
  }

  /// Why there is no span `id`: deleted (ids below `next_id` were used), or never made.
  static func missing(_ id: Int, in set: AnnotationSet) -> EditError {
    id < set.nextID ? .deleted(id) : .noSuchSpan(id, valid: set.annotations.map(\.id))
  }

  /// The live (not orphaned) span a span target names.
  static func live(_ target: EditTarget, in set: AnnotationSet) throws(EditError) -> Annotation {
    guard case .span(let id) = target else { preconditionFailure("a span target") }
    guard let annotation = set.annotation(id) else { throw missing(id, in: set) }
    if annotation.orphaned { throw .orphan(id) }
    return annotation
  }
}

/// The current time, UTC, ISO 8601 to the second.
public func utcNow() -> String {
  var t = time(nil)
  var parts = tm()
  gmtime_r(&t, &parts)
  func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
  return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
    + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
}
