import AnnotateCore
import ArgumentParser

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `annotate assign`: deals the documents out to a team, with an overlap
/// sample coded twice for reliability, into `assignments.json`.
struct AssignCLI: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "assign",
    abstract: "Deal the documents out to coders, with an overlap sample coded by two.",
    discussion: """
      Writes assignments.json in the annotations folder (commit it with the corpus): every document to one coder, \
      and a share of them (--overlap) to two, chosen by --seed so the same seed deals the same way. todo and the \
      coding mode follow your assignment; annotators shows progress against it; agree reports on the overlap sample.
      """
  )

  @Option(help: "The coders, separated by commas: alice,bob,carol.")
  var annotators: String

  @Option(help: "The share of documents coded by two: 20% or 0.2 (default 20%).")
  var overlap: String = "20%"

  @Option(help: "The seed of the deal (default: a new one, written in the file).")
  var seed: UInt64?

  @Flag(help: "Deal again over an existing assignments file.")
  var replace = false

  @OptionGroup var workspace: WorkspaceOptions

  @Argument(help: "Documents (files or folders; default ./seeds).")
  var paths: [String] = []

  func run() throws {
    let errors = Renderer(color: Terminal.stderrIsTerminal)
    func refuse(_ error: AssignmentError, _ status: Int32) -> ExitCode {
      Terminal.writeError(errors.render(error: error.message))
      return ExitCode(status)
    }
    let names = annotators.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    guard !names.isEmpty else { throw refuse(.noAnnotators, 2) }
    if let bad = names.first(where: { !isValidAnnotatorName($0) }) { throw refuse(.annotatorName(bad), 2) }
    guard let share = Self.share(overlap) else { throw refuse(.badOverlap(overlap), 2) }
    let workspace = try self.workspace.open(paths)
    guard !workspace.corpus.isEmpty else { throw refuse(.noDocuments, 1) }
    var random = SystemRandomNumberGenerator()
    let seed = self.seed ?? random.next() % 1_000_000
    let deal = Assignments.deal(
      ids: workspace.corpus.documents.map(\.id), annotators: uniqueInOrder(names), overlap: share, seed: seed)
    do {
      let path = try deal.save(folder: workspace.folder, replacing: replace)
      let counts = deal.annotators.map { name in "\(name) \(deal.documents(of: name).count)" }
      Terminal.write(
        "assigned \(plural(deal.order.count, "document")): \(deal.overlapSample.count) to two coders (seed \(seed)); "
          + counts.joined(separator: ", ") + "\nwrote \(TerminalSafe.escape(path))\n")
    } catch {
      throw refuse(error, 1)
    }
  }

  /// `20%` or `0.2` as a share from 0 to 1.
  static func share(_ text: String) -> Double? {
    let percent = text.hasSuffix("%")
    guard let value = Double(percent ? String(text.dropLast()) : text) else { return nil }
    let share = percent ? value / 100 : value
    return share >= 0 && share <= 1 ? share : nil
  }
}

/// Names in order, each once.
private func uniqueInOrder(_ names: [String]) -> [String] {
  var seen = Set<String>()
  return names.filter { seen.insert($0).inserted }
}

extension String {
  fileprivate var trimmingSpaces: String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}
