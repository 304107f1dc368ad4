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

  /// A new span's place in the final order: ids are unique, so no two are
  /// equal. A plain span (one tag, nothing else from the file) is made from
  /// its key alone, read in order: reading the span itself, a million of
  /// them in file order, missed the cache at each.
  private struct SortKey: Comparable {
    var start: Int
    var end: Int
    var id: Int
    /// Its index in `fresh`.
    var place: Int32
    /// Its tag list in the table of plain spans' lists; -1 when not plain.
    var plainTags: Int32
    static func < (a: Self, b: Self) -> Bool { (a.start, a.end, a.id) < (b.start, b.end, b.id) }
  }

  /// An annotation's place in the final order: one already there, or the
  /// `n`th new one in (start, end, id) order.
  private enum Slot: Sendable {
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
    // Which earlier span each one joins, found by sorting ranges rather than
    // by a table of a million ranges (whose lookups missed the cache).
    let (joins, heads) = Self.joins(of: positions, in: spans, existing: existing)
    // The ids taken, made when the file first names one: an id drawn from
    // `nextID` is above every id taken.
    var used: Set<Int>?
    var nextID = existingSet.nextID
    var fresh: [NewSpan] = []
    fresh.reserveCapacity(positions.count)
    // The new spans that are orphans, by their index in `fresh`.
    var orphanFresh: [Int] = []
    // The new span each position made (-1: none).
    var freshOf = [Int](repeating: -1, count: positions.count)
    // Spans added to an existing or new one, in file order.
    var extras: [Target: [Int]] = [:]
    // The span's fields are read where they are: a copy of a span is a
    // retain and a release of each of its strings.
    for (k, position) in positions.enumerated() {
      let isOrphan = spans[position].orphan != nil
      let target: Target? =
        switch joins[k] {
        case .none: nil
        case .existing(let i): .existing(i)
        case .earlier(let first): .new(freshOf[first])
        }
      if let target {
        extras[target, default: []].append(position)
        if let key = spans[position].key {
          switch target {
          case .existing(let i): idOfKey[key] = existing[i].id
          case .new(let f): idOfKey[key] = fresh[f].id
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
      if isOrphan { orphanFresh.append(fresh.count) }
      freshOf[k] = fresh.count
      fresh.append(NewSpan(item: position, id: id))
      nextID = max(nextID, id + 1)
      added += 1
    }
    used = nil
    orphaned = orphanFresh.count
    // The final order: existing annotations are sorted already; new ones
    // are in (start, end, id) order and merged in. New spans on words are
    // the heads of their ranges, in order already (one a range); orphans
    // (few) are sorted and merged with them.
    // Keys made in file order, where the spans are read one after another.
    var tagLists: [[String]] = []
    let keys = fresh.indices.map { f in
      let j = fresh[f].item
      let range = spans[j].range
      return SortKey(
        start: range.start, end: range.end, id: fresh[f].id, place: Int32(f),
        plainTags: Self.plainTags(of: spans[j], in: &tagLists))
    }
    var orphans = orphanFresh.map { keys[$0] }
    orphans.sort()
    var newOrder: [SortKey] = []
    newOrder.reserveCapacity(fresh.count)
    var o = 0
    for k in heads {
      let head = keys[freshOf[k]]
      while o < orphans.count && orphans[o] < head {
        newOrder.append(orphans[o])
        o += 1
      }
      newOrder.append(head)
    }
    newOrder += orphans[o...]
    var slots: [Slot] = []
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
        slots.append(.new(n))
        n += 1
      }
    }
    // Each chunk made on whichever core is free.
    let chunk = AnnotationList.maxChunk / 2
    let maker = Maker(
      existing: existing, spans: spans, keys: newOrder, fresh: fresh, extras: extras, plainLists: tagLists, text: text,
      codebook: codebook, now: now)
    let order = slots
    let chunks = Parallel.map(Array(stride(from: 0, to: order.count, by: chunk))) { first in
      maker.annotations(order[first..<min(first + chunk, order.count)])
    }
    set = AnnotationSet(sortedChunks: chunks, nextID: nextID)
    set.level = existingSet.level
  }

  /// What the new annotations are made from, shared by every core. Made in
  /// a method, where what it holds is not retained around each use: from a
  /// closure, the text's storage was retained and released at every quote,
  /// on both cores at once.
  private struct Maker: Sendable {
    let existing: [Annotation]
    let spans: [ImportedSpan]
    let keys: [SortKey]
    let fresh: [NewSpan]
    let extras: [Target: [Int]]
    let plainLists: [[String]]
    let text: UTF8Text
    let codebook: Codebook
    let now: String

    /// The annotations of these slots, in their order.
    func annotations(_ slots: ArraySlice<Slot>) -> [Annotation] {
      // The chunk's own copies of what many annotations share (a tag list,
      // the time): one object's count raised from both cores at once moves
      // its cache line between them at each.
      let now = String(decoding: Array(self.now.utf8), as: UTF8.self)
      var lists = [[String]?](repeating: nil, count: plainLists.count)
      var made: [Annotation] = []
      made.reserveCapacity(slots.count)
      for slot in slots {
        var a: Annotation
        let target: Target
        switch slot {
        case .existing(let i):
          a = existing[i]
          target = .existing(i)
        case .new(let n):
          let key = keys[n]
          let range = TextRange(start: key.start, end: key.end)
          target = .new(Int(key.place))
          if key.plainTags >= 0 {
            let l = Int(key.plainTags)
            if lists[l] == nil { lists[l] = plainLists[l].map { $0 } }
            a = Annotation(
              id: key.id, range: range, tags: lists[l]!, note: nil, created: now, modified: now,
              quote: Quote(of: range, in: text), orphaned: false, attributes: [:])
          } else {
            // Field by field: the span's document and annotator names are
            // not the annotation's to retain.
            let j = fresh[Int(key.place)].item
            let (tags, orphan) = (spans[j].tags, spans[j].orphan)
            a = Annotation(
              id: key.id, range: range, tags: tags.count == 1 ? tags : codebook.ordered(Set(tags)),
              note: spans[j].note, created: spans[j].created ?? now, modified: spans[j].modified ?? now,
              quote: orphan ?? Quote(of: range, in: text), orphaned: orphan != nil, attributes: spans[j].attributes)
          }
        }
        if !extras.isEmpty {
          for position in extras[target] ?? [] {
            let item = spans[position]
            a.tags = codebook.ordered(Set(a.tags).union(item.tags))
            if a.note == nil { a.note = item.note }
            a.attributes.merge(item.attributes) { old, _ in old }
          }
        }
        made.append(a)
      }
      return made
    }
  }

  /// The index of a plain span's one tag list in `lists` (added when new),
  /// or -1 for a span that is not plain: more tags, or a note, times,
  /// attributes or an orphan's quote from the file.
  private static func plainTags(of span: borrowing ImportedSpan, in lists: inout [[String]]) -> Int32 {
    guard span.tags.count == 1, span.note == nil, span.created == nil, span.modified == nil, span.orphan == nil,
      span.attributes.isEmpty
    else { return -1 }
    if let last = lists.last, last[0] == span.tags[0] { return Int32(lists.count - 1) }
    if let i = lists.firstIndex(where: { $0[0] == span.tags[0] }) { return Int32(i) }
    guard lists.count < 1024 else { return -1 }
    lists.append(span.tags)
    return Int32(lists.count - 1)
  }

  /// What an imported span joins: nothing (it is new), an annotation already
  /// there on the same words, or the first span earlier in the file on them.
  private enum Join {
    case none
    case existing(Int)
    case earlier(Int)
  }

  /// A range with where it came from, in (start, end, place) order.
  private struct RangeKey: Comparable {
    var start: Int
    var end: Int
    var place: Int
    static func < (a: Self, b: Self) -> Bool { (a.start, a.end, a.place) < (b.start, b.end, b.place) }
  }

  /// For each of `positions` (by its place in that list), what it joins:
  /// the first live annotation with its range, else the first span in the
  /// file with it. Orphans join nothing. `heads`: the places of the spans
  /// that join nothing and are not orphans (each the first on its range),
  /// in (start, end) order.
  private static func joins(
    of positions: [Int], in spans: [ImportedSpan], existing: [Annotation]
  ) -> (joins: [Join], heads: [Int]) {
    var keys: [RangeKey] = []
    keys.reserveCapacity(positions.count)
    for (k, position) in positions.enumerated() where spans[position].orphan == nil {
      let range = spans[position].range
      keys.append(RangeKey(start: range.start, end: range.end, place: k))
    }
    keys.sort()
    var live: [RangeKey] = []
    live.reserveCapacity(existing.count)
    for (i, a) in existing.enumerated() where !a.orphaned {
      live.append(RangeKey(start: a.range.start, end: a.range.end, place: i))
    }
    // Sorted already (the set's own order): the sort only checks it.
    live.sort()
    var joins = [Join](repeating: .none, count: positions.count)
    var heads: [Int] = []
    heads.reserveCapacity(keys.count)
    var e = 0
    var g = 0
    while g < keys.count {
      let (start, end) = (keys[g].start, keys[g].end)
      var h = g + 1
      while h < keys.count && keys[h].start == start && keys[h].end == end { h += 1 }
      while e < live.count && (live[e].start, live[e].end) < (start, end) { e += 1 }
      if e < live.count && live[e].start == start && live[e].end == end {
        for m in g..<h { joins[keys[m].place] = .existing(live[e].place) }
      } else {
        heads.append(keys[g].place)
        for m in g + 1..<h { joins[keys[m].place] = .earlier(keys[g].place) }
      }
      g = h
    }
    return (joins, heads)
  }
}
