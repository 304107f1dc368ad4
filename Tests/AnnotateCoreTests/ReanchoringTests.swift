import Glibc
import Testing

@testable import AnnotateCore

@Suite struct ReanchoringTests {
  let original =
    "Alpha beta gamma. The quick brown fox jumps over the lazy dog. Delta epsilon.\n\nA second paragraph about peace talks in Qatar."

  func anchored(_ quote: String, in text: String) -> Annotation {
    let utf8 = try! UTF8Text(validating: Array(text.utf8))
    let scalars = Array(text.unicodeScalars)
    var start = 0
    while !String(String.UnicodeScalarView(scalars[start..<(start + quote.unicodeScalars.count)])).elementsEqual(quote)
    {
      start += 1
    }
    let range = TextRange(start: start, end: start + quote.unicodeScalars.count)
    return Annotation(id: 1, range: range, created: "", modified: "", quote: Quote(of: range, in: utf8))
  }

  func reanchor(_ quote: String, after edit: (String) -> String) -> (TextRange?, String, ReanchorReport) {
    let a = anchored(quote, in: original)
    let changed = edit(original)
    let utf8 = try! UTF8Text(validating: Array(changed.utf8))
    let (set, report) = Anchoring.reanchor(AnnotationSet(annotations: [a], nextID: 2), in: utf8)
    let result = set.annotations[0]
    return (result.orphaned ? nil : result.range, result.orphaned ? "" : utf8.string(in: result.range), report)
  }

  @Test func unchangedTextIsKept() {
    let (range, text, report) = reanchor("quick brown fox") { $0 }
    #expect(range == TextRange(start: 22, end: 37))
    #expect(text == "quick brown fox")
    #expect(report == ReanchorReport(kept: 1, moved: 0, orphaned: 0))
  }

  @Test func insertionBeforeMovesTheSpan() {
    let (range, text, report) = reanchor("quick brown fox") { "BREAKING: " + $0 }
    #expect(range == TextRange(start: 32, end: 47))
    #expect(text == "quick brown fox")
    #expect(report.moved == 1)
  }

  @Test func deletionBeforeMovesTheSpan() {
    let (range, text, _) = reanchor("peace talks") { $0.replacing("Delta epsilon.", with: "") }
    #expect(text == "peace talks")
    #expect(range == TextRange(start: 90, end: 101))
  }

  @Test func typoFixInsideTheSpanIsAFuzzyMove() {
    let (range, text, report) = reanchor("The quick brown fox jumps over the lazy dog.") {
      $0.replacing("quick brown fox", with: "quick brown fax")
    }
    #expect(text == "The quick brown fax jumps over the lazy dog.")
    #expect(range == TextRange(start: 18, end: 62))
    #expect(report.moved == 1)
  }

  @Test func movedParagraphIsFound() {
    let (range, text, _) = reanchor("peace talks in Qatar") { text in
      let parts = text.split(separator: "\n\n")
      return parts[1] + "\n\n" + parts[0]
    }
    #expect(text == "peace talks in Qatar")
    #expect(range == TextRange(start: 25, end: 45))
  }

  @Test func deletedTextBecomesAnOrphanThatKeepsItsQuote() {
    let a = anchored("lazy dog", in: original)
    let utf8 = try! UTF8Text(validating: Array("Something else entirely, nothing shared at all.".utf8))
    let (set, report) = Anchoring.reanchor(AnnotationSet(annotations: [a], nextID: 2), in: utf8)
    #expect(report == ReanchorReport(kept: 0, moved: 0, orphaned: 1))
    #expect(set.annotations[0].orphaned)
    #expect(set.annotations[0].quote.exact == "lazy dog")
  }

  @Test func repeatedQuotesPickTheNearestToTheOldPlace() {
    let text = "the US and the US and the US"
    let utf8 = try! UTF8Text(validating: Array(("X " + text).utf8))
    let quote = Quote(exact: "the US", prefix: "the US and ", suffix: " and the US")
    #expect(Anchoring.locate(quote, near: 11, in: utf8) == TextRange(start: 13, end: 19))
  }

  @Test func theShellReportsAndSavesReanchoring() throws {
    let w = TestProject()
    w.run("hl 2 \"peace talks\" claim", "hl 12 \"moderate\" opinion")
    let path = w.folder + "/docs/000_9c83e067df388347.txt"
    let text = String(decoding: try #require(readFileBytes(path)), as: UTF8.self)
    writeFile(path, "Editor’s note: updated.\n\n" + text.replacing("“moderate” and ", with: ""))
    let fresh = Session(options: SessionOptions(annotator: "alice", annotationsPath: w.folder + "/ann"))
    w.session.store.releaseLocks()
    fresh.open([w.folder + "/docs"])
    let (out, err, failed) = transcript(fresh, ["spans", "orphans", "reattach #2 13 \"hardliner\"", "spans"])
    #expect(!failed, "\(err)")
    #expect(out.contains("changed since it was annotated: 0 kept, 1 moved, 1 orphaned"))
    #expect(out.contains("#2 [opinion] orphan, was at"))
    #expect(out.contains("reattached #2 [opinion] sentence 13: “hardliner”"))
    let (checked, problems) = SidecarCheck.run(folder: w.folder + "/ann", corpus: fresh.corpus)
    #expect(checked == 1)
    #expect(problems.isEmpty, "\(problems)")
  }
}
