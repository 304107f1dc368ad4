import FoundationEssentials

/// One settled question: which candidates were kept, or — `undone` — that
/// an earlier decision on it was taken back with undo.
struct Decision: Codable, Equatable {
  var key: String
  var kept: [String]?
  var undone: Bool?
  var by: String
  var time: String
}

/// `DOC-ID/gold.decisions.jsonl` beside the gold sidecar: one synced JSON line
/// per settled question (and per pre-filled agreement), so adjudication can
/// stop and resume, and rejections are remembered as well as acceptances.
/// Undoing a decision appends an `undone` line for its key.
enum DecisionLog {
  static func path(folder: String, documentID: String) -> String {
    folder + "/" + documentID + "/" + goldAnnotator + ".decisions.jsonl"
  }

  /// The keys decided so far. A last line cut short by a crash is ignored;
  /// any other bad line is reported, and the log is not trusted.
  static func read(_ path: String) -> Result<[String: Decision], SidecarError> {
    guard FileSystem.exists(path) else { return .success([:]) }
    guard case .success(let bytes) = Corpus.readFile(path) else {
      return .failure(SidecarError(path: path, location: "file", problem: .unreadable))
    }
    var decisions: [String: Decision] = [:]
    let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    for (n, line) in lines.enumerated() where !line.isEmpty {
      let last = n == lines.count - 1
      do {
        let decision = try JSONDecoder().decode(Decision.self, from: Data(line))
        if decision.undone == true {
          decisions[decision.key] = nil
        } else {
          decisions[decision.key] = decision
        }
      } catch {
        if last { break }  // a write cut short: never acknowledged
        return .failure(SidecarError(path: path, location: "line \(n + 1)", problem: .notADecisionRecord))
      }
    }
    return .success(decisions)
  }

  static func line(_ decision: Decision) -> [UInt8] {
    var text = "{\"key\":\(JSON.quote(decision.key))"
    if let kept = decision.kept { text += ",\"kept\":[\(kept.map(JSON.quote).joined(separator: ","))]" }
    if decision.undone == true { text += ",\"undone\":true" }
    text += ",\"by\":\(JSON.quote(decision.by)),\"time\":\(JSON.quote(decision.time))}\n"
    return Array(text.utf8)
  }

  /// The lines a change writes: the decisions when done (and redone), an
  /// `undone` line for each when undone.
  static func lines(_ decisions: [Decision], path: String) -> LogLines {
    LogLines(
      path: path, done: decisions.flatMap(line),
      undone: decisions.flatMap { d in line(Decision(key: d.key, kept: nil, undone: true, by: d.by, time: d.time)) })
  }
}
