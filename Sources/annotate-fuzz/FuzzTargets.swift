import AnnotateCore
import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The fuzz targets (`make fuzz`, `Sources/annotate-fuzz`): each takes any
/// bytes and either returns or stops the process with a failed invariant —
/// a crash is a finding. They run in process, on a scratch folder.
enum FuzzTargets {
  static let names = ["command", "sidecar", "import", "segmenter"]

  /// Runs the named target on one input.
  static func run(_ name: String, _ data: [UInt8]) {
    switch name {
    case "command": command(data)
    case "sidecar": sidecar(data)
    case "import": importers(data)
    case "segmenter": segmenter(data)
    default: preconditionFailure("no fuzz target '\(name)'; valid: \(names.joined(separator: ", "))")
    }
  }

  // MARK: Scratch documents

  /// A scratch folder (in memory when /dev/shm exists) with two documents:
  /// the seed article's opening and a hostile one.
  nonisolated(unsafe) static var scratch: String = {
    let base = FileSystem.exists("/dev/shm") ? "/dev/shm" : "/tmp"
    var template = Array("\(base)/annotate-fuzz-XXXXXX".utf8CString)
    let folder = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
    _ = mkdir(folder + "/docs", 0o755)
    try? FileSystem.writeFile(Array(seedText.utf8), to: folder + "/docs/seed.txt")
    try? FileSystem.writeFile(Array(hostileText.utf8), to: folder + "/docs/hostile.txt")
    scratchMade = true
    return folder
  }()

  static let seedText = """
    Who’s to Blame for the Collapse of US-Taliban Peace Talks in Qatar?

    Before this happened, America rightly felt like it was losing control. Mr. Trump said “no.” The U.S. \
    Army left at 5 p.m. on Jan. 3… Was it 3.5 percent?!
    """
  static let hostileText =
    "Title\u{1B}]52;c;SGVsbG8=\u{07} here.\r\nBidi \u{202E}evil\u{202C} and \u{9B}31m CSI. Zoë Mu\u{308}ller 👍🏽 said so.\n"

  nonisolated(unsafe) static var scratchMade = false

  /// Removes the scratch folder, if a target made one (the replayer calls this at the end).
  static func cleanUp() {
    guard scratchMade else { return }
    _ = system("rm -rf '\(scratch)'")
  }

  nonisolated(unsafe) static var workspace: Workspace = {
    let workspace = Workspace(folder: scratch + "/ann", annotator: "fuzz")
    workspace.open([scratch + "/docs"])
    return workspace
  }()

  static var corpus: Corpus { workspace.corpus }

  nonisolated(unsafe) static var inputs = 0

  // MARK: Targets

  /// A command line through the tokenizer and the dispatcher. Commands that
  /// touch paths outside the scratch folder (open, export, import) are
  /// skipped. Invariant: nothing the renderer prints holds a control
  /// character other than a line feed.
  static func command(_ data: [UInt8]) {
    inputs += 1
    // Annotations pile up across inputs and slow each session down: start afresh often.
    if inputs % 50 == 0 { _ = system("rm -rf '\(scratch)/ann'") }
    let session = Session(options: SessionOptions(annotator: "fuzz", annotationsPath: scratch + "/ann", pageSize: 5))
    session.clock = { "2026-11-25T08:00:00Z" }
    session.open([scratch + "/docs"])
    defer { _ = session.close() }
    let line = String(decoding: data, as: UTF8.self)
    guard let commands = try? Tokenizer.commands(line) else { return }
    let renderer = Renderer(color: false, width: 60)
    for words in commands.prefix(8) {
      guard let name = words.first else { continue }
      if case .found(let command) = session.commands.resolve(name),
        ["open", "export", "import", "quit"].contains(command.name)
      {
        continue
      }
      let text: String
      switch session.run(words) {
      case .output(let output): text = renderer.render(output)
      case .failure(let error): text = renderer.render(error: error.message)
      }
      for scalar in text.unicodeScalars where scalar != "\n" {
        precondition(
          !TerminalSafe.isUnsafe(scalar.value), "unsafe U+\(String(scalar.value, radix: 16)) reached the terminal")
      }
    }
  }

  /// The sidecar reader and the journal replay. Invariants: whatever the fast
  /// reader accepts, JSONDecoder reads to the same values; a decoded
  /// sidecar's annotations satisfy the set's invariants.
  static func sidecar(_ data: [UInt8]) {
    if let fast = SidecarFastReader.read(data) {
      let slow = try? JSONDecoder().decode(SidecarFile.self, from: Data(data))
      precondition(slow == fast, "the fast reader and JSONDecoder disagree")
    }
    if let sidecar = try? Sidecar.decode(data, path: "fuzz.json") {
      precondition(sidecar.set.invariantViolation(length: sidecar.document.length) == nil)
    }
    var set = AnnotationSet()
    if (try? Journal.replay(data, onto: &set, documentLength: 500, path: "fuzz.journal")) != nil {
      precondition(set.invariantViolation(length: 500) == nil)
    }
  }

  /// Every importer on the input as a file. Invariant: what an import
  /// accepts lies inside its document.
  static func importers(_ data: [UInt8]) {
    let path = scratch + "/input"
    try? FileSystem.writeFile(data, to: path + ".ann")
    try? FileSystem.writeFile(data, to: path)
    let importer = Importer(workspace: workspace, annotator: "fuzz")
    for format in ImportFormat.allCases {
      let (spans, problems) = importer.read(format, paths: [format == .brat ? path + ".ann" : path])
      precondition(spans.isEmpty || problems.isEmpty)
      for span in spans {
        guard let index = corpus.index(ofID: span.documentID) else { preconditionFailure("unknown document") }
        precondition(span.range.end <= corpus.documents[index].text.scalarCount)
      }
    }
  }

  /// The segmenter on any valid UTF-8. Invariants: units are in order, do
  /// not overlap, are not empty, lie inside the text, and do not start or
  /// end with white space.
  static func segmenter(_ data: [UInt8]) {
    guard let text = try? UTF8Text(validating: data) else { return }
    for kind in UnitKind.allCases {
      var previous = 0
      for unit in Segmenter.units(of: text, kind: kind) {
        precondition(unit.start >= previous && unit.start < unit.end && unit.end <= text.scalarCount)
        let s = text.string(in: unit).unicodeScalars
        precondition(
          !s.first!.properties.isWhitespace && !s.last!.properties.isWhitespace, "unit \(unit) has edge space")
        previous = unit.end
      }
    }
  }
}
