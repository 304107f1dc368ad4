/// One document's annotations in (start, end, id) order, held in chunks of at
/// most ``maxChunk`` so that a change copies one chunk, not the whole list:
/// a set copied before an edit (for undo, for comparison) shares every other
/// chunk with the original. With a million spans in one document an edit
/// copies a few kilobytes instead of a few hundred megabytes.
///
/// An index by id (``IDIndex``, paged the same way) finds an annotation in
/// O(log n), and each chunk's largest end lets ``overlapping(_:)`` skip the
/// chunks that cannot reach a range.
public struct AnnotationList: RandomAccessCollection, Equatable, Sendable {
  /// Non-empty chunks, each sorted, in order.
  private var chunks: [[Annotation]] = []
  /// `counts[k]`: how many annotations chunks 0…k hold.
  private var counts: [Int] = []
  /// The largest `range.end` in each chunk.
  private var maxEnds: [Int] = []
  private var ids = IDIndex()

  static let maxChunk = 512

  public init() {}

  /// A list of annotations already in (start, end, id) order, ids unique.
  init(sorted annotations: [Annotation]) { self.init(annotations, order: nil) }

  /// A list of `annotations` taken in `order` (positions; nil: as they
  /// are), which must be (start, end, id) order; ids unique.
  init(_ annotations: [Annotation], order: [Int]?) {
    ids.reserve(annotations.count)
    var first = 0
    while first < annotations.count {
      let end = Swift.min(first + Self.maxChunk / 2, annotations.count)
      appendChunk(
        order.map { order in (first..<end).map { annotations[order[$0]] } } ?? Array(annotations[first..<end]))
      first = end
    }
    annotations.withUnsafeBufferPointer { all in for i in all.indices { ids[all[i].id] = all[i].range } }
  }

  /// A list of chunks already in (start, end, id) order, ids unique.
  init(chunks: [[Annotation]]) {
    for chunk in chunks where !chunk.isEmpty { appendChunk(chunk) }
    // Fields read in place: `for a in chunk` copied every annotation.
    ids = IDIndex(count: count) { visit in
      for chunk in chunks {
        chunk.withUnsafeBufferPointer { all in for i in all.indices { visit(all[i].id, all[i].range) } }
      }
    }
  }

  private mutating func appendChunk(_ chunk: [Annotation]) {
    chunks.append(chunk)
    counts.append((counts.last ?? 0) + chunk.count)
    maxEnds.append(chunk.withUnsafeBufferPointer { all in all.indices.reduce(0) { Swift.max($0, all[$1].range.end) } })
  }

  // MARK: Collection

  public var startIndex: Int { 0 }
  public var endIndex: Int { counts.last ?? 0 }
  public var count: Int { counts.last ?? 0 }
  public var isEmpty: Bool { chunks.isEmpty }

  public subscript(position: Int) -> Annotation {
    precondition(position >= 0 && position < count, "annotation index out of range")
    let k = chunk(holding: position)
    return chunks[k][position - (k == 0 ? 0 : counts[k - 1])]
  }

  /// The chunk holding the annotation at `position`.
  private func chunk(holding position: Int) -> Int {
    var lo = 0
    var hi = counts.count - 1
    while lo < hi {
      let mid = (lo + hi) / 2
      if counts[mid] > position { hi = mid } else { lo = mid + 1 }
    }
    return lo
  }

  public struct Iterator: IteratorProtocol {
    private let chunks: [[Annotation]]
    private var k = 0
    private var i = 0

    init(_ chunks: [[Annotation]]) { self.chunks = chunks }

    public mutating func next() -> Annotation? {
      while k < chunks.count {
        if i < chunks[k].count {
          defer { i += 1 }
          return chunks[k][i]
        }
        k += 1
        i = 0
      }
      return nil
    }
  }

  public func makeIterator() -> Iterator { Iterator(chunks) }

