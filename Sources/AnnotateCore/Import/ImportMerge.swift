/// Imported spans joined to one annotator's annotations of one document.
/// A span on the same words as a span already there (or earlier in the
/// file) adds its tags, note and attributes to it; any other becomes a new
/// annotation. Built for a million spans: the decisions are made on ranges
/// and ids alone, then the annotations are made once, in their final order,
/// chunk by chunk on every core (an annotation is large to copy).
struct ImportMerge {
  /// The set with the imported spans in.
  var set: AnnotationSet
  /// The file's names for its spans (`T3`…), as the ids they got.
  var idOfKey: [String: Int] = [:]
  var added = 0
  var merged = 0
  var orphaned = 0

  /// Where an imported span went: a span already there, or a new one.
  private enum Target: Hashable, Sendable {
    case existing(Int)
    case new(Int)
  }

  /// A new span's place in the final order: ids are unique, so no two are equal.
  private struct SortKey: Comparable {
    var start: Int
    var end: Int
    var id: Int
    var place: Int
    static func < (a: Self, b: Self) -> Bool { (a.start, a.end, a.id) < (b.start, b.end, b.id) }
  }

  /// What a new annotation is made from.
  private struct NewSpan: Sendable {
    var item: Int
    var id: Int
  }

  init(
    into existingSet: AnnotationSet, spans: [ImportedSpan], positions: [Int], text: UTF8Text, codebook: Codebook,
    now: String
  ) {
    let existing = Array(existingSet.annotations)
    // The ids taken, made when the file first names one: an id drawn from
    // `nextID` is above every id taken.
    var used: Set<Int>?
    var byRange: [TextRange: Target] = [:]
    byRange.reserveCapacity(existing.count + positions.count)
    for (i, a) in existing.enumerated() where !a.orphaned && byRange[a.range] == nil { byRange[a.range] = .existing(i) }
    var nextID = existingSet.nextID
    var fresh: [NewSpan] = []
    fresh.reserveCapacity(positions.count)
    // Spans added to an existing or new one, in file order.
    var extras: [Target: [Int]] = [:]
    // The span's fields are read where they are: a copy of a span is a
    // retain and a release of each of its strings.
    for position in positions {
      let range = spans[position].range
      let isOrphan = spans[position].orphan != nil
      if !isOrphan, let target = byRange[range] {
        extras[target, default: []].append(position)
        if let key = spans[position].key {
          switch target {
          case .existing(let i): idOfKey[key] = existing[i].id
          case .new(let k): idOfKey[key] = fresh[k].id
          }
        }
        merged += 1
        continue
      }
      var id = nextID
      if let wanted = spans[position].id {
        if used == nil { used = Set(existing.map(\.id)).union(fresh.map(\.id)) }
        if !used!.contains(wanted) { id = wanted }
      }
      used?.insert(id)
      if let key = spans[position].key { idOfKey[key] = id }
      if !isOrphan { byRange[range] = .new(fresh.count) } else { orphaned += 1 }
      fresh.append(NewSpan(item: position, id: id))
      nextID = max(nextID, id + 1)
      added += 1
    }
    byRange = [:]
    used = nil
    // The final order: existing annotations are sorted already; new ones
    // are sorted by (start, end, id) and merged in. The keys are sorted
    // with their places, not the places through the keys.
    var newOrder = fresh.indices.map { k in
      let range = spans[fresh[k].item].range
      return SortKey(start: range.start, end: range.end, id: fresh[k].id, place: k)
    }
    newOrder.sort()
    var slots: [Target] = []
    slots.reserveCapacity(existing.count + fresh.count)
    var (e, n) = (0, 0)
    while e < existing.count || n < newOrder.count {
      let takeExisting: Bool
      if e == existing.count {
        takeExisting = false
      } else if n == newOrder.count {
        takeExisting = true
      } else {
        let (a, key) = (existing[e], newOrder[n])
        takeExisting = (a.range.start, a.range.end, a.id) < (key.start, key.end, key.id)
      }
      if takeExisting {
        slots.append(.existing(e))
        e += 1
      } else {
        slots.append(.new(newOrder[n].place))
        n += 1
      }
    }
    // Each chunk made on whichever core is free.
    let chunk = AnnotationList.maxChunk / 2
    let (madeFresh, madeExtras, order) = (fresh, extras, slots)
    let chunks = Parallel.map(Array(stride(from: 0, to: order.count, by: chunk))) { first in
      order[first..<min(first + chunk, order.count)].map { slot -> Annotation in
        var a: Annotation
        switch slot {
        case .existing(let i): a = existing[i]
        case .new(let k):
          // Field by field: the span's document and annotator names are not
          // the annotation's to retain.
          let j = madeFresh[k].item
          let (range, tags, orphan) = (spans[j].range, spans[j].tags, spans[j].orphan)
          a = Annotation(
            id: madeFresh[k].id, range: range, tags: tags.count == 1 ? tags : codebook.ordered(Set(tags)),
            note: spans[j].note, created: spans[j].created ?? now, modified: spans[j].modified ?? now,
            quote: orphan ?? Quote(of: range, in: text), orphaned: orphan != nil, attributes: spans[j].attributes)
        }
        guard !madeExtras.isEmpty else { return a }
        for position in madeExtras[slot] ?? [] {
          let item = spans[position]
          a.tags = codebook.ordered(Set(a.tags).union(item.tags))
          if a.note == nil { a.note = item.note }
          a.attributes.merge(item.attributes) { old, _ in old }
        }
        return a
      }
    }
    set = AnnotationSet(sortedChunks: chunks, nextID: nextID)
    set.level = existingSet.level
  }
}
