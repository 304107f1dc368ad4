import Testing

@testable import AnnotateCore

/// The chunked annotation list against the plain sorted array it replaced:
/// the same order, lookups and overlap queries after thousands of random
/// changes (enough to split and empty chunks), and copies that do not see
/// each other's changes.
@Suite struct AnnotationListTests {
  static func annotation(_ id: Int, _ start: Int, _ end: Int, orphaned: Bool = false) -> Annotation {
    Annotation(
      id: id, range: TextRange(start: start, end: end), tags: ["claim"], created: "t", modified: "t",
      quote: Quote(exact: "", prefix: "", suffix: ""), orphaned: orphaned)
  }

  /// What `overlapping` meant on the plain array.
  static func plainOverlapping(_ all: [Annotation], _ range: TextRange) -> [Annotation] {
    all.filter {
      !$0.orphaned
        && ($0.range.overlaps(range)
          || ($0.range.isEmpty && range.start <= $0.range.start && $0.range.start < range.end))
    }
  }

  @Test func randomChangesKeepTheListEqualToASortedArray() {
    var random = SplitMix64(state: 2026)
    var set = AnnotationSet()
    var plain: [Annotation] = []
    var copies: [(AnnotationSet, [Annotation])] = []
    for step in 0..<6000 {
      let roll = random.below(10)
      if roll < 6 || plain.isEmpty {
        // Many spans share starts and ranges; some are long, some empty.
        let start = random.below(2000)
        let length = random.below(8) == 0 ? random.below(900) : random.below(12)
        let made = set.add(
          range: TextRange(start: start, end: start + length), tags: ["claim"],
          quote: Quote(exact: "", prefix: "", suffix: ""), at: "t")
        plain.append(made)
      } else if roll < 8 {
        let victim = plain[random.below(plain.count)]
        #expect(set.remove(victim.id) == victim)
        plain.removeAll { $0.id == victim.id }
      } else {
        var changed = plain[random.below(plain.count)]
        changed.range = TextRange(start: random.below(2000), end: 2000 + random.below(10))
        changed.orphaned = random.below(5) == 0
        set.update(changed)
        plain.removeAll { $0.id == changed.id }
        plain.append(changed)
      }
      if step % 500 == 0 { copies.append((set, plain)) }
      if step % 97 == 0 {
        let sorted = plain.sorted(by: AnnotationSet.order)
        #expect(Array(set.annotations) == sorted)
        #expect(set.annotations.count == sorted.count)
        for i in stride(from: 0, to: sorted.count, by: 37) { #expect(set.annotations[i] == sorted[i]) }
        let start = random.below(2100)
        let query = TextRange(start: start, end: start + random.below(60))
        #expect(set.overlapping(query) == Self.plainOverlapping(sorted, query))
        if !plain.isEmpty {
          let some = random.pick(plain)
          #expect(set.annotation(some.id) == some)
          #expect(set.annotation(covering: some.range) == sorted.first { $0.range == some.range && !$0.orphaned })
        }
        #expect(set.annotation(set.nextID) == nil)
      }
    }
    // Every copy kept what it had when it was made.
    for (copy, plainThen) in copies {
      #expect(Array(copy.annotations) == plainThen.sorted(by: AnnotationSet.order))
    }
    // Emptied, the list is empty.
    for a in plain { set.remove(a.id) }
    #expect(set.annotations.isEmpty && set.annotations.count == 0 && Array(set.annotations).isEmpty)
  }

  /// Past a few thousand ids the index moves to pages: lookups, removals
  /// and copies stay right across the move.
  @Test func theIndexByIDMovesToPagesAndStaysRight() {
    var set = AnnotationSet()
    var random = SplitMix64(state: 19)
    var made: [Annotation] = []
    for _ in 0..<(IDIndex.smallLimit * 2 + 500) {
      let start = random.below(50_000)
      made.append(
        set.add(
          range: TextRange(start: start, end: start + random.below(30)), tags: ["claim"],
          quote: Quote(exact: "", prefix: "", suffix: ""), at: "t"))
    }
    let copy = set
    for a in made { #expect(set.annotation(a.id) == a) }
    for a in made where a.id % 3 == 0 { #expect(set.remove(a.id) == a) }
    for a in made { #expect(set.annotation(a.id) == (a.id % 3 == 0 ? nil : a)) }
    for a in made { #expect(copy.annotation(a.id) == a) }
    #expect(set.annotation(0) == nil && set.annotation(-5) == nil && set.annotation(1 << 40) == nil)
  }

  @Test func anUnsortedListIsSortedByStartEndAndID() {
    let set = AnnotationSet(annotations: [
      Self.annotation(3, 5, 9), Self.annotation(1, 5, 9), Self.annotation(2, 0, 4), Self.annotation(4, 5, 7),
    ])
    #expect(set.annotations.map(\.id) == [2, 4, 1, 3])
    #expect(set.nextID == 5)
  }
}
