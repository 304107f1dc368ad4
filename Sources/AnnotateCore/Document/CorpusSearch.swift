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
  /// documents with a match are segmented (and their language detected),
  /// on every core; their units are kept for the session.
  public func search(_ pattern: RegexPattern, kind: UnitKind, limit: Int) throws(SearchError) -> SearchResult {
    struct Work: Sendable {
      let text: UTF8Text
      let units: [TextRange]?
      let language: Language?
    }
    struct Found: Sendable {
      var hits: [SearchHit] = []
      var unitCount = 0
      var matchCount = 0
      var units: [TextRange]?
      var detection: LanguageDetector.Detection?
      var error: RegexPattern.MatchError?
    }
    // Units an earlier session segmented are taken from the cache.
    let unitCache = unitCache?.isUsable == true ? unitCache : nil
    if let unitCache {
      let todo = documents.filter { !$0.hasUnits(kind) }
      Corpus.hash(todo)
      for document in todo { _ = unitCache.apply(to: document, kind) }
    }
    let work = documents.map { document in
      Work(
        text: document.text, units: document.hasUnits(kind) ? document.units(kind) : nil,
        language: document.languageSource == .detected ? nil : document.language)
    }
    let indexed = Array(work.enumerated())
    let found = Parallel.map(indexed) { index, work -> Found in
      var found = Found()
      var byteMatches: [Range<Int>] = []
      found.error = work.text.bytes.withUnsafeBufferPointer { bytes -> RegexPattern.MatchError? in
        do throws(RegexPattern.MatchError) {
          try pattern.forEachMatch(in: bytes) { range in
            byteMatches.append(range)
            return true
          }
          return nil
        } catch {
          return error
        }
      }
      if found.error != nil { return found }
      guard !byteMatches.isEmpty else { return found }
      let units: [TextRange]
      if let cached = work.units {
        units = cached
      } else {
        let detection = work.language == nil ? LanguageDetector.detect(work.text) : nil
        units = Segmenter.units(of: work.text, kind: kind, language: work.language ?? detection!.language)
        found.units = units
        found.detection = detection
      }
      var u = 0
      // Byte offsets to code points, moving forward as the matches do.
      var mapper = ScalarCounter(work.text.bytes)
      for match in byteMatches {
        let start = mapper.scalarOffset(ofByte: match.lowerBound)
        let end = mapper.scalarOffset(ofByte: match.upperBound)
        while u < units.count && units[u].end <= start { u += 1 }
        guard u < units.count, units[u].start < max(end, start + 1) else { continue }
        found.matchCount += 1
        let range = TextRange(start: start, end: end)
        if found.hits.last?.unit == u {
          if found.hits.count <= limit { found.hits[found.hits.count - 1].matches.append(range) }
        } else {
          found.unitCount += 1
          // One past the limit marks that more exist; the rest are counted.
          if found.hits.count <= limit { found.hits.append(SearchHit(document: index, unit: u, matches: [range])) }
        }
      }
      return found
    }
    var result = SearchResult()
    for (document, item) in zip(documents, found) {
      if let error = item.error { throw SearchError(documentID: document.id, reason: error) }
      if let detection = item.detection { document.cacheDetection(detection) }
      if let units = item.units {
        document.cacheUnits(units, kind)
        unitCache?.insert(document, kind, units: units)
      }
      result.unitCount += item.unitCount
      result.matchCount += item.matchCount
      if result.hits.count < limit { result.hits += item.hits.prefix(limit - result.hits.count) }
    }
    unitCache?.save()
    return result
  }
}
