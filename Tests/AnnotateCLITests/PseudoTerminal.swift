import Glibc
import PTY

extension PseudoTerminal {
  /// The real binary on a pseudo-terminal: what libedit sees from a person
  /// typing. It runs in `folder`, which gets a `seeds` link: never in the
  /// repository, whose own Annotations/ no test reads or writes.
  convenience init(
    _ arguments: [String], env changes: [String: String?], in folder: String, rows: UInt16 = 40,
    columns: UInt16 = 100
  ) {
    symlink(repositoryRoot + "/seeds", folder + "/seeds")
    var env: [String: String?] = ["USER": "tester", "ANNOTATE_ANNOTATOR": nil]
    env.merge(changes) { _, given in given }
    self.init(
      program: annotateBinary, arguments: arguments, environment: PseudoTerminal.environment(env), rows: rows,
      columns: columns, directory: folder, spawning: lockedSpawn)
  }
}
