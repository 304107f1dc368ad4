/// A key as the coding mode sees it (the terminal side decodes bytes).
public enum KeyPress: Equatable, Sendable {
  case character(Character)
  case space, enter, escape, backspace, left, right, up, down
  /// Ctrl-C or Ctrl-D: leave.
  case interrupt
}

/// The coding mode: one sentence at a time, single keys, no Enter. It owns
/// no terminal: the shell's executable reads keys, hands them to
/// ``handle(_:)``, and draws ``screen(width:height:)``. Every change goes
/// through the editor, durable before `handle` returns, so what is on the
/// screen is on disk.
///
/// Keys: a tag's shortcut key toggles that tag on the sentence (a span
/// covering the whole sentence); Space or Enter: done with this sentence,
/// on to the next uncoded one (a sentence left without a tag is marked
/// nothing to code); `-`: nothing to code here, next; ←/→ (or `<`/`>`): the
/// sentence before or after; Backspace: undo; `/`: highlight part of the
/// sentence (the shell reads `hl N …`); `?`: the keys; Esc, `q` (when no tag
/// has it), Ctrl-C: back to the prompt.
public final class CodingMode {
  public let session: Session
  public private(set) var index: Int
  public private(set) var unit: Int
  /// What the last key did, or why it did nothing, for the status line.
  public private(set) var status: [TextRun] = []
  /// Whether the key list is shown.
  public private(set) var showingKeys = false
  /// Sentences coded while in the mode.
  public private(set) var codedHere = 0

  /// What a key asks of the terminal side.
  public enum Step: Equatable, Sendable {
    /// Draw the screen again.
    case redraw
    /// Read a line for a command that starts with these words (`hl 5 `), run it, then redraw.
    case readCommand(prefix: String)
    /// Back to the prompt, with a line saying where.
    case leave(String)
  }

  /// Starts on the focused sentence, else where reading stopped (the first
  /// uncoded sentence from there when it is coded already).
  public init(session: Session) throws(ShellError) {
    self.session = session
    let (index, document) = try session.requireDocument()
    let units = session.units(of: document)
    guard !units.isEmpty else { throw .unitOutOfRange(1, count: 0, kind: session.options.unitKind) }
    var start = (index, max(1, session.position(in: index)))
    let queue = try session.queue()
    if queue.codedUnits(index).contains(start.1) || session.position(in: index) == 0,
      let next = queue.next(after: start.1 - 1, in: index)
    {
      start = next
    }
    self.index = start.0
    self.unit = start.1
    session.go(to: unit, in: self.index)
  }

  var document: Document { session.corpus.documents[index] }
  var kind: UnitKind { session.options.unitKind }

  /// Handles one key; changes are durable before it returns.
  public func handle(_ key: KeyPress) -> Step {
    status = []
    do throws(ShellError) {
      switch key {
      case .escape, .interrupt: return leave()
      case .space, .enter: try finishSentence(markEmpty: true)
      case .right: move(by: 1)
      case .left: move(by: -1)
      case .up, .down: move(by: key == .up ? -1 : 1)
      case .backspace: try undo()
      case .character(let c):
        if let tag = tag(forKey: c) {
          try toggle(tag)
        } else {
          switch c {
          case "-": try nothingHere()
          case ">", ".": move(by: 1)
          case "<", ",": move(by: -1)
          case "/": return .readCommand(prefix: "hl \(unit) ")
          case "?": showingKeys.toggle()
          case "q", "Q": return leave()
          default:
            status = [
              TextRun("'\(TerminalSafe.escape(String(c)))' is not a key here — ? lists the keys", .warning)
            ]
          }
        }
      }
    } catch {
      status = [TextRun(error.message, .warning)]
    }
    return .redraw
  }

  /// After the shell ran the command a `/` asked for: say what it did.
  public func commandRan(_ outcome: [Outcome]) {
    status = []
    for result in outcome {
      switch result {
      case .output(let output):
        status = output.lines.last?.runs ?? []
      case .failure(let error): status = [TextRun(error.message, .warning)]
      }
    }
    session.go(to: unit, in: index)
  }

  // MARK: Keys

  func tag(forKey c: Character) -> Tag? {
    let key = String(c).lowercased()
    return session.workspace.codebook.tags.first { $0.key.map { String($0).lowercased() } == key }
  }

  /// The span covering exactly the current sentence, if any.
  func sentenceSpan() -> Annotation? {
    let range = document.units(kind)[unit - 1]
    return session.workspace.annotations(of: document).set.annotation(covering: range)
  }

