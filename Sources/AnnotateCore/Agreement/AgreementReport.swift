/// What `agree` measures: sentence-level (a unit has tag T or not) or span-level.
public enum AgreementUnit: String, CaseIterable, Sendable {
  case sentence, span
}

/// How `agree` prints its figures.
public enum AgreementFormat: String, CaseIterable, Sendable {
  case table, csv, json
}

/// Unit-level coefficients for one tag (or for the tag set as a whole).
public struct UnitAgreementRow: Equatable, Sendable {
  /// The tag, or nil for the row over whole tag sets.
  public var tag: String?
  /// Items with at least two values (pairable).
  public var items: Int
  public var percent: Double
  /// Cohen's κ, with exactly two annotators.
  public var cohen: Double?
  /// Fleiss' κ over the items every annotator coded, with three or more.
  public var fleiss: Double?
  public var fleissItems: Int
  public var alpha: Double
  /// α's bootstrap interval, when asked for (`agree --bootstrap N`).
  public var bootstrap: AlphaBootstrap?
}

/// `agree --bootstrap N [--seed S] [--threshold T]`.
public struct BootstrapRequest: Equatable, Sendable {
  public var resamples: Int
  public var seed: UInt64
  public var threshold: Double

  public init(
    resamples: Int, seed: UInt64 = AlphaBootstrap.defaultSeed, threshold: Double = AlphaBootstrap.defaultThreshold
  ) {
    self.resamples = resamples
    self.seed = seed
    self.threshold = threshold
  }
}

/// Two annotators' unit-level agreement over whole tag sets.
public struct PairAgreementRow: Equatable, Sendable {
  public var a: String
  public var b: String
  public var items: Int
  public var percent: Double
  public var cohen: Double
}

/// Span-level F1 for one tag, averaged over the pairs of annotators.
public struct SpanAgreementRow: Equatable, Sendable {
  /// The tag; "micro" and "macro" rows have `kind` set instead.
  public var tag: String
  public var kind: Kind
  /// Spans of this tag per annotator, in team order (empty for summary rows).
  public var counts: [Int]
  public var exactF1: Double
  public var overlapF1: Double
  /// Krippendorff's unitizing α (per tag; pooled over tags in the micro
  /// row; the mean of the tags' in the macro row).
  public var unitizingAlpha: Double

  public enum Kind: String, Sendable { case tag, micro, macro }
}

/// Two annotators' span-level match over all tags (micro).
public struct SpanPairRow: Equatable, Sendable {
  public var a: String
  public var b: String
  public var documents: Int
  public var match: SpanMatch
}

/// Everything `agree` found, ready to print as a table, CSV or JSON.
public struct AgreementReport: Equatable, Sendable {
  public var unit: AgreementUnit
  /// What the items of a unit-level report are (sentence, paragraph, line).
  public var unitKind: UnitKind
  public var annotators: [String]
  /// Open documents, and those coded by at least two of the annotators.
  public var documents: Int
  public var sharedDocuments: Int
  public var unitRows: [UnitAgreementRow] = []
  public var pairRows: [PairAgreementRow] = []
  public var spanRows: [SpanAgreementRow] = []
  public var spanPairs: [SpanPairRow] = []
  /// The continuum α_u was computed on: documents every annotator coded, end to end.
  public var unitizingDocuments = 0
  public var unitizingLength = 0
  /// Document-level variables (sentence reports), relations and attributes (span reports).
  public var variableRows: [VariableAgreementRow] = []
  public var relationRows: [RelationAgreementRow] = []
  public var attributeRows: [AttributeAgreementRow] = []
  /// The bootstrap the unit rows' intervals come from, when asked for.
  public var bootstrap: BootstrapRequest?
}

extension AgreementReport {
  /// Computes the report. `tag` restricts it to one tag.
  public static func make(
    team: Team, unit: AgreementUnit, unitKind: UnitKind, codebook: Codebook, tag: String? = nil,
    bootstrap: BootstrapRequest? = nil, progress: ((Int, Int) -> Void)? = nil
  ) -> AgreementReport {
    let tags = tag.map { [$0] } ?? team.tags(codebook: codebook)
    var report = AgreementReport(
      unit: unit, unitKind: unitKind, annotators: team.annotators, documents: team.corpus.count,
      sharedDocuments: team.sharedDocuments.count)
    report.bootstrap = unit == .sentence ? bootstrap : nil
    guard team.annotators.count >= 2 else { return report }
    switch unit {
    case .sentence:
      report.fillUnitRows(team: team, tags: tags, wholeSets: tag == nil, progress: progress)
      if tag == nil { report.fillVariableRows(team: team, codebook: codebook) }
    case .span:
      report.fillSpanRows(team: team, tags: tags)
      if tag == nil {
        report.fillRelationRows(team: team, codebook: codebook)
        report.fillAttributeRows(team: team, codebook: codebook)
      }
    }
    return report
  }

