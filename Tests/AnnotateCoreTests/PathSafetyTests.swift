import Glibc
import Testing

@testable import AnnotateCore

/// Writes never leave the annotations folder: not through an annotator name
/// from an imported file, nor through a symbolic link planted in the folder.
@Suite struct PathSafetyTests {
  @Test func anAnnotatorNameFromAnImportedFileCannotEscape() {
    let w = TestProject()
    let csv = w.folder + "/evil.csv"
    writeFile(
      csv,
      "document,annotation_id,annotator,tag,start,end,sentence,text,prefix,suffix,note,created,modified,document_sha256\r\n"
        + "000_9c83e067df388347.txt,1,../../escaped,claim,0,5,1,Who’s,,,,,,\r\n")
    let (_, err, failed) = w.run("import csv '\(csv)'", "import csv '\(csv)' --as ../x", "import tsv '\(csv)' --as a/b")
    #expect(failed)
    #expect(err.contains("evil.csv:2: '../../escaped' is not a valid annotator name — use letters, digits"))
    #expect(err.contains("import: '../x' is not a valid annotator name"))
    #expect(err.contains("import: 'a/b' is not a valid annotator name"))
    #expect(!FileSystem.exists(w.folder + "/escaped.json"))
    #expect(!FileSystem.exists(w.folder + "/docs/ann/000_9c83e067df388347.txt/../../escaped.json"))
  }

  @Test func aSymbolicLinkOutOfTheFolderIsNotWrittenThrough() {
    let w = TestProject()
    let outside = makeTemporaryFolder()
    defer { removeTree(outside) }
    sh("ln -s '\(outside)' '\(w.folder)/docs/ann/000_9c83e067df388347.txt'")
    let (_, err, failed) = w.run("tag 3 claim")
    #expect(failed)
    #expect(err.contains("leads outside \(w.folder)/docs/ann through a symbolic link; annotate writes only inside it"))
    #expect(!FileSystem.exists(outside + "/alice.json"))
  }

  @Test func aJournalOrLockThatIsALinkIsNeverFollowed() {
    for name in [".alice.journal", ".alice.json.lock"] {
      let w = TestProject()
      let target = w.folder + "/precious.txt"
      writeFile(target, "keep me")
      sh("mkdir -p '\(w.folder)/docs/ann/000_9c83e067df388347.txt'")
      sh("ln -s '\(target)' '\(w.folder)/docs/ann/000_9c83e067df388347.txt/\(name)'")
      let (_, err, failed) = w.run("tag 3 claim", "tag 4 claim")
      #expect(failed, "\(name)")
      #expect(err.contains("is read-only here"), "\(name): \(err)")
      #expect(readFileBytes(target) == Array("keep me".utf8), "\(name)")
    }
  }
}
