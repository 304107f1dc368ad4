import AnnotateCore

let (docs, probs) = Corpus.load(CommandLine.arguments[1])
print(probs)
for d in docs { for (n, u) in d.units(.sentence).enumerated() { print(n + 1, u, d.string(in: u).prefix(70)) } }