  private mutating func fillUnitRows(
    team: Team, tags: [String], wholeSets: Bool, progress: ((Int, Int) -> Void)?
  ) {
    var data = UnitReliability(tags: tags, coders: team.annotators.count, kind: unitKind, wholeSets: wholeSets)
    data.add(team.corpus.documents, team.sets)
    (unitRows, pairRows) = data.rows(annotators: annotators, bootstrap: bootstrap, progress: progress)
  }

  static func unitRow(
    _ tag: String?, _ data: ReliabilityData, bootstrap: BootstrapRequest? = nil, progress: ((Int, Int) -> Void)? = nil
  ) -> UnitAgreementRow {
    let (percent, items) = Agreement.percentAgreement(data)
    let fleiss = data.coders >= 3 ? Agreement.fleissKappa(data) : nil
    return UnitAgreementRow(
      tag: tag, items: items, percent: percent,
      cohen: data.coders == 2 ? Agreement.cohenKappa(data, 0, 1).value : nil,
      fleiss: fleiss?.value, fleissItems: fleiss?.items ?? 0, alpha: Agreement.krippendorffAlpha(data),
      bootstrap: bootstrap.flatMap {
        Agreement.bootstrapAlpha(
          data, resamples: $0.resamples, seed: $0.seed, threshold: $0.threshold, progress: progress)
      })
  }

  /// Two coders' columns of a matrix.
  static func pairData(_ data: ReliabilityData, _ a: Int, _ b: Int) -> ReliabilityData {
    var values: [Int32] = []
    values.reserveCapacity(data.items * 2)
    for item in 0..<data.items {
      values.append(data[item, a])
      values.append(data[item, b])
    }
    return ReliabilityData(coders: 2, categories: data.categories, values: values)
  }

  private mutating func fillSpanRows(team: Team, tags: [String]) {
    let m = team.annotators.count
    let wanted = Set(tags)
    // Only documents every annotator coded, for the counts and every pair's
    // F1 alike: a document one of them never opened is missing, not a
    // document with no spans.
    let coded = team.codedByAll
    let shared = coded.lazy.filter { $0 }.count
    // Each annotator's on a core of their own.
    let sets = team.sets
    let spans = Parallel.map(Array(0..<m)) { Team.labelledSpans(sets, $0, tags: wanted, documents: coded) }
    var perTag: [String: [SpanMatch]] = [:]
    var micro: [SpanMatch] = []
    for a in 0..<m {
      for b in (a + 1)..<m {
        let matches = Agreement.matchSpans(spans[a], spans[b])
        var total = SpanMatch()
        for tag in tags {
          let match = matches[tag] ?? SpanMatch()
          perTag[tag, default: []].append(match)
          total = total + match
        }
        micro.append(total)
        spanPairs.append(SpanPairRow(a: annotators[a], b: annotators[b], documents: shared, match: total))
      }
    }
    let unitizing = unitizingFigures(team: team, tags: tags)
    for (t, tag) in tags.enumerated() {
      let counts = spans.map { list in list.lazy.filter { $0.tag == tag }.count }
      let pairs = perTag[tag] ?? []
      spanRows.append(
        SpanAgreementRow(
          tag: tag, kind: .tag, counts: counts, exactF1: Self.mean(pairs.map(\.exactF1)),
          overlapF1: Self.mean(pairs.map(\.overlapF1)), unitizingAlpha: unitizing?.categories[t].alpha ?? .nan))
    }
    spanRows.append(
      SpanAgreementRow(
        tag: "micro", kind: .micro, counts: [], exactF1: Self.mean(micro.map(\.exactF1)),
        overlapF1: Self.mean(micro.map(\.overlapF1)), unitizingAlpha: unitizing?.alpha ?? .nan))
    let tagRows = spanRows.filter { $0.kind == .tag }
    spanRows.append(
      SpanAgreementRow(
        tag: "macro", kind: .macro, counts: [], exactF1: Self.mean(tagRows.map(\.exactF1)),
        overlapF1: Self.mean(tagRows.map(\.overlapF1)), unitizingAlpha: Self.mean(tagRows.map(\.unitizingAlpha))))
  }

