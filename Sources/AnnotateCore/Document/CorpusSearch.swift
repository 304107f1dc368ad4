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
/// limit asked for) and how many there are in all.
public struct SearchResult: Equatable, Sendable {
  public var hits: [SearchHit] = []
  /// Units with at least one match, listed or not.
  public var unitCount = 0
  /// Matches, listed or not.
  public var matchCount = 0
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
  /// sits in; a match in the white space between units under none). Only
  /// documents with a match get units, on every core: from the unit cache
  /// when an earlier session made them, else segmented (and their language
  /// detected); they are kept for the session and in the cache.
  public func search(_ pattern: RegexPattern, kind: UnitKind, limit: Int) throws(SearchError) -> SearchResult {
    struct Found: Sendable {
      var unitCount = 0
      var matchCount = 0
      /// The matches listed on the worker, when they are (`listOnWorkers`).
      var listed: UnitMatches?
      /// The cache entry the document's units came from, or whether they
      /// were segmented here (to be kept in the cache).
      var cached: UnitCache.Key?
      var segmented = false
      var error: RegexPattern.MatchError?
    }
    // A listing longer than a screen (`--all`) is made where the matches
    // are found; a shorter one afterwards, from the few documents it takes,
    // the pattern run over them again.
    let listOnWorkers = limit > 1_000
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
      var counted: UnitMatches?
      do throws(RegexPattern.MatchError) {
        try pattern.forEachMatch(in: document.text) { range in
          if counted == nil {
            let units: [TextRange]
            if document.hasUnits(kind) {
              units = document.units(kind)
            } else {
              (units, found.cached) = Self.takeUnits(of: document, kind, table: table)
              found.segmented = found.cached == nil
            }
            counted = UnitMatches(units: units, bytes: document.text.bytes, listing: listOnWorkers ? limit : 0)
          }
          counted!.add(range)
          return true
        }
      } catch {
        found.error = error
      }
      if let counted {
        found.unitCount = counted.unitCount
        found.matchCount = counted.matchCount
        if listOnWorkers { found.listed = counted }
      }
      return found
    }
    var result = SearchResult()
    unitCache?.expectLookups(documents.count)
    for (index, item) in found.enumerated() {
      if let error = item.error { throw SearchError(documentID: documents[index].id, reason: error) }
      if let key = item.cached { unitCache?.took(key) }
      if item.segmented { unitCache?.insert(documents[index], kind, units: documents[index].units(kind)) }
      result.unitCount += item.unitCount
      result.matchCount += item.matchCount
    }
    // The listing, in document order, up to the limit.
    for (index, item) in found.enumerated() where item.unitCount > 0 {
      guard result.hits.count < limit else { break }
      let listed: UnitMatches
      if let made = item.listed {
        listed = made
      } else {
        let document = documents[index]
        var again = UnitMatches(
          units: document.units(kind), bytes: document.text.bytes, listing: limit - result.hits.count)
        do throws(RegexPattern.MatchError) {
          try pattern.forEachMatch(in: document.text) { again.add($0) }
        } catch {
          throw SearchError(documentID: document.id, reason: error)
        }
        listed = again
      }
      for (unit, matches) in listed.hits where result.hits.count < limit {
        result.hits.append(SearchHit(document: index, unit: unit, matches: matches))
      }
    }
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

  /// The listed units and their matches.
  var hits: [(unit: Int, matches: [TextRange])] {
    listed.indices.map { k in
      let end = k + 1 < listed.count ? listed[k + 1].firstMatch : matches.count
      return (listed[k].unit, Array(matches[listed[k].firstMatch..<end]))
    }
  }
}
