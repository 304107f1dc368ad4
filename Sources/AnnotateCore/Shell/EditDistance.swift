/// Optimal-string-alignment distance (Damerau–Levenshtein with adjacent
/// transpositions), for "did you mean" suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
  let x = Array(a.lowercased())
  let y = Array(b.lowercased())
  if x.isEmpty { return y.count }
  if y.isEmpty { return x.count }
  var previous2 = [Int](repeating: 0, count: y.count + 1)
  var previous = Array(0...y.count)
  var current = [Int](repeating: 0, count: y.count + 1)
  for i in 1...x.count {
    current[0] = i
    for j in 1...y.count {
      let cost = x[i - 1] == y[j - 1] ? 0 : 1
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
        current[j] = min(current[j], previous2[j - 2] + 1)
      }
    }
    (previous2, previous, current) = (previous, current, previous2)
  }
  return previous[y.count]
}

/// The closest of `candidates` to `word`, if it is close enough to be a typo.
func closest(to word: String, in candidates: [String]) -> String? {
  let limit = max(1, min(3, word.count / 2))
  var best: (String, Int)?
  for candidate in candidates {
    let d = editDistance(word, candidate)
    if d <= limit, best.map({ d < $0.1 }) ?? true { best = (candidate, d) }
  }
  if best == nil {
    // A word that is a longer version of a candidate ("shows" for "show").
    best = candidates.first { word.lowercased().hasPrefix($0) }.map { ($0, 0) }
  }
  if best == nil, word.count >= 2 {
    // An abbreviation: the same first letter, the rest in order ("opn" for "opinion").
    let typed = Array(word.lowercased())
    best = candidates.first { candidate in
      let name = Array(candidate.lowercased())
      guard name.first == typed.first else { return false }
      var k = 0
      for c in name where k < typed.count && c == typed[k] { k += 1 }
      return k == typed.count
    }.map { ($0, 0) }
  }
  return best?.0
}
