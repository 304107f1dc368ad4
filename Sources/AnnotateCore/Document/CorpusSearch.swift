/// One unit where a regular expression matched, with the matches listed
/// under it: code point ranges in the document, in order.
public struct SearchHit: Equatable, Sendable {
  /// The document's place in the corpus.
  public let document: Int
  /// The unit's index (its number is one more).
  public let unit: Int
  public var matches: [TextRange]
}

/// What `Corpus.search` found: the first units with a match (up to the
/// limit asked for), whether they are all of them, and how many matches
/// there are in all and in how many documents.
public struct SearchResult: Equatable, Sendable {
  public var hits: [SearchHit] = []
  /// Whether `hits` lists every unit with a match (none was left out for
  /// the limit).
  public var complete = true
  /// Every match in the corpus, listed or not, as Python's `re.finditer`
  /// over each whole text counts them (one in the white space between
  /// units too, which no unit lists).
  public var matchCount = 0
  /// Documents with at least one match.
  public var documentCount = 0
}

/// Why a search stopped.
public struct SearchError: Error, Equatable, Sendable {
  public let documentID: String
  public let reason: RegexPattern.MatchError
}

extension Corpus {
  /// Runs `pattern` over each document's text once, as Python's
  /// `re.finditer` over the whole text would, and lists each match under
  /// the first unit of `kind` it overlaps (an empty match under the unit it
  /// sits in; a match in the white space between units under none), up to
  /// `limit` units, in document order. Matches and the documents that have
  /// them are counted on every core without units; only the documents the
  /// listing takes get units (from the unit cache when an earlier session
  /// made them, else segmented and their language detected, and kept for
  /// the session and in the cache), and one more to tell whether the
  /// listing is complete. A listing longer than a screen (`--all`) gives
  /// units to every document with a match, on every core.
  public func search(_ pattern: RegexPattern, kind: UnitKind, limit: Int) throws(SearchError) -> SearchResult {
    if limit > 1_000 { return try searchListingOnWorkers(pattern, kind: kind, limit: limit) }
    struct Counted: Sendable {
      var matches = 0
      var error: RegexPattern.MatchError?
    }
    nonisolated(unsafe) let documents = documents
    let counted = Parallel.map(count: documents.count) { index -> Counted in
      var counted = Counted()
      do throws(RegexPattern.MatchError) {
        try pattern.forEachMatch(in: documents[index].text) { _ in
          counted.matches += 1
          return true
        }
      } catch {
        counted.error = error
      }
      return counted
    }
    var result = SearchResult()
    for (index, item) in counted.enumerated() {
      if let error = item.error { throw SearchError(documentID: documents[index].id, reason: error) }
      result.matchCount += item.matches
      if item.matches > 0 { result.documentCount += 1 }
    }
    // The listing, in document order, up to the limit; then the first unit
    // past it, if there is one, makes the listing incomplete.
    let unitCache = unitCache?.isUsable == true ? unitCache : nil
    for (index, item) in counted.enumerated() where item.matches > 0 {
      let document = documents[index]
      let known = document.hasUnits(kind) || unitCache?.apply(to: document, kind) == true
      let units = document.units(kind)
      if !known { unitCache?.insert(document, kind, units: units) }
      var listed = UnitMatches(units: units, bytes: document.text.bytes, listing: limit - result.hits.count)
      do throws(RegexPattern.MatchError) {
        try pattern.forEachMatch(in: document.text) { listed.add($0) }
      } catch {
        throw SearchError(documentID: document.id, reason: error)
      }
      for (unit, matches) in listed.hits {
        result.hits.append(SearchHit(document: index, unit: unit, matches: matches))
      }
      if listed.unitCount > listed.listedCount {
        result.complete = false
        break
      }
    }
    unitCache?.save()
    return result
  }

