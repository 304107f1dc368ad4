/// brat standoff: `.ann` files (`T1<TAB>TYPE START END<TAB>TEXT`, fragments
/// as `START END;START END`, notes as `#1<TAB>AnnotatorNotes T1<TAB>…`),
/// found by their path inside the folder named, with or without a first
/// (annotator) folder.
extension Importer {
  func readBrat(_ path: String, root: String, into spans: inout [ImportedSpan], _ problems: inout [ImportProblem]) {
    guard let bytes = Self.readAll(path, &problems) else { return }
    // The document: the .ann's path inside the folder, with or without a first (annotator) folder.
    var relative =
      path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : String(path.split(separator: "/").last!)
    relative = String(relative.dropLast(4))
    var candidates = [relative]
    if let slash = relative.firstIndex(of: "/") { candidates.append(String(relative[relative.index(after: slash)...])) }
    guard let document = candidates.lazy.compactMap({ self.document($0) }).first else {
      problems.append(ImportProblem(path: path, line: 0, issue: .noDocumentMatches(relative)))
      return
    }
    let txt = String(path.dropLast(4)) + ".txt"
    if FileSystem.exists(txt), let text = try? Corpus.readFile(txt).get(), text != document.text.bytes {
      problems.append(ImportProblem(path: txt, line: 0, issue: .textFileDiffers(document: document.id)))
      return
    }
    var byLabel: [String: Int] = [:]
    var notes: [String: String] = [:]
    var local: [ImportedSpan] = []
    for (n, rawLine) in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
      guard !line.isEmpty else { continue }
      let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
      func fail(_ issue: ImportProblem.Issue) { problems.append(ImportProblem(path: path, line: n + 1, issue: issue)) }
      if parts[0].hasPrefix("T") {
        guard parts.count == 3 else {
          fail(.bratTLineFields)
          continue
        }
        let typeAndOffsets = parts[1].split(separator: " ", maxSplits: 1).map(String.init)
        guard typeAndOffsets.count == 2 else {
          fail(.bratTypeAndOffsets(found: parts[1]))
          continue
        }
        guard let tag = tagName(typeAndOffsets[0]) else {
          fail(unknownTag(typeAndOffsets[0]))
          continue
        }
        var fragments: [TextRange] = []
        var bad = false
        for fragment in typeAndOffsets[1].split(separator: ";") {
          let numbers = fragment.split(separator: " ").compactMap { Int($0) }
          guard numbers.count == 2 else {
            bad = true
            break
          }
          if let issue = checkRange(numbers[0], numbers[1], in: document) {
            fail(issue)
            bad = true
            break
          }
          fragments.append(TextRange(start: numbers[0], end: numbers[1]))
        }
        guard !bad, let first = fragments.first, let last = fragments.last else {
          if !bad { fail(.noOffsets(found: parts[1])) }
          continue
        }
        let text = fragments.map { document.string(in: $0) }.joined(separator: " ")
        guard text == parts[2] else {
          fail(.textDiffers(offsets: typeAndOffsets[1], actual: text, given: parts[2], in: .line))
          continue
        }
        byLabel[parts[0]] = local.count
        local.append(
          ImportedSpan(
            documentID: document.id, annotator: annotator!, range: TextRange(start: first.start, end: last.end),
            tags: [tag]))
      } else if parts[0].hasPrefix("#") {
        guard parts.count == 3, parts[1].hasPrefix("AnnotatorNotes ") else { continue }
        notes[String(parts[1].dropFirst("AnnotatorNotes ".count))] = parts[2]
      }
      // Relations, events, attributes and normalisations have no place in a span: skipped.
    }
    for (label, note) in notes {
      if let index = byLabel[label] { local[index].note = note }
    }
    spans += local
  }
}
