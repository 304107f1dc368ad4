// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "annotate",
  products: [
    .executable(name: "annotate", targets: ["annotate"]),
    .executable(name: "annotate-bench", targets: ["annotate-bench"]),
    .executable(name: "annotate-fuzz", targets: ["annotate-fuzz"]),
    .library(name: "AnnotateCore", targets: ["AnnotateCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
  ],
  targets: [
    // libedit's native histedit API, wrapped for Swift (variadic calls made fixed).
    .systemLibrary(
      name: "CLibEdit",
      pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
    ),
    // The system SQLite, for `export sqlite` (R's DBI, pandas' read_sql and datasette open the file).
    .systemLibrary(
      name: "CSQLite",
      pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
    ),
    // PCRE2 with its JIT, for `find /REGEX/`.
    .systemLibrary(
      name: "CPCRE2",
      pkgConfig: "libpcre2-8",
      providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]
    ),
    // glibc's allocator settings (mallopt), for the executable's start.
    .systemLibrary(name: "CAllocator"),
    // SSE2's byte mask, inline, for the UTF-8 validator's scan of 64 bytes at once.
    .systemLibrary(name: "CByteMask"),
    // Owns EditLine and History; knows nothing about annotation.
    .target(name: "LineEditor", dependencies: ["CLibEdit"]),
    // Documents, segmentation, the command table and session. Never prints.
    .target(
      name: "AnnotateCore",
      dependencies: ["CSQLite", "CPCRE2", "CByteMask", .product(name: "Crypto", package: "swift-crypto")]),
    // The thin executable that wires the core to a terminal or a script.
    .executableTarget(
      name: "annotate",
      dependencies: [
        "AnnotateCore", "LineEditor", "CAllocator",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // A program on a pseudo-terminal, for the tests and benchmarks of what a person at a terminal sees.
    .target(name: "PTY"),
    // Release-build benchmarks: `make bench`.
    .executableTarget(name: "annotate-bench", dependencies: ["AnnotateCore", "PTY"]),
    // Fuzz targets: libFuzzer's driver under `make fuzz`, a corpus replayer otherwise.
    .executableTarget(name: "annotate-fuzz", dependencies: ["AnnotateCore"]),
    .testTarget(name: "AnnotateCoreTests", dependencies: ["AnnotateCore"]),
    .testTarget(name: "AnnotateCLITests", dependencies: ["AnnotateCore", "PTY"]),
  ],
  swiftLanguageModes: [.v6]
)
