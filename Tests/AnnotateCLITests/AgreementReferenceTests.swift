import AnnotateCore
import FoundationEssentials
import Glibc
import Testing

/// annotate's coefficients against the reference implementations researchers
/// use: the `krippendorff` package and scikit-learn's `cohen_kappa_score`.
@Suite(.timeLimit(.minutes(10))) struct AgreementReferenceTests {
  struct Reference: Decodable {
    struct Pair: Decodable {
      var a: Int
      var b: Int
      var items: Int
      var kappa: Double
    }
    var alpha: Double
    var pairs: [Pair]
  }

  /// A random matrix: `agreement` pulls coders towards a shared value.
  static func generated(items: Int, coders: Int, categories: Int, missing: Int, seed: UInt64) -> ReliabilityData {
    var rng = SplitMix64(state: seed)
    var data = ReliabilityData(coders: coders, categories: categories)
    for _ in 0..<items {
      let truth = Int32(rng.below(categories))
      data.append(
        (0..<coders).map { _ in
          if rng.below(100) < missing { return ReliabilityData.missing }
          return rng.below(100) < 70 ? truth : Int32(rng.below(categories))
        })
    }
    return data
  }

  /// The matrix as the Python references read it: an item per line, a
  /// value per coder, an empty field for a missing value.
  static func writeMatrix(_ data: ReliabilityData, to path: String) {
    var text = ""
    for item in 0..<data.items {
      text += (0..<data.coders).map { data[item, $0] < 0 ? "" : String(data[item, $0]) }.joined(separator: ",") + "\n"
    }
    writeFile(path, text)
  }

  @Test(arguments: [
    (200, 3, 2, 20, UInt64(1)), (500, 4, 5, 30, 2), (1000, 2, 3, 10, 3), (50, 6, 4, 50, 4), (300, 2, 2, 0, 5),
  ])
  func matchesKrippendorffAndScikitLearn(items: Int, coders: Int, categories: Int, missing: Int, seed: UInt64) throws {
    let data = Self.generated(items: items, coders: coders, categories: categories, missing: missing, seed: seed)
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    Self.writeMatrix(data, to: folder + "/matrix.csv")
    let run = runProgram("python3", [repositoryRoot + "/Tests/clients/agreement_reference.py", folder + "/matrix.csv"])
    try #require(run.status == 0, "\(run.stderr)")
    let reference = try JSONDecoder().decode(Reference.self, from: Data(run.stdout.utf8))
    let alpha = Agreement.krippendorffAlpha(data)
    #expect(abs(alpha - reference.alpha) < 1e-9, "α \(alpha) vs krippendorff \(reference.alpha)")
    for pair in reference.pairs {
      let (kappa, n) = Agreement.cohenKappa(data, pair.a, pair.b)
      #expect(n == pair.items)
      #expect(abs(kappa - pair.kappa) < 1e-9, "κ(\(pair.a),\(pair.b)) \(kappa) vs scikit-learn \(pair.kappa)")
    }
  }

  struct BootstrapReference: Decodable {
    var alpha: Double?
    var items: Int
    var resamples: Int
    var low: Double?
    var high: Double?
    var p_below: Double?
  }

  /// The bootstrap interval of α against `bootstrap_reference.py`, which
  /// draws the same units (the documented SplitMix64 contract) but computes
  /// α on each resample with the `krippendorff` package.
  @Test(arguments: [(200, 3, 2, 20, UInt64(11), 0.667), (300, 2, 3, 10, 12, 0.8), (120, 4, 2, 40, 13, 0.5)])
  func bootstrapMatchesAnIndependentAlpha(
    items: Int, coders: Int, categories: Int, missing: Int, seed: UInt64, threshold: Double
  ) throws {
    let data = Self.generated(items: items, coders: coders, categories: categories, missing: missing, seed: seed)
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    Self.writeMatrix(data, to: folder + "/matrix.csv")
    let resamples = 400
    let run = runProgram(
      "python3",
      [
        repositoryRoot + "/Tests/clients/bootstrap_reference.py", folder + "/matrix.csv", String(resamples),
        String(seed), String(threshold),
      ])
    try #require(run.status == 0, "\(run.stderr)")
    let reference = try JSONDecoder().decode(BootstrapReference.self, from: Data(run.stdout.utf8))
    let ours = try #require(
      Agreement.bootstrapAlpha(data, resamples: resamples, seed: seed, threshold: threshold))
    #expect(ours.defined == reference.resamples)
    #expect(abs(ours.low - (reference.low ?? .nan)) < 1e-9, "low \(ours.low) vs \(String(describing: reference.low))")
    #expect(
      abs(ours.high - (reference.high ?? .nan)) < 1e-9, "high \(ours.high) vs \(String(describing: reference.high))")
    #expect(abs(ours.pBelow - (reference.p_below ?? .nan)) < 1e-12)
    let alpha = Agreement.krippendorffAlpha(data)
    #expect(abs(alpha - (reference.alpha ?? .nan)) < 1e-9)
    #expect(ours.low <= alpha && alpha <= ours.high)
  }

  struct FromExport: Decodable {
    struct Figures: Decodable {
      var alpha: Double
      var cohen: Double?
    }
    var annotators: [String]
    var tags: [String: Figures]
  }

  struct AgreeJSON: Decodable {
    struct Row: Decodable {
      var tag: String?
      var cohen_kappa: Double?
      var krippendorff_alpha: Double?
    }
    var annotators: [String]
    var tags: [Row]
  }

  /// Whole path: sidecars written by sessions, `annotate agree` from the
  /// binary, against figures a Python script rebuilds from `annotate export`
  /// and `annotate segment` on its own.
  @Test(arguments: [2, 3])
  func agreeMatchesFiguresRebuiltFromTheExport(annotators: Int) throws {
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    _ = system("mkdir -p '\(folder)/docs' && cp '\(repositoryRoot)/seeds/000_9c83e067df388347.txt' '\(folder)/docs/'")
    writeFile(
      folder + "/docs/b.txt",
      "Officials said talks would resume. Critics called it a façade 👍🏽. Nobody knew why.\r\n\r\nA second paragraph. It ends here.\n"
    )
    var rng = SplitMix64(state: UInt64(annotators) * 77)
    let names = ["ann", "ben", "cat"].prefix(annotators)
    for (j, name) in names.enumerated() {
      let session = Session(options: SessionOptions(annotator: name, annotationsPath: folder + "/docs/ann"))
      session.open([folder + "/docs"])
      for (d, document) in session.corpus.documents.enumerated() {
        // The third annotator never codes the second document: missing data.
        if j == 2 && d == 1 { continue }
        _ = session.run(["doc", String(d + 1)])
        let count = session.units(of: document).count
        for n in 1...count where rng.below(100) < 45 {
          let tags = ["claim", "opinion", "source"].filter { _ in rng.below(100) < 40 }
          _ = session.run(["tag", String(n)] + (tags.isEmpty ? ["claim"] : tags))
        }
        _ = session.run(["tag", "1", "source"])  // every coded document has a row
      }
      _ = session.close()
    }
    let agree = runAnnotate(["agree", "--format", "json", "--annotations", folder + "/docs/ann", folder + "/docs"])
    try #require(agree.status == 0, "\(agree.stderr)")
    let export = runAnnotate([
      "export", "--annotations", folder + "/docs/ann", "--out", folder + "/e.csv", folder + "/docs",
    ])
    try #require(export.status == 0, "\(export.stderr)")
    let segment = runAnnotate(["segment", "--format", "jsonl", folder + "/docs"])
    writeFile(folder + "/units.jsonl", segment.stdout)
    let python = runProgram(
      "python3",
      [
        repositoryRoot + "/Tests/clients/agreement_from_export.py", folder + "/e.csv", folder + "/units.jsonl",
        "claim,opinion,source",
      ])
    try #require(python.status == 0, "\(python.stderr)")
    let ours = try JSONDecoder().decode(AgreeJSON.self, from: Data(agree.stdout.utf8))
    let theirs = try JSONDecoder().decode(FromExport.self, from: Data(python.stdout.utf8))
    #expect(ours.annotators == theirs.annotators)
    for tag in ["claim", "opinion", "source"] {
      let row = try #require(ours.tags.first { $0.tag == tag })
      let expected = try #require(theirs.tags[tag])
      #expect(abs((row.krippendorff_alpha ?? .nan) - expected.alpha) < 1e-9, "\(tag) α")
      if let cohen = expected.cohen {
        #expect(abs((row.cohen_kappa ?? .nan) - cohen) < 1e-9, "\(tag) κ")
      }
    }
  }

  struct Formula: Decodable {
    var kappa: Double?
    var items: Int?
  }

  /// Fleiss' κ on a reliability matrix with missing values, against a
  /// Python script written from Fleiss (1971) on its own.
  @Test(arguments: [(200, 3, 2, 20, UInt64(11)), (400, 5, 4, 10, 12), (60, 4, 3, 0, 13)])
  func fleissKappaMatchesFleiss1971(items: Int, coders: Int, categories: Int, missing: Int, seed: UInt64) throws {
    let data = Self.generated(items: items, coders: coders, categories: categories, missing: missing, seed: seed)
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    Self.writeMatrix(data, to: folder + "/matrix.csv")
    let run = runProgram(
      "python3", [repositoryRoot + "/Tests/clients/agreement_formulas.py", "fleiss", folder + "/matrix.csv"])
    try #require(run.status == 0, "\(run.stderr)")
    let reference = try JSONDecoder().decode(Formula.self, from: Data(run.stdout.utf8))
    let (kappa, n) = Agreement.fleissKappa(data)
    #expect(n == reference.items)
    let expected = try #require(reference.kappa)
    #expect(abs(kappa - expected) < 1e-9, "Fleiss κ \(kappa) vs the 1971 formula \(expected)")
  }

  struct UnitizingReference: Decodable {
    struct Category: Decodable {
      var observed: Double
      var expected: Double
      var alpha: Double?
    }
    var categories: [Category]
    var alpha: Double?
  }

  /// Krippendorff's unitizing α_u with three and four raters, against a
  /// Python script written from Krippendorff (2004) on its own.
  @Test(arguments: [(3, UInt64(21)), (4, 22), (3, 23)])
  func unitizingAlphaMatchesKrippendorff2004WithThreeOrMoreRaters(raters: Int, seed: UInt64) throws {
    var rng = SplitMix64(state: seed)
    let length = 400
    // Two categories; each rater marks roughly the same stretches, give or take.
    let shared = (0..<8).map { _ in (start: rng.below(360), length: 4 + rng.below(30)) }
    let units: [[[TextRange]]] = (0..<2).map { category in
      (0..<raters).map { _ in
        shared.enumerated().compactMap { k, unit -> TextRange? in
          guard k % 2 == category, rng.below(100) < 80 else { return nil }
          let start = max(0, unit.start + rng.below(7) - 3)
          return TextRange(start: start, end: min(length, start + unit.length + rng.below(5)))
        }
      }
    }
    let folder = makeTemporaryFolder()
    defer { removeTree(folder) }
    let json = units.map { perRater in
      "["
        + perRater.map { "[" + $0.map { "[\($0.start),\($0.end)]" }.joined(separator: ",") + "]" }.joined(
          separator: ",") + "]"
    }
    writeFile(
      folder + "/units.json",
      "{\"length\": \(length), \"raters\": \(raters), \"units\": [\(json.joined(separator: ","))]}")
    let run = runProgram(
      "python3", [repositoryRoot + "/Tests/clients/agreement_formulas.py", "unitizing", folder + "/units.json"])
    try #require(run.status == 0, "\(run.stderr)")
    let reference = try JSONDecoder().decode(UnitizingReference.self, from: Data(run.stdout.utf8))
    let ours = Agreement.unitizingAlpha(UnitizingData(length: length, raters: raters, units: units))
    for (figures, expected) in zip(ours.categories, reference.categories) {
      #expect(abs(figures.observed - expected.observed) < 1e-12, "D_o")
      #expect(abs(figures.expected - expected.expected) < 1e-12, "D_e")
    }
    #expect(abs(ours.alpha - (reference.alpha ?? .nan)) < 1e-9, "α_u \(ours.alpha) vs \(reference.alpha ?? .nan)")
  }
}
