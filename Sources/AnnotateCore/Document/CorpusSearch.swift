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
    struct Work: Sendable {
      let contents: Document.Contents
      var text: UTF8Text { contents.text }
      let units: [TextRange]?
      let language: Language?
    }
    struct Found: Sendable {
      /// The units listed (up to one past the limit) and where each one's
      /// matches start in `matches`: flat, two arrays a document, not one
      /// a unit, made on a worker and freed on this thread.
      var listed: [(unit: Int, firstMatch: Int)] = []
      var matches: [TextRange] = []
      var unitCount = 0
      var matchCount = 0
      var units: [TextRange]?
      var detection: LanguageDetector.Detection?
      var digest: SHA256Words?
      /// The cache entry the units came from.
      var cached: UnitCache.Key?
      var error: RegexPattern.MatchError?
    }
    // Units an earlier session made are looked up by the workers, in the
    // cache's entries read once here.
    let unitCache = unitCache?.isUsable == true ? unitCache : nil
    let table = unitCache?.snapshot()
    let work = documents.map { document in
      Work(
        contents: document.contents,
        units: document.hasUnits(kind) ? document.units(kind) : nil,
        language: document.chosenLanguage)
    }
    // One pass per document, on every core: the pattern over its bytes and,
    // only when it matched, its units (cached, or segmented and its
    // language detected) and the matches mapped to them.
    var found = Parallel.map(work) { work -> Found in
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
      var units: [TextRange]
      if let known = work.units {
        units = known
      } else {
        var hit: (UnitCache.Entry, Language)?
        if let table {
          let sha = work.contents.words()
          found.digest = sha
          let key = UnitCache.Key(sha256: sha, kind: kind, chosen: work.language)
          hit = UnitCache.lookUp(key, in: table, length: work.text.scalarCount, chosen: work.language)
          if hit != nil { found.cached = key }
        }
        if let (entry, language) = hit {
          units = entry.units
          if work.language == nil {
            found.detection = LanguageDetector.Detection(language: language, confident: entry.confident)
          }
        } else {
          let detection = work.language == nil ? LanguageDetector.detect(work.text) : nil
          units = Segmenter.units(of: work.text, kind: kind, language: work.language ?? detection!.language)
          found.detection = detection
        }
        found.units = units
      }
      var u = 0
      var lastUnit = -1
      // Byte offsets to code points, moving forward as the matches do.
      var mapper = ScalarCounter(work.text.bytes)
      for match in byteMatches {
        let start = mapper.scalarOffset(ofByte: match.lowerBound)
        let end = mapper.scalarOffset(ofByte: match.upperBound)
        while u < units.count && units[u].end <= start { u += 1 }
        guard u < units.count, units[u].start < max(end, start + 1) else { continue }
        found.matchCount += 1
        if u != lastUnit {
          lastUnit = u
          found.unitCount += 1
          // One past the limit marks that more exist; the rest are counted.
          if found.listed.count <= limit { found.listed.append((u, found.matches.count)) }
        }
        if found.listed.last?.unit == u { found.matches.append(TextRange(start: start, end: end)) }
      }
      return found
    }
    var result = SearchResult()
    unitCache?.expectLookups(documents.count)
    // Each document's findings moved out in order (reversed, then taken
    // from the end), not copied: a copy retained and released every array.
    found.reverse()
    for (index, document) in documents.enumerated() {
      let item = found.removeLast()
      if let error = item.error { throw SearchError(documentID: document.id, reason: error) }
      if let digest = item.digest, !document.isHashed { document.digest = digest }
      if let detection = item.detection { document.cacheDetection(detection) }
      if let units = item.units {
        document.cacheUnits(units, kind)
        if let key = item.cached { unitCache?.took(key) } else { unitCache?.insert(document, kind, units: units) }
      }
      result.unitCount += item.unitCount
      result.matchCount += item.matchCount
      for (k, hit) in item.listed.enumerated() where result.hits.count < limit {
        let end = k + 1 < item.listed.count ? item.listed[k + 1].firstMatch : item.matches.count
        result.hits.append(
          SearchHit(document: index, unit: hit.unit, matches: Array(item.matches[hit.firstMatch..<end])))
      }
    }
    unitCache?.save()
    return result
  }
}