  func toggle(_ tag: Tag) throws(ShellError) {
    let editor = session.editor
    let (document, unit, kind) = (self.document, self.unit, self.kind)
    if let span = sentenceSpan(), span.tags.contains(tag.name) {
      _ = try session.edit { () throws(EditError) in
        if span.tags.count == 1 && span.note == nil {
          try editor.delete([span.id], in: document)
        } else {
          try editor.untag(.span(span.id), removing: [tag.name], in: document)
        }
      }
      status = [TextRun("took off "), TextRun(tag.name, session.tagStyle(tag.name))]
    } else {
      _ = try session.edit { () throws(EditError) in
        try editor.tag(.units(unit...unit, kind), with: [tag.name], in: document)
      }
      status = [TextRun("tagged "), TextRun(tag.name, session.tagStyle(tag.name))]
    }
  }

  /// Done with the sentence: a sentence without a tag is marked nothing to
  /// code (that is what being done with it says); then the next uncoded one.
  func finishSentence(markEmpty: Bool) throws(ShellError) {
    let queue = try session.queue()
    if markEmpty && !queue.codedUnits(index).contains(unit) { try markNothing() }
    codedHere += 1
    try advance(queue)
  }

  func markNothing() throws(ShellError) {
    let (editor, document, unit, kind) = (session.editor, self.document, self.unit, self.kind)
    _ = try session.edit { () throws(EditError) in
      try editor.markNothingToCode(unit...unit, kind: kind, true, in: document)
    }
  }

  func nothingHere() throws(ShellError) {
    try markNothing()
    codedHere += 1
    try advance(try session.queue())
  }

  func advance(_ queue: WorkQueue) throws(ShellError) {
    guard let (next, n) = queue.next(after: unit, in: index) else {
      status = [TextRun("every \(kind.rawValue) of your queue is coded", .accent)]
      return
    }
    if next != index { status = [TextRun("→ "), TextRun(session.corpus.documents[next].id, .quoted)] }
    (index, unit) = (next, n)
    session.go(to: unit, in: index)
  }

  func move(by step: Int) {
    let count = document.units(kind).count
    let target = unit + step
    if target >= 1 && target <= count {
      unit = target
    } else if let queue = try? session.queue(), let position = queue.documents.firstIndex(of: index) {
      // Over the edge of the document: the next or previous one in the queue.
      let other = position + step
      guard other >= 0 && other < queue.documents.count else {
        status = [TextRun(step > 0 ? "this is the last sentence of your queue" : "this is the first", .dim)]
        return
      }
      index = queue.documents[other]
      unit = step > 0 ? 1 : document.units(kind).count
      status = [TextRun("→ "), TextRun(document.id, .quoted)]
    }
    session.go(to: unit, in: index)
  }

  func undo() throws(ShellError) {
    let editor = session.editor
    let entry = try session.edit { () throws(EditError) in try editor.undo() }
    if let position = session.corpus.index(ofID: entry.documentID), position != index {
      index = position
      unit = min(unit, document.units(kind).count)
    }
    session.go(to: unit, in: index)
    status = [TextRun("undone")]
  }

  func leave() -> Step {
    session.go(to: unit, in: index)
    return .leave(
      "back at \(kind.rawValue) \(unit) of \(document.id) — \(plural(codedHere, kind.rawValue)) coded in this round")
  }

  // MARK: The screen

