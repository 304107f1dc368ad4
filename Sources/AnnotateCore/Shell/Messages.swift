/// Every error and notice of the core, in words: the one place that writes
/// the sentences a user reads. Each is one line saying what is wrong and
/// what is valid.

extension ShellError {
  /// One line saying what is wrong and what is valid.
  public var message: String {
    switch self {
    case .unknownCommand(let name, let suggestion):
      if let suggestion { return "unknown command '\(name)' — did you mean '\(suggestion)'? (help lists commands)" }
      return "unknown command '\(name)' — type help for the list of commands"
    case .ambiguousCommand(let name, let candidates):
      return "'\(name)' is ambiguous — it could be \(candidates.map { "'\($0)'" }.joined(separator: ", "))"
    case .badQuote(.unterminatedQuote(let quote)):
      return "unterminated quote — add the closing \(quote)"
    case .usage(let command, let problem, let usage):
      return "\(command): \(problem) — usage: \(usage)"
    case .noDocument:
      return "no document is open — open PATH opens files or folders of .txt/.md files"
    case .unitOutOfRange(let n, let count, let kind):
      return unitMessage(n, count: count, kind: kind)
    case .unknownDocument(let name, let suggestion, let count):
      let valid = count == 0 ? "no documents are open" : "valid: 1-\(count) or a document id (docs lists them)"
      if let suggestion { return "no document '\(name)' — did you mean '\(suggestion)'? (\(valid))" }
      return "no document '\(name)' — \(valid)"
    case .open(let problems):
      return problems.map(\.message).joined(separator: "\n")
    case .unknownHelpTopic(let topic, let suggestion):
      if let suggestion { return "no command '\(topic)' — did you mean '\(suggestion)'?" }
      return "no command '\(topic)' — help lists the commands"
    case .tag(let error):
      return error.message
    case .noSelection:
      return
        "nothing is selected — give a target: a sentence N, a range N-M or a span #ID (or show one sentence, highlight, or select first)"
    case .quote(let error):
      return error.message
    case .edit(let error):
      return error.message
    case .adjudication(let failure):
      return failure.message
    case .importRefused(let problems):
      let shown = problems.prefix(50).map(\.message).joined(separator: "\n")
      let more = problems.count > 50 ? "\n… and \(problems.count - 50) more" : ""
      return "nothing imported: \(plural(problems.count, "problem")) —\n" + shown + more
    case .assignments(let error): return error.message
    case .languages(let error): return error.message
    case .needsTerminal(let command):
      return "\(command) needs a terminal: it reads single keys (scripts use tag, nothing and todo)"
    case .noDocumentThere(let which, let count):
      return "there is no document \(which) — documents are 1-\(count) (docs lists them)"
    case .exportFailed(let error):
      return "export failed — \(error.message)"
    case .export(.write(let error)):
      return "export failed — \(error.message)"
    case .export(let error):
      return "nothing exported: " + error.message
    case .badPattern(let pattern, let error):
      // The place PCRE2 noticed, marked inside the pattern.
      let scalars = Array(pattern.unicodeScalars)
      let cut = min(error.position, scalars.count)
      var marked = String(String.UnicodeScalarView(scalars[..<cut]))
      marked += "⟨here⟩" + String(String.UnicodeScalarView(scalars[cut...]))
      return "/\(pattern)/ is not a valid regular expression: \(error.message) at character \(cut + 1): /\(marked)/"
    case .searchStopped(let error):
      return
        "find stopped in \(error.documentID): \(error.reason.message) — the pattern backtracks too much there; "
        + "make it more specific (nested repeats like (a+)+ are the usual cause)"
    }
  }
}

func unitMessage(_ n: Int, count: Int, kind: UnitKind) -> String {
  if count == 0 { return "this document has no \(kind.rawValue)s" }
  return "there is no \(kind.rawValue) \(n) — valid: 1-\(count)"
}

extension TagLookupError {
  public var message: String {
    switch self {
    case .unknown(let tag, let valid, let suggestion):
      let hint = suggestion.map { " — did you mean '\($0)'?" } ?? ""
      return "unknown tag '\(tag)'\(hint) (valid: \(valid.joined(separator: ", ")); codebook shows them)"
    case .ambiguous(let tag, let candidates):
      return "tag '\(tag)' is ambiguous — it could be \(candidates.map { "'\($0)'" }.joined(separator: ", "))"
    }
  }
}

