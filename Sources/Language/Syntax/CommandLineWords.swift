import Values

/// One command from the shell's words (`acsh list zones 'keyword=a&b'`), built
/// straight into the syntax tree, never joined and lexed again: the shell has
/// already split and unquoted them, and a word holding `$`, `|`, `;`, `&`, `#`,
/// quotes or a carriage return is data, sent exactly as typed (issues 11 and 16).
/// Language text comes only from `-c TEXT` and script files.
///
/// The words are: a command (`VERB [NOUN]`, a raw API name, or a builtin), then
/// one argument per word: `name=value` (split at the first `=`), `name:value` (the
/// friendly form, split at the first `:`), `-flag`, or a plain value.
enum CommandLineWords {
    static let file = "<command line>"

    static func program(_ words: [String]) throws(ParseErrors) -> Program {
        let source = SourceFile(name: file, text: words.joined(separator: " "))
        do {
            return try build(words, source)
        } catch {
            throw ParseErrors(errors: [error], source: source)
        }
    }

    private static func build(_ words: [String], _ source: SourceFile) throws(ParseError) -> Program {
        var starts: [Int] = []
        var column = 1
        for w in words {
            starts.append(column)
            column += w.unicodeScalars.count + 1
        }
        func at(_ i: Int, offset: Int = 0) -> SourceLocation {
            SourceLocation(file: file, line: 1, column: starts[i] + offset)
        }
        guard let first = words.first else {
            throw ParseError(message: "no command given", location: SourceLocation(file: file, line: 1, column: 1))
        }
        guard isName(first) else {
            throw ParseError(
                message: "'\(first)' is not a command (a script file must contain '/' or end in .cs or .acsh; "
                    + "language text goes in -c '...')", location: at(0))
        }
        let sig = Builtins.signature(named: first)
        let takesValues = sig.map { $0.shape == .expressions || $0.shape == .expression } ?? false
        if !takesValues, let op = words.firstIndex(where: { pipelineWords.contains($0) }) {
            throw ParseError(
                message: "'\(words[op])' is a plain word here: the shell's words are sent as they are; "
                    + "for a pipeline or several commands use -c, e.g. acsh -c 'list zones | count'", location: at(op))
        }
        let stage: Stage
        if let sig {
            stage = try builtin(sig, words, at)
        } else {
            stage = Stage(kind: .command(command(words, from: 0, at)), location: at(0))
        }
        let pipeline = Pipeline(stages: [stage], background: false, location: at(0))
        let stmt = Stmt(.expression(Expr(.pipeline(pipeline), at(0))), at(0))
        return Program(statements: [stmt], source: source, texts: [])
    }

    /// Words that would be syntax in the language; alone on the command line they are a mistake.
    static let pipelineWords: Set<String> = ["|", "||", "&", "&&", ";"]

    private static func builtin(
        _ sig: Signature, _ words: [String],
        _ at: (Int, Int) -> SourceLocation
    ) throws(ParseError) -> Stage {
        let loc = at(0, 0)
        switch sig.shape {
        case .words, .none:
            let args = words.indices.dropFirst().map { argument(words[$0], $0, at) }
            return Stage(kind: .builtin(name: sig.name, args: args, exprs: []), location: loc)
        case .expressions, .expression:
            let exprs = words.indices.dropFirst().map { Expr(.literal(.string(words[$0])), at($0, 0)) }
            return Stage(kind: .builtin(name: sig.name, args: [], exprs: exprs), location: loc)
        case .pipeline:
            guard words.count > 1 else {
                throw ParseError(message: "'\(sig.name)' needs a line to work on, e.g. \(sig.usage)", location: loc)
            }
            let inner = Stage(kind: .command(command(words, from: 1, at)), location: at(1, 0))
            let p = Pipeline(stages: [inner], background: false, location: at(1, 0))
            return Stage(
                kind: .builtin(name: sig.name, args: [], exprs: [Expr(.pipeline(p), p.location)]), location: loc)
        }
    }

    /// `VERB [NOUN] ARGS` or `rawApiName ARGS`, starting at word `k`.
    private static func command(_ words: [String], from k: Int, _ at: (Int, Int) -> SourceLocation) -> Command {
        var names = [words[k]]
        var next = k + 1
        if next < words.count, isName(words[next]), split(words[next]) == nil {
            names.append(words[next])
            next += 1
        }
        let args = words.indices[next...].map { argument(words[$0], $0, at) }
        return Command(words: names, args: args, location: at(k, 0))
    }

    /// One word as one argument; its value is a literal, never evaluated.
    private static func argument(_ word: String, _ i: Int, _ at: (Int, Int) -> SourceLocation) -> CommandWord {
        if let (name, friendly, value) = split(word) {
            let valueAt = at(i, name.unicodeScalars.count + 1)
            return .named(
                name: name, friendly: friendly, value: Expr(.literal(.string(value)), valueAt), location: at(i, 0))
        }
        if word.count > 1, word.hasPrefix("-"), let second = word.dropFirst().first, second.isLetter {
            return .flag(String(word.dropFirst()), at(i, 0))
        }
        // A bare number stays a number (`first 5`, `sleep 2`), as the parser reads it.
        let value: Value = Parser.numberLiteral(word).map(Value.number) ?? .string(word)
        return .positional(Expr(.literal(value), at(i, 0)))
    }

    /// `name=value` or `name:value` at the first `=` or `:`, when what is before it
    /// is a parameter name (`tags[0].key` included); nil for any other word.
    static func split(_ word: String) -> (name: String, friendly: Bool, value: String)? {
        guard let sep = word.firstIndex(where: { $0 == "=" || $0 == ":" }), sep > word.startIndex else { return nil }
        let name = word[..<sep]
        guard let first = name.first, first.isLetter || first == "_",
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_[].".contains($0)) })
        else { return nil }
        return (String(name), word[sep] == ":", String(word[word.index(after: sep)...]))
    }

    /// A command, noun or builtin name: letters, digits and `_`, starting with a letter.
    static func isName(_ word: String) -> Bool {
        guard let first = word.first, first.isASCII, first.isLetter else { return false }
        return word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
}
