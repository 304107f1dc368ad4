import Testing

@testable import AnnotateCore

/// Bars and progress in the terminal.
@Suite struct ChartTests {
  @Test func barsScaleInEighthsAndShowAnythingAboveZero() {
    #expect(Bar.draw(10, of: 10, width: 4) == "████")
    #expect(Bar.draw(5, of: 10, width: 4) == "██")
    #expect(Bar.draw(1, of: 16, width: 2) == "▏")
    #expect(Bar.draw(0.001, of: 100, width: 10) == "▏")
    #expect(Bar.draw(0, of: 10, width: 4) == "")
    #expect(Bar.draw(3, of: 0, width: 4) == "")
    #expect(Bar.percent(0.004) == "0.4%" && Bar.percent(0.5) == "50%" && Bar.percent(.nan) == "—")
  }

  @Test func alphaBarsFillToAlphaAndShadeTheInterval() {
    #expect(AlphaBar.draw(alpha: 0.5, low: 0.25, high: 0.75) == "█████▓▓▓▓▓▒▒▒▒▒·┊···")
    #expect(AlphaBar.draw(alpha: 1, low: nil, high: nil) == String(repeating: "█", count: 20))
    #expect(AlphaBar.draw(alpha: -0.2, low: nil, high: nil) == "·············┊··┊···")
    #expect(AlphaBar.draw(alpha: .nan, low: nil, high: nil) == String(repeating: " ", count: 20))
  }

  @Test func progressIsDrawnOnlyAfterItsDelayAndClearedAfter() {
    final class Screen: @unchecked Sendable { var text = "" }
    let quiet = Screen()
    let soon = ProgressBar("documents", delay: 60) { quiet.text += $0 }
    soon.update(5, 10)
    soon.finish()
    #expect(quiet.text.isEmpty)
    let screen = Screen()
    let bar = ProgressBar("documents", delay: 0) { screen.text += $0 }
    bar.update(5, 10)
    #expect(screen.text.contains("] 5/10 documents"))
    #expect(screen.text.contains("███████████████░"))
    bar.update(5, 10)  // the same fill: not drawn again
    #expect(screen.text.components(separatedBy: "documents").count == 2)
    bar.finish()
    #expect(screen.text.hasSuffix("\r\u{1B}[K"))
  }

  @Test func statsDrawsTagBarsAndCoverage() {
    let w = TeamProject.example()
    w.run(as: "alice", "open \(w.folder)/docs")
    let (out, err, failed) = w.run(as: "alice", "stats")
    #expect(!failed, "\(err)")
    #expect(out.contains("  claim    2  ") && out.contains("██████████████████████████████"))
    #expect(out.contains("  opinion  2  "))
  }
}