extension QuoteError {
  public var message: String {
    switch self {
    case .empty:
      return "the quote is empty — put the words to highlight in quotes, e.g. hl 3 \"rightly felt\""
    case .notFound(let quote, let unit, let text, let closest):
      let hint = closest.map { " (closest: “\(oneLine($0))”)" } ?? ""
      return "\"\(quote)\" is not in sentence \(unit)\(hint): \(elidingMiddle(text, to: 160))"
    case .ambiguous(let quote, let unit, let occurrences):
      let listed = occurrences.enumerated().prefix(9).map { "\($0.offset + 1) \($0.element)" }
      return
        "\"\(quote)\" occurs \(occurrences.count) times in sentence \(unit) — say which: hl \(unit) \"\(quote)\" 1…\(occurrences.count): "
        + listed.joined(separator: "  ") + (occurrences.count > 9 ? "  …" : "")
    case .noOccurrence(let n, let count):
      return "there is no occurrence \(n) — valid: 1-\(count)"
    case .positionsOutOfRange(let start, let end, let length, let unit):
      return "\(start):\(end) is not inside sentence \(unit) — valid positions: 0 to \(length), start before end"
    case .splitsCharacter(let start, let end, let nearest, let unit):
      return
        "\(start):\(end) would cut a character of sentence \(unit) in two (an accent, an emoji sequence or a line break) — the nearest whole characters: \(nearest.start):\(nearest.end)"
    }
  }
}

extension QuoteDifference {
  /// `typed ' for ’`, `different case`…
  public var words: String {
    switch self {
    case .quotes(let typed, let found), .dashes(let typed, let found): return "typed \(typed) for \(found)"
    case .letterCase: return "different case"
    case .whiteSpace: return "different spaces or line breaks"
    case .unicodeForm: return "the same letters in another Unicode form"
    }
  }
}

extension EditError {
  public var message: String {
    switch self {
    case .noSuchUnit(let n, let count, let kind):
      return unitMessage(n, count: count, kind: kind)
    case .noSuchSpan(let id, let valid):
      if valid.isEmpty { return "there is no span #\(id) — this document has no spans yet" }
      return "there is no span #\(id) — valid: \(describe(ids: valid)) (spans lists them)"
    case .orphan(let id):
      return
        "span #\(id) is an orphan (its text is gone from the document) — reattach #\(id) N \"quote\" or delete #\(id)"
    case .noSpanCovers(let numbers, let kind, let overlapping):
      let label = numbers.numbersLabel
      let make = "tag \(label) TAG makes one"
      if overlapping.isEmpty { return "no span covers \(kind.rawValue) \(label) — \(make)" }
      return
        "no span covers \(kind.rawValue) \(label) exactly; spans there: \(describe(ids: overlapping)) — name one as #ID, or \(make)"
    case .tagsMissing(let id, let missing, let has):
      let what = missing.count == 1 ? "tag \(missing[0])" : "tags \(missing.joined(separator: ", "))"
      return
        "span #\(id) has no \(what) — it has \(has.isEmpty ? "no tags" : has.joined(separator: ", ")); nothing changed"
    case .deleted(let id):
      return "span #\(id) was deleted — undo brings it back (ids are never reused)"
    case .noSpanCoversRange(let range, let overlapping):
      if overlapping.isEmpty { return "no span covers \(range.start)-\(range.end)" }
      return "no span covers \(range.start)-\(range.end) exactly; spans there: \(describe(ids: overlapping))"
    case .store(let document, let error):
      return "\(document) is read-only here: \(error.reason)"
    case .notSaved(let error):
      return "not saved — \(error.message); the change is kept in memory, save retries"
    case .codebookNotSaved(let error): return "the codebook was not saved, so nothing was imported — \(error.message)"
    case .codebookIsBratConfiguration(let path):
      return
        "the codebook is brat's \(path), which annotate does not rewrite: add the types to its [entities], or use a codebook.json"
    case .unknownRelation(let name, let valid):
      return valid.isEmpty
        ? "the codebook has no relations (add \"relations\" to it to link spans)"
        : "'\(name)' is not a relation of the codebook (valid: \(valid.joined(separator: ", ")))"
    case .unknownVariable(let name, let valid):
      return valid.isEmpty
        ? "the codebook has no document variables (add \"variables\" to it to code documents)"
        : "'\(name)' is not a document variable (valid: \(valid.joined(separator: ", ")))"
    case .unknownAttribute(let name, let valid):
      return valid.isEmpty
        ? "the codebook has no span attributes (add \"attributes\" to it)"
        : "'\(name)' is not a span attribute (valid: \(valid.joined(separator: ", ")))"
    case .notAValue(let value, let of, let valid):
      return "'\(value)' is not a value of \(of) (valid: \(valid.joined(separator: ", ")))"
    case .oneValueOnly(let variable): return "\(variable) takes one value"
    case .relationNotAllowed(let type, let fromTags, let toTags, let from, let to):
      func tags(_ t: [String]) -> String { t.isEmpty ? "untagged" : t.joined(separator: ",") }
      return
        "\(type) links \(from.isEmpty ? "any span" : from.joined(separator: " or ")) to \(to.isEmpty ? "any span" : to.joined(separator: " or ")), not \(tags(fromTags)) to \(tags(toTags))"
    case .attributeNotForTags(let attribute, let tags, let allowed):
      return
        "\(attribute) is for spans tagged \(allowed.joined(separator: " or ")), not \(tags.isEmpty ? "untagged ones" : tags.joined(separator: ","))"
    case .selfLink(let id): return "a span cannot be linked to itself (#\(id))"
    case .noSuchRelation(let from, let to, let existing):
      return "no relation between #\(from) and #\(to)"
        + (existing.isEmpty ? "" : " — there are: " + existing.joined(separator: "; "))
    case .spanIsLinked(let id, let relations):
      return "span #\(id) is linked (\(relations.joined(separator: "; "))): unlink it first, or delete both ends"
    case .unitIsCoded(let n, let kind):
      return "\(kind.rawValue) \(n) has a tagged span: it is coded (untag it first to mark it as nothing to code)"
    case .nothingToUndo: return "nothing to undo"
    case .nothingToRedo: return "nothing to redo"
    }
  }
}