  /// Whether every annotation satisfies `predicate`, which reads it in
  /// place as ``forEachInPlace(_:)`` does; stops at the first that fails.
  @inline(__always)
  public func allSatisfyInPlace(_ predicate: (UnsafePointer<Annotation>) -> Bool) -> Bool {
    for chunk in chunks {
      let all = chunk.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return true }
        for i in buffer.indices where !predicate(base + i) { return false }
        return true
      }
      if !all { return false }
    }
    return true
  }

  /// Calls `body` with a pointer to each annotation in order, where it is
  /// stored; `body` reads the fields it needs through it (`a.pointee.range`).
  /// A `for … in` loop, or a borrowed value, copies each annotation whole (a
  /// retain and a release of each of its strings and arrays): at a million
  /// annotations that was most of `agree`. The walk of whole-corpus commands.
  @inline(__always)
  public func forEachInPlace<E: Error>(_ body: (UnsafePointer<Annotation>) throws(E) -> Void) throws(E) {
    for chunk in chunks {
      try chunk.withUnsafeBufferPointer { buffer throws(E) in
        guard let base = buffer.baseAddress else { return }
        for i in buffer.indices { try body(base + i) }
      }
    }
  }

  /// Calls `body` with each chunk of annotations in order, where they are
  /// stored (some hundreds at a time).
  func forEachChunkInPlace<E: Error>(_ body: (UnsafeBufferPointer<Annotation>) throws(E) -> Void) throws(E) {
    for chunk in chunks {
      try chunk.withUnsafeBufferPointer { buffer throws(E) in
        if !buffer.isEmpty { try body(buffer) }
      }
    }
  }

  public static func == (a: AnnotationList, b: AnnotationList) -> Bool {
    a.count == b.count && a.elementsEqual(b)
  }

  // MARK: Finding

  static func order(_ a: Annotation, _ b: Annotation) -> Bool {
    (a.range.start, a.range.end, a.id) < (b.range.start, b.range.end, b.id)
  }

  /// Where (chunk, offset) an annotation with this key is or would go.
  private func place(start: Int, end: Int, id: Int) -> (chunk: Int, offset: Int) {
    guard !chunks.isEmpty else { return (0, 0) }
    let key = (start, end, id)
    // The first chunk whose last annotation is not before the key.
    var lo = 0
    var hi = chunks.count - 1
    while lo < hi {
      let mid = (lo + hi) / 2
      let last = chunks[mid][chunks[mid].count - 1]
      if (last.range.start, last.range.end, last.id) < key { lo = mid + 1 } else { hi = mid }
    }
    let chunk = chunks[lo]
    var a = 0
    var b = chunk.count
    while a < b {
      let mid = (a + b) / 2
      if (chunk[mid].range.start, chunk[mid].range.end, chunk[mid].id) < key { a = mid + 1 } else { b = mid }
    }
    return (lo, a)
  }

  private func position(_ place: (chunk: Int, offset: Int)) -> Int {
    (place.chunk == 0 ? 0 : counts[place.chunk - 1]) + place.offset
  }

  /// The annotation with this id.
  public func annotation(_ id: Int) -> Annotation? {
    guard let range = ids[id] else { return nil }
    let (k, i) = place(start: range.start, end: range.end, id: id)
    return chunks[k][i]
  }

  /// The position of the first annotation at or after (start, end), by the
  /// list's order.
  public func firstPosition(atOrAfter range: TextRange) -> Int {
    guard !chunks.isEmpty else { return 0 }
    return position(place(start: range.start, end: range.end, id: Int.min))
  }

  /// Annotations whose range overlaps `range`, or that are empty and lie
  /// inside it; orphans included (the caller decides).
  public func touching(_ range: TextRange) -> [Annotation] {
    var found: [Annotation] = []
    for k in chunks.indices where maxEnds[k] >= range.start {
      let chunk = chunks[k]
      // Every match starts before the range ends.
      guard chunk[0].range.start < range.end else { break }
      for a in chunk where a.range.start < range.end {
        if a.range.overlaps(range) || (a.range.isEmpty && range.start <= a.range.start && a.range.start < range.end) {
          found.append(a)
        }
      }
    }
    return found
  }

  // MARK: Changing

  /// Puts an annotation in its place; its id must not be in the list.
  mutating func insert(_ annotation: Annotation) {
    ids[annotation.id] = annotation.range
    guard !chunks.isEmpty else {
      appendChunk([annotation])
      return
    }
    var (k, i) = place(start: annotation.range.start, end: annotation.range.end, id: annotation.id)
    if k == chunks.count { (k, i) = (k - 1, chunks[k - 1].count) }
    chunks[k].insert(annotation, at: i)
    maxEnds[k] = Swift.max(maxEnds[k], annotation.range.end)
    for j in k..<counts.count { counts[j] += 1 }
    if chunks[k].count > Self.maxChunk { split(k) }
  }

  /// Takes an annotation out by id.
  mutating func remove(_ id: Int) -> Annotation? {
    guard let range = ids[id] else { return nil }
    ids[id] = nil
    let (k, i) = place(start: range.start, end: range.end, id: id)
    let removed = chunks[k].remove(at: i)
    for j in k..<counts.count { counts[j] -= 1 }
    if chunks[k].isEmpty {
      chunks.remove(at: k)
      counts.remove(at: k)
      maxEnds.remove(at: k)
    } else if removed.range.end == maxEnds[k] {
      maxEnds[k] = chunks[k].lazy.map(\.range.end).max() ?? 0
    }
    return removed
  }

  private mutating func split(_ k: Int) {
    let half = chunks[k].count / 2
    let tail = Array(chunks[k][half...])
    chunks[k].removeLast(chunks[k].count - half)
    chunks.insert(tail, at: k + 1)
    counts.insert(counts[k], at: k + 1)
    counts[k] -= tail.count
    maxEnds[k] = chunks[k].lazy.map(\.range.end).max() ?? 0
    maxEnds.insert(tail.lazy.map(\.range.end).max() ?? 0, at: k + 1)
  }
}

