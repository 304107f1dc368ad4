/// brat standoff: `.ann` files (`T1<TAB>TYPE START END<TAB>TEXT`, fragments
/// as `START END;START END`, notes as `#1<TAB>AnnotatorNotes T1<TAB>…`),
/// found by their path inside the folder named, with or without a first
/// (annotator) folder. brat counts offsets in its `.txt` read with universal
/// newlines: a CRLF is one character there. The `.txt` beside an `.ann` may
/// be the document as it is or with its line ends made LF (as annotate
/// exports it); offsets are mapped back to the document's code points.
extension Importer {
  /// The span type annotate exports for spans without a tag.
  static let bratUntaggedType = "untagged"

  func readBrat(
    _ path: String, root: String, into spans: inout [ImportedSpan], _ problems: inout [ImportProblem],
    _ findings: inout Findings
  ) {
    guard let bytes = Self.readAll(path, &problems) else { return }
    // The document: the .ann's path inside the folder, with or without a first (annotator) folder.
    var relative =
      path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : String(path.split(separator: "/").last!)
    relative = String(relative.dropLast(4))
    var candidates = [relative]
    if let slash = relative.firstIndex(of: "/") { candidates.append(String(relative[relative.index(after: slash)...])) }
    guard let matched = candidates.firstIndex(where: { self.document($0) != nil }),
      let document = self.document(candidates[matched])
    else {
      problems.append(ImportProblem(path: path, line: 0, issue: .noDocumentMatches(relative)))
      return
    }
    // Found under a first folder: the annotator's, as annotate exports.
    let folderOwner = matched == 1 ? String(relative[..<relative.firstIndex(of: "/")!]) : nil
    // The types the project declares, when an annotation.conf is beside the file or above it.
    let declared = Self.bratDeclaredTypes(near: path, root: root)
    // brat's text: the document, or the document with its line ends made LF.
    let newlines = NewlineMap(document.text.string)
    let txt = String(path.dropLast(4)) + ".txt"
    if FileSystem.exists(txt), let text = try? Corpus.readFile(txt).get(), text != document.text.bytes,
      text != Array(newlines.lfText.utf8)
    {
      problems.append(ImportProblem(path: txt, line: 0, issue: .textFileDiffers(document: document.id)))
      return
    }
    let bratText = Array(newlines.lfText.unicodeScalars)
    var byLabel: [String: Int] = [:]
    var notes: [(label: String, note: String, line: Int)] = []
    var attributes: [(label: String, name: String, value: String, line: Int)] = []
    var local: [ImportedSpan] = []
    for (n, line) in Lines.strings(bytes) {
      guard !line.isEmpty else { continue }
      let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
      func fail(_ issue: ImportProblem.Issue) { problems.append(ImportProblem(path: path, line: n, issue: issue)) }
      switch parts[0].first {
      case "T":
        guard parts.count == 3 else {
          fail(.bratTLineFields)
          continue
        }
        let typeAndOffsets = parts[1].split(separator: " ", maxSplits: 1).map(String.init)
        guard typeAndOffsets.count == 2 else {
          fail(.bratTypeAndOffsets(found: parts[1]))
          continue
        }
        if let declared, !declared.contains(typeAndOffsets[0]) {
          fail(.notInBratConfiguration(typeAndOffsets[0]))
          continue
        }
        var tags: [String] = []
        if typeAndOffsets[0] != Self.bratUntaggedType || codebook.tag(named: Self.bratUntaggedType) != nil {
          guard let tag = tagName(typeAndOffsets[0], &findings) else {
            fail(unknownTag(typeAndOffsets[0]))
            continue
          }
          tags = [tag]
        }
        var fragments: [Range<Int>] = []
        var bad = false
        for fragment in typeAndOffsets[1].split(separator: ";") {
          let numbers = fragment.split(separator: " ").compactMap { Int($0) }
          guard numbers.count == 2, numbers[0] >= 0, numbers[0] <= numbers[1], numbers[1] <= bratText.count else {
            fail(
              numbers.count == 2
                ? .pastEnd(start: numbers[0], end: numbers[1], document: document.id, length: bratText.count)
                : .noOffsets(found: parts[1]))
            bad = true
            break
          }
          fragments.append(numbers[0]..<numbers[1])
        }
        guard !bad, let first = fragments.first, let last = fragments.last else {
          if !bad { fail(.noOffsets(found: parts[1])) }
          continue
        }
        let text = fragments.map { String(String.UnicodeScalarView(bratText[$0])) }.joined(separator: " ")
        guard text == parts[2] else {
          fail(.textDiffers(offsets: typeAndOffsets[1], actual: text, given: parts[2], in: .line))
          continue
        }
        guard let recorded = owner(folderOwner, &findings, fail: fail) else { continue }
        byLabel[parts[0]] = local.count
        local.append(
          ImportedSpan(
            documentID: document.id, annotator: recorded,
            range: TextRange(start: newlines.original(first.lowerBound), end: newlines.original(last.upperBound)),
            tags: tags, key: parts[0]))
      case "#":
        guard parts.count == 3, parts[1].hasPrefix("AnnotatorNotes ") else { continue }
        notes.append((String(parts[1].dropFirst("AnnotatorNotes ".count)), parts[2], n))
      case "R":
        // `R1<TAB>Type Arg1:T1 Arg2:T2`
        let fields = parts.count >= 2 ? parts[1].split(separator: " ").map(String.init) : []
        guard fields.count == 3, fields[1].hasPrefix("Arg1:"), fields[2].hasPrefix("Arg2:") else {
          fail(.shape("a relation is R1<TAB>TYPE Arg1:T1 Arg2:T2"))
          continue
        }
        guard codebook.relation(named: fields[0]) != nil else {
          findings.unknownLevel["relation " + fields[0], default: 0] += 1
          continue
        }
        guard let recorded = owner(folderOwner, &findings, fail: fail) else { continue }
        findings.relations.append(
          ImportedRelation(
            documentID: document.id, annotator: recorded, type: fields[0], from: String(fields[1].dropFirst(5)),
            to: String(fields[2].dropFirst(5))))
      case "A", "M":
        // `A1<TAB>Name T3 [Value]` (a binary attribute has no value: its first value here).
        let fields = parts.count >= 2 ? parts[1].split(separator: " ").map(String.init) : []
        guard fields.count == 2 || fields.count == 3 else {
          fail(.shape("an attribute is A1<TAB>NAME T1 [VALUE]"))
          continue
        }
        guard let definition = codebook.attribute(named: fields[0]) else {
          findings.unknownLevel["attribute " + fields[0], default: 0] += 1
          continue
        }
        let value = fields.count == 3 ? fields[2] : definition.values[0]
        guard definition.values.contains(value) else {
          fail(
            .shape("'\(value)' is not a value of \(fields[0]) (valid: \(definition.values.joined(separator: ", ")))"))
          continue
        }
        attributes.append((fields[1], fields[0], value, n))
      case "E": findings.notImported["events", default: 0] += 1
      case "N": findings.notImported["normalisations", default: 0] += 1
      default: continue
      }
    }
    for (label, note, line) in notes {
      guard let index = byLabel[label] else {
        problems.append(ImportProblem(path: path, line: line, issue: .noteWithoutTarget(label)))
        continue
      }
      local[index].note = note
    }
    for (label, name, value, line) in attributes {
      guard let index = byLabel[label] else {
        problems.append(ImportProblem(path: path, line: line, issue: .dangling(label)))
        continue
      }
      local[index].attributes[name] = value
    }
    spans += local
  }

