/// One annotator's annotations on one open document, and whether and how
/// they can be written.
public final class DocumentAnnotations {
  public internal(set) var set = AnnotationSet()
  /// Why changes are refused (damaged sidecar, another session…); nil when writable.
  public internal(set) var readOnlyReason: String?
  /// Changes (or re-anchoring) not yet on disk.
  public internal(set) var dirty = false
  /// What re-anchoring did when the document had changed since it was annotated.
  public internal(set) var reanchorReport: ReanchorReport?
  /// A notice for the user the first time the document is used (reload, re-anchoring, damage).
  var pendingNotice: String?
  var lock: FileLock?
  /// The sidecar's bytes as last read or written (nil: there was no file).
  var diskBytes: [UInt8]?
  /// Encoded annotations by id, reused while the annotation is unchanged.
  var encodedCache: [Int: (annotation: Annotation, sentences: ClosedRange<Int>?, bytes: [UInt8])] = [:]
}

/// The sidecars of one annotator under an annotations folder: one file per
/// document at `FOLDER/DOCUMENT-ID/ANNOTATOR.json`.
public final class AnnotationStore {
  public let folder: String
  public let annotator: String
  public var codebook: Codebook
  var states: [ObjectIdentifier: DocumentAnnotations] = [:]

  public init(folder: String, annotator: String, codebook: Codebook = .standard) {
    self.folder = folder
    self.annotator = annotator
    self.codebook = codebook
  }

  /// Where a document's sidecar for this annotator lives.
  public func sidecarPath(for document: Document) -> String {
    Self.sidecarPath(folder: folder, documentID: document.id, annotator: annotator)
  }

  public static func sidecarPath(folder: String, documentID: String, annotator: String) -> String {
    folder + "/" + documentID + "/" + annotator + ".json"
  }

  /// The document's annotations, read from its sidecar the first time.
  public func annotations(for document: Document) -> DocumentAnnotations {
    if let state = states[ObjectIdentifier(document)] { return state }
    let state = DocumentAnnotations()
    load(document, into: state)
    states[ObjectIdentifier(document)] = state
    return state
  }

  /// Whether annotations of this document were read already (no file access).
  public func isLoaded(_ document: Document) -> Bool { states[ObjectIdentifier(document)] != nil }

  private func load(_ document: Document, into state: DocumentAnnotations) {
    let path = sidecarPath(for: document)
    state.set = AnnotationSet()
    state.readOnlyReason = nil
    state.dirty = false
    state.reanchorReport = nil
    state.encodedCache = [:]
    guard FileSystem.exists(path) else {
      state.diskBytes = nil
      return
    }
    let bytes: [UInt8]
    switch Corpus.readFile(path) {
    case .success(let b): bytes = b
    case .failure(let problem):
      state.readOnlyReason = "its sidecar cannot be read (\(problem.message))"
      state.pendingNotice = state.readOnlyReason
      return
    }
    state.diskBytes = bytes
    let sidecar: Sidecar
    do {
      sidecar = try Sidecar.decode(bytes, path: path)
    } catch {
      state.readOnlyReason = "its sidecar is damaged and is left untouched — \(error.message)"
      state.pendingNotice = state.readOnlyReason
      return
    }
    if sidecar.document.id != document.id || sidecar.annotator != annotator {
      state.readOnlyReason =
        "\(path) belongs to document '\(sidecar.document.id)' and annotator '\(sidecar.annotator)'; it is left untouched"
      state.pendingNotice = state.readOnlyReason
      return
    }
    let unchanged =
      sidecar.document.sha256 == document.sha256
      && sidecar.set.annotations.allSatisfy { a in
        a.orphaned || (a.range.end <= document.text.scalarCount && document.string(in: a.range) == a.quote.exact)
      }
    if unchanged {
      state.set = sidecar.set
      return
    }
    let (set, report) = Anchoring.reanchor(sidecar.set, in: document.text)
    state.set = set
    state.reanchorReport = report
    state.dirty = true
    state.pendingNotice =
      "\(document.id) changed since it was annotated: \(report.summary) — the sidecar is updated at your next change (save writes it now)"
  }

