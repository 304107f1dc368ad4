extension Session {
  /// Every annotator's work on the open documents (the session's own as it is in memory).
  func team(only: [String] = [], excluding: Set<String> = [goldAnnotator]) -> Team {
    corpus.segment(options.unitKind)
    return Team.load(workspace, only: only, excluding: excluding)
  }

  static var annotatorsCommand: Command {
    Command(
      name: "annotators", aliases: ["who"], usage: "annotators",
      summary: "list everyone who annotated the open documents, with their progress",
      help: """
        One line per annotator with a sidecar for an open document: how many
        documents they coded, their spans, how many sentences their tags
        touch, and their last change. --annotator NAME at start-up chooses
        whose work this session edits; gold is the adjudicated standard.
        Example: annotators
        """,
      run: { session, args throws(ShellError) in
        try session.command("annotators").expectAtMost(0, args)
        guard !session.corpus.isEmpty else { throw .noDocument }
        let team = session.team(excluding: [])
        let kind = session.options.unitKind
        let assignments: Assignments?
        do throws(AssignmentError) {
          assignments = try session.workspace.assignments()
        } catch {
          throw .assignments(error)
        }
        var rows: [[String]] = [
          ["annotator", "documents", "done", "spans", "\(kind.rawValue)s tagged"]
            + (assignments == nil ? [] : ["assignment coded"]) + ["last change"]
        ]
        let tagIndex = Dictionary(
          uniqueKeysWithValues: team.tags(codebook: session.workspace.codebook).enumerated().map { ($1, $0) })
        for (j, name) in team.annotators.enumerated() {
          var documents = 0
          var spans = 0
          var tagged = 0
          var total = 0
          var last = ""
          var done = 0
          for (d, row) in team.sets.enumerated() {
            guard let set = row[j] else { continue }
            documents += 1
            if set.progress.done != nil { done += 1 }
            spans += set.annotations.count
            let document = team.corpus.documents[d]
            let units = Team.unitTags(set, document: document, kind: session.options.unitKind, tags: tagIndex)
            tagged += units.lazy.filter { !$0.isEmpty }.count
            total += units.count
            last = max(last, set.annotations.map(\.modified).max() ?? "")
          }
          var label = name
          if name == session.options.annotator { label += " (you)" }
          if name == goldAnnotator { label += " (adjudicated)" }
          let percent = total == 0 ? 0 : (tagged * 1000 / total + 5) / 10
          var row = [
            label, "\(documents) of \(team.corpus.count)", String(done), String(spans),
            "\(tagged) of \(total) (\(percent)%)",
          ]
          if let assignments {
            if assignments.annotators.contains(name) {
              let queue = WorkQueue(workspace: session.workspace, annotator: name, kind: kind, assignments: assignments)
              let (coded, all) = queue.overall()
              row.append("\(coded) of \(all) (\(all == 0 ? 100 : coded * 100 / all)%)")
            } else {
              row.append("—")
            }
          }
          rows.append(row + [last.isEmpty ? "—" : last])
        }
        // Coders assigned documents who have not started yet.
        for name in assignments?.annotators ?? [] where !team.annotators.contains(name) {
          let queue = WorkQueue(workspace: session.workspace, annotator: name, kind: kind, assignments: assignments)
          let (_, all) = queue.overall()
          rows.append(
            [name + (name == session.options.annotator ? " (you)" : ""), "0 of \(team.corpus.count)", "0", "0", "—"]
              + ["0 of \(all) (0%)", "not started"])
        }
        if team.annotators.isEmpty && assignments == nil {
          return CommandOutput(
            "no annotations of the open documents yet in \(session.options.annotationsPath)", .dim)
        }
        var lines = AgreementReport.layout(rows, numericFrom: 1)
        lines += session.warnings(team.problems)
        return CommandOutput(lines)
      })
  }

  static let agreeOptions = [
    "--unit", "--tag", "--format", "--annotator", "--out", "--all-documents", "--bootstrap", "--seed", "--threshold",
    "--confusion",
  ]

  /// What `agree` shows: the file it wrote (`--out`), else the table, else
  /// the CSV or JSON quoted on the screen.
  static func agreeOutput(
    out: String?, format: AgreementFormat, what: String, text: (AgreementFormat) -> String,
    table: () -> [OutputLine]
  ) throws(ShellError) -> [OutputLine] {
    guard let out else { return format == .table ? table() : quotedLines(text(format)) }
    do throws(WriteError) {
      let sink = try OutputSink(path: out)
      try sink.write(text(format))
      try sink.commit()
    } catch {
      throw ShellError.exportFailed(error)
    }
    return [OutputLine([TextRun("wrote \(what) to "), TextRun(out, .quoted)])]
  }

  static var agreeCommand: Command {
    Command(
      name: "agree",
      usage:
        "agree [--unit sentence|span] [--tag TAG] [--format table|csv|json] [--annotator NAME]… [--out PATH] [--all-documents] [--bootstrap N [--seed S] [--threshold T]] | agree --confusion A B",
      summary: "inter-annotator agreement: percent, Cohen's/Fleiss' κ, Krippendorff's α, span F1",
      help: """
        Compares every annotator's sidecars for the open documents (gold
        left out unless named with --annotator). Sentence level (a sentence
        has tag T or not, per annotator): percent agreement, Cohen's κ for
        two annotators, Fleiss' κ for more (over the sentences all coded),
        Krippendorff's α (nominal; a document an annotator never coded is
        missing data, not "no tag"), per tag and over whole tag sets. Span
        level: exact-match and overlap F1, per tag, micro and macro, for
        each pair. --format csv is tidy (one figure per row) for pandas or R.
        --bootstrap N resamples the sentences N times (Hayes & Krippendorff
        2007) for a 95% interval of each α and the probability that α is
        below --threshold (default 0.667); --seed S makes it repeatable
        (default 1). In the table, a bar draws α and its interval on [0, 1].
        --confusion A B pairs each of A's spans with the one of B's it
        overlaps most and counts tag against tag (none: unpaired).
        Example: agree    agree --unit span    agree --tag claim --format csv --out kappa.csv
                 agree --bootstrap 1000 --threshold 0.8    agree --confusion alice bob
        """,
      complete: { session, context in
        switch context.arguments.last {
        case "--unit": return AgreementUnit.allCases.map(\.rawValue)
        case "--format": return AgreementFormat.allCases.map(\.rawValue)
        case "--tag": return session.workspace.codebook.names
        case "--annotator": return session.team(excluding: []).annotators
        case "--out": return pathCandidates(context.partial)
        default: return Self.agreeOptions
        }
      },
      run: { session, args throws(ShellError) in
        let command = session.command("agree")
        var options = AgreeOptions()
        var i = 0
        func value(_ name: String) throws(ShellError) -> String {
          i += 1
          guard i < args.count else { throw command.usageError("\(name) needs a value") }
          return args[i]
        }
        var out: String?
        var bootstrap: (resamples: String?, seed: String?, threshold: String?) = (nil, nil, nil)
        while i < args.count {
          let arg = args[i]
          switch arg {
          case "--unit":
            let word = try value(arg)
            guard let unit = AgreementUnit(rawValue: word.lowercased()) else {
              throw command.usageError("'\(word)' is not a unit; valid: sentence, span")
            }
            options.unit = unit
          case "--format":
            let word = try value(arg)
            guard let format = AgreementFormat(rawValue: word.lowercased()) else {
              throw command.usageError("'\(word)' is not a format; valid: table, csv, json")
            }
            options.format = format
          case "--tag": options.tag = try value(arg)
          case "--annotator": options.annotators.append(try value(arg))
          case "--out": out = try value(arg)
          case "--all-documents": options.allDocuments = true
          case "--bootstrap": bootstrap.resamples = try value(arg)
          case "--seed": bootstrap.seed = try value(arg)
          case "--threshold": bootstrap.threshold = try value(arg)
          case "--confusion": options.confusion = [try value(arg), try value(arg)]
          default:
            let hint =
              arg.hasPrefix("--") ? closest(to: arg, in: Self.agreeOptions).map { " — did you mean '\($0)'?" } : nil
            throw command.usageError("unexpected '\(arg)'" + (hint ?? ""))
          }
          i += 1
        }
        do throws(AgreementError) {
          try options.setBootstrap(resamples: bootstrap.resamples, seed: bootstrap.seed, threshold: bootstrap.threshold)
        } catch {
          throw command.usageError(error.message)
        }
        guard !session.corpus.isEmpty else { throw .noDocument }
        if options.confusion != nil {
          let matrix: TagConfusion
          let problems: [StoreProblem]
          do throws(AgreementError) {
            (matrix, problems) = try session.workspace.confusion(options)
          } catch {
            throw command.failure(error)
          }
          return CommandOutput(
            session.warnings(problems)
              + (try agreeOutput(
                out: out, format: options.format, what: "the tag confusion matrix", text: matrix.text,
                table: matrix.lines)))
        }
        session.corpus.segment(session.options.unitKind)
        let (report, problems, sample): (AgreementReport, [StoreProblem], Int?)
        do throws(AgreementError) {
          let bar = options.bootstrap == nil ? nil : session.makeProgress?("resamples")
          defer { bar?.finish() }
          (report, problems, sample) = try session.workspace.agreement(
            options, unitKind: session.options.unitKind, progress: bar?.update)
        } catch {
          throw command.failure(error)
        }
        var lines = session.warnings(problems)
        if let sample { lines.append(OutputLine(overlapSampleNote(sample), .dim)) }
        lines += try agreeOutput(
          out: out, format: options.format, what: "\(options.format.rawValue) agreement figures", text: report.text,
          table: report.lines)
        return CommandOutput(lines)
      })
  }
}
