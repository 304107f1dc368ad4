#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One problem `annotate check` found: the file and what is wrong with it.
public struct CheckProblem: Equatable, Sendable {
  public var path: String
  public var issue: Issue

  public enum Issue: Equatable, Sendable {
    case notInDocumentFolder
    case noSuchDocument(String)
    case unreadable(OpenProblem)
    /// The sidecar or its journal (the problem's path says which).
    case damaged(SidecarError)
    case documentIDDiffers(found: String, folder: String)
    case annotatorDiffers(found: String, fileName: String)
    case documentChanged
    case orphan(Int)
    case pastEnd(id: Int, end: Int, length: Int)
    case quoteDiffers(id: Int, range: TextRange)
    /// Tags the codebook lacks, with how many spans use each.
    case tagsNotInCodebook([String: Int])
    /// The sentence numbers written for a span are not those its range has
    /// now (the segmenter changed): what was written, and what it is.
    case staleSentences(id: Int, written: ClosedRange<Int>?, now: ClosedRange<Int>?)
    /// A relation the codebook does not have, or between tags it does not allow.
    case relationNotInCodebook(from: Int, to: Int, type: String)
    case relationNotAllowed(from: Int, to: Int, type: String)
    /// A document code or span attribute the codebook does not have (or a value outside its list).
    case codeNotInCodebook(variable: String, values: [String])
    case attributeNotInCodebook(id: Int, name: String, value: String)
  }
}

/// Validates every sidecar under an annotations folder against the documents.
public enum SidecarCheck {
  /// Sidecars found (`DOC-ID/ANNOTATOR.json`), and the problems of each.
  public static func run(
    folder: String, corpus: Corpus, codebook: Codebook? = nil, progress: ((Int, Int) -> Void)? = nil
  ) -> (checked: Int, problems: [CheckProblem]) {
    var problems: [CheckProblem] = []
    var checked = 0
    let files = sidecarFiles(folder)
    for path in files {
      progress?(checked, files.count)
      checked += 1
      let relative = String(path.dropFirst(folder.count + 1))
      guard let slash = relative.lastIndex(of: "/") else {
        problems.append(CheckProblem(path: path, issue: .notInDocumentFolder))
        continue
      }
      let documentID = String(relative[..<slash])
      let annotator = String(relative[relative.index(after: slash)...].dropLast(5))
      guard let index = corpus.index(ofID: documentID) else {
        problems.append(CheckProblem(path: path, issue: .noSuchDocument(documentID)))
        continue
      }
      let document = corpus.documents[index]
      let bytes: [UInt8]
      switch Corpus.readFile(path) {
      case .success(let b): bytes = b
      case .failure(let p):
        problems.append(CheckProblem(path: path, issue: .unreadable(p)))
        continue
      }
      var sidecar: Sidecar
      do {
        sidecar = try Sidecar.decode(bytes, path: path)
      } catch {
        problems.append(CheckProblem(path: path, issue: .damaged(error)))
        continue
      }
      // The sentence numbers written for readers must be those the spans have
      // now: checked on the file as written, before the journal's changes.
      let written = sidecar.document.sha256 == document.sha256 ? Array(sidecar.set.annotations) : []
      for a in written where !a.orphaned && a.range.end <= document.text.scalarCount {
        let now = document.unitNumbers(of: a.range)
        if sidecar.sentences[a.id] != now {
          problems.append(
            CheckProblem(path: path, issue: .staleSentences(id: a.id, written: sidecar.sentences[a.id], now: now)))
        }
      }
      // Changes still in the journal (a session that did not end normally) are checked too, as loading replays them.
      let journalPath = Journal.path(forSidecar: path)
      if FileSystem.exists(journalPath), case .success(let journal) = Corpus.readFile(journalPath), !journal.isEmpty {
        do {
          _ = try Journal.replay(
            journal, onto: &sidecar.set, documentLength: document.text.scalarCount, path: journalPath)
        } catch {
          problems.append(CheckProblem(path: journalPath, issue: .damaged(error)))
          continue
        }
      }
      if sidecar.document.id != documentID {
        problems.append(
          CheckProblem(path: path, issue: .documentIDDiffers(found: sidecar.document.id, folder: documentID)))
      }
      if sidecar.annotator != annotator {
        problems.append(
          CheckProblem(path: path, issue: .annotatorDiffers(found: sidecar.annotator, fileName: annotator)))
      }
      if sidecar.document.sha256 != document.sha256 {
        problems.append(CheckProblem(path: path, issue: .documentChanged))
        continue
      }
      if let codebook {
        var unknown: [String: Int] = [:]
        let known = Set(codebook.names)
        for a in sidecar.set.annotations {
          for tag in a.tags where !known.contains(tag) { unknown[tag, default: 0] += 1 }
        }
        if !unknown.isEmpty { problems.append(CheckProblem(path: path, issue: .tagsNotInCodebook(unknown))) }
        problems += levelProblems(sidecar.set, codebook: codebook).map { CheckProblem(path: path, issue: $0) }
      }
      for a in sidecar.set.annotations {
        if a.orphaned {
          problems.append(CheckProblem(path: path, issue: .orphan(a.id)))
        } else if a.range.end > document.text.scalarCount {
          problems.append(
            CheckProblem(path: path, issue: .pastEnd(id: a.id, end: a.range.end, length: document.text.scalarCount)))
        } else if document.string(in: a.range) != a.quote.exact {
          problems.append(CheckProblem(path: path, issue: .quoteDiffers(id: a.id, range: a.range)))
        }
      }
    }
    return (checked, problems)
  }

  /// Relations, codes and attributes against the codebook.
  static func levelProblems(_ set: AnnotationSet, codebook: Codebook) -> [CheckProblem.Issue] {
    var issues: [CheckProblem.Issue] = []
    for r in set.relations {
      guard let type = codebook.relation(named: r.type) else {
        issues.append(.relationNotInCodebook(from: r.from, to: r.to, type: r.type))
        continue
      }
      let from = set.annotation(r.from)?.tags ?? []
      let to = set.annotation(r.to)?.tags ?? []
      if !type.allows(from: from, to: to) && !(!type.directed && type.allows(from: to, to: from)) {
        issues.append(.relationNotAllowed(from: r.from, to: r.to, type: r.type))
      }
    }
    for (name, values) in set.codes.sorted(by: { $0.key < $1.key }) {
      guard let variable = codebook.variable(named: name), values.allSatisfy(variable.values.contains) else {
        issues.append(.codeNotInCodebook(variable: name, values: values))
        continue
      }
    }
    for a in set.annotations {
      for (name, value) in a.attributes.sorted(by: { $0.key < $1.key }) {
        if codebook.attribute(named: name)?.values.contains(value) != true {
          issues.append(.attributeNotInCodebook(id: a.id, name: name, value: value))
        }
      }
    }
    return issues
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
        guard let type = directoryEntryType(entry, path: path + "/" + name) else { continue }
        names.append((name, type == S_IFDIR))
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
