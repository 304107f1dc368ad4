/// Label Studio's JSON task list, as its importer reads it: one task per
/// document, `data.text` its text (and `data.document` its id), one entry
/// of `annotations` per annotator with `completed_by` a number that
/// `data.annotators` maps to the name, and in `result` each span as a
/// `labels` region (`from_name` `label`, `to_name` `text`, `value.start`,
/// `end`, `text`, `labels`) plus, for a span with a note, a `textarea`
/// result of the same id (Label Studio's per-region text, `from_name`
/// `note`). Offsets are code points, Label Studio's unit, unless
/// `--offsets` says otherwise. The array is written as it goes.
public struct LabelStudioWriter: AnnotationWriter {
  let sink: OutputSink
  let unit: OffsetUnit
  let codebook: Codebook
  public private(set) var summary = ExportSummary()
  /// The number each annotator has in `completed_by`, from 1 in order of appearance.
  private var numbers: [String: Int] = [:]
  /// The task being gathered: one document's annotators come one after another.
  private var pending: [AnnotatedDocument] = []
  private var tasks = 0

  public init(sink: OutputSink, unit: OffsetUnit, codebook: Codebook = .standard) {
    self.sink = sink
    self.unit = unit
    self.codebook = codebook
  }

  public mutating func begin() throws(WriteError) { try sink.write("[") }

  public mutating func write(_ item: AnnotatedDocument) throws(WriteError) {
    if let first = pending.first, first.document !== item.document { try flushTask() }
    pending.append(item)
  }

  public mutating func end() throws(WriteError) {
    try flushTask()
    try sink.write(tasks == 0 ? "]\n" : "\n]\n")
    try sink.flush()
  }

  private mutating func flushTask() throws(WriteError) {
    guard let document = pending.first?.document else { return }
    let converter = unit == .codepoint ? nil : OffsetConverter(text: document.text.string, unit: unit)
    var annotations: [String] = []
    var names: [String] = []
    for item in pending {
      summary.documents += 1
      let number = numbers[item.annotator] ?? (numbers.count + 1)
      numbers[item.annotator] = number
      names.append("\(JSON.quote(String(number))):\(JSON.quote(item.annotator))")
      var results: [String] = []
      var exported = Set<Int>()
      var created: String?
      var updated: String?
      for a in item.set.annotations {
        guard let range = countable(a, &summary), let (start, end) = inUnit(range, converter, &summary) else {
          continue
        }
        summary.annotations += 1
        summary.records += 1
        created = min(created ?? a.created, a.created)
        updated = max(updated ?? a.modified, a.modified)
        let id = JSON.quote("a\(a.id)")
        let position = "\"start\":\(start),\"end\":\(end)"
        let labels = a.tags.map(JSON.quote).joined(separator: ",")
        results.append(
          "{\"id\":\(id),\"from_name\":\"label\",\"to_name\":\"text\",\"type\":\"labels\",\"origin\":\"manual\",\"value\":{\(position),\"text\":\(JSON.quote(document.string(in: range))),\"labels\":[\(labels)]}}"
        )
        if let note = a.note {
          results.append(
            "{\"id\":\(id),\"from_name\":\"note\",\"to_name\":\"text\",\"type\":\"textarea\",\"origin\":\"manual\",\"value\":{\(position),\"text\":[\(JSON.quote(note))]}}"
          )
        }
        // Attributes: per-region choices, named after the attribute.
        for name in a.attributes.keys.sorted() {
          results.append(
            "{\"id\":\(id),\"from_name\":\(JSON.quote(name)),\"to_name\":\"text\",\"type\":\"choices\",\"origin\":\"manual\",\"value\":{\(position),\"choices\":[\(JSON.quote(a.attributes[name]!))]}}"
          )
        }
        exported.insert(a.id)
      }
      for r in item.set.relations {
        guard exported.contains(r.from), exported.contains(r.to) else {
          summary.skippedRelations += 1
          continue
        }
        let direction = codebook.relation(named: r.type)?.directed == false ? "bi" : "right"
        results.append(
          "{\"type\":\"relation\",\"from_id\":\"a\(r.from)\",\"to_id\":\"a\(r.to)\",\"direction\":\"\(direction)\",\"labels\":[\(JSON.quote(r.type))]}"
        )
      }
      for name in item.set.codes.keys.sorted() {
        let values = item.set.codes[name]!.map(JSON.quote).joined(separator: ",")
        results.append(
          "{\"id\":\(JSON.quote("v-" + String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "_" }))),\"from_name\":\(JSON.quote(name)),\"to_name\":\"text\",\"type\":\"choices\",\"origin\":\"manual\",\"value\":{\"choices\":[\(values)]}}"
        )
      }
      var annotation = "{\"completed_by\":\(number),\"was_cancelled\":false"
      if let created, let updated {
        annotation += ",\"created_at\":\(JSON.quote(created)),\"updated_at\":\(JSON.quote(updated))"
      }
      annotations.append(annotation + ",\"result\":[" + results.joined(separator: ",") + "]}")
    }
    var task = (tasks == 0 ? "\n" : ",\n") + "{\"data\":{\"text\":" + JSON.quote(document.text.string)
    task += ",\"document\":\(JSON.quote(document.id)),\"annotators\":{" + names.joined(separator: ",") + "}}"
    task += ",\"annotations\":[" + annotations.joined(separator: ",") + "]}"
    try sink.write(task)
    tasks += 1
    pending.removeAll()
  }
}
