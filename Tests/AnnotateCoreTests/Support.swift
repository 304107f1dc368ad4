import Glibc

@testable import AnnotateCore

/// The repository root, found from this file's path.
let repositoryRoot: String = {
  var path = #filePath
  for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
  return path
}()

let seedPath = repositoryRoot + "/seeds/000_9c83e067df388347.txt"

func readFileBytes(_ path: String) -> [UInt8]? {
  if case .success(let bytes) = Corpus.readFile(path) { return bytes }
  return nil
}

/// A fresh temporary folder, removed by the caller with `removeTree`.
func makeTemporaryFolder() -> String {
  var template = Array("/tmp/annotate-test-XXXXXX".utf8CString)
  let path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
  return path
}

func writeFile(_ path: String, _ bytes: [UInt8]) {
  let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  precondition(fd >= 0, "cannot write \(path)")
  _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
  close(fd)
}

func writeFile(_ path: String, _ text: String) { writeFile(path, Array(text.utf8)) }

func removeTree(_ path: String) {
  precondition(path.hasPrefix("/tmp/"))
  sh("rm -rf '\(path)'")
}

/// Runs a shell command for test set-up (mkdir, touch).
func sh(_ command: String) {
  let status = system(command)
  precondition(status == 0, "set-up command failed: \(command)")
}

extension DocumentAnnotations {
  /// Why the annotations are read-only, in the words the shell shows.
  var readOnlyReason: String? { readOnly?.reason }
  /// The notices waiting to be shown, as the shell joins them.
  var pendingNotice: String? { pendingNotices.isEmpty ? nil : pendingNotices.map(\.message).joined(separator: "; ") }
}