  /// The entity types of the nearest `annotation.conf` at or above the
  /// `.ann` file's folder, up to the folder imported (brat looks upwards
  /// too); nil when there is none. `untagged` is always allowed.
  static func bratDeclaredTypes(near path: String, root: String) -> Set<String>? {
    var folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
    while true {
      let conf = folder + "/annotation.conf"
      if FileSystem.exists(conf), let bytes = try? Corpus.readFile(conf).get() {
        return Set(Codebook.bratEntityTypes(bytes).map(\.name) + [bratUntaggedType])
      }
      guard folder.count > root.count, folder.hasPrefix(root), let slash = folder.lastIndex(of: "/") else { return nil }
      folder = String(folder[..<slash])
    }
  }
}

/// A text and the same text with each CRLF (and lone CR) made LF, as brat
/// reads it, with offsets mapped between the two.
struct NewlineMap {
  let lfText: String
  /// Code point offsets in the original of each LF-text offset (only when they differ).
  private let originals: [Int]?

  init(_ text: String) {
    guard text.unicodeScalars.contains("\r") else {
      lfText = text
      originals = nil
      return
    }
    var lf = String.UnicodeScalarView()
    var map: [Int] = []
    let scalars = Array(text.unicodeScalars)
    var i = 0
    while i < scalars.count {
      map.append(i)
      if scalars[i] == "\r" {
        lf.append("\n")
        i += (i + 1 < scalars.count && scalars[i + 1] == "\n") ? 2 : 1
      } else {
        lf.append(scalars[i])
        i += 1
      }
    }
    map.append(scalars.count)
    lfText = String(lf)
    originals = map
  }

  /// The original offset of an offset in the LF text.
  func original(_ lfOffset: Int) -> Int { originals.map { $0[lfOffset] } ?? lfOffset }

  /// The LF-text offset of an original offset (the start of its CRLF when inside one).
  func lf(_ original: Int) -> Int {
    guard let originals else { return original }
    var lo = 0
    var hi = originals.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if originals[mid] <= original { lo = mid } else { hi = mid - 1 }
    }
    return lo
  }
}
