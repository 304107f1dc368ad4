#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A document whose annotations are under another id: its file was moved or
/// renamed (the sidecars there hold its text's SHA-256, and nothing is at
/// the old path any more).
public struct MovedAnnotations: Equatable, Sendable {
  public var document: String
  public var from: String
}

/// Why moving annotations to a document's new id failed.
public enum RelinkError: Error, Equatable, Sendable {
  /// The new id already has annotations; the two sets are not merged.
  case bothExist(document: String, from: String)
  case cannotMove(from: String, to: String, reason: String)
  case notSaved(WriteError)
  case damaged(SidecarError)
}

extension Workspace {
  /// Open documents that have no annotations under their own id but whose
  /// text's annotations are under an id whose file is gone (moved or
  /// renamed). Found once per set of open documents.
  public func movedAnnotations() -> [MovedAnnotations] {
    if let cached = movedCache, cached.documents == corpus.count { return cached.found }
    var found: [MovedAnnotations] = []
    let open = Set(corpus.documents.map(\.id))
    // Sidecars of ids no open document has, whose file is gone: candidates.
    var orphanFolders: [String: [String]] = [:]
    for path in SidecarCheck.sidecarFiles(folder) {
      let relative = String(path.dropFirst(folder.count + 1))
      guard let slash = relative.lastIndex(of: "/") else { continue }
      let id = String(relative[..<slash])
      if open.contains(id) || FileSystem.exists(root + "/" + id) { continue }
      orphanFolders[id, default: []].append(path)
    }
    if !orphanFolders.isEmpty {
      var bySHA: [String: String] = [:]
      for (id, paths) in orphanFolders.sorted(by: { $0.key < $1.key }) {
        for path in paths {
          guard case .success(let bytes) = Corpus.readFile(path), let sidecar = try? Sidecar.decode(bytes, path: path)
          else { continue }
          bySHA[sidecar.document.sha256] = bySHA[sidecar.document.sha256] ?? id
          break
        }
      }
      for document in corpus.documents where !FileSystem.exists(folder + "/" + document.id) {
        if let from = bySHA[document.sha256] { found.append(MovedAnnotations(document: document.id, from: from)) }
      }
    }
    movedCache = (corpus.count, found)
    return found
  }

  /// Moves every annotator's sidecars (journals and decision logs too) from
  /// an old id to a document's id, and writes the new id into them.
  public func relink(_ moved: MovedAnnotations) throws(RelinkError) {
    let from = folder + "/" + moved.from
    let to = folder + "/" + moved.document
    guard !FileSystem.exists(to) else { throw .bothExist(document: moved.document, from: moved.from) }
    do {
      try FileSystem.makeDirectories(Path.parent(to))
    } catch {
      throw .notSaved(error)
    }
    guard rename(from, to) == 0 else {
      throw .cannotMove(from: from, to: to, reason: errorString())
    }
    guard let index = corpus.index(ofID: moved.document) else { return }
    let document = corpus.documents[index]
    for name in FileSystem.names(in: to) where name.hasSuffix(".json") && !name.hasPrefix(".") {
      let path = to + "/" + name
      guard case .success(let bytes) = Corpus.readFile(path) else { continue }
      var sidecar: Sidecar
      do {
        sidecar = try Sidecar.decode(bytes, path: path)
      } catch {
        throw .damaged(error)
      }
      sidecar.document.id = document.id
      sidecar.document.path = document.path
      do {
        try FileSystem.writeAtomically(sidecar.encoded(), to: path)
      } catch {
        throw .notSaved(error)
      }
    }
    movedCache = nil
    for name in stores.keys { stores[name]?.forget(document) }
  }
}