  /// α_u on one continuum: the documents every annotator coded, end to end
  /// (α_u has no notion of missing data, so a document one of them never
  /// coded is left out rather than counted as unmarked).
  private mutating func unitizingFigures(team: Team, tags: [String]) -> (
    categories: [UnitizingFigures], alpha: Double
  )? {
    let m = team.annotators.count
    // Each document's place on the continuum, then its spans put there a
    // block of documents at a time on every core, the blocks joined in order.
    let included = team.sets.indices.filter { team.sets[$0].allSatisfy { $0 != nil } }
    var length = 0
    let bases = included.map { d in
      defer { length += team.corpus.documents[d].text.scalarCount }
      return length
    }
    unitizingDocuments = included.count
    unitizingLength = length
    guard length > 0 else { return nil }
    let (sets, index) = (team.sets, Dictionary(uniqueKeysWithValues: tags.enumerated().map { ($1, $0) }))
    let none = [[[TextRange]]](repeating: [[TextRange]](repeating: [], count: m), count: tags.count)
    let parts = Parallel.map(Parallel.blocks(included.count, of: 256)) { block in
      var units = none
      var indexer = TagIndexer(index)
      for k in block {
        for (j, set) in sets[included[k]].enumerated() {
          set!.annotations.forEachInPlace { a in
            guard !a.pointee.orphaned else { return }
            for t in indexer.indices(a.pointee.tags) {
              units[t][j].append(
                TextRange(start: bases[k] + a.pointee.range.start, end: bases[k] + a.pointee.range.end))
            }
          }
        }
      }
      return units
    }
    var units = none
    for t in tags.indices {
      for j in 0..<m { units[t][j] = parts.flatMap { $0[t][j] } }
    }
    return Agreement.unitizingAlpha(UnitizingData(length: length, raters: m, units: units))
  }

  /// The mean of the defined values; nan when none is.
  static func mean(_ values: [Double]) -> Double {
    let defined = values.filter { !$0.isNaN }
    return defined.isEmpty ? .nan : defined.reduce(0, +) / Double(defined.count)
  }
}

/// A team's sentence-level reliability data (a unit has tag T or not, per
/// annotator; and each unit's whole tag set), gathered a document at a
/// time, so that an export can compute agreement as it streams.
struct UnitReliability {
  let tags: [String]
  let coders: Int
  let kind: UnitKind
  let wholeSets: Bool
  let tagIndex: [String: Int]
  private var perTag: [ReliabilityData]
  private var setValues: [Int32] = []
  /// Categories of whole tag sets: how many, and by the set.
  private var categories = 0
  private var noTagCategory: Int32?
  private var oneTagCategory: [Int32?]
  /// Sets of two or more tags, by their bits (one word when tags are few).
  private var wordCategories: [UInt64: Int32] = [:]
  private var setCategories: [[UInt64]: Int32] = [:]

  init(tags: [String], coders: Int, kind: UnitKind, wholeSets: Bool) {
    self.tags = tags
    self.coders = coders
    self.kind = kind
    self.wholeSets = wholeSets
    tagIndex = Dictionary(uniqueKeysWithValues: tags.enumerated().map { ($1, $0) })
    perTag = [ReliabilityData](repeating: ReliabilityData(coders: max(1, coders), categories: 2), count: tags.count)
    oneTagCategory = [Int32?](repeating: nil, count: tags.count)
  }

  /// Documents, each with each annotator's set in team order (nil: not
  /// coded). Each block of documents is worked out on a core of its own —
  /// which tags touch each unit, and each tag's values — and joined here in
  /// order, where whole tag sets are numbered as first seen.
  mutating func add(_ documents: [Document], _ rows: [[AnnotationSet?]]) {
    struct Coded: Sendable {
      var units: [TextRange]
      var row: [AnnotationSet?]
    }
    struct Done: Sendable {
      var perTag: [ReliabilityData]
      var documents: [(bits: [UnitTagBits?], units: Int)]
    }
    var blocks = Parallel.blocks(documents.count, of: 256).map { block in
      block.compactMap { d in
        rows[d].contains { $0 != nil } ? Coded(units: documents[d].units(kind), row: rows[d]) : nil
      }
    }
    let (tagIndex, empty) = (tagIndex, perTag.map { ReliabilityData(coders: $0.coders, categories: $0.categories) })
    let done = Parallel.map(taking: &blocks) { block in
      var perTag = empty
      let documents = block.map { coded in
        let bits = coded.row.map { set in set.map { UnitTagBits($0, units: coded.units, tags: tagIndex) } }
        Self.addValues(bits, units: coded.units.count, to: &perTag)
        return (bits, coded.units.count)
      }
      return Done(perTag: perTag, documents: documents)
    }
    for block in done {
      for t in perTag.indices { perTag[t].append(contentsOf: block.perTag[t]) }
      for (bits, count) in block.documents { addSets(bits, units: count) }
    }
  }

  /// One document given as each annotator's tags per unit (nil: not coded).
  mutating func add(_ units: [UnitTagBits?], units count: Int) {
    guard units.contains(where: { $0 != nil }) else { return }
    Self.addValues(units, units: count, to: &perTag)
    addSets(units, units: count)
  }

