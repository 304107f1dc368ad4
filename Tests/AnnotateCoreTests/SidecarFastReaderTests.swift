import FoundationEssentials
import Testing

@testable import AnnotateCore

/// The fast sidecar reader must read what JSONDecoder reads, to the same
/// values, and hand everything else to it.
@Suite struct SidecarFastReaderTests {
  func slow(_ text: String) -> SidecarFile? {
    try? JSONDecoder().decode(SidecarFile.self, from: Data(text.utf8))
  }

  /// What the fast reader reads, after checking that its census of tags
  /// (which makes no span's strings) takes the same files and counts the
  /// tags the reader reads.
  func fastRead(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> SidecarFile? {
    let file = SidecarFastReader.read(bytes)
    let census = SidecarFastReader.tagCounts(bytes)
    #expect((file == nil) == (census == nil), "census", sourceLocation: sourceLocation)
    if let file {
      var counts: [String: Int] = [:]
      for entry in file.annotations {
        for tag in entry.tags { counts[tag, default: 0] += 1 }
      }
      #expect(census == counts, sourceLocation: sourceLocation)
    }
    return file
  }

  /// A sidecar written by a real session, with notes and text that need escaping.
  func written() throws -> String {
    let w = TestProject(documents: [
      "hard.txt": "Tab\there \"quoted\" back\\slash é 👍🏽 \u{1}ctl.\r\nSecond line “curly”.\n"
    ])
    w.run(
      "tag 1 claim", "hl 3 \"rightly felt\" opinion", "note \"a \\\"note\\\" with \\\\ and 👍🏽\"", "doc hard.txt",
      "tag 1 source opinion", "tag 2 claim", "note \"line\\none\"")
    _ = w.session.close()
    let path = w.folder + "/docs/ann/hard.txt/alice.json"
    return String(decoding: try #require(readFileBytes(path)), as: UTF8.self)
  }

  @Test func readsWhatSessionsWriteExactlyAsJSONDecoderDoes() throws {
    let text = try written()
    let fast = try #require(fastRead(Array(text.utf8)))
    #expect(fast == slow(text))
    #expect(fast.annotations.count == 2)
    // Minified, and with every kind of escape a hand-edited file may use.
    let minified = text.split(separator: "\n").map { $0.trimmingPrefix(while: { $0 == " " }) }.joined()
    #expect(fastRead(Array(minified.utf8)) == slow(minified))
    let escaped = text.replacing("\"claim\"", with: "\"cl\\u0061im\"")
      .replacing("👍🏽", with: "\\ud83d\\udc4d\\ud83c\\udffd")
      .replacing("\"created\"", with: "\"created\"\t\r\n")
    let read = try #require(fastRead(Array(escaped.utf8)))
    #expect(read == slow(escaped))
    #expect(read == fast)
  }

  /// A span's tag list is taken from one read before only when the file
  /// has the same bytes there: lists that begin alike, differ in a letter,
  /// or are spaced otherwise are each read as JSONDecoder reads them.
  @Test func aTagListReadBeforeIsTakenAgainOnlyForTheSameBytes() throws {
    let lists = [
      #"["claim"]"#, #"["claim", "opinion"]"#, #"["claim"]"#, #"["claims"]"#, #"[ "claim" ]"#, "[]",
      #"["claim", "opinion", "source"]"#, #"["opinion"]"#, #"["cl\u0061im"]"#, #"["claim", "opinion"]"#, "[]",
      #"["source", "claim"]"#, #"["claim"]"#,
    ]
    let text = try written()
    let head = text[..<text.firstRange(of: "\"annotations\": [")!.upperBound]
    var entries: [String] = []
    for (k, tags) in lists.enumerated() {
      entries.append(
        """
            {
              "id": \(k + 1),
              "start": \(k),
              "end": \(k + 1),
              "text": "x",
              "prefix": "",
              "suffix": "",
              "sentences": [],
              "tags": \(tags),
              "note": null,
              "created": "2026-12-02T08:00:00Z",
              "modified": "2026-12-02T08:00:00Z",
              "status": "anchored"
            }
        """)
    }
    let sidecar = String(head) + "\n" + entries.joined(separator: ",\n") + "\n  ]\n}\n"
    let fast = try #require(fastRead(Array(sidecar.utf8)))
    let reference = try #require(slow(sidecar))
    #expect(fast == reference)
    #expect(fast.annotations.map(\.tags)[3] == ["claims"])
    #expect(fast.annotations.map(\.tags)[11] == ["source", "claim"])
  }

  /// A span on the same words as another annotator's anchored span shares
  /// its quote's strings, whether the spans come in order or not; one on an
  /// orphan's words, or on words no one else marked, has its own.
  @Test func aSpanOnAnotherAnnotatorsWordsSharesTheirQuote() throws {
    let (text, ranges) = marked(
      "The minister said ⟦the peace talks would resume⟧ next week. ⟦Critics called the plan⟧ "
        + "⟦a fantasy of the powerful⟧. ⟦Nobody else spoke about the border⟧ at all.")
    let document = try Document(id: "t.txt", path: "/t.txt", fileBytes: Array(text.utf8))
    let time = "2026-12-02T08:00:00Z"
    var alice = AnnotationSet()
    var bob = AnnotationSet()
    for range in ranges[0..<3] {
      _ = alice.add(range: range, tags: ["claim"], quote: Quote(of: range, in: document.text), at: time)
    }
    var orphan = try #require(alice.annotations.first { $0.range == ranges[1] })
    orphan.orphaned = true
    alice.update(orphan)
    for range in ranges {
      _ = bob.add(range: range, tags: ["opinion"], quote: Quote(of: range, in: document.text), at: time)
    }
    let sidecar = Sidecar(
      document: SidecarDocument(
        id: "t.txt", path: "/t.txt", sha256: document.sha256, length: document.text.scalarCount,
        newline: document.newline),
      annotator: "bob", codebook: ["claim", "opinion"], set: bob)
    let written = String(decoding: sidecar.encoded(), as: UTF8.self)
    // The same spans last to first: each looked up out of order.
    let head = try #require(written.firstRange(of: "\"annotations\": [\n    {"))
    let tail = try #require(written.ranges(of: "\n    }\n  ]").last)
    let entries = written[head.upperBound..<tail.lowerBound].split(separator: "\n    },\n    {")
    #expect(entries.count == 4)
    let reversed =
      written[..<head.upperBound] + entries.reversed().joined(separator: "\n    },\n    {")
      + written[tail.lowerBound...]
    let storage = utf8Storage
    let aliceQuotes = Dictionary(uniqueKeysWithValues: alice.annotations.map { ($0.range, $0.quote) })
    for file in [written, String(reversed)] {
      var bytes = Array(file.utf8)
      let read = try Sidecar.decode(taking: &bytes, path: "/bob.json", twins: alice.annotations)
      #expect(read.set == bob)
      for a in read.set.annotations {
        let shares = aliceQuotes[a.range].map { storage($0.exact) == storage(a.quote.exact) } ?? false
        #expect(shares == (a.range == ranges[0] || a.range == ranges[2]), "\(a.quote.exact)")
        if shares, let twin = aliceQuotes[a.range] {
          #expect(storage(twin.prefix) == storage(a.quote.prefix) && storage(twin.suffix) == storage(a.quote.suffix))
        }
      }
    }
  }

  @Test(arguments: [
    ("lone surrogate", "\"text\": \"\\ud83d\""), ("bad escape", "\"text\": \"\\x41\""),
    ("raw control", "\"text\": \"a\u{1}b\""), ("leading zero", "\"start\": 00"), ("fraction", "\"start\": 1.0"),
    ("exponent", "\"start\": 1e2"), ("string for int", "\"start\": \"1\""), ("huge", "\"start\": 99999999999999999999"),
  ])
  func leavesAnythingUnusualToJSONDecoder(_ name: String, _ replacement: String) throws {
    let text = try written()
    let field = replacement.prefix(while: { $0 != ":" })
    let line = try #require(text.split(separator: "\n").first { $0.contains(field + ":") })
    let changed = text.replacing(String(line), with: "      " + replacement + ",")
    #expect(fastRead(Array(changed.utf8)) == nil, "\(name)")
  }

  @Test func otherLayoutsAndTrailingBytesGoToTheSlowPath() throws {
    let text = try written()
    #expect(fastRead(Array((text + "x").utf8)) == nil)
    #expect(fastRead(Array(text.utf8) + [0xFF]) == nil)
    let reordered = text.replacing("\"version\": 1,", with: "").replacing(
      "\"annotator\":", with: "\"version\": 1, \"annotator\":")
    #expect(fastRead(Array(reordered.utf8)) == nil)
    #expect(slow(reordered) != nil)
    // Invalid UTF-8 inside a string.
    var bytes = Array(text.utf8)
    let at = try #require(text.utf8.firstIndex(of: UInt8(ascii: "T")))
    bytes[text.utf8.distance(from: text.utf8.startIndex, to: at)] = 0xC3
    #expect(fastRead(bytes) == nil)
  }

  /// What the canonical layout does not always hold — attributes, an
  /// orphan's status, other white space around them — and long strings,
  /// scanned a word at a time, with what stops the scan past the first word.
  @Test func optionalFieldsStatusesAndLongStringsReadAsJSONDecoderReadsThem() throws {
    let text = try written()
    let variants = [
      text.replacing(
        "\"note\": null,", with: "\"note\": null,\n      \"attributes\": {\"stance\": \"pro\", \"x\": \"é\"},"),
      text.replacing("\"note\": null,", with: "\"note\": null, \"attributes\" :{ } ,"),
      text.replacing("\"status\": \"anchored\"", with: "\"status\": \"orphaned\""),
      text.replacing("\"status\": \"anchored\"", with: "\"status\":\"anch\\u006fred\""),
      text.replacing("\"status\": \"anchored\"\n", with: "\"status\": \"anchored\" "),
      text.replacing("Second line", with: "Second line, long enough for words: \\\"quoted\\\" and\\tmore"),
    ]
    for (k, variant) in variants.enumerated() {
      #expect(variant != text, "variant \(k) changed nothing")
      let read = fastRead(Array(variant.utf8))
      #expect(read != nil && read == slow(variant), "variant \(k)")
    }
    // Equal timestamps share a string; an unequal one is its own.
    let times = text.replacing("\"modified\": \"", with: "\"modified\": \"1").replacing(
      "\"created\": \"", with: "\"created\": \"0")
    #expect(fastRead(Array(times.utf8)) == slow(times))
    // A raw control character or a quote left unescaped past the first word.
    for bad in ["Second line, long enough\u{1}", "Second line, long \"enough"] {
      let changed = text.replacing("Second line", with: bad)
      #expect(fastRead(Array(changed.utf8)) == nil, "\(bad)")
    }
  }

  /// Strings are checked by their bytes (ASCII at once, the rest strictly):
  /// each kind of bad UTF-8 inside a string, with and without ASCII around
  /// it and past the first eight bytes, goes to the slow path, which
  /// refuses it too; good non-ASCII is read as JSONDecoder reads it.
  @Test func everyKindOfBadUTF8InAStringIsRefused() throws {
    let text = try written()
    let place = try #require(text.firstRange(of: "Second line"))
    let before = Array(text[..<place.lowerBound].utf8)
    let after = Array(text[place.upperBound...].utf8)
    let bad: [(String, [UInt8])] = [
      ("overlong slash", [0xC0, 0xAF]), ("overlong three", [0xE0, 0x80, 0xAF]), ("surrogate", [0xED, 0xA0, 0x80]),
      ("past U+10FFFF", [0xF4, 0x90, 0x80, 0x80]), ("truncated", [0xE2, 0x82]), ("stray continuation", [0x80]),
      ("truncated four", [0xF0, 0x90, 0x80]), ("FF", [0xFF]),
    ]
    for (name, sequence) in bad {
      for padding in ["", "abcdefghij"] {
        let bytes = before + Array(padding.utf8) + sequence + Array("Second".utf8) + after
        #expect(fastRead(bytes) == nil, "\(name)")
        #expect((try? JSONDecoder().decode(SidecarFile.self, from: Data(bytes))) == nil, "\(name)")
      }
    }
    let good = text.replacing("Second line", with: "Zweite Zeile: 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, ｆｕｌｌ, ∑ and é")
    let read = fastRead(Array(good.utf8))
    #expect(read != nil && read == slow(good))
  }

  /// Random short byte sequences around the edges of UTF-8's ranges, put
  /// in a span's string: the census of tags (which checks it where it
  /// lies) refuses exactly what the reader refuses, and the reader reads
  /// what JSONDecoder reads.
  @Test func randomBytesInASpansStringAreCheckedAsTheReaderChecksThem() throws {
    let text = try written()
    let place = try #require(text.firstRange(of: "\"created\": \""))
    let before = Array(text[..<place.upperBound].utf8)
    let after = Array(text[place.upperBound...].utf8)
    let edges: [UInt8] = [
      0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF,
      0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF,
    ]
    // Whole characters at the edges of each length, or single bytes.
    let characters: [[UInt8]] = [
      "\u{80}", "\u{7FF}", "\u{800}", "\u{D7FF}", "\u{E000}", "\u{FFFF}", "\u{10000}", "\u{10FFFF}",
    ]
    .map { Array(String($0).utf8) }
    var random = SplitMix64(state: 19)
    var refused = 0
    for _ in 0..<800 {
      var sequence: [UInt8] = []
      for _ in 0..<Int(random.next() % 3 + 1) {
        sequence +=
          random.next() % 2 == 0
          ? characters[Int(random.next() % UInt64(characters.count))]
          : [edges[Int(random.next() % UInt64(edges.count))]]
      }
      let bytes = before + sequence + after
      let fast = fastRead(bytes)
      #expect(fast == (try? JSONDecoder().decode(SidecarFile.self, from: Data(bytes))), "\(sequence)")
      if fast == nil { refused += 1 }
    }
    // Both kinds came up many times.
    #expect(refused > 100 && refused < 700)
  }

  /// A string's run is searched 16 bytes at a time: whatever ends or
  /// interrupts it — the closing quote, an escape, a raw control, a byte
  /// that is not ASCII, bad UTF-8 — is read as JSONDecoder reads it at any
  /// place before, across and after a 16-byte block.
  @Test func aStringReadsTheSameWhereverItsBytesFallAgainstTheBlocks() throws {
    // The annotator's name: a string with nothing to escape around the bytes put in.
    let text = try written()
    let place = try #require(text.firstRange(of: "\"annotator\": \""))
    let before = Array(text[..<place.upperBound].utf8)
    let after = Array(text[place.upperBound...].utf8)
    let kinds: [[UInt8]] = [
      Array("é".utf8), Array("😀".utf8), Array(#"\n"#.utf8), Array(#"\""#.utf8), Array(#"\u00e9"#.utf8), [0x01], [0x1F],
      [0x09], [0x7F], [0xFF], [0xC3],
    ]
    // And a span's time, a string a census of tags checks without making it.
    let time = try #require(text.firstRange(of: "\"created\": \""))
    let places = [
      (before, after), (Array(text[..<time.upperBound].utf8), Array(text[time.upperBound...].utf8)),
    ]
    for (before, after) in places {
      try stringsReadTheSameAtEveryPlace(kinds, before: before, after: after)
    }
  }

  func stringsReadTheSameAtEveryPlace(_ kinds: [[UInt8]], before: [UInt8], after: [UInt8]) throws {
    for length in [0, 1, 14, 15, 16, 17, 31, 32, 33, 47] {
      for k in 0...length {
        for kind in kinds {
          let bytes =
            before + Array(repeating: 0x61, count: k) + kind + Array(repeating: 0x62, count: length - k) + after
          let fast = fastRead(bytes)
          let reference = try? JSONDecoder().decode(SidecarFile.self, from: Data(bytes))
          #expect(fast == reference, "\(kind) at \(k) of \(length)")
          // Only a raw control, a lone 0xFF or 0xC3 is refused; the rest is read here, not left to the decoder.
          #expect(
            (fast == nil) == [[0x01], [0x1F], [0x09], [0xFF], [0xC3]].contains(kind), "\(kind) at \(k) of \(length)")
        }
      }
    }
  }
}
