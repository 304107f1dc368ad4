/// The range of an annotation a span format can write, or nil with why
/// not counted: orphans and untagged spans have no place in them.
func countable(_ a: Annotation, _ summary: inout ExportSummary) -> TextRange? {
  if a.orphaned {
    summary.skipped[.orphaned, default: 0] += 1
    return nil
  }
  if a.tags.isEmpty {
    summary.skipped[.untagged, default: 0] += 1
    return nil
  }
  return a.range
}

/// The tagged, anchored, non-empty spans of a set, for the formats that
/// count in tokens; the others counted as skipped, by why.
func spanned(_ set: AnnotationSet, _ summary: inout ExportSummary) -> [Annotation] {
  var kept: [Annotation] = []
  for a in set.annotations {
    guard let range = countable(a, &summary) else { continue }
    guard range.start < range.end else {
      summary.skipped[.empty, default: 0] += 1
      continue
    }
    kept.append(a)
  }
  return kept
}

/// A range's offsets in another unit (nil converter: code points), or nil,
/// counted, when an end falls inside a character of that unit.
func inUnit(_ range: TextRange, _ converter: OffsetConverter?, _ summary: inout ExportSummary) -> (Int, Int)? {
  guard let converter else { return (range.start, range.end) }
  guard let start = converter.offset(range.start), let end = converter.offset(range.end) else {
    summary.skipped[.cutsCharacter, default: 0] += 1
    return nil
  }
  return (start, end)
}
