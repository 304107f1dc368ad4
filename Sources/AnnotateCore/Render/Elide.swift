/// Shortens text in the middle to at most `limit` characters: "The first
/// words … the last words".
public func elidingMiddle(_ text: String, to limit: Int) -> String {
  guard text.count > limit else { return text }
  let half = (limit - 3) / 2
  return String(text.prefix(half)) + " … " + String(text.suffix(half))
}

/// Shortens text at its end to at most `limit` characters, the last being "…".
public func elidingEnd(_ text: String, to limit: Int) -> String {
  text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
}
