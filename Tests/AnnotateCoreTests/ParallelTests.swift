import Glibc
import Synchronization
import Testing

@testable import AnnotateCore

/// Counts live instances.
private final class Tracked: Sendable {
  static let alive = Atomic<Int>(0)
  let value: Int
  init(_ value: Int) {
    self.value = value
    Self.alive.add(1, ordering: .relaxed)
  }
  deinit { Self.alive.subtract(1, ordering: .relaxed) }
}

@Suite(.serialized) struct ParallelTests {
  @Test func mapKeepsOrderOnEveryCore() {
    let squares = Parallel.map(Array(0..<10_000)) { $0 * $0 }
    #expect(squares == (0..<10_000).map { $0 * $0 })
    #expect(Parallel.map([Int]()) { $0 }.isEmpty)
  }

  /// Regression: items were handed out 32 at a time, so the two runs of a
  /// large document's paragraphs both went to one thread. The first item
  /// waits (up to 10 s) for the second to start: only another thread can
  /// start it meanwhile, however busy the machine is.
  @Test func twoHeavyItemsGoToTwoThreads() {
    guard Parallel.width > 1 else { return }
    let secondStarted = Atomic<Bool>(false)
    let sawSecond = Parallel.map([0, 1]) { item -> Bool in
      if item == 1 {
        secondStarted.store(true, ordering: .releasing)
        return true
      }
      for _ in 0..<10_000 where !secondStarted.load(ordering: .acquiring) { usleep(1000) }
      return secondStarted.load(ordering: .acquiring)
    }
    #expect(sawSecond[0], "the second item did not start while the first ran")
  }

  /// `map(taking:)` empties the array and hands each item over as its
  /// last holder: no item is left when it returns, results in order.
  @Test func takenItemsAreFreedByTheTransform() {
    let before = Tracked.alive.load(ordering: .relaxed)
    var items = (0..<1000).map { Tracked($0) }
    let values = Parallel.map(taking: &items) { $0.value }
    #expect(items.isEmpty)
    #expect(values == Array(0..<1000))
    #expect(Tracked.alive.load(ordering: .relaxed) == before)
    var one = [Tracked(7)]
    #expect(Parallel.map(taking: &one) { $0.value } == [7])
    #expect(Tracked.alive.load(ordering: .relaxed) == before)
  }

  /// Regression: results were copied out of the buffer, not moved, so
  /// every result leaked (285 MB per `agree` at corpus scale).
  @Test func resultsAreFreedWithTheArray() {
    let before = Tracked.alive.load(ordering: .relaxed)
    do {
      let objects = Parallel.map(Array(0..<1000)) { Tracked($0) }
      #expect(objects.map(\.value) == Array(0..<1000))
      #expect(Tracked.alive.load(ordering: .relaxed) == before + 1000)
    }
    #expect(Tracked.alive.load(ordering: .relaxed) == before)
  }
}
