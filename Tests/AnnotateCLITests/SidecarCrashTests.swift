import AnnotateCore
import Glibc
import Testing

/// kill -9 at random moments while a script of mutating commands runs: after
/// every kill the sidecar parses and holds every change the binary had
/// acknowledged on stdout.
@Suite(.timeLimit(.minutes(10))) struct SidecarCrashTests {
  /// 1,200 mutating commands: highlights at many positions, with tags and notes.
  func script(trial: Int) -> String {
    var lines: [String] = []
    for i in 0..<1200 {
      let sentence = 2 + i % 12
      let start = (i / 12 + trial * 7) % 80
      let end = start + 1 + (i + trial) % 9
      lines.append("hl \(sentence) \(start):\(end)")
      if i % 10 == 3 { lines.append("tag claim") }
      if i % 25 == 7 { lines.append("note \"n\(trial)-\(i)\"") }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  @Test func killNineNeverLosesAnAcknowledgedChange() throws {
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    _ = system("mkdir -p '\(folder)/docs' && cp '\(repositoryRoot)/seeds/000_9c83e067df388347.txt' '\(folder)/docs/'")
    let sidecarPath = folder + "/ann/000_9c83e067df388347.txt/alice.json"
    var acknowledged: [Int: String] = [:]  // id → quoted text
    var random = SystemRandomNumberGenerator()
    var kills = 0
    var corpus = Corpus()
    _ = corpus.open([folder + "/docs"])
    for trial in 0..<20 {
      let process = SpawnedProcess(
        [annotateBinary, "--annotations", folder + "/ann", "--annotator", "alice", folder + "/docs"],
        stdin: script(trial: trial))
      let delay = Double(Int.random(in: 20...400, using: &random)) / 1000
      let output = process.read(for: delay)
      process.kill9()
      kills += 1
      // Acknowledged: "highlighted #12 [untagged] sentence 3: “…”" printed in full.
      for line in output.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
        guard
          let match = line.firstMatch(of: /^(?:highlighted|selected|tagged) #(\d+) \[[^\]]*\] sentence \d+: “(.*)”$/)
        else { continue }
        acknowledged[Int(match.1)!] = String(match.2)
      }
      guard !acknowledged.isEmpty else { continue }
      // The sidecar, if written, parses on its own...
      if let bytes = readBytes(sidecarPath) { _ = try Sidecar.decode(bytes, path: sidecarPath) }
      // ...and what the next session sees (sidecar + journal) holds every acknowledged change.
      let store = AnnotationStore(folder: folder + "/ann", annotator: "alice")
      let state = store.annotations(for: corpus.documents[0])
      #expect(state.readOnlyReason == nil, "\(state.readOnlyReason ?? "")")
      for (id, text) in acknowledged {
        let annotation = try #require(state.set.annotation(id), "acknowledged #\(id) lost after kill \(kills)")
        #expect(annotation.quote.exact == text)
      }
    }
    #expect(kills == 20)
    #expect(acknowledged.count > 20, "too few acknowledgements to mean anything: \(acknowledged.count)")
  }
}