extension Adjudicator.Failure {
  public var message: String {
    switch self {
    case .noOpenQuestion:
      return "no disagreement is open — type adjudicate to see the next one, then answer with its numbers"
    case .noSuchCandidate(let n, let count):
      return
        "adjudicate: there is no candidate \(n) — valid: 1-\(count) — usage: adjudicate [N… | all | none | skip | status]"
    case .edit(let error):
      return error.message
    }
  }
}

extension StoreError {
  /// Why the annotations are read-only, as the end of a sentence.
  public var reason: String {
    switch self {
    case .damaged(let error):
      return "its sidecar is damaged and is left untouched — \(error.message)"
    case .foreign(let path, let document, let annotator):
      return "\(path) belongs to document '\(document)' and annotator '\(annotator)'; it is left untouched"
    case .locked(let annotator, let pid):
      let who = pid.map { "annotate process \($0)" } ?? "another annotate session"
      return "\(who) is editing \(annotator)'s annotations of it; they are shown read-only here"
    case .cannotLock(let reason):
      return "cannot lock its sidecar (\(reason))"
    case .outsideFolder(let path, let folder):
      return "\(path) leads outside \(folder) through a symbolic link; annotate writes only inside it"
    case .cannotCreateFolder(let path, let reason):
      return "cannot create \(path) (\(reason))"
    case .cannotOpenJournal(let reason):
      return "cannot open its journal (\(reason))"
    case .decisionLogDamaged(let error):
      return "its decision log is damaged — \(error.message)"
    case .annotationsElsewhere(let from):
      return
        "its annotations are under '\(from)' (the same text, moved or renamed) — relink moves them here; a change now would start a second set"
    }
  }
}

extension StoreNotice {
  public var message: String {
    switch self {
    case .recovered(let document, let changes):
      return
        "\(document): recovered \(plural(changes, "change")) from the journal of a session that did not end normally"
    case .droppedUnfinished(let document, let records):
      let what = records == 1 ? "an unfinished journal record" : "\(records) unfinished journal records"
      return
        "\(document): dropped \(what) that a crash or a full disk cut short (never acknowledged); every acknowledged change is kept"
    case .reanchored(let document, let report, let pending):
      return "\(document) changed since it was annotated: \(report.summary)"
        + (pending ? " — the sidecar is updated at your next change (save writes it now)" : "")
    case .readOnly(_, let error):
      return error.reason
    case .reread(let document, let annotator):
      return "\(document): re-read \(annotator)'s sidecar, which another session had changed"
    case .annotationsElsewhere(let document, let from):
      return "\(document): its annotations are under '\(from)' (the same text, moved or renamed) — relink moves them"
    case .numberingChanged(let document, let was, let wasRules, let now, let nowRules):
      let then = wasRules == nowRules ? was : "\(was), segmenter \(wasRules)"
      let current = wasRules == nowRules ? now : "\(now), segmenter \(nowRules)"
      return "\(document): its sentence numbers were made as \(then); it is segmented as \(current) now, so "
        + "numbers may differ (spans keep their words) — lang \(was) goes back"
    }
  }
}

