#if canImport(Glibc)
  import CAllocator
#endif

/// The C allocator, set up for a process that reads a corpus on every core.
enum Allocator {
  /// How much more than asked for a heap grows by. glibc's default grows a
  /// thread's heap by what each allocation needs, one `mprotect` at a time:
  /// opening 10,000 articles made 7,312 of them, a tenth of a search's
  /// time. Address space only: pages are not touched till they are used.
  static let growth = 32 << 20

  /// Call first thing, before any thread allocates.
  static func prepare() {
    #if canImport(Glibc)
      _ = mallopt(M_TOP_PAD, Int32(growth))
    #endif
  }
}
