import AnnotateCore
import PTY

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  @preconcurrency import Darwin
#endif

/// The coding loop as a person at a terminal meets it: the seed's 19
/// sentences coded at sentence level with the bundled example's tags (each
/// sentence gets the tags of the example's spans on it), key by key, through
/// a pseudo-terminal. Measured: keystrokes per sentence, and the time from a
/// key written to the screen redrawn (the next screen's last line read
/// back). References in the same run: the same coding typed as shell
/// commands (`tag N key…⏎`, `nothing N⏎`), counted; and libedit echoing a
/// typed character, the floor of any terminal program's response.
func codingBenchmark(_ options: Options) -> [Row] {
  let folder = scratch + "/coding"
  _ = runProgram("/bin/mkdir", ["-p", folder + "/docs"])
  _ = runProgram("/bin/cp", ["seeds/000_9c83e067df388347.txt", folder + "/docs/"])
  // The coding: the example's tags per sentence.
  var corpus = Corpus()
  _ = corpus.open([folder + "/docs"], root: folder)
  let document = corpus.documents[0]
  let units = document.units(.sentence)
  var coding = Array(repeating: [String](), count: units.count)
  if case .success(let bytes) = Corpus.readFile("Annotations/seeds/000_9c83e067df388347.txt/example.json"),
    let sidecar = try? Sidecar.decode(bytes, path: "example.json")
  {
    for a in sidecar.set.annotations where !a.orphaned {
      for n in document.unitNumbers(of: a.range) ?? 1...0 {
        coding[n - 1] = Codebook.standard.ordered(Set(coding[n - 1]).union(a.tags))
      }
    }
  }
  let keyOf = Dictionary(uniqueKeysWithValues: Codebook.standard.tags.map { ($0.name, String($0.key!)) })
  // The keys: each tag's key, then Space.
  var keys: [String] = []
  for tags in coding { keys += tags.map { keyOf[$0]! } + [" "] }
  // The same coding as typed commands, counted.
  var typed = 0
  for (i, tags) in coding.enumerated() {
    typed +=
      tags.isEmpty
      ? "nothing \(i + 1)\n".count : "tag \(i + 1) \(tags.map { keyOf[$0]! }.joined(separator: " "))\n".count
  }
  let env = PseudoTerminal.environment([
    "HOME": folder, "XDG_STATE_HOME": folder + "/state", "TERM": "xterm-256color", "PAGER": "cat",
    "ANNOTATE_ANNOTATOR": "bench",
  ])
  let binary = executableFolder + "/annotate"
  var latencies: [Double] = []
  var echoes: [Double] = []
  var sentences = 0
  let rounds = max(1, options.runs > 0 ? options.runs : 5)
  for round in 0..<rounds {
    _ = runProgram("/bin/rm", ["-rf", folder + "/Annotations", folder + "/state"])
    let pty = PseudoTerminal(
      program: binary, arguments: ["--annotations", folder + "/Annotations", folder + "/docs"], environment: env,
      rows: 40, columns: 100, directory: folder)
    guard pty.waitForPrompt(after: "annotate") else {
      fputs("coding benchmark: no prompt\n", stderr)
      return []
    }
    // The reference: libedit echoing one character at the prompt.
    for c in "echo" {
      let before = pty.mark
      let start = PseudoTerminal.now()
      pty.type(String(c))
      if pty.wait(for: String(c), from: before, seconds: 5) { echoes.append(PseudoTerminal.now() - start) }
    }
    pty.type("\u{15}")  // Ctrl-U: clear the line
    usleep(50_000)
    pty.drain(milliseconds: 50)
    pty.type("code\n")
    let footer = "?: keys · Esc"
    guard pty.wait(for: footer, seconds: 10) else {
      fputs("coding benchmark: the coding mode did not start:\n\(pty.text())\n", stderr)
      return []
    }
    for key in keys {
      let before = pty.mark
      let start = PseudoTerminal.now()
      pty.type(key)
      guard pty.wait(for: footer, from: before, seconds: 5) else { break }
      latencies.append(PseudoTerminal.now() - start)
    }
    if round == 0 { sentences = coding.count }
    pty.type("\u{1B}")
    pty.waitForPrompt(after: "back at")
    pty.type("quit\n")
    _ = pty.exitStatus(seconds: 10)
  }
  latencies.sort()
  echoes.sort()
  let perSentence = Double(keys.count) / Double(max(1, sentences))
  return [
    Row(
      benchmark: "coding mode: keystrokes per sentence (seed, 19 sentences, the example's tags)", size: "19 sentences",
      annotate: format(perSentence), reference: "typed commands (tag N keys⏎ / nothing N⏎)",
      referenceFigure: format(Double(typed) / Double(max(1, sentences))),
      ratio: format(Double(typed) / Double(keys.count), 1) + "× fewer", target: "≤ 2", peak: "—"),
    Row(
      benchmark: "coding mode: key → screen redrawn, pty (\(latencies.count) keys)", size: "19 sentences",
      annotate: p50p99(latencies),
      reference: "libedit echoing a typed character",
      referenceFigure: p50p99(echoes),
      ratio: format(percentile(latencies, 99) / max(percentile(echoes, 99), 1e-9), 1) + "×", target: "p99 ≤ 5 ms",
      peak: "—"),
  ]
}
