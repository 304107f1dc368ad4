import Crypto
import FoundationEssentials

/// Where each annotator stopped, per annotations folder, kept in the user's
/// state folder (`STATE/resume/HASH.ANNOTATOR.json`, the hash of the
/// folder's absolute path): the interactive shell starts there, and saves
/// it when it ends. Nothing is written into the corpus for it.
extension Session {
  var resumePath: String? {
    guard let state = options.stateFolder else { return nil }
    var hasher = SHA256()
    hasher.update(data: Array(Path.absolute(workspace.folder).utf8))
    let digits = Array("0123456789abcdef")
    let hex = String(hasher.finalize().prefix(8).flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] })
    return state + "/resume/" + hex + "." + workspace.annotator + ".json"
  }

  private struct Place: Codable {
    var document: String
    var unit: Int
    var kind: String
  }

  /// Saves the current document and sentence (nothing without one).
  public func rememberPosition() {
    guard let index = currentIndex, let resumePath else { return }
    let unit = position(in: index)
    let place = Place(document: corpus.documents[index].id, unit: unit, kind: options.unitKind.rawValue)
    guard let bytes = try? JSONEncoder().encode(place) else { return }
    try? FileSystem.makeDirectories(String(resumePath[..<resumePath.lastIndex(of: "/")!]))
    try? FileSystem.writeAtomically(Array(bytes) + [0x0A], to: resumePath)
  }

  /// Goes back to where this annotator stopped last time, when that
  /// document is open; the line saying so, or nil.
  public func resume() -> OutputLine? {
    guard let resumePath, FileSystem.exists(resumePath), let bytes = try? Corpus.readFile(resumePath).get(),
      let place = try? JSONDecoder().decode(Place.self, from: Data(bytes)),
      place.kind == options.unitKind.rawValue, let index = corpus.index(ofID: place.document)
    else { return nil }
    let count = units(of: corpus.documents[index]).count
    guard count > 0 else { return nil }
    let unit = min(max(place.unit, 0), count)
    currentIndex = index
    if unit > 0 {
      go(to: unit, in: index)
    } else {
      focus = nil
    }
    return OutputLine([
      TextRun("resuming where you stopped: ", .dim), TextRun(corpus.documents[index].id, .quoted),
      TextRun(unit > 0 ? ", \(options.unitKind.rawValue) \(unit) of \(count)" : "", .dim),
    ])
  }
}
