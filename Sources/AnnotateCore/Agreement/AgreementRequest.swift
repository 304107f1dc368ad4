/// What `agree` was asked for, in the shell and on the command line.
public struct AgreeOptions: Sendable {
  public var unit = AgreementUnit.sentence
  public var format = AgreementFormat.table
  /// Only this tag: a codebook name, unique prefix or key, as typed.
  public var tag: String?
  /// Only these annotators (everyone but gold when empty).
  public var annotators: [String] = []
  /// Every document, not only the assignments' overlap sample.
  public var allDocuments = false
  /// Bootstrap intervals for α (sentence-level reports).
  public var bootstrap: BootstrapRequest?
  /// `--confusion A B`: the tag confusion matrix of two annotators instead of the report.
  public var confusion: [String]?

  public init() {}
}

/// Why agreement could not be computed as asked.
public enum AgreementError: Error, Equatable, Sendable {
  /// Annotators named who have no annotations of the open documents.
  case noAnnotations([String])
  case tag(TagLookupError)
  /// `--bootstrap`, `--seed` or `--threshold` with a value they do not take.
  case bootstrapOption(option: String, value: String, valid: String)
  case bootstrapNeedsSentenceLevel
  /// `--seed` or `--threshold` without `--bootstrap N`.
  case bootstrapMissing
  /// `--confusion` without two different annotators.
  case confusionNeedsTwo([String])
}

extension AgreeOptions {
  /// Sets the bootstrap from `--bootstrap N`, `--seed S` and `--threshold T`
  /// as typed (seed and threshold alone change nothing without N).
  public mutating func setBootstrap(resamples: String?, seed: String?, threshold: String?) throws(AgreementError) {
    guard let resamples else {
      if seed != nil || threshold != nil {
        throw .bootstrapMissing
      }
      return
    }
    guard let n = Int(resamples), (1...1_000_000).contains(n) else {
      throw .bootstrapOption(option: "--bootstrap", value: resamples, valid: "a whole number from 1 to 1000000")
    }
    var request = BootstrapRequest(resamples: n)
    if let seed {
      guard let value = UInt64(seed) else {
        throw .bootstrapOption(option: "--seed", value: seed, valid: "a whole number from 0 to 18446744073709551615")
      }
      request.seed = value
    }
    if let threshold {
      guard let value = Double(threshold), value.isFinite, value > -1, value <= 1 else {
        throw .bootstrapOption(
          option: "--threshold", value: threshold, valid: "an α above -1 and at most 1, such as 0.667 or 0.8")
      }
      request.threshold = value
    }
    guard unit == .sentence else { throw .bootstrapNeedsSentenceLevel }
    bootstrap = request
  }
}

extension Workspace {
  /// The agreement figures `agree` reports, and the sidecars that could not
  /// be read. Documents must be segmented into `unitKind` units (callers do
  /// it on every core first).
  public func agreement(
    _ options: AgreeOptions, unitKind: UnitKind, progress: ((Int, Int) -> Void)? = nil
  ) throws(AgreementError) -> (
    report: AgreementReport, problems: [StoreProblem], sample: Int?
  ) {
    var tag: String?
    if let word = options.tag {
      switch codebook.resolve(word) {
      case .success(let found): tag = found.name
      case .failure(let error): throw .tag(error)
      }
    }
    var team = Team.load(self, only: options.annotators)
    try team.expect(options.annotators)
    // With assignments, agreement is what the overlap sample was dealt for.
    var sample: Int?
    if !options.allDocuments, let assignments = try? assignments(), !assignments.overlapSample.isEmpty {
      let ids = assignments.overlapSample
      let rows = team.sets.enumerated().map { d, row in
        ids.contains(corpus.documents[d].id) ? row : row.map { _ in AnnotationSet?.none }
      }
      team = Team(corpus: corpus, annotators: team.annotators, sets: rows, problems: team.problems)
      sample = corpus.documents.filter { ids.contains($0.id) }.count
    }
    let report = AgreementReport.make(
      team: team, unit: options.unit, unitKind: unitKind, codebook: codebook, tag: tag, bootstrap: options.bootstrap,
      progress: progress)
    return (report, team.problems, sample)
  }
}

extension Workspace {
  /// The tag confusion matrix of the two annotators `options.confusion` names.
  public func confusion(_ options: AgreeOptions) throws(AgreementError) -> (TagConfusion, [StoreProblem]) {
    let names = options.confusion ?? []
    guard names.count == 2, names[0] != names[1] else { throw .confusionNeedsTwo(names) }
    let team = Team.load(self, only: names)
    try team.expect(names)
    let a = team.annotators.firstIndex(of: names[0])!
    let b = team.annotators.firstIndex(of: names[1])!
    return (TagConfusion.make(team: team, a: a, b: b, codebook: codebook), team.problems)
  }
}

extension Team {
  /// Refuses named annotators who have no sidecar for the open documents.
  public func expect(_ named: [String]) throws(AgreementError) {
    let missing = named.filter { !annotators.contains($0) }
    guard missing.isEmpty else { throw .noAnnotations(missing) }
  }
}

extension AgreementReport {
  /// The report in a machine format.
  public func text(_ format: AgreementFormat) -> String {
    switch format {
    case .csv: return csv()
    case .json: return json()
    case .table: return tableText()
    }
  }

  /// The table as plain text, for a file.
  public func tableText() -> String {
    Renderer(color: false).render(CommandOutput(lines()))
  }
}
