import FoundationEssentials

/// Where each annotator stopped, per annotations folder
/// (`.ANNOTATOR.resume`, ignored by git): the interactive shell starts
/// there, and saves it when it ends.
extension Session {
  var resumePath: String { workspace.folder + "/." + workspace.annotator + ".resume" }

  private struct Place: Codable {
    var document: String
    var unit: Int
    var kind: String
  }

  /// Saves the current document and sentence (nothing without one).
  public func rememberPosition() {
    guard let index = currentIndex, FileSystem.exists(workspace.folder) else { return }
    let unit = position(in: index)
    let place = Place(document: corpus.documents[index].id, unit: unit, kind: options.unitKind.rawValue)
    guard let bytes = try? JSONEncoder().encode(place) else { return }
    try? FileSystem.writeAtomically(Array(bytes) + [0x0A], to: resumePath)
  }

  /// Goes back to where this annotator stopped last time, when that
  /// document is open; the line saying so, or nil.
  public func resume() -> OutputLine? {
    guard FileSystem.exists(resumePath), let bytes = try? Corpus.readFile(resumePath).get(),
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
