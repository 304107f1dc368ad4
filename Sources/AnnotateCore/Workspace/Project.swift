#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a project's annotations are, and the folder document ids are
/// relative to. A project is a folder holding an `Annotations` folder;
/// documents anywhere below it have ids that are their paths from it, so
/// opening the whole project, a subfolder, `.` inside one, or a single file
/// finds the same sidecars.
public struct Project: Equatable, Sendable {
  /// The annotations folder.
  public var annotations: String
  /// The folder ids are relative to: the one holding the annotations folder.
  public var root: String

  public static let annotationsFolderName = "Annotations"

  /// The project of an annotations folder named on purpose.
  public init(annotations: String) {
    self.annotations = annotations
    self.root = Path.parent(Path.absolute(annotations))
  }

  /// The project the paths belong to: the nearest folder at or above the
  /// first path (or the current folder) that holds an `Annotations` folder;
  /// else a new one in the current folder.
  public static func discover(from paths: [String]) -> Project {
    let start = paths.first.map { Path.absolute($0) } ?? Path.currentFolder()
    var folder = FileSystem.isFolder(start) ? start : Path.parent(start)
    while true {
      let candidate = folder == "/" ? "/" + annotationsFolderName : folder + "/" + annotationsFolderName
      if FileSystem.isFolder(candidate) { return Project(annotations: candidate) }
      guard folder != "/" else { break }
      folder = Path.parent(folder)
    }
    return Project(annotations: Path.currentFolder() + "/" + annotationsFolderName)
  }
}

/// Lexical path helpers (no symbolic links resolved).
enum Path {
  static func currentFolder() -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    guard getcwd(&buffer, buffer.count) != nil else { return "." }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// An absolute path with `.` and `..` resolved and no trailing slash.
  static func absolute(_ path: String) -> String {
    let full = path.hasPrefix("/") ? path : currentFolder() + "/" + path
    var parts: [Substring] = []
    for part in full.split(separator: "/") {
      if part == "." || part.isEmpty { continue }
      if part == ".." {
        if !parts.isEmpty { parts.removeLast() }
        continue
      }
      parts.append(part)
    }
    return "/" + parts.joined(separator: "/")
  }

  static func parent(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
    return String(path[..<slash])
  }

  /// `path` relative to `root` when it is inside it (both absolute), else nil.
  static func relative(_ path: String, to root: String) -> String? {
    if path == root { return "" }
    let base = root == "/" ? "/" : root + "/"
    return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : nil
  }
}

extension Project {
  /// The annotators with sidecars in an annotations folder, sorted (for completion).
  public static func annotatorNames(in folder: String) -> [String] {
    var names = Set<String>()
    for path in SidecarCheck.sidecarFiles(folder) {
      let file = String(path[path.index(after: path.lastIndex(of: "/")!)...].dropLast(5))
      if isValidAnnotatorName(file) { names.insert(file) }
    }
    return names.sorted()
  }
}