  /// Each tag's values of a document's units, a coder at a time straight
  /// from the bits (a coder who did not code the document stays missing).
  private static func addValues(_ units: [UnitTagBits?], units count: Int, to perTag: inout [ReliabilityData]) {
    for t in perTag.indices {
      let m = perTag[t].coders
      perTag[t].appendItems(count) { items in
        for (j, coded) in units.enumerated() {
          guard let coded else { continue }
          let shift = UInt64(t & 63)
          coded.bits.withUnsafeBufferPointer { bits in
            var word = t >> 6
            for u in 0..<count {
              items[u * m + j] = Int32(truncatingIfNeeded: bits[word] >> shift & 1)
              word += coded.words
            }
          }
        }
      }
    }
  }

  /// Each unit's whole tag set per coder, numbered as first seen unit after unit.
  private mutating func addSets(_ units: [UnitTagBits?], units count: Int) {
    guard wholeSets, units.contains(where: { $0 != nil }) else { return }
    let m = coders
    let start = setValues.count
    setValues.append(contentsOf: repeatElement(ReliabilityData.missing, count: count * m))
    // The coders' bits side by side in one array, read in place: a coder's
    // bits taken out of their optional, or a unit's slice of them, was a
    // copy for every unit.
    var all: [UInt64] = []
    var offsets = [Int](repeating: -1, count: m)
    var widths = [Int](repeating: 0, count: m)
    for j in 0..<m {
      guard let coded = units[j] else { continue }
      offsets[j] = all.count
      widths[j] = coded.words
      all.append(contentsOf: coded.bits)
    }
    all.withUnsafeBufferPointer { all in
      for u in 0..<count {
        for j in 0..<m where offsets[j] >= 0 {
          let from = offsets[j] + u * widths[j]
          setValues[start + u * m + j] = category(UnsafeBufferPointer(rebasing: all[from..<(from + widths[j])]))
        }
      }
    }
  }

  /// The category of a unit's tag set (its bits), numbered as first seen.
  /// No tag and one tag (most units) are looked up by index, a set of more
  /// by its bits.
  private mutating func category(_ words: UnsafeBufferPointer<UInt64>) -> Int32 {
    var ones = 0
    for word in words { ones += word.nonzeroBitCount }
    switch ones {
    case 0:
      if let known = noTagCategory { return known }
      noTagCategory = newCategory()
      return noTagCategory!
    case 1:
      let w = words.firstIndex { $0 != 0 }!
      let t = w * 64 + words[w].trailingZeroBitCount
      if let known = oneTagCategory[t] { return known }
      let new = newCategory()
      oneTagCategory[t] = new
      return new
    case _ where words.count == 1:
      if let known = wordCategories[words[0]] { return known }
      let new = newCategory()
      wordCategories[words[0]] = new
      return new
    default:
      if let known = setCategories[Array(words)] { return known }
      let new = newCategory()
      setCategories[Array(words)] = new
      return new
    }
  }

  private mutating func newCategory() -> Int32 {
    categories += 1
    return Int32(categories - 1)
  }

  /// The figures per tag (and over whole sets), and per pair with three or more annotators.
  func rows(
    annotators: [String], bootstrap: BootstrapRequest?, progress: ((Int, Int) -> Void)? = nil
  ) -> ([UnitAgreementRow], [PairAgreementRow]) {
    let m = coders
    // Progress over every row's resamples together.
    let count = perTag.count + (wholeSets ? 1 : 0)
    let each = bootstrap?.resamples ?? 0
    func part(_ row: Int) -> ((Int, Int) -> Void)? {
      progress.map { progress in { done, _ in progress(row * each + done, count * each) } }
    }
    let whole = wholeSets ? ReliabilityData(coders: m, categories: max(1, categories), values: setValues) : nil
    var data: [(tag: String?, data: ReliabilityData)] = perTag.indices.map { (tags[$0], perTag[$0]) }
    if let whole { data.append((nil, whole)) }
    let unitRows: [UnitAgreementRow]
    if bootstrap == nil {
      // Each row on a core of its own (a bootstrap spreads its resamples instead).
      unitRows = Parallel.map(data) { AgreementReport.unitRow($0.tag, $0.data) }
    } else {
      unitRows = data.enumerated().map {
        AgreementReport.unitRow($1.tag, $1.data, bootstrap: bootstrap, progress: part($0))
      }
    }
    guard let whole else { return (unitRows, []) }
    var pairRows: [PairAgreementRow] = []
    if m >= 3 {
      for a in 0..<m {
        for b in (a + 1)..<m {
          let (kappa, items) = Agreement.cohenKappa(whole, a, b)
          let pair = AgreementReport.pairData(whole, a, b)
          pairRows.append(
            PairAgreementRow(
              a: annotators[a], b: annotators[b], items: items, percent: Agreement.percentAgreement(pair).value,
              cohen: kappa))
        }
      }
    }
    return (unitRows, pairRows)
  }
}
