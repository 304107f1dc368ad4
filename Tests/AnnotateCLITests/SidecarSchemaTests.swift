import Glibc
import Testing

/// The committed example and fresh sidecars against docs/sidecar.schema.json,
/// checked by Python's jsonschema (an independent reader).
@Suite struct SidecarSchemaTests {
  @Test func exampleAndFreshSidecarsMatchTheSchema() {
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    let made = runAnnotate(
      [
        "--annotations", folder + "/ann", "--annotator", "zoë", "-c",
        "tag 3 claim; hl 3 \"rightly felt\" opinion; note \"n\"; quit",
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
        repositoryRoot + "/Annotations/000_9c83e067df388347.txt/example.json",
        folder + "/ann/000_9c83e067df388347.txt/zoë.json",
      ])
    #expect(result.stdout == "valid 2\n", "\(result.stderr)")
  }

  @Test func theCommittedExampleChecksClean() {
    let result = runAnnotate(["check"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("all good"))
  }
}