extension StoreProblem {
  public var message: String { "\(document) (\(annotator)): \(error.reason)" }
}

extension SidecarError {
  public var message: String { "\(path): \(location.isEmpty ? "" : location + ": ")\(problem.message)" }
}

extension SidecarProblem {
  public var message: String {
    switch self {
    case .unreadable: return "cannot be read"
    case .invalidJSON(let detail):
      guard let detail else { return "not valid JSON (a number too large for its field, or broken syntax)" }
      return elidingEnd("not valid JSON: " + detail, to: 201)
    case .unreadableValue(let words): return elidingEnd(words, to: 201)
    case .expected(let kind): return "expected \(kind.words)"
    case .expectedButNull(let kind): return "expected \(kind.words), found null"
    case .missing: return "missing"
    case .notASidecar(let found):
      return "expected \"\(Sidecar.format)\", found \(found.map { "\"\($0)\"" } ?? "nothing")"
    case .unsupportedVersion(let found):
      return
        "version \(found.map(String.init) ?? "missing") is not supported (this annotate reads versions 1 and 2)"
    case .unsupportedOffsetUnit(let unit): return "\"\(unit)\" is not supported; expected \"\(Sidecar.offsetUnit)\""
    case .unknownNewline(let value): return "unknown value \"\(value)\""
    case .negativeLength: return "negative length"
    case .idBelowOne: return "ids start at 1"
    case .notASpan(let start, let end): return "start \(start) and end \(end) do not make a span"
    case .unknownStatus: return "expected anchored or orphaned"
    case .pastEnd(let end, let length): return "\(end) is past the end of the document (length \(length))"
    case .repeatedTag: return "a tag is repeated"
    case .idUsedTwice(let id): return "id \(id) is used twice"
    case .danglingRelation(let id): return "a relation names span #\(id), which is not in the file"
    case .nextIDNotAbove(let nextID, let largest): return "\(nextID) is not above the largest id \(largest)"
    case .notADecisionRecord: return "is not a decision record"
    }
  }
}

extension JSONValueKind {
  var words: String {
    switch self {
    case .wholeNumber: return "a whole number"
    case .string: return "a string"
    case .list: return "a list"
    case .other(let name): return name
    }
  }
}

extension WriteError {
  public var message: String {
    let step: String
    switch self.step {
    case .creatingFolder: step = "creating the folder"
    case .creatingTemporary: step = "creating a temporary file"
    case .writing: step = "writing"
    case .syncing: step = "syncing"
    case .closing: step = "closing"
    case .renaming: step = "renaming into place"
    case .creatingFile: step = "creating the file"
    case .openingJournal: step = "opening the journal"
    case .writingJournal: step = "writing the journal"
    case .syncingJournal: step = "syncing the journal"
    case .emptyingJournal: step = "emptying the journal"
    case .cuttingJournal: step = "cutting an unfinished record off the journal"
    }
    return "\(path): \(step) failed (\(reason))"
  }
}

extension CodebookError {
  public var message: String { "\(path): \(field): \(problem.message)" }
}

extension CodebookError.Problem {
  public var message: String {
    switch self {
    case .file(let problem): return problem.message
    case .json(let problem): return problem.message
    case .emptyList: return "the list is empty"
    case .notATagName(let name):
      return
        "'\(name)' is not a tag name (any printable characters but white space, ; quotes and \\; at most \(Codebook.maximumTagNameLength); not starting with a digit, # or -)"
    case .definedTwice(let name): return "'\(name)' is defined twice"
    case .notAColour(let color):
      return
        "'\(color)' is not a colour; valid: \(NamedColor.allCases.map(\.rawValue).joined(separator: ", ")), or a 256-colour palette index 16-255"
    case .notAKey(let key): return "'\(key)' is not a single letter or digit"
    case .keyTaken(let key): return "'\(key)' is the key of another tag"
    case .unknownTagReference(let tag): return "'\(tag)' is not a tag of this codebook"
    case .noValues: return "the list of values is empty"
    case .repeatedValue(let value): return "'\(value)' is listed twice"
    }
  }
}

