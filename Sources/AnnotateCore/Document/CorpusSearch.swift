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
  /// documents with a match get units: from the unit cache when an earlier
  /// session made them, else segmented (and their language detected) on
  /// every core; they are kept for the session and in the cache.
  public func search(_ pattern: RegexPattern, kind: UnitKind, limit: Int) throws(SearchError) -> SearchResult {
    struct Work: Sendable {
      let index: Int
      let text: UTF8Text
      let units: [TextRange]?
      let language: Language?
      let matches: [Range<Int>]
    }
    struct Found: Sendable {
      var hits: [SearchHit] = []
      var unitCount = 0
      var matchCount = 0
      var units: [TextRange]?
      var detection: LanguageDetector.Detection?
    }
    // First the pattern over every document's bytes, on every core.
    let texts = documents.map(\.text)
    let matched = Parallel.map(texts) { text -> Result<[Range<Int>], RegexPattern.MatchError> in
      var byteMatches: [Range<Int>] = []
      let error = text.bytes.withUnsafeBufferPointer { bytes -> RegexPattern.MatchError? in
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
      return error.map { .failure($0) } ?? .success(byteMatches)
    }
    var withMatches: [Int] = []
    for (index, outcome) in matched.enumerated() {
      switch outcome {
      case .failure(let error): throw SearchError(documentID: documents[index].id, reason: error)
      case .success(let ranges): if !ranges.isEmpty { withMatches.append(index) }
      }
    }
    // Only documents with a match need units: an earlier session's from the
    // cache, or segmented (and their language detected) below.
    let unitCache = unitCache?.isUsable == true ? unitCache : nil
    if let unitCache {
      let todo = withMatches.map { documents[$0] }.filter { !$0.hasUnits(kind) }
      Corpus.hash(todo)
      for document in todo { _ = unitCache.apply(to: document, kind) }
    }
    let work = withMatches.map { index in
      let document = documents[index]
      return Work(
        index: index, text: document.text, units: document.hasUnits(kind) ? document.units(kind) : nil,
        language: document.languageSource == .detected ? nil : document.language,
        matches: (try? matched[index].get()) ?? [])
    }
    let found = Parallel.map(work) { work -> Found in
      var found = Found()
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
      for match in work.matches {
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
          if found.hits.count <= limit { found.hits.append(SearchHit(document: work.index, unit: u, matches: [range])) }
        }
      }
      return found
    }
    var result = SearchResult()
    for (index, item) in zip(withMatches, found) {
      let document = documents[index]
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