  /// Makes sure this session may write the document's sidecar: takes the
  /// lock the first time, and re-reads the sidecar if another session
  /// changed it meanwhile. Returns a notice when it re-read.
  func prepareToWrite(_ document: Document) throws(ShellError) -> String? {
    let state = annotations(for: document)
    if let reason = state.readOnlyReason { throw .readOnly(document: document.id, reason: reason) }
    guard state.lock == nil else { return nil }
    let path = sidecarPath(for: document)
    let folderPath = String(path[..<path.lastIndex(of: "/")!])
    do {
      try FileSystem.makeDirectories(folderPath)
    } catch {
      throw .readOnly(document: document.id, reason: "cannot create \(folderPath) (\(error.reason))")
    }
    do {
      state.lock = try FileLock(path: folderPath + "/." + annotator + ".json.lock")
    } catch {
      switch error {
      case .held(let pid):
        let who = pid.map { "annotate process \($0)" } ?? "another annotate session"
        state.readOnlyReason = "\(who) is editing \(annotator)'s annotations of it; they are shown read-only here"
      case .cannotOpen(let reason):
        state.readOnlyReason = "cannot lock its sidecar (\(reason))"
      }
      throw .readOnly(document: document.id, reason: state.readOnlyReason!)
    }
    // Another session may have written since we read.
    let current: [UInt8]? = FileSystem.exists(path) ? (try? Corpus.readFile(path).get()) : nil
    if current != state.diskBytes {
      let lock = state.lock
      load(document, into: state)
      state.lock = lock
      if let reason = state.readOnlyReason { throw .readOnly(document: document.id, reason: reason) }
      return "\(document.id): re-read \(annotator)'s sidecar, which another session had changed"
    }
    return nil
  }

  /// The sidecar for the document as it is in memory.
  func sidecar(for document: Document) -> Sidecar {
    let state = annotations(for: document)
    var sentences: [Int: ClosedRange<Int>] = [:]
    for a in state.set.annotations where !a.orphaned {
      sentences[a.id] = document.unitNumbers(of: a.range)
    }
    return Sidecar(
      document: SidecarDocument(
        id: document.id, path: document.path, sha256: document.sha256, length: document.text.scalarCount,
        newline: document.newline),
      annotator: annotator, codebook: codebook.names, set: state.set, sentences: sentences)
  }

  /// Writes the document's sidecar durably. The in-memory state is kept
  /// whatever happens; on failure the old file is untouched.
  @discardableResult
  func save(_ document: Document) throws(WriteError) -> (path: String, bytes: Int) {
    let state = annotations(for: document)
    let path = sidecarPath(for: document)
    let bytes = encode(document, state: state)
    do {
      try FileSystem.writeAtomically(bytes, to: path)
    } catch {
      state.dirty = true
      throw error
    }
    state.diskBytes = bytes
    state.dirty = false
    return (path, bytes.count)
  }

  /// Like `Sidecar.encoded()`, reusing the bytes of unchanged annotations.
  func encode(_ document: Document, state: DocumentAnnotations) -> [UInt8] {
    var sidecar = sidecar(for: document)
    let annotations = sidecar.set.annotations
    sidecar.set = AnnotationSet(annotations: [], nextID: sidecar.set.nextID)
    var head = sidecar.encoded()
    // Cut the empty list's closing "]\n}\n" and append the entries.
    head.removeLast(4)
    var cache: [Int: (annotation: Annotation, sentences: ClosedRange<Int>?, bytes: [UInt8])] = [:]
    cache.reserveCapacity(annotations.count)
    for (i, a) in annotations.enumerated() {
      head.append(contentsOf: (i == 0 ? "\n" : ",\n").utf8)
      let sentences = sidecar.sentences[a.id]
      if let hit = state.encodedCache[a.id], hit.annotation == a, hit.sentences == sentences {
        head.append(contentsOf: hit.bytes)
        cache[a.id] = hit
      } else {
        var bytes: [UInt8] = []
        Sidecar.encode(a, sentences: sentences, into: &bytes)
        head.append(contentsOf: bytes)
        cache[a.id] = (a, sentences, bytes)
      }
    }
    state.encodedCache = cache
    head.append(contentsOf: (annotations.isEmpty ? "]\n}\n" : "\n  ]\n}\n").utf8)
    return head
  }
}

extension AnnotationStore {
  /// Gives up every lock this store holds (the session is ending).
  public func releaseLocks() {
    for state in states.values { state.lock = nil }
  }
}