extension CheckProblem {
  public var message: String { "\(path): \(issue.message)" }
}

extension CheckProblem.Issue {
  public var message: String {
    switch self {
    case .notInDocumentFolder: return "not inside a document's folder"
    case .noSuchDocument(let id): return "no open document has the id '\(id)'"
    case .unreadable(let problem): return problem.message
    case .damaged(let error):
      return error.location.isEmpty ? error.problem.message : "\(error.location): \(error.problem.message)"
    case .documentIDDiffers(let found, let folder): return "document.id is '\(found)', its folder says '\(folder)'"
    case .annotatorDiffers(let found, let fileName):
      return "annotator is '\(found)', its file name says '\(fileName)'"
    case .documentChanged:
      return "the document changed since it was annotated (SHA-256 differs); open it in annotate to re-anchor"
    case .orphan(let id): return "#\(id) is an orphan; reattach or delete it"
    case .pastEnd(let id, let end, let length): return "#\(id) ends at \(end), past the document (\(length))"
    case .quoteDiffers(let id, let range): return "#\(id): the text at \(range.start)-\(range.end) is not its quote"
    case .tagsNotInCodebook(let counts):
      let listed = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) (\($0.value))" }
      return "uses tags the codebook lacks: \(listed.joined(separator: ", "))"
    case .staleSentences(let id, let written, let now):
      return
        "#\(id): its sentences are written as \(written?.numbersLabel ?? "none") but are \(now?.numbersLabel ?? "none") now (the sentence rules changed); open it in annotate and save to renumber"
    case .relationNotInCodebook(let from, let to, let type):
      return "#\(from) \(type) #\(to): the codebook has no relation \(type)"
    case .relationNotAllowed(let from, let to, let type):
      return "#\(from) \(type) #\(to): the codebook does not allow \(type) between these spans' tags"
    case .codeNotInCodebook(let variable, let values):
      return "the document is coded \(variable) = \(values.joined(separator: ", ")), which the codebook does not have"
    case .attributeNotInCodebook(let id, let name, let value):
      return "#\(id) has \(name)=\(value), which the codebook does not have"
    }
  }
}

extension OpenProblem {
  /// One line naming the file and what is wrong with it.
  public var message: String {
    switch self {
    case .notFound(let path): return "\(path): no such file or folder"
    case .unreadable(let path, let reason): return "\(path): cannot be read (\(reason))"
    case .invalidUTF8(let path, let offset):
      return "\(path): not valid UTF-8 at byte \(offset) — convert it, e.g. iconv -f latin1 -t utf-8"
    case .binary(let path, let offset): return "\(path): binary content (NUL byte at byte \(offset)), not text"
    case .noTextFiles(let folder): return "\(folder): no .txt or .md files in this folder"
    case .notText(let path): return "\(path): not a regular file"
    case .duplicate(let id, let path): return "\(path): a document with id '\(id)' is open already"
    case .tooLarge(let path, let bytes):
      return
        "\(path): \(bytes >> 20) MiB is more than annotate opens as one document (\(Corpus.maximumDocumentBytes >> 20) MiB) — split it into articles"
    }
  }
}

/// `#1-#5, #9` style list of ids.
func describe(ids: [Int]) -> String {
  let sorted = ids.sorted()
  var parts: [String] = []
  var i = 0
  while i < sorted.count {
    var j = i
    while j + 1 < sorted.count && sorted[j + 1] == sorted[j] + 1 { j += 1 }
    parts.append(i == j ? "#\(sorted[i])" : "#\(sorted[i])-#\(sorted[j])")
    i = j + 1
    if parts.count == 6 && i < sorted.count {
      parts.append("…")
      break
    }
  }
  return parts.joined(separator: ", ")
}

extension ImportProblem {
  public var message: String {
    // A file that cannot be read names itself.
    if case .file = issue { return issue.message }
    if let item { return "\(path): item \(item): \(issue.message)" }
    return line > 0 ? "\(path):\(line): \(issue.message)" : "\(path): \(issue.message)"
  }
}