  /// `search` for a long listing: each document with a match gets its
  /// units where its matches are found, on every core, and its matches are
  /// listed there.
  private func searchListingOnWorkers(
    _ pattern: RegexPattern, kind: UnitKind, limit: Int
  ) throws(SearchError) -> SearchResult {
    struct Found: Sendable {
      var matchCount = 0
      var listed: UnitMatches?
      /// The cache entry the document's units came from, or whether they
      /// were segmented here (to be kept in the cache).
      var cached: UnitCache.Key?
      var segmented = false
      var error: RegexPattern.MatchError?
    }
    let unitCache = unitCache?.isUsable == true ? unitCache : nil
    let table = unitCache?.snapshot()
    // Each worker takes its own documents: it hashes them, keeps their
    // units and language, and nothing else touches them until all are done.
    nonisolated(unsafe) let documents = documents
    // One pass per document, on every core: the pattern over its bytes and,
    // at its first match, the document's units (known, cached, or segmented
    // and its language detected), each match mapped to them as it is found.
    let found = Parallel.map(count: documents.count) { index -> Found in
      let document = documents[index]
      var found = Found()
      do throws(RegexPattern.MatchError) {
        try pattern.forEachMatch(in: document.text) { range in
          found.matchCount += 1
          if found.listed == nil {
            let units: [TextRange]
            if document.hasUnits(kind) {
              units = document.units(kind)
            } else {
              (units, found.cached) = Self.takeUnits(of: document, kind, table: table)
              found.segmented = found.cached == nil
            }
            found.listed = UnitMatches(units: units, bytes: document.text.bytes, listing: limit)
          }
          found.listed!.add(range)
          return true
        }
      } catch {
        found.error = error
      }
      return found
    }
    var result = SearchResult()
    unitCache?.expectLookups(documents.count, segmented: found.count(where: \.segmented))
    var units = 0
    for (index, item) in found.enumerated() {
      if let error = item.error { throw SearchError(documentID: documents[index].id, reason: error) }
      if let key = item.cached { unitCache?.took(key) }
      if item.segmented { unitCache?.insert(documents[index], kind, units: documents[index].units(kind)) }
      result.matchCount += item.matchCount
      if item.matchCount > 0 { result.documentCount += 1 }
      guard let listed = item.listed else { continue }
      units += listed.unitCount
      for (unit, matches) in listed.hits where result.hits.count < limit {
        result.hits.append(SearchHit(document: index, unit: unit, matches: matches))
      }
    }
    result.complete = units == result.hits.count
    unitCache?.save()
    return result
  }

  /// A document's units of `kind` from the cache's `table` (returning the
  /// entry's key), else segmented, its language detected when none was
  /// chosen; both kept on the document. On the worker that has the document.
  private static func takeUnits(
    of document: Document, _ kind: UnitKind, table: [UnitCache.Key: UnitCache.Entry]?
  ) -> (units: [TextRange], cached: UnitCache.Key?) {
    let chosen = document.chosenLanguage
    if let table {
      let key = UnitCache.Key(sha256: document.sha256Words, kind: kind, chosen: chosen)
      if let (entry, language) = UnitCache.lookUp(key, in: table, length: document.text.scalarCount, chosen: chosen) {
        if chosen == nil {
          document.cacheDetection(LanguageDetector.Detection(language: language, confident: entry.confident))
        }
        document.cacheUnits(entry.units, kind)
        return (entry.units, key)
      }
    }
    let language = chosen ?? document.detected.language
    let units = Segmenter.units(of: document.text, kind: kind, language: language)
    document.cacheUnits(units, kind)
    return (units, nil)
  }
}

/// A document's matches mapped to its units, in order: counted, and those
/// of its first `listing` units kept.
struct UnitMatches: Sendable {
  private let units: [TextRange]
  private var mapper: ScalarCounter
  private let listing: Int
  private var u = 0
  private var lastUnit = -1
  /// Units with a match, and matches in a unit.
  private(set) var unitCount = 0
  private(set) var matchCount = 0
  /// The units listed, and where each one's matches start in `matches`:
  /// two flat arrays a document, not one a unit.
  private var listed: [(unit: Int, firstMatch: Int)] = []
  private var matches: [TextRange] = []

  init(units: [TextRange], bytes: [UInt8], listing: Int) {
    self.units = units
    self.mapper = ScalarCounter(bytes)
    self.listing = listing
  }

  /// Takes the next match (byte offsets, not before the last one's);
  /// returns whether more are wanted for the listing.
  @discardableResult
  mutating func add(_ match: Range<Int>) -> Bool {
    let start = mapper.scalarOffset(ofByte: match.lowerBound)
    let end = mapper.scalarOffset(ofByte: match.upperBound)
    while u < units.count && units[u].end <= start { u += 1 }
    guard u < units.count, units[u].start < max(end, start + 1) else { return u < units.count }
    matchCount += 1
    if u != lastUnit {
      lastUnit = u
      unitCount += 1
      if listed.count < listing { listed.append((u, matches.count)) }
    }
    if listed.last?.unit == u { matches.append(TextRange(start: start, end: end)) }
    return listed.count < listing || listed.last?.unit == u
  }

  /// How many units are listed.
  var listedCount: Int { listed.count }

  /// The listed units and their matches.
  var hits: [(unit: Int, matches: [TextRange])] {
    listed.indices.map { k in
      let end = k + 1 < listed.count ? listed[k + 1].firstMatch : matches.count
      return (listed[k].unit, Array(matches[listed[k].firstMatch..<end]))
    }
  }
}
