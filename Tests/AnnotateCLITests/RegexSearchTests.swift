import Glibc
import Testing

@testable import AnnotateCore

/// `find /REGEX/` (PCRE2) against Python's `re` on the same patterns and a
/// generated corpus hard on offsets: which sentences, which matches, and
/// their code point offsets must be the same.
@Suite(.timeLimit(.minutes(5))) struct RegexSearchTests {
  /// Sentences in several scripts, with NFD marks, emoji, a no-break space.
  static let pieces = [
    "The envoy said the peace talks would resume.", "Critics told reporters, according to AP, it was naïve.",
    "Peace Talks collapsed in Doha 😀 on Friday.", "Zoë Mu\u{308}ller said the e\u{301}clat was über-nice.",
    "Die Straße war voll; STRASSE ist groß geschrieben.", "Он сказал, что переговоры продолжатся.",
    "ΣΟΦΙΑ είπε ότι οι συνομιλίες σταμάτησαν.", "北京的回应是“不可能”。", "日本は３月に交渉を再開した。",
    "Talks\u{00A0}resumed at 10:30, said 2 officials 👍🏽.", "“Peace talks?” he asked. “No,” she said.",
    "Le café a fermé à 18 h, selon l'AFP.", "x", "",
  ]

  static let patterns: [(source: String, flags: String)] = [
    ("peace talks?", "i"), ("peace talks?", ""), ("\\b(said|told|according to)\\b", ""), ("\\w+", ""),
    ("\\d+", ""), ("\\s+", ""), ("x*", ""), ("\\b", ""), ("^\\w+", ""), ("\\w+$", ""), ("(?m)^\\S+", ""),
    (".+", ""), (".{3}", "s"), ("zoë|über|groß", "i"), ("σοφια", "i"), ("[一-龥]+", ""), ("😀.", ""),
    ("(?<=\\s)\\S+ed\\b", ""), ("\\bTALKS\\b", "i"), ("said  # the verb\n | told", "x"), ("e\u{301}", ""),
    ("[^\\x00-\\x7F]+", ""), ("(\\w)\\1", ""), ("“[^”]*”", ""),
  ]

  @Test func matchesEqualPythonsRe() throws {
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    var random = SplitMix64(state: 19)
    var paths: [String] = []
    for d in 0..<24 {
      var text = d % 5 == 0 ? "\u{FEFF}" : ""
      let newline = d % 3 == 0 ? "\r\n" : "\n"
      for p in 0..<(3 + random.below(5)) {
        if p > 0 { text += newline + (random.below(3) == 0 ? newline : "") }
        text += (0..<(1 + random.below(4))).map { _ in random.pick(Self.pieces) }.joined(separator: " ")
      }
      let path = folder + "/doc-\(d).txt"
      writeFile(path, text)
      paths.append(path)
    }
    var corpus = Corpus()
    let opened = corpus.open([folder])
    #expect(opened.problems.isEmpty)
    // Python is given the units annotate made, and maps matches to them itself.
    let documents = corpus.documents.map { document in
      let units = document.units(.sentence).map { "[\($0.start),\($0.end)]" }.joined(separator: ",")
      return "{\"path\":\(JSON.quote(document.path)),\"units\":[\(units)]}"
    }
    let patterns = Self.patterns.map { "{\"source\":\(JSON.quote($0.source)),\"flags\":\(JSON.quote($0.flags))}" }
    writeFile(
      folder + "/job.json",
      "{\"documents\":[\(documents.joined(separator: ","))],\"patterns\":[\(patterns.joined(separator: ","))]}")
    let python = runProgram("python3", [repositoryRoot + "/Tests/clients/regex_reference.py", folder + "/job.json"])
    #expect(python.status == 0, "\(python.stderr)")
    var ours: [String] = []
    var unitsWithMatches = 0
    for (p, written) in Self.patterns.enumerated() {
      let pattern = try RegexPattern(written.source, flags: RegexPattern.Flags(letters: written.flags[...])!)
      let result = try corpus.search(pattern, kind: .sentence, limit: .max)
      for hit in result.hits {
        ours.append(
          "\(p) \(hit.document) \(hit.unit) " + hit.matches.map { "\($0.start)-\($0.end)" }.joined(separator: " "))
      }
      ours.append("\(p) total \(result.matchCount) \(result.documentCount)")
      #expect(result.complete)
      unitsWithMatches += result.hits.count
      // A listing cut short lists the first units, says it is incomplete
      // when more have a match, and counts every match and document.
      let short = try corpus.search(pattern, kind: .sentence, limit: 3)
      #expect(short.hits == Array(result.hits.prefix(3)), "\(written.source)")
      #expect(short.complete == (result.hits.count <= 3), "\(written.source)")
      #expect(short.matchCount == result.matchCount && short.documentCount == result.documentCount, "\(written.source)")
    }
    let theirs = python.stdout.split(separator: "\n").map(String.init)
    #expect(unitsWithMatches > 500)
    // The first difference, with its pattern, if any.
    let firstDifference = zip(ours, theirs).first { $0 != $1 }
    #expect(firstDifference == nil, "\(firstDifference.map { "ours: \($0.0)\npython: \($0.1)" } ?? "")")
    #expect(ours.count == theirs.count)
  }
}