extension ImportProblem.Issue {
  public var message: String {
    switch self {
    case .invalidAnnotatorName(let name): return "'\(name)' is not a valid annotator name — use \(annotatorNameRule)"
    case .optionNotFor(let option, let takenBy):
      return "\(option) does nothing here (it is for \(takenBy.joined(separator: " and ")))"
    case .annotatorNeeded: return "this names no annotator: say whose it is (--annotator NAME)"
    case .annotatorsWouldMerge(let names):
      return
        "the file keeps \(names.count) annotators apart (\(names.joined(separator: ", "))); one --annotator would merge them — leave it out"
    case .unknownLabels(let counts):
      let listed = counts.keys.sorted().map { "\($0) (\(counts[$0]!))" }.joined(separator: ", ")
      return "labels not in the codebook: \(listed) — add them with --add-tags, or rename them in the file"
    case .offsetsInsideCharacter(let start, let end, let unit):
      return
        "offsets \(start)-\(end) (\(unit.rawValue)) cut a character in two — is the file counted in another unit? (--offsets codepoint|utf16|grapheme)"
    case .noteWithoutTarget(let label): return "a note for \(label), which the file does not have: not attached"
    case .dangling(let label): return "\(label) is not an annotation in this file"
    case .unknownSource(let source): return "no open document is '\(source)' (open it, or give --base-iri)"
    case .quoteNotFound(let quote, let places):
      return
        "the quote “\(elidingMiddle(quote, to: 60))” is in the document \(places == 0 ? "nowhere" : "\(places) times")"
    case .unsupportedTarget(let what): return "the target cannot be placed in a text (\(what))"
    case .shape(let expected): return "not the expected shape: \(expected)"
    case .notInBratConfiguration(let type):
      return "'\(type)' is not an entity type in the annotation.conf beside it"
    case .labelNotText: return "a label is not text"
    case .ambiguousDocument(let name, let ids):
      return "'\(name)' could be \(ids.joined(separator: " or ")); name the document by its id"
    case .file(let problem): return problem.message
    case .emptyFile: return "the file is empty"
    case .noSpans(let rejected, let notImported):
      var found = notImported.keys.sorted().map { "\(notImported[$0]!) \($0)" }
      if rejected > 0 { found.insert("\(rejected) rejected or ignored", at: 0) }
      return "no spans to import" + (found.isEmpty ? "" : " (the file holds \(found.joined(separator: ", ")))")
    case .noDocumentMatches(let relative): return "no open document matches '\(relative)' (open the documents first)"
    case .textFileDiffers(let document): return "its text is not the text of \(document); offsets would not match"
    case .bratTLineFields: return "a T line needs three tab-separated fields: T1<TAB>TYPE START END<TAB>TEXT"
    case .bratTypeAndOffsets(let found): return "expected TYPE START END, found '\(found)'"
    case .noOffsets(let found): return "no offsets in '\(found)'"
    case .unknownTag(let raw, let valid):
      return "'\(raw)' is not in the codebook (valid: \(valid.joined(separator: ", ")))"
    case .notASpan(let start, let end): return "offsets \(start)-\(end) do not make a span"
    case .pastEnd(let start, let end, let document, let length):
      return "offsets \(start)-\(end) are past the end of \(document) (\(length) characters)"
    case .textDiffers(let offsets, let actual, let given, let container):
      return
        "the text at \(offsets) is “\(elidingMiddle(actual, to: 60))”, the \(container == .row ? "row" : "line") says “\(elidingMiddle(given, to: 60))”"
    case .json(let problem): return problem.message
    case .labelShape(let k): return "label \(k) is not [start, end, \"tag\"]"
    case .noDocumentWithText(let named):
      return "no open document has this line's text\(named.map { " (document '\($0)')" } ?? "")"
    case .lineTextDiffers(let document): return "the line's text is not the text of \(document)"
    case .csv(.quoteInUnquotedField): return "a quote inside an unquoted field"
    case .csv(.unclosedQuote): return "a quoted field is not closed"
    case .missingColumns(let missing):
      return "missing columns: \(missing.joined(separator: ", ")) (the header must name them)"
    case .fieldCount(let found, let header): return "\(found) fields where the header has \(header)"
    case .noSuchDocument(let id): return "no open document '\(id)'"
    case .offsetsNotWholeNumbers: return "start and end must be whole numbers"
    case .tsvFieldCount(let found): return "expected document<TAB>label<TAB>start<TAB>end, found \(found) fields"
    }
  }
}