/// Annotation ranges by id. A small document's (most of a corpus) are in
/// one dictionary; past ``smallLimit`` ids they move to pages of 1,024
/// ids, so that copying the index copies the page table and a change
/// copies one page.
struct IDIndex: Sendable {
  private var small: [Int: TextRange] = [:]
  private var pages: [Int: [TextRange?]] = [:]
  private var paged = false

  static let smallLimit = 4096

  init() {}

  /// The index of the ids (unique) `entries` calls its argument with, `count`
  /// of them, each once per call (it is called twice). Ids close enough together
  /// (a page in use for every 64 of them at most) fill their pages in a
  /// table by page number, not through the dictionary: one by one, each
  /// id hashed its page twice, which took a quarter of a second at a
  /// million ids in the order of their ranges.
  init(count: Int, _ entries: ((Int, TextRange) -> Void) -> Void) {
    var (low, high) = (Int.max, Int.min)
    entries { id, _ in (low, high) = (min(low, id), max(high, id)) }
    guard count > Self.smallLimit, low >= 0, (high >> 10) - (low >> 10) < count / 64 + 16 else {
      reserve(count)
      entries { id, range in self[id] = range }
      return
    }
    let first = low >> 10
    var table = [[TextRange?]](repeating: [], count: (high >> 10) - first + 1)
    entries { id, range in
      let page = (id >> 10) - first
      if table[page].isEmpty { table[page] = [TextRange?](repeating: nil, count: 1024) }
      table[page][id & 1023] = range
    }
    paged = true
    for (page, ranges) in table.enumerated() where !ranges.isEmpty { pages[first + page] = ranges }
  }

  /// Room for `count` ids, so that a list made at once does not grow the
  /// dictionary step by step.
  mutating func reserve(_ count: Int) {
    if !paged && count <= Self.smallLimit { small.reserveCapacity(count) }
  }

  subscript(id: Int) -> TextRange? {
    get { paged ? pages[id >> 10]?[id & 1023] ?? nil : small[id] }
    set {
      guard paged else {
        small[id] = newValue
        if small.count > Self.smallLimit {
          paged = true
          for (id, range) in small { setPaged(id, range) }
          small = [:]
        }
        return
      }
      setPaged(id, newValue)
    }
  }

  private mutating func setPaged(_ id: Int, _ newValue: TextRange?) {
    let page = id >> 10
    if pages[page] == nil {
      guard newValue != nil else { return }
      pages[page] = [TextRange?](repeating: nil, count: 1024)
    }
    pages[page]![id & 1023] = newValue
  }
}

extension AnnotationList {
  /// The quotes of a list's anchored spans, looked up by range for spans
  /// that come in the list's order, as a sidecar annotate wrote has them:
  /// the cursor moves on, and jumps back by a binary search only for a span
  /// that comes out of order. Nothing is hashed and no table is made per
  /// sidecar (a dictionary of them was, and its strings retained).
  struct QuoteCursor {
    private let list: AnnotationList
    private var chunk = 0
    private var offset = 0
    /// The range looked up last.
    private var last = (Int.min, Int.min)

    init(_ list: AnnotationList) { self.list = list }

    /// The quote of an anchored span of the list on exactly `start..<end`.
    mutating func quote(start: Int, end: Int) -> Quote? {
      let key = (start, end)
      if key < last { (chunk, offset) = list.place(start: start, end: end, id: Int.min) }
      last = key
      while chunk < list.chunks.count {
        var i = offset
        // Read in place: a borrowed annotation is a copy of all its strings.
        let found: Quote?? = list.chunks[chunk].withUnsafeBufferPointer { all in
          while i < all.count {
            let a = all.baseAddress! + i
            let here = (a.pointee.range.start, a.pointee.range.end)
            if here < key || (here == key && a.pointee.orphaned) {
              i += 1
              continue
            }
            return .some(here == key ? a.pointee.quote : nil)
          }
          return nil
        }
        offset = i
        if let found { return found }
        chunk += 1
        offset = 0
      }
      return nil
    }
  }
}
