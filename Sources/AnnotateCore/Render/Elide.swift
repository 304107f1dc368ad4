/// Shortens text in the middle to at most `limit` characters: "The first
/// words … the last words"; names (`tight`) as "article_0…_100.txt", which
/// keeps more of the end, where names differ.
public func elidingMiddle(_ text: String, to limit: Int, tight: Bool = false) -> String {
  guard text.count > limit else { return text }
  if tight {
    let tail = (limit - 1) / 2 + (limit - 1) % 2
    return String(text.prefix(limit - 1 - tail)) + "…" + String(text.suffix(tail))
  }
  let half = (limit - 3) / 2
  return String(text.prefix(half)) + " … " + String(text.suffix(half))
}

/// Shortens text at its end to at most `limit` characters, the last being "…".
public func elidingEnd(_ text: String, to limit: Int) -> String {
  text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
}
