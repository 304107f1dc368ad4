import Glibc
import Testing

@testable import AnnotateCore

/// The unit cache: what a session segmented, the next one takes back, and
/// only while the text, the language and the rules are the same.
@Suite struct UnitCacheTests {
  /// A project with three articles (English, German with a BOM and CRLF,
  /// one with emoji and combining marks) and an annotations folder.
  final class Project {
    let folder = makeTemporaryFolder()
    var annotations: String { folder + "/Annotations" }
    var cachePath: String { annotations + "/.cache/units.bin" }

    init(annotationsFolder: Bool = true) {
      sh("mkdir -p '\(folder)/docs'")
      writeFile(
        folder + "/docs/a.txt",
        "Talks collapsed in Geneva on Monday. Dr. Jones said so. The U.S. envoy left at 5 p.m. yesterday.\n")
      writeFile(
        folder + "/docs/b.txt",
        [0xEF, 0xBB, 0xBF]
          + Array(
            "Die Gespräche sind gescheitert.\r\nDer Gesandte reiste am 3. März ab. Das sagte Dr. Müller.\r\n".utf8))
      writeFile(folder + "/docs/c.txt", "He waved 👋🏽 and left. Café e\u{301}tait fermé! Was it? Yes.\n")
      if annotationsFolder { sh("mkdir -p '\(annotations)'") }
    }

    deinit { removeTree(folder) }

    /// A fresh session's workspace with the articles open.
    func open(language: Language? = nil) -> Workspace {
      let workspace = Workspace(folder: annotations, annotator: "alice")
      workspace.open([folder + "/docs"])
      if let language { workspace.languageOverride = language }
      return workspace
    }
  }

  /// Units and language as a session with no cache makes them.
  static func fresh(_ document: Document) -> (units: [TextRange], language: Language) {
    let language =
      document.languageSource == .detected ? LanguageDetector.detect(document.text).language : document.language
    return (Segmenter.units(of: document.text, kind: .sentence, language: language), language)
  }

  @Test func aLaterSessionTakesTheUnitsAnEarlierOneMade() throws {
    let project = Project()
    let first = project.open()
    first.corpus.segment(.sentence)
    #expect(first.corpus.unitCache?.hits == 0)
    #expect(FileSystem.exists(project.cachePath))
    #expect(
      readFileBytes(project.annotations + "/.cache/.gitignore").map { String(decoding: $0, as: UTF8.self) }?.contains(
        "*") == true)

