import FoundationEssentials

/// doccano and Prodigy JSONL: one document's text and spans per line,
/// the document found by the name the line gives or by its text.
extension Importer {

  private struct DoccanoLine: Decodable {
    var text: String
    var label: [[LabelPart]]?
    var document: String?
  }

  private enum LabelPart: Decodable {
    case number(Int)
    case text(String)
    init(from decoder: any Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let n = try? c.decode(Int.self) { self = .number(n) } else { self = .text(try c.decode(String.self)) }
    }
  }

  private struct ProdigyLine: Decodable {
    struct SpanEntry: Decodable {
      var start: Int
      var end: Int
      var label: String
    }
    struct Meta: Decodable { var document: String? }
    var text: String
    var spans: [SpanEntry]?
    var meta: Meta?
  }

  /// `textIndex` maps document texts to documents; built once, when a line
  /// first needs it (a line that names its document does not).
  func readJSONL(
    _ path: String, format: ImportFormat, textIndex: inout [String: Document]?, into spans: inout [ImportedSpan],
    _ problems: inout [ImportProblem]
  ) {
    guard let bytes = Self.readAll(path, &problems) else { return }
    func byText(_ text: String) -> Document? {
      if textIndex == nil {
        var index: [String: Document] = [:]
        for d in corpus.documents { index[d.text.string] = d }
        textIndex = index
      }
      return textIndex![text]
    }
    let decoder = JSONDecoder()
    var lineNumber = 0
    for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
      lineNumber += 1
      guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) else { continue }
      func fail(_ issue: ImportProblem.Issue) {
        problems.append(ImportProblem(path: path, line: lineNumber, issue: issue))
      }
      var text: String
      var named: String?
      var entries: [(Int, Int, String)] = []
      do {
        if format == .doccano {
          let record = try decoder.decode(DoccanoLine.self, from: Data(line))
          text = record.text
          named = record.document
          for (k, label) in (record.label ?? []).enumerated() {
            guard label.count == 3, case .number(let s) = label[0], case .number(let e) = label[1],
              case .text(let t) = label[2]
            else {
              fail(.labelShape(k + 1))
              continue
            }
            entries.append((s, e, t))
          }
        } else {
          let record = try decoder.decode(ProdigyLine.self, from: Data(line))
          text = record.text
          named = record.meta?.document
          entries = (record.spans ?? []).map { ($0.start, $0.end, $0.label) }
        }
      } catch {
        fail(.json(Sidecar.describe(error, path: path).problem))
        continue
      }
      guard let document = named.flatMap({ self.document($0) }) ?? byText(text) else {
        fail(.noDocumentWithText(named: named))
        continue
      }
      guard document.text.string == text else {
        fail(.lineTextDiffers(document: document.id))
        continue
      }
      for (s, e, raw) in entries {
        if let issue = checkRange(s, e, in: document) {
          fail(issue)
          continue
        }
        guard let tag = tagName(raw) else {
          fail(unknownTag(raw))
          continue
        }
        spans.append(
          ImportedSpan(documentID: document.id, annotator: annotator!, range: TextRange(start: s, end: e), tags: [tag]))
      }
    }
  }
}
