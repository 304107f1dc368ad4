import Glibc
import Testing

@testable import AnnotateCore

/// A full disk and a read-only one, for real: the annotations folder is a
/// small tmpfs the test mounts and removes (root only; skipped otherwise).
@Suite(.serialized) struct DiskFullTests {
  /// Whether this process may mount a tmpfs.
  static let canMount: Bool = {
    let probe = makeTemporaryFolder()
    defer { removeTree(probe) }
    guard system("mount -t tmpfs -o size=64k tmpfs '\(probe)' 2>/dev/null") == 0 else { return false }
    return system("umount '\(probe)'") == 0
  }()

  /// A workspace whose annotations folder is a fresh tmpfs of `size`.
  func mounted(size: String = "256k") -> TestProject {
    let w = TestProject()
    sh("mount -t tmpfs -o size=\(size) tmpfs '\(w.folder)/docs/ann'")
    return w
  }

  func unmount(_ w: TestProject) {
    _ = w.session.close()  // its journal and lock are open on the mount
    // Lazily if something still holds it: the mount never outlives the test.
    _ = system("umount '\(w.folder)/docs/ann' || umount -l '\(w.folder)/docs/ann'")
  }

  /// Fills the file system with a file until it refuses more.
  func fill(_ w: TestProject) {
    _ = system("dd if=/dev/zero of='\(w.folder)/docs/ann/filler' bs=4096 2>/dev/null")
  }

  @Test(.enabled(if: canMount)) func aFullDiskKeepsTheSidecarAndTheWorkAndSaveRecovers() throws {
    let w = mounted()
    defer { unmount(w) }
    let first = w.run("tag 3 claim", "tag 4 opinion")
    #expect(!first.failed, "\(first.err)")
    let before = try #require(readFileBytes(w.sidecarPath))
    fill(w)
    // The journal's last page has some room; past it, a change cannot be
    // written: it stays in memory, and the error says so plainly.
    let lines = (5...18).map { "tag \($0) source" }
    let (_, err, failed) = transcript(w.session, lines)
    #expect(failed)
    #expect(err.contains("error: not saved — "), "\(err)")
    #expect(err.contains("(No space left on device); the change is kept in memory, save retries"), "\(err)")
    #expect(w.session.annotations(0).set.annotations.filter { $0.tags == ["source"] }.count == 14)
    // save cannot write either, and leaves the old sidecar as it was.
    let saving = w.run("save")
    #expect(saving.failed)
    #expect(saving.err.contains("No space left on device"), "\(saving.err)")
    #expect(readFileBytes(w.sidecarPath) == before)
    #expect(!(try listFolder(w.folder + "/docs/ann/000_9c83e067df388347.txt")).contains { $0.contains(".tmp-") })
    // Space again: save writes everything, and a new session sees it.
    unlink(w.folder + "/docs/ann/filler")
    let saved = w.run("save")
    #expect(!saved.failed, "\(saved.err)")
    _ = w.session.close()
    let reader = Session(options: SessionOptions(annotator: "alice", annotationsPath: w.folder + "/docs/ann"))
    reader.open([w.folder + "/docs"])
    #expect(
      reader.annotations(0).set.annotations.map(\.tags) == [["claim"], ["opinion"]]
        + Array(repeating: ["source"], count: 14))
  }

  @Test(.enabled(if: canMount)) func theFirstChangeOnAFullDiskLeavesNoHalfFile() throws {
    let w = mounted(size: "64k")
    defer { unmount(w) }
    fill(w)
    let (_, err, failed) = w.run("tag 3 claim")
    #expect(failed)
    #expect(err.contains("No space left on device"), "\(err)")
    #expect(!FileSystem.exists(w.sidecarPath))
    unlink(w.folder + "/docs/ann/filler")
    #expect(!w.run("save").failed)
    #expect(FileSystem.exists(w.sidecarPath))
  }

  @Test(.enabled(if: canMount)) func aReadOnlyFileSystemIsNamedAndNothingIsLost() throws {
    let w = mounted()
    defer { unmount(w) }
    #expect(!w.run("tag 3 claim").failed)
    let before = try #require(readFileBytes(w.sidecarPath))
    // Nothing may be open for writing when a file system goes read-only.
    _ = w.session.close()
    #expect(system("mount -o remount,ro '\(w.folder)/docs/ann'") == 0)
    let (_, err, failed) = w.run("tag 4 opinion")
    #expect(failed)
    #expect(err.contains("is read-only here: cannot lock its sidecar (Read-only file system)"), "\(err)")
    #expect(readFileBytes(w.sidecarPath) == before)
    #expect(system("mount -o remount,rw '\(w.folder)/docs/ann'") == 0)
    let again = TestProject.session(folder: w.folder)
    #expect(!transcript(again, ["tag 4 opinion"]).failed)
    _ = again.close()
    #expect(try #require(readFileBytes(w.sidecarPath)) != before)
  }
}
