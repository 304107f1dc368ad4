import Glibc
import Testing

/// The committed example and fresh sidecars against docs/sidecar.schema.json,
/// checked by Python's jsonschema (an independent reader).
@Suite(.timeLimit(.minutes(10))) struct SidecarSchemaTests {
  @Test func exampleAndFreshSidecarsMatchTheSchema() {
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    let made = runAnnotate(
      [
        "--annotations", folder + "/docs/ann", "--annotator", "zoë", "-c",
        "tag 3 claim; hl 3 \"rightly felt\" opinion; note \"n\"; nothing 5; done; quit",
      ])
    #expect(made.status == 0, "\(made.stderr)")
    let script = """
      import json, sys, jsonschema
      schema = json.load(open(sys.argv[1]))
      for path in sys.argv[2:]:
          jsonschema.validate(json.load(open(path, encoding="utf-8")), schema)
      print("valid", len(sys.argv) - 2)
      """
    writeFile(folder + "/validate.py", script)
    let result = runProgram(
      "python3",
      [
        folder + "/validate.py", repositoryRoot + "/docs/sidecar.schema.json",
        Self.exampleCopy(in: folder),
        folder + "/docs/ann/000_9c83e067df388347.txt/zoë.json",
      ])
    #expect(result.stdout == "valid 2\n", "\(result.stderr)")
  }

  /// The committed example sidecar, copied into a project folder of the
  /// test's own beside a link to the seeds (the repository's own
  /// Annotations/ is never read or written by a test).
  static func exampleCopy(in folder: String) -> String {
    let path = folder + "/Annotations/seeds/000_9c83e067df388347.txt/example.json"
    _ = system(
      "mkdir -p '\(folder)/Annotations/seeds/000_9c83e067df388347.txt' && ln -sf '\(repositoryRoot)/seeds' '\(folder)/seeds'"
    )
    writeFile(
      path, readFile(repositoryRoot + "/Annotations/seeds/000_9c83e067df388347.txt/example.json") ?? "")
    return path
  }

  @Test func theCommittedExampleChecksClean() {
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    _ = Self.exampleCopy(in: folder)
    let result = runAnnotate(["check"], directory: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("checked 1 sidecar against 1 document: all good"), "\(result.stdout)")
  }
}