extension ImportSummary {
  /// `imported 3 spans into 1 sidecar`, the same in the shell and on the command line.
  public var message: String {
    var text =
      "imported \(plural(spans, "span")) into \(plural(documents, "sidecar"))"
      + (merged > 0 ? " (\(merged) added tags to spans already there)" : "")
    if orphaned > 0 { text += "; \(plural(orphaned, "orphan")) (the quote is not in the text exactly once)" }
    if relations > 0 { text += "; \(plural(relations, "relation"))" }
    if codes > 0 { text += "; \(plural(codes, "document code"))" }
    if let unitRead {
      text += "; offsets read as \(unitRead.rawValue) units (--offsets if the file counts otherwise)"
    }
    if rejected > 0 { text += "; \(rejected) rejected or ignored (not imported)" }
    if !notImported.isEmpty {
      text +=
        "; not imported: " + notImported.keys.sorted().map { "\(notImported[$0]!) \($0)" }.joined(separator: ", ")
    }
    if !addedTags.isEmpty {
      text += "; added to the codebook (\(codebookPath ?? "codebook")): " + addedTags.joined(separator: ", ")
    }
    return text
  }
}

extension RelinkError {
  public var message: String {
    switch self {
    case .bothExist(let document, let from):
      return
        "\(document) has annotations of its own already; those under '\(from)' are left where they are (move or merge them by hand)"
    case .cannotMove(let from, let to, let reason): return "cannot move \(from) to \(to) (\(reason))"
    case .notSaved(let error): return "not saved — \(error.message)"
    case .damaged(let error): return error.message
    }
  }
}

extension ExportSummary {
  /// `exported 12 rows (10 annotations)`, the same in the shell and on the command line.
  public func message(format: ExportFormat) -> String {
    switch format {
    case .csv, .tsv:
      return "exported \(plural(records, "row")) (\(plural(annotations, "annotation"))"
        + (orphans > 0 ? ", \(plural(orphans, "orphan")) flagged, without offsets)" : ")")
    case .conll:
      return
        "exported \(plural(annotations, "annotation")) of \(plural(documents, "document-annotator pair")) as conll; columns: token \(columns.joined(separator: " "))"
    default:
      return
        "exported \(plural(annotations, "annotation")) of \(plural(documents, "document-annotator pair")) as \(format.rawValue)"
        + (orphans > 0 ? " (\(plural(orphans, "orphan")) without a position)" : "")
    }
  }

  /// What was left out and why, when anything was.
  public func skippedMessage(format: ExportFormat) -> String? {
    guard skippedCount > 0 else { return nil }
    let reasons = skipped.keys.sorted().map { reason -> String in
      let n = skipped[reason]!
      switch reason {
      case .untagged: return "\(n) untagged"
      case .orphaned: return "\(plural(n, "orphan")) (no offsets to give)"
      case .cutsCharacter: return "\(n) cutting a character in the format's unit"
      case .empty: return "\(n) empty or only line breaks"
      }
    }
    return "skipped \(skippedCount) that \(format.rawValue) has no place for: " + reasons.joined(separator: ", ")
  }
}

extension ExportError {
  public var message: String {
    switch self {
    case .write(let error): return error.message
    case .oneAnnotatorOnly(let format, let names):
      return
        "\(format.rawValue) has no annotator column, and these documents have \(names.count) annotators (\(names.joined(separator: ", "))): export one with --annotator NAME"
    case .sameTagOverlaps(let clashes):
      let shown = clashes.prefix(5).map {
        "#\($0.first) and #\($0.second) (\($0.tag), \($0.document), \($0.annotator))"
      }
      return
        "CoNLL gives each token one label per tag, and \(plural(clashes.count, "pair")) of spans of one tag overlap: "
        + shown.joined(separator: "; ") + (clashes.count > 5 ? "; …" : "")
        + " — merge or retag them, or export another format"
    case .noAnnotationsBy(let absent, let present):
      return
        "no annotations by \(absent.map { "'\($0)'" }.joined(separator: ", ")) — annotators with some: \(present.isEmpty ? "none" : present.joined(separator: ", "))"
    case .noAnnotations(let folder): return "no annotations of these documents in \(folder)"
    case .needsPath(let format):
      return "\(format.rawValue) cannot go to the screen: name the \(format == .sqlite ? "file" : "folder") to write"
    case .optionNotFor(let option, let format, let takenBy):
      return
        "\(option) does nothing for \(format.rawValue) (it is for \(takenBy.map(\.rawValue).joined(separator: " and ")))"
    case .notAnIRI(let given):
      return "--base-iri needs an absolute IRI such as https://example.org/corpus/, not '\(given)'"
    }
  }
}

