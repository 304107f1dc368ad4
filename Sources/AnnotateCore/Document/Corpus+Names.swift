/// Documents as tables of spans name them (a TSV's first column).
extension Corpus {
  /// The documents a name may mean: the one with that id (or that id with
  /// `.txt`), else those whose file name is `NAME`, `NAME.txt` or
  /// `articleNAME.txt` (SemEval's article numbers).
  public func documents(named name: String) -> [Document] {
    if let i = index(ofID: name) ?? index(ofID: name + ".txt") { return [documents[i]] }
    let names: Set<String> = [name, name + ".txt", "article" + name + ".txt"]
    return documents.filter { names.contains(String($0.id.split(separator: "/").last ?? "")) }
  }

  /// The name a table gives a document: the number of `articleNNN.txt`,
  /// else the file name without `.txt`, when that name means this document
  /// alone; else its whole id.
  public func tableName(of document: Document) -> String {
    var base = String(document.id.split(separator: "/").last ?? "")
    if base.hasSuffix(".txt") { base.removeLast(4) }
    if base.hasPrefix("article"), base.count > 7, base.dropFirst(7).allSatisfy(\.isASCII),
      base.dropFirst(7).allSatisfy(\.isNumber)
    {
      base.removeFirst(7)
    }
    let back = documents(named: base)
    return back.count == 1 && back[0] === document ? base : document.id
  }
}
