import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Work spread over the machine's cores.
enum Parallel {
  /// How many threads `map` uses: the online cores, at most 8.
  static let width = max(1, min(8, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))

  /// `0..<count` in consecutive ranges of `size` (the last may be shorter):
  /// the blocks of documents whole-corpus work hands out.
  static func blocks(_ count: Int, of size: Int) -> [Range<Int>] {
    stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
  }

  /// `items.map(transform)`, computed on every core; results in order.
  /// Blocks of up to 32 items go to whichever thread is free (one item at a
  /// time when there are few: two large documents go to two threads).
  static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    guard items.count > 1, width > 1 else { return items.map(transform) }
    return items.withUnsafeBufferPointer { buffer in
      nonisolated(unsafe) let items = buffer
      return indices(items.count) { transform(items[$0]) }
    }
  }

  /// ``map(_:_:)`` taking the items (`items` is left empty): each is
  /// handed to `transform` as the last holder of what it refers to, so
  /// what `transform` lets go of is freed on the thread that ran it, not
  /// afterwards on the caller's.
  static func map<T: Sendable, R: Sendable>(taking items: inout [T], _ transform: @Sendable (consuming T) -> R) -> [R] {
    let source = UnsafeMutableBufferPointer<T>.allocate(capacity: items.count)
    _ = source.initialize(fromContentsOf: items)
    items = []
    defer { source.deallocate() }
    // Each item is moved out by exactly one thread.
    nonisolated(unsafe) let taken = source
    guard taken.count > 1, width > 1 else { return taken.indices.map { transform((taken.baseAddress! + $0).move()) } }
    return indices(taken.count) { transform((taken.baseAddress! + $0).move()) }
  }

  /// `(0..<count).map(transform)`, computed on every core; results in order.
  static func map<R: Sendable>(count: Int, _ transform: @Sendable (Int) -> R) -> [R] {
    guard count > 1, width > 1 else { return (0..<count).map(transform) }
    return indices(count, transform)
  }

  /// `(0..<count).map(transform)` on every core, results in order.
  private static func indices<R: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> R) -> [R] {
    let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    let next = NextBlock(count: count, size: max(1, min(32, count / (width * 4))))
    // Each index is written by exactly one thread, and read after all are done.
    nonisolated(unsafe) let out = results
    DispatchQueue.concurrentPerform(iterations: width) { _ in
      while let block = next.take() {
        for i in block { out[i] = transform(i) }
      }
    }
    // Moved out, not copied: a copy would leave the buffer's references
    // behind, and every result would leak (it did: 285 MB per `agree`).
    let values = (0..<count).map { (results.baseAddress! + $0).move()! }
    results.deallocate()
    return values
  }
}

/// Hands out blocks of indices to threads. An atomic counter, not a lock:
/// ThreadSanitizer sees atomics, and did not see through `Mutex`'s futex
/// (it reported the handing out as a race).
private final class NextBlock: Sendable {
  private let position = Atomic<Int>(0)
  private let count: Int
  private let size: Int

  init(count: Int, size: Int) {
    self.count = count
    self.size = size
  }

  func take() -> Range<Int>? {
    let start = position.wrappingAdd(size, ordering: .relaxed).oldValue
    guard start < count else { return nil }
    return start..<min(count, start + size)
  }
}

/// A value worked out on a thread of its own while the caller goes on (a
/// thread, not a queue: the queues' threads may all be busy with the
/// caller's ``Parallel`` work, and this is to run beside it). ``value()``
/// waits for it; the thread is joined, which ThreadSanitizer sees.
final class BackgroundWork<T: Sendable>: @unchecked Sendable {
  private var result: T?
  private var thread: pthread_t?

  init(_ work: @escaping @Sendable () -> T) {
    let start = ThreadStart { [unowned(unsafe) self] in self.result = work() }
    let context = Unmanaged.passRetained(start).toOpaque()
    var thread = pthread_t()
    let started = pthread_create(
      &thread, nil,
      { context in
        Unmanaged<ThreadStart>.fromOpaque(context!).takeRetainedValue().body()
        return nil
      }, context)
    if started == 0 {
      self.thread = thread
    } else {
      // No thread to be had: the work is done here, now.
      Unmanaged<ThreadStart>.fromOpaque(context).release()
      result = work()
    }
  }

  /// The result, once the work is done.
  func value() -> T {
    join()
    return result!
  }

  private func join() {
    guard let thread else { return }
    pthread_join(thread, nil)
    self.thread = nil
  }

  deinit { join() }
}

/// What a thread started by ``BackgroundWork`` runs.
private final class ThreadStart {
  let body: () -> Void
  init(_ body: @escaping () -> Void) { self.body = body }
}
