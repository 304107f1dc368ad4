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
    var used = Set(existing.map(\.id))
    used.reserveCapacity(existing.count + positions.count)
    var byRange: [TextRange: Target] = [:]
    byRange.reserveCapacity(existing.count + positions.count)
    for (i, a) in existing.enumerated() where !a.orphaned && byRange[a.range] == nil { byRange[a.range] = .existing(i) }
    var nextID = existingSet.nextID
    var fresh: [NewSpan] = []
    fresh.reserveCapacity(positions.count)
    // Spans added to an existing or new one, in file order.
    var extras: [Target: [Int]] = [:]
    for position in positions {
      let item = spans[position]
      if item.orphan == nil, let target = byRange[item.range] {
        extras[target, default: []].append(position)
        if let key = item.key {
          switch target {
          case .existing(let i): idOfKey[key] = existing[i].id
          case .new(let k): idOfKey[key] = fresh[k].id
          }
        }
        merged += 1
        continue
      }
      let id = item.id.flatMap { used.contains($0) ? nil : $0 } ?? nextID
      used.insert(id)
      if let key = item.key { idOfKey[key] = id }
      if item.orphan == nil { byRange[item.range] = .new(fresh.count) } else { orphaned += 1 }
      fresh.append(NewSpan(item: position, id: id))
      nextID = max(nextID, id + 1)
      added += 1
    }
    byRange = [:]
    used = []
    // The final order: existing annotations are sorted already; new ones
    // are sorted by (start, end, id) and merged in.
    let keys = fresh.map { (spans[$0.item].range.start, spans[$0.item].range.end, $0.id) }
    let newOrder = fresh.indices.sorted { keys[$0] < keys[$1] }
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
        let a = existing[e]
        takeExisting = (a.range.start, a.range.end, a.id) < keys[newOrder[n]]
      }
      if takeExisting {
        slots.append(.existing(e))
        e += 1
      } else {
        slots.append(.new(newOrder[n]))
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
          let item = spans[madeFresh[k].item]
          a = Annotation(
            id: madeFresh[k].id, range: item.range,
            tags: item.tags.count == 1 ? item.tags : codebook.ordered(Set(item.tags)), note: item.note,
            created: item.created ?? now, modified: item.modified ?? now,
            quote: item.orphan ?? Quote(of: item.range, in: text), orphaned: item.orphan != nil,
            attributes: item.attributes)
        }
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