    let second = project.open()
    second.corpus.segment(.sentence)
    #expect(second.corpus.unitCache?.hits == 3)
    for document in second.corpus.documents {
      let expected = Self.fresh(document)
      #expect(document.units(.sentence) == expected.units, "\(document.id)")
      #expect(document.language == expected.language, "\(document.id)")
      #expect(document.units(.sentence).count >= 3, "\(document.id)")
    }
    // Nothing new: the file is not written again.
    let before = try #require(readFileBytes(project.cachePath))
    second.corpus.segment(.sentence)
    #expect(readFileBytes(project.cachePath) == before)
  }

  @Test func anArticleEditedBetweenSessionsIsSegmentedAfresh() throws {
    let project = Project()
    project.open().corpus.segment(.sentence)
    // Same length in bytes, one boundary moved: only the hash can tell.
    writeFile(
      project.folder + "/docs/a.txt",
      "Talks collapsed in Geneva on Monday. Dr! Jones said so. The U.S. envoy left at 5 p.m. yesterday.\n")
    let second = project.open()
    second.corpus.segment(.sentence)
    #expect(second.corpus.unitCache?.hits == 2)
    let a = try #require(second.corpus.documents.first { $0.id.hasSuffix("a.txt") })
    #expect(a.units(.sentence) == Self.fresh(a).units)
    #expect(a.units(.sentence).count == 4)
    // And the next session has the edited article's units too.
    let third = project.open()
    third.corpus.segment(.sentence)
    #expect(third.corpus.unitCache?.hits == 3)
  }

  /// A file hashed in one session is not hashed in the next while its stamp
  /// stands; rewritten in place to the same size with its modification
  /// time put back, it is hashed again, before and after its stamp settles.
  @Test func aFileWhoseStampStandsIsNotHashedAgain() throws {
    let project = Project()
    let hashesPath = project.annotations + "/.cache/" + UnitCache.hashesFileName
    func settle() { usleep(UInt32(FileStamp.settleSeconds) * 1_000_000 + 300_000) }
    func hash(_ document: Document) -> String {
      SHA256Words.hex(Document.digest(of: document.text, byteOrderMark: document.hasByteOrderMark))
    }
    settle()
    let first = project.open()
    #expect(first.corpus.documents.allSatisfy { $0.stamp != nil && !$0.isHashed })
    first.corpus.segment(.sentence)
    first.keepHashes()
    #expect(FileSystem.exists(hashesPath))
    let second = project.open()
    #expect(second.corpus.documents.allSatisfy { $0.isHashed && $0.sha256 == hash($0) })

    // Rewritten in place: the same inode and size, the old modification time.
    let path = project.folder + "/docs/a.txt"
    var info = stat()
    #expect(stat(path, &info) == 0)
    writeFile(
      path, "Talks collapsed in Geneva on Monday! Dr. Jones said so. The U.S. envoy left at 5 p.m. yesterday.\n")
    var times = [info.st_atim, info.st_mtim]
    #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
    var now = stat()
    #expect(stat(path, &now) == 0 && now.st_size == info.st_size && now.st_ino == info.st_ino)
    for settled in [false, true] {
      if settled { settle() }
      let session = project.open()
      let a = try #require(session.corpus.documents.first { $0.id.hasSuffix("a.txt") })
      #expect((a.stamp != nil) == settled)
      #expect(!a.isHashed)
      #expect(a.sha256 == hash(a))
      #expect(session.corpus.documents.filter { !$0.isHashed }.isEmpty)
      session.keepHashes()
    }
    #expect(try #require(project.open().corpus.documents.first { $0.id.hasSuffix("a.txt") }).isHashed)

    // A damaged file of hashes is not believed.
    var bytes = try #require(readFileBytes(hashesPath))
    bytes[bytes.count / 2] ^= 0x01
    writeFile(hashesPath, bytes)
    #expect(project.open().corpus.documents.allSatisfy { !$0.isHashed })
  }

  @Test(arguments: ["flipped byte", "cut short", "empty", "another rules version"])
  func aDamagedOrForeignCacheIsIgnoredAndWrittenAnew(_ damage: String) throws {
    let project = Project()
    project.open().corpus.segment(.sentence)
    var bytes = try #require(readFileBytes(project.cachePath))
    switch damage {
    case "flipped byte": bytes[bytes.count / 2] ^= 0x20
    case "cut short": bytes.removeLast(bytes.count / 3)
    case "empty": bytes = []
    default:
      // A well-formed file (its checksum right) from other segmentation rules.
      let rules = UnitCache.magic.count + 4
      bytes[rules] &+= 1
      bytes.removeLast(UnitCache.checksumBytes)
      bytes += Array(SHA256Digest(of: bytes))
    }
    writeFile(project.cachePath, bytes)
    let second = project.open()
    second.corpus.segment(.sentence)
    #expect(second.corpus.unitCache?.hits == 0, "\(damage)")
    for document in second.corpus.documents { #expect(document.units(.sentence) == Self.fresh(document).units) }
    let third = project.open()
    third.corpus.segment(.sentence)
    #expect(third.corpus.unitCache?.hits == 3, "\(damage)")
  }

  /// A cache file past the size limit is not read (a sparse file: nothing
  /// is allocated for it), and is written anew; a temporary file a dead
  /// session left is removed when the cache is next written.
  @Test func anOversizedCacheIsNotReadAndLeftoversAreRemoved() throws {
    let project = Project()
    project.open().corpus.segment(.sentence)
    #expect(truncate(project.cachePath, off_t(UnitCache.maximumBytes + 1)) == 0)
    // No process has this id (above any pid_max).
    let dead = project.cachePath + ".tmp-1073741823"
    writeFile(dead, "half a cache")
    let second = project.open()
    second.corpus.segment(.sentence)
    #expect(second.corpus.unitCache?.hits == 0)
    #expect(!FileSystem.exists(dead))
    let size = try #require(readFileBytes(project.cachePath)).count
    #expect(size > 0 && size < 100_000)
    let third = project.open()
    third.corpus.segment(.sentence)
    #expect(third.corpus.unitCache?.hits == 3)
  }

  @Test func theHashsWordsReadAsItsHex() throws {
    // SHA-256 of "abc", from FIPS 180-2's appendix B.1.
    let document = try Document(id: "abc.txt", path: "/nowhere/abc.txt", fileBytes: Array("abc".utf8))
    #expect(document.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(document.digest?[0] == 0xba78_16bf_8f01_cfea && document.digest?[3] == 0xb410_ff61_f200_15ad)
    // Each word's top and bottom bits land on its first and last digits.
    for word in 0..<4 {
      for (bit, digit, value) in [(63, 0, "8"), (0, 15, "1")] {
        var words = SHA256Words()
        words[word] = 1 << UInt64(bit)
        let hex = Array(SHA256Words.hex(words))
        #expect(
          String(hex[16 * word + digit]) == value && hex.filter { $0 != "0" }.count == 1, "word \(word), bit \(bit)")
      }
    }
  }

  @Test func aChosenLanguageIsPartOfTheKey() throws {
    let project = Project()
    project.open().corpus.segment(.sentence)
    // The German article segmented as English this time: not the cached German units.
    let english = project.open(language: .english)
    english.corpus.segment(.sentence)
    #expect(english.corpus.unitCache?.hits == 0)
    for document in english.corpus.documents {
      #expect(document.language == .english)
      #expect(document.units(.sentence) == Segmenter.units(of: document.text, kind: .sentence, language: .english))
    }
  }

  @Test func aSearchFillsAndReadsTheCache() throws {
    let project = Project()
    let pattern = try RegexPattern(#"\b(said|left|ab)\b"#)
    let first = project.open()
    let found = try first.corpus.search(pattern, kind: .sentence, limit: 100)
    let second = project.open()
    #expect(try second.corpus.search(pattern, kind: .sentence, limit: 100) == found)
    // The documents the first search gave units to take them from the cache.
    let segmented = first.corpus.documents.count { $0.hasUnits(.sentence) }
    #expect(segmented >= Set(found.hits.map(\.document)).count)
    #expect(second.corpus.unitCache?.hits == segmented)
    #expect(found.hits.count >= 3)
  }

  @Test func noAnnotationsFolderMeansNoCacheWritten() {
    let project = Project(annotationsFolder: false)
    let workspace = project.open()
    workspace.corpus.segment(.sentence)
    #expect(!FileSystem.exists(project.annotations))
    for document in workspace.corpus.documents { #expect(document.units(.sentence) == Self.fresh(document).units) }
  }

  /// A tripwire: the cache trusts `SegmentationRules.version` and
  /// `LanguageDetector.version`. When this fingerprint changes, a boundary
  /// or a detection moved: bump the version that covers it (so that caches
  /// and sidecars made before are not trusted), then record the new value.
  @Test func segmentationIsWhatTheVersionsSay() throws {
    let texts = [
      "Talks collapsed in Geneva on Monday. Dr. Jones said so. The U.S. envoy left at 5 p.m. yesterday.",
      "Die Gespräche sind gescheitert. Der Gesandte reiste am 3. März ab. Das sagte Dr. Müller.",
      "Les négociations ont échoué. M. Dupont l'a dit à 17 h. Et après ?",
      "Переговоры сорвались. Об этом сказал г. Иванов. Что дальше?",
      "会谈破裂了。特使周一离开。接下来呢？",
      "1) First point. 2) Second point. • A bullet • Another one.",
    ]
    var fingerprint: UInt64 = 0xCBF2_9CE4_8422_2325
    func mix(_ value: Int) {
      fingerprint = (fingerprint ^ UInt64(bitPattern: Int64(value))) &* 0x100_0000_01B3
    }
    for text in texts {
      let utf8 = try UTF8Text(validating: Array(text.utf8))
      let language = LanguageDetector.detect(utf8).language
      for byte in language.code.utf8 { mix(Int(byte)) }
      for unit in Segmenter.units(of: utf8, kind: .sentence, language: language) {
        mix(unit.start)
        mix(unit.end)
      }
    }
    #expect(
      (SegmentationRules.version, LanguageDetector.version, fingerprint) == (2, 1, 10_388_030_044_883_226_401),
      "segmentation or detection changed (fingerprint \(fingerprint)): bump the version that covers it, then record the fingerprint"
    )
  }
}

/// SHA-256 of bytes, as the cache's checksum is made.
private func SHA256Digest(of bytes: [UInt8]) -> [UInt8] {
  var out: [UInt8] = []
  UnitCache.appendChecksum(of: bytes, to: &out)
  return out
}
