#if canImport(Glibc)
  import Glibc
#endif

/// One problem `annotate check` found.
public struct CheckProblem: Equatable, Sendable {
  public var path: String
  public var problem: String
  public var message: String { "\(path): \(problem)" }
}

/// Validates every sidecar under an annotations folder against the documents.
public enum SidecarCheck {
  /// Sidecars found (`DOC-ID/ANNOTATOR.json`), and the problems of each.
  public static func run(folder: String, corpus: Corpus) -> (checked: Int, problems: [CheckProblem]) {
    var problems: [CheckProblem] = []
    var checked = 0
    for path in sidecarFiles(folder) {
      checked += 1
      let relative = String(path.dropFirst(folder.count + 1))
      guard let slash = relative.lastIndex(of: "/") else {
        problems.append(CheckProblem(path: path, problem: "not inside a document's folder"))
        continue
      }
      let documentID = String(relative[..<slash])
      let annotator = String(relative[relative.index(after: slash)...].dropLast(5))
      guard let index = corpus.index(ofID: documentID) else {
        problems.append(CheckProblem(path: path, problem: "no open document has the id '\(documentID)'"))
        continue
      }
      let document = corpus.documents[index]
      let bytes: [UInt8]
      switch Corpus.readFile(path) {
      case .success(let b): bytes = b
      case .failure(let p):
        problems.append(CheckProblem(path: path, problem: p.message))
        continue
      }
      var sidecar: Sidecar
      do {
        sidecar = try Sidecar.decode(bytes, path: path)
      } catch {
        problems.append(
          CheckProblem(
            path: path, problem: error.location.isEmpty ? error.problem : "\(error.location): \(error.problem)"))
        continue
      }
      // Changes still in the journal (a session that did not end normally) are checked too, as loading replays them.
      let journalPath = Journal.path(forSidecar: path)
      if FileSystem.exists(journalPath), case .success(let journal) = Corpus.readFile(journalPath), !journal.isEmpty {
        do {
          _ = try Journal.replay(
            journal, onto: &sidecar.set, documentLength: document.text.scalarCount, path: journalPath)
        } catch {
          problems.append(CheckProblem(path: journalPath, problem: "\(error.location): \(error.problem)"))
          continue
        }
      }
      if sidecar.document.id != documentID {
        problems.append(
          CheckProblem(path: path, problem: "document.id is '\(sidecar.document.id)', its folder says '\(documentID)'"))
      }
      if sidecar.annotator != annotator {
        problems.append(
          CheckProblem(path: path, problem: "annotator is '\(sidecar.annotator)', its file name says '\(annotator)'"))
      }
      if sidecar.document.sha256 != document.sha256 {
        problems.append(
          CheckProblem(
            path: path,
            problem: "the document changed since it was annotated (SHA-256 differs); open it in annotate to re-anchor"))
        continue
      }
      for a in sidecar.set.annotations {
        if a.orphaned {
          problems.append(CheckProblem(path: path, problem: "#\(a.id) is an orphan; reattach or delete it"))
        } else if a.range.end > document.text.scalarCount {
          problems.append(
            CheckProblem(
              path: path, problem: "#\(a.id) ends at \(a.range.end), past the document (\(document.text.scalarCount))"))
        } else if document.string(in: a.range) != a.quote.exact {
          problems.append(
            CheckProblem(path: path, problem: "#\(a.id): the text at \(a.range.start)-\(a.range.end) is not its quote"))
        }
      }
    }
    return (checked, problems)
  }

  /// `*.json` files one level below document-id folders, sorted.
  static func sidecarFiles(_ folder: String) -> [String] {
    var found: [String] = []
    func walk(_ path: String) {
      guard let dir = opendir(path) else { return }
      var names: [(String, Bool)] = []
      while let entry = readdir(dir) {
        let name = directoryEntryName(entry)
        if name.hasPrefix(".") { continue }
        var info = stat()
        guard lstat(path + "/" + name, &info) == 0 else { continue }
        names.append((name, info.st_mode & S_IFMT == S_IFDIR))
      }
      closedir(dir)
      for (name, isDir) in names.sorted(by: { $0.0 < $1.0 }) {
        let full = path + "/" + name
        if isDir {
          walk(full)
        } else if name.hasSuffix(".json") && path != folder {
          found.append(full)
        }
      }
    }
    walk(folder)
    return found
  }
}