  /// The screen for the current sentence: a progress line, the sentences
  /// before and after dimmed, the sentence with its spans, the tags with
  /// their keys (those on the sentence marked), the status, the keys.
  public func screen(width: Int, height: Int) -> [OutputLine] {
    let units = document.units(kind)
    let queue = try? session.queue()
    var lines: [OutputLine] = []
    let position = queue?.documents.firstIndex(of: index).map { "\($0 + 1)/\(queue!.documents.count)" } ?? "–"
    var progress = "doc \(position) · \(kind.rawValue) \(unit)/\(units.count)"
    if let queue {
      let (coded, total) = queue.overall()
      let percent = total == 0 ? 100 : coded * 100 / total
      progress += " · \(percent)% of \(queue.assigned ? "your assignment" : "the open documents")"
    }
    lines.append(OutputLine([TextRun(progress, .dim)]))
    lines.append(OutputLine([TextRun(elidingMiddle(document.id, to: max(20, width - 2), tight: true), .quoted)]))
    lines.append(OutputLine(""))
    let set = session.workspace.annotations(of: document).set
    let coded = queue?.codedUnits(index) ?? []
    let numberWidth = String(units.count).count
    func label(_ n: Int) -> String { String(repeating: " ", count: numberWidth - String(n).count) + String(n) }
    // Context: as many sentences before as fit, one line each.
    let context = max(1, min(2, (height - 12) / 2))
    for n in max(1, unit - context)..<unit {
      lines.append(contextLine(n, label: label(n), units: units, coded: coded.contains(n), width: width))
    }
    let here = set.overlapping(units[unit - 1])
    var current = [TextRun("▶ ", .accent), TextRun(label(unit), .number), TextRun("  ")]
    current +=
      here.isEmpty
      ? [TextRun(oneLine(document.string(in: units[unit - 1])), .bold)]
      : session.inlineSpans(units[unit - 1], here, in: document)
    lines.append(OutputLine(current, wrapIndent: numberWidth + 4))
    for n in (unit + 1)..<min(units.count + 1, unit + 1 + context) {
      lines.append(contextLine(n, label: label(n), units: units, coded: coded.contains(n), width: width))
    }
    lines.append(OutputLine(""))
    let onSentence = Set(sentenceSpan()?.tags ?? [])
    var tagLine: [TextRun] = []
    for tag in session.workspace.codebook.tags {
      if !tagLine.isEmpty { tagLine.append(TextRun("  ")) }
      tagLine.append(TextRun(tag.key.map { "[\($0)] " } ?? "    ", .dim))
      tagLine.append(TextRun(tag.name, onSentence.contains(tag.name) ? .tag(tag.color) : .plain))
      if onSentence.contains(tag.name) { tagLine.append(TextRun(" ✓", .accent)) }
    }
    lines.append(OutputLine(tagLine, wrapIndent: 4))
    if set.progress.nothingToCode.contains(units[unit - 1]) {
      lines.append(OutputLine("marked: nothing to code", .dim))
    }
    if !here.isEmpty {
      let legend = here.map { a in "#\(a.id) " + (a.tags.isEmpty ? "untagged" : a.tags.joined(separator: ",")) }
      lines.append(OutputLine([TextRun("spans: " + legend.joined(separator: " · "), .dim)], wrapIndent: 7))
    }
    lines.append(OutputLine(status.isEmpty ? [TextRun(" ")] : status, wrapIndent: 2))
    if showingKeys {
      for (keys, what) in Self.keyHelp { lines.append(OutputLine([TextRun(keys, .bold), TextRun("  " + what)])) }
    } else {
      lines.append(
        OutputLine(
          [
            TextRun(
              "tag key: toggle · Space: next · -: nothing here · ←/→ · ⌫: undo · /: highlight · ?: keys · Esc", .dim)
          ],
          wrapIndent: 0))
    }
    return lines
  }

  func contextLine(_ n: Int, label: String, units: [TextRange], coded: Bool, width: Int) -> OutputLine {
    let text = elidingEnd(oneLine(document.string(in: units[n - 1])), to: max(10, width - label.count - 6))
    return OutputLine([TextRun(coded ? "✓ " : "  ", .dim), TextRun(label, .dim), TextRun("  " + text, .dim)])
  }

  static let keyHelp: [(String, String)] = [
    ("c o s …      ", "the tag with that key: on, or off again (codebook lists the keys)"),
    ("Space, Enter ", "done with this sentence: the next uncoded one (no tag: nothing to code)"),
    ("-            ", "nothing to code here, next"),
    ("← →  < >     ", "the sentence before, after (across documents)"),
    ("Backspace    ", "undo the last change"),
    ("/            ", "highlight words of this sentence: type the rest of hl N \"words\" TAG"),
    ("?            ", "these keys, or not"),
    ("Esc, q, ^C   ", "back to the prompt (everything is saved already)"),
  ]
}

extension Session {
  static var codeCommand: Command {
    Command(
      name: "code", usage: "code [VARIABLE VALUE… | VARIABLE -]",
      summary: "code sentence by sentence with single keys; with a variable, code the document",
      help: """
        One sentence at a time with its neighbours, your progress, and single
        keys: a tag's key toggles it on the sentence, Space moves on to the
        next uncoded sentence (one left without a tag counts as nothing to
        code), - says nothing to code here, arrows move, Backspace undoes,
        / highlights words, ? lists the keys, Esc goes back to the prompt.
        Every key is saved before the screen changes. Needs a terminal.
        With a document variable of the codebook and values, codes the current
        document instead (- clears it; codes lists them).
        Example: code    code stance anti
        """,
      complete: { session, context in
        if context.arguments.isEmpty { return session.workspace.codebook.variables.map(\.name) }
        return session.workspace.codebook.variable(named: context.arguments[0])?.values ?? []
      },
      run: { session, args throws(ShellError) in
        if !args.isEmpty { return try session.setCode(args) }
        _ = try session.requireDocument()
        guard let start = session.startCoding else { throw .needsTerminal("code") }
        return try start(session)
      })
  }
}
