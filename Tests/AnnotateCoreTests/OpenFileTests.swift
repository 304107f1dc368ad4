import Glibc
import Testing

@testable import AnnotateCore

/// Regression: every document a session wrote kept its lock and journal
/// open, so a session editing ten thousand documents ran out of file
/// descriptors (the benchmark's corpus hit the 20,000 limit).
@Suite struct OpenFileTests {
  func openDescriptors() -> Int { (try? listFolder("/proc/self/fd").count) ?? 0 }

  @Test func writingManyDocumentsKeepsFewFilesOpen() throws {
    var documents: [String: String] = [:]
    for i in 0..<300 { documents["d\(1000 + i).txt"] = "Sentence \(i) here. Another one.\n" }
    let w = TestProject(documents: documents, seed: false)
    let before = openDescriptors()
    for i in 1...300 {
      let (_, err, failed) = w.run("doc \(i)", "tag 1 claim", "tag 2 opinion")
      try #require(!failed, "\(err)")
    }
    #expect(openDescriptors() - before <= 2 * AnnotationStore.openLimit + 8)
    // Undo reaches back into a document whose files were closed.
    #expect(!w.run("undo", "undo", "doc 1", "tag 2 source").failed)
    _ = w.session.close()
    let reader = TestProject.session(folder: w.folder)
    let total = reader.corpus.documents.reduce(0) { $0 + reader.store.annotations(for: $1).set.count }
    #expect(total == 300 * 2 - 2)  // the last document's two tags were undone
    #expect(
      reader.store.annotations(for: reader.corpus.documents[0]).set.annotations.map(\.tags) == [
        ["claim"], ["opinion", "source"],
      ])
  }
}