extension CheckProblem {
  /// `checked 3 sidecars against 2 documents: all good`, for the shell and the command line.
  public static func summary(checked: Int, documents: Int, problems: Int) -> String {
    "checked \(plural(checked, "sidecar")) against \(plural(documents, "document")): \(problems == 0 ? "all good" : plural(problems, "problem"))"
  }
}

extension AgreementError {
  public var message: String {
    switch self {
    case .noAnnotations(let missing):
      return
        "no annotations by \(missing.map { "'\($0)'" }.joined(separator: ", ")) for the open documents; annotators lists who has some"
    case .tag(let error): return error.message
    case .bootstrapOption(let option, let value, let valid):
      return "\(option): '\(value)' is not valid; valid: \(valid)"
    case .confusionNeedsTwo(let names):
      return "--confusion needs two different annotators (--confusion alice bob)"
        + (names.isEmpty ? "" : "; got \(names.map { "'\($0)'" }.joined(separator: ", "))")
    case .bootstrapMissing: return "--seed and --threshold belong to --bootstrap N (N resamples, such as 1000)"
    case .bootstrapNeedsSentenceLevel:
      return "--bootstrap gives intervals for sentence-level α; with --unit span, leave it out"
    }
  }
}

extension Codebook {
  /// `codebook: codebook.json (5 tags)` or `codebook: the standard one (claim, opinion, source)`.
  public var banner: String {
    guard let source else { return "codebook: the standard one (\(names.joined(separator: ", ")))" }
    return "codebook: \(source) (\(plural(tags.count, "tag")))"
  }
}

/// `tags in the sidecars that the codebook lacks: foo (12), bar (1) — …`.
public func codebookDriftMessage(_ missing: [(tag: String, spans: Int)]) -> String? {
  guard !missing.isEmpty else { return nil }
  let listed = missing.prefix(8).map { "\($0.tag) (\($0.spans))" }.joined(separator: ", ")
  return
    "tags in the sidecars that the codebook lacks: \(listed)\(missing.count > 8 ? ", …" : "") — add them to the codebook, or they are shown uncoloured and cannot be typed"
}

extension AssignmentError {
  public var message: String {
    switch self {
    case .unreadable(_, let problem): return problem.message
    case .damaged(_, let error): return "the assignments are damaged: \(error.message)"
    case .notAssignments(let path): return "\(path) is not an annotate assignments file"
    case .exists(let path):
      return "\(path) exists: coders may have started on it; --replace deals the documents out again"
    case .notSaved(let error): return "not saved — \(error.message)"
    case .badOverlap(let given): return "'\(given)' is not an overlap: give a share such as 20% or 0.2 (0 to 100%)"
    case .annotatorName(let name): return "'\(name)' is not a valid annotator name — use \(annotatorNameRule)"
    case .noAnnotators: return "name the coders: --annotators alice,bob,carol"
    case .noDocuments: return "no documents to assign: none of the paths opened"
    }
  }
}

/// Said before agreement figures computed on the assignments' overlap sample.
public func overlapSampleNote(_ documents: Int) -> String {
  "over the assignments' overlap sample: \(plural(documents, "document")) (--all-documents for every document)"
}

extension LanguageSettingsError {
  /// One line: what is wrong, and what is valid.
  public var message: String {
    switch self {
    case .unreadable(let path, let reason): return "cannot read \(path): \(reason)"
    case .notAnObject(let path):
      return "\(path) is not a languages file — expected a JSON object of document ids, folders/ or * to language codes"
    case .emptyKey(let path): return "\(path): an empty key — use a document id, a folder ending in /, or *"
    case .unknownLanguage(let path, let key, let value):
      return "\(path): '\(value)' for '\(key)' is not a language annotate segments — valid: "
        + Language.supported.map(\.code).joined(separator: ", ")
    case .notSaved(let error): return error.message
    }
  }
}
