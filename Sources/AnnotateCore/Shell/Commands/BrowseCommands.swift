extension Session {
  static var spansCommand: Command {
    Command(
      name: "spans", usage: "spans [TAG]",
      summary: "list the current document's spans (with TAG only)",
      help: """
        One line per span: id, tags, sentence numbers, its text, its note.
        Orphans are listed too, marked as such.
        Example: spans claim
        """,
      complete: { session, context in context.arguments.isEmpty ? session.workspace.codebook.names : [] },
      run: { session, args throws(ShellError) in
        let command = session.command("spans")
        try command.expectAtMost(1, args)
        let (index, document) = try session.requireDocument()
        let filter = try session.resolveTags(args).first
        let all = Array(session.annotations(index).set.annotations)
        let shown = filter.map { tag in all.filter { $0.tags.contains(tag) } } ?? all
        if shown.isEmpty {
          let what = filter.map { "no spans tagged \($0)" } ?? "no spans yet — tag N TAG or hl N \"words\" make some"
          return CommandOutput("\(document.id): \(what)", .dim)
        }
        return CommandOutput(shown.map { session.describe($0, in: document) })
      })
  }

  static var codebookCommand: Command {
    Command(
      name: "codebook", aliases: ["tags"], usage: "codebook",
      summary: "list the tags with their shortcut keys and definitions",
      help: """
        The tags you can use, each with its one-letter shortcut, colour and
        definition. A codebook.json next to the annotations folder, or
        --codebook FILE, replaces the default claim/opinion/source.
        Example: codebook
        """,
      run: { session, args throws(ShellError) in
        try session.command("codebook").expectAtMost(0, args)
        let tags = session.workspace.codebook.tags
        let width = tags.map(\.name.count).max() ?? 0
        return CommandOutput(
          tags.map { tag in
            OutputLine(
              [
                TextRun("  "), TextRun(tag.key.map { "[\($0)] " } ?? "    ", .dim),
                TextRun(tag.name, .tag(tag.color)), TextRun(String(repeating: " ", count: width - tag.name.count + 2)),
                TextRun(tag.definition, .quoted),
              ], wrapIndent: width + 8)
          })
      })
  }

  /// Numbers of the units that a tagged span overlaps.
  func taggedUnits(_ index: Int) -> Set<Int> {
    let document = corpus.documents[index]
    var result = Set<Int>()
    let units = document.units(options.unitKind)
    annotations(index).set.annotations.forEachInPlace { a in
      guard !a.pointee.orphaned, !a.pointee.tags.isEmpty,
        let numbers = Document.unitNumbers(of: a.pointee.range, in: units)
      else { return }
      for n in numbers { result.insert(n) }
    }
    return result
  }

  static var statsCommand: Command {
    Command(
      name: "stats", usage: "stats",
      summary: "count spans per tag, and coverage per document and corpus",
      help: """
        For the current document and for all open documents: spans per tag,
        drawn as bars in the tag's colour, untagged spans, orphans, and how
        many sentences a tagged span touches; then each document's coverage
        as a bar (with more than 20 documents, how many documents fall in
        each band of coverage).
        Example: stats
        """,
      run: { session, args throws(ShellError) in
        try session.command("stats").expectAtMost(0, args)
        guard !session.corpus.isEmpty else { throw .noDocument }
        let names = session.workspace.codebook.names
        session.corpus.segment(session.options.unitKind)
        session.store.preload(session.corpus.documents)
        var corpusCounts: [String: Int] = [:]
        var corpusUnits = 0
        var corpusTagged = 0
        var corpusSpans = 0
        var lines: [OutputLine] = []
        var coverage: [(id: String, tagged: Int, total: Int)] = []
        for index in session.corpus.documents.indices {
          let document = session.corpus.documents[index]
          let set = session.annotations(index).set
          var counts: [String: Int] = [:]
          set.annotations.forEachInPlace { a in
            guard !a.pointee.orphaned else { return }
            if a.pointee.tags.isEmpty { counts["(untagged)", default: 0] += 1 }
            for tag in a.pointee.tags { counts[tag, default: 0] += 1 }
          }
          let total = session.units(of: document).count
          let tagged = session.taggedUnits(index).count
          for (k, v) in counts { corpusCounts[k, default: 0] += v }
          corpusUnits += total
          corpusTagged += tagged
          corpusSpans += set.count
          coverage.append((document.id, tagged, total))
          if index == session.currentIndex {
            lines.append(OutputLine([TextRun(document.id, .quoted), TextRun(" (current)", .dim)]))
            lines += session.statsLines(
              counts, names: names, spans: set.count, orphans: set.orphans.count, tagged: tagged, total: total)
          }
        }
        if session.corpus.count > 1 || session.currentIndex == nil {
          lines.append(OutputLine([TextRun("corpus: \(plural(session.corpus.count, "document"))", .bold)]))
          lines += session.statsLines(
            corpusCounts, names: names, spans: corpusSpans, orphans: nil, tagged: corpusTagged, total: corpusUnits)
          lines += session.coverageLines(coverage)
        }
        return CommandOutput(lines)
      })
  }

  func statsLines(_ counts: [String: Int], names: [String], spans: Int, orphans: Int?, tagged: Int, total: Int)
    -> [OutputLine]
  {
    var lines: [OutputLine] = []
    let labels = names + counts.keys.filter { !names.contains($0) }.sorted()
    let width = labels.map(\.count).max() ?? 0
    let most = labels.map { counts[$0] ?? 0 }.max() ?? 0
    let digits = String(most).count
    for label in labels {
      let n = counts[label] ?? 0
      let style = workspace.codebook.color(of: label).map(Style.tag) ?? .plain
      lines.append(
        OutputLine([
          TextRun("  "), TextRun(label, style), TextRun(String(repeating: " ", count: width - label.count + 2)),
          TextRun(String(repeating: " ", count: digits - String(n).count) + String(n), .number), TextRun("  "),
          TextRun(Bar.draw(Double(n), of: Double(most), width: 30), style),
        ]))
    }
    let percent = total == 0 ? 0 : (tagged * 1000 / total + 5) / 10
    var summary =
      "  \(plural(spans, "span")); \(tagged) of \(plural(total, options.unitKind.rawValue)) tagged (\(percent)%)"
    if let orphans, orphans > 0 { summary += "; \(plural(orphans, "orphan"))" }
    lines.append(OutputLine(summary, .dim))
    return lines
  }

  /// Each document's share of tagged units as a bar; past 20 documents,
  /// how many documents fall in each band of coverage.
  func coverageLines(_ coverage: [(id: String, tagged: Int, total: Int)]) -> [OutputLine] {
    guard coverage.count > 1 else { return [] }
    let unit = options.unitKind.rawValue
    var lines = [OutputLine("coverage (\(unit)s with a tagged span):", .dim)]
    if coverage.count <= 20 {
      let width = min(40, coverage.map { DisplayWidth.of($0.id) }.max() ?? 0)
      for c in coverage {
        let name = elidingMiddle(c.id, to: width, tight: true)
        let share = c.total == 0 ? 0 : Double(c.tagged) / Double(c.total)
        lines.append(
          OutputLine([
            TextRun("  "), TextRun(name, .quoted),
            TextRun(String(repeating: " ", count: max(0, width - DisplayWidth.of(name)) + 2)),
            TextRun(Bar.draw(share, of: 1, width: 20), .accent),
            TextRun(" \(Bar.percent(share)) (\(c.tagged)/\(c.total))", .dim),
          ]))
      }
      return lines
    }
    let bands: [(String, (Double) -> Bool)] = [
      ("none", { $0 == 0 }), ("under 25%", { $0 > 0 && $0 < 0.25 }), ("25–50%", { $0 >= 0.25 && $0 < 0.5 }),
      ("50–75%", { $0 >= 0.5 && $0 < 0.75 }), ("75–99%", { $0 >= 0.75 && $0 < 1 }), ("all", { $0 >= 1 }),
    ]
    let shares = coverage.map { $0.total == 0 ? 0 : Double($0.tagged) / Double($0.total) }
    let counts = bands.map { band in shares.filter(band.1).count }
    let most = counts.max() ?? 0
    for (k, band) in bands.enumerated() {
      lines.append(
        OutputLine([
          TextRun("  " + band.0 + String(repeating: " ", count: 11 - band.0.count)),
          TextRun(String(repeating: " ", count: String(coverage.count).count - String(counts[k]).count)),
          TextRun(String(counts[k]), .number), TextRun(" documents  "),
          TextRun(Bar.draw(Double(counts[k]), of: Double(most), width: 30), .accent),
        ]))
    }
    return lines
  }

  static var findCommand: Command {
    Command(
      name: "find", aliases: ["f", "/"], usage: "find [--all] TEXT | find [--all] /REGEX/[ixs]",
      summary: "list sentences that contain TEXT (any case) or match REGEX, in every document",
      help: """
        Searches every open document and marks the matches. TEXT ignores
        case and any line break matches a space. /REGEX/ is a PCRE2 (Perl)
        pattern run over each whole document, with Unicode \\w \\d \\b; a
        match is listed under the sentence it begins in. Flags after the
        closing slash: i ignores case, x ignores white space and # comments
        in the pattern, s lets . match line breaks. Lists a screenful (200
        in scripts) and counts the rest (a regex: its matches and the
        documents they are in); --all lists every match. Quote a
        pattern with quotes, ; or # in it, or more than one space in a row.
        Example: find Taliban    find /\\bUS\\b/    find /peace talks?/i
        """,
      textOnly: true,
      run: { session, args throws(ShellError) in
        let command = session.command("find")
        var args = args
        let all = args.first == "--all"
        if all { args.removeFirst() }
        guard !args.isEmpty else { throw command.usageError("give the text to find") }
        guard !session.corpus.isEmpty else { throw .noDocument }
        session.focus = nil
        let query = args.joined(separator: " ")
        let limit = all ? Int.max : session.options.findLimit
        // `/…/` and letters after it: a pattern (a typo in the flags is an
        // error, not a plain-text search that finds nothing).
        if query.count >= 2, query.hasPrefix("/"), let close = query.lastIndex(of: "/"), close > query.startIndex,
          case let letters = query[query.index(after: close)...],
          letters.allSatisfy({ $0.isASCII && $0.isLetter })
        {
          guard let flags = RegexPattern.Flags(letters: letters) else {
            throw command.usageError(
              "unknown flag in \(letters) after the pattern — flags are i (ignore case), "
                + "x (white space and # comments in the pattern ignored), s (. matches line breaks)")
          }
          let source = String(query[query.index(after: query.startIndex)..<close])
          guard !source.isEmpty else { throw command.usageError("the pattern between the slashes is empty") }
          let pattern: RegexPattern
          do throws(RegexPattern.CompileError) {
            pattern = try RegexPattern(source, flags: flags)
          } catch {
            throw .badPattern(source, error)
          }
          return try session.find(pattern, limit: limit)
        }
        let regex = Regex<AnyRegexOutput>(verbatim: query).ignoresCase()
        return session.find(regex, literal: query, limit: limit)
      })
  }

  /// Lists the units where `pattern` matches, each with its matches marked.
  func find(_ pattern: RegexPattern, limit: Int) throws(ShellError) -> CommandOutput {
    let result: SearchResult
    do {
      result = try corpus.search(pattern, kind: options.unitKind, limit: limit)
    } catch {
      throw .searchStopped(error)
    }
    var lines: [OutputLine] = []
    for hit in result.hits {
      let document = corpus.documents[hit.document]
      let unit = units(of: document)[hit.unit]
      var spans = [TextRun(document.id, .quoted), TextRun(":\(hit.unit + 1)", .number), TextRun("  ")]
      var position = unit.start
      for match in hit.matches {
        // A match may begin in the white space before its unit or run past its end.
        let start = min(max(match.start, position), unit.end)
        let end = max(min(match.end, unit.end), start)
        spans.append(TextRun(oneLine(document.string(in: TextRange(start: position, end: start))), .quoted))
        spans.append(TextRun("[", .plainOnly))
        spans.append(TextRun(oneLine(document.string(in: TextRange(start: start, end: end))), .accent))
        spans.append(TextRun("]", .plainOnly))
        position = end
      }
      spans.append(TextRun(oneLine(document.string(in: TextRange(start: position, end: unit.end))), .quoted))
      lines.append(OutputLine(spans, wrapIndent: 4))
    }
    // A complete listing is summed up as a plain-text search's is; past an
    // incomplete one, the sentences were not all worked out, so the
    // matches and documents are counted instead.
    guard !result.complete else { return CommandOutput(lines + findSummary(matched: lines.count, limit: limit)) }
    let matches = "\(result.matchCount) match\(result.matchCount == 1 ? "" : "es")"
    return CommandOutput(
      lines + [
        OutputLine(
          "… more sentences than the \(lines.count) listed: \(matches) in "
            + "\(plural(result.documentCount, "document")) in all (find --all lists every sentence)", .dim)
      ])
  }

  /// The last line of a `find`: how many units matched, and how to see
  /// those not listed.
  private func findSummary(matched: Int, limit: Int) -> [OutputLine] {
    if matched == 0 { return [OutputLine("no matches", .dim)] }
    if matched > limit {
      return [OutputLine("… and \(matched - limit) more sentences (\(matched) in all; find --all lists them)", .dim)]
    }
    return [OutputLine(plural(matched, "sentence") + " matched", .dim)]
  }

  /// Lists the units where `regex` matches. For a plain-text search
  /// (`literal`), a byte scan picks the units that can match first, and
  /// only those go through the regex, which decides and marks the matches.
  func find(_ regex: Regex<AnyRegexOutput>, literal: String? = nil, limit: Int = 200) -> CommandOutput {
    var lines: [OutputLine] = []
    var matches = 0
    let scan = literal.flatMap(LiteralScan.init)
    corpus.segment(options.unitKind)
    for document in corpus.documents {
      let units = units(of: document)
      let candidates = scan?.units(in: document.text, units: units) ?? units.indices.map { ($0, false) }
      for (i, certain) in candidates {
        // Past the listing's limit a certain match only needs counting.
        if certain && matches >= limit {
          matches += 1
          continue
        }
        let unit = units[i]
        let text = oneLine(document.string(in: unit))
        // Deciding is cheaper than listing every match; list only what is shown.
        guard text.contains(regex) else { continue }
        matches += 1
        guard matches <= limit else { continue }
        let found = text.ranges(of: regex)
        var spans = [TextRun(document.id, .quoted), TextRun(":\(i + 1)", .number), TextRun("  ")]
        var position = text.startIndex
        for range in found where range.lowerBound >= position {
          spans.append(TextRun(String(text[position..<range.lowerBound]), .quoted))
          spans.append(TextRun("[", .plainOnly))
          spans.append(TextRun(String(text[range]), .accent))
          spans.append(TextRun("]", .plainOnly))
          position = range.upperBound
        }
        spans.append(TextRun(String(text[position...]), .quoted))
        lines.append(OutputLine(spans, wrapIndent: 4))
      }
    }
    return CommandOutput(lines + findSummary(matched: matches, limit: limit))
  }
}
