import Values
import OrderedCollections

/// Syntax highlighting for editors (editors/): a TextMate grammar (VS Code, Sublime,
/// GitHub) and Vim files, written from the language's own tables (keywords, the
/// builtin, stage and function registries), so a new stage is highlighted as soon
/// as it is registered. EditorSyntaxTests checks the committed files are current.
public enum EditorSyntax {
    /// Paths under editors/ and their text.
    public static var files: [(path: String, text: String)] {
        [
            ("vscode/syntaxes/acsh.tmLanguage.json", textMateGrammar), ("vscode/package.json", vscodePackage),
            ("vscode/language-configuration.json", vscodeLanguageConfiguration),
            ("vim/syntax/acsh.vim", vimSyntax), ("vim/ftdetect/acsh.vim", vimDetect),
            ("vim/ftplugin/acsh.vim", vimPlugin),
        ]
    }

    static let header = "generated from acsh's own tables by scripts/gen-editors: do not edit"
    /// The first line that marks a script whatever its name (`#!/usr/bin/env acsh`).
    static let shebang = #"^#!.*\bacsh\b"#

    static var keywords: [String] { Parser.keywords.sorted() + ["not", "wait"] }
    static let constants = ["true", "false", "null"]
    static var builtins: [String] { Builtins.commandNames }
    static var stages: [String] { Stages.names }
    static var functions: [String] { Builtins.functionNames }

    // MARK: TextMate

    static var textMateGrammar: String {
        func rule(_ name: String, _ match: String) -> Value {
            .record(["name": .string(name), "match": .string(match)])
        }
        func words(_ list: [String]) -> String { list.joined(separator: "|") }
        let interpolation: Value = .record([
            "name": "meta.interpolation.acsh", "begin": #"\$\{"#, "end": "\\}",
            "beginCaptures": .record(["0": .record(["name": "punctuation.section.interpolation.begin.acsh"])]),
            "endCaptures": .record(["0": .record(["name": "punctuation.section.interpolation.end.acsh"])]),
            "patterns": .list([.record(["include": "$self"])]),
        ])
        let repository: Record = [
            "comment": rule("comment.line.number-sign.acsh", "#.*$"),
            "string-double": .record([
                "name": "string.quoted.double.acsh", "begin": "\"", "end": "\"|$",
                "patterns": .list([
                    rule("constant.character.escape.acsh", #"\\[nt"\\$]"#), interpolation,
                    .record(["include": "#variable"]),
                ]),
            ]),
            "string-single": .record(["name": "string.quoted.single.acsh", "begin": "'", "end": "'|$"]),
            "keyword": rule("keyword.control.acsh", #"\b(?:\#(words(keywords)))\b"#),
            "constant": rule("constant.language.acsh", #"\b(?:\#(words(constants)))\b"#),
            "stage": .record([
                "match": .string(#"(\|)\s*(\#(words(stages)))\b"#),
                "captures": .record([
                    "1": .record(["name": "keyword.operator.pipe.acsh"]),
                    "2": .record(["name": "support.function.stage.acsh"]),
                ]),
            ]),
            "builtin": rule("support.function.builtin.acsh", #"\b(?:\#(words(builtins)))\b"#),
            "function": rule("support.function.acsh", #"\b(?:\#(words(functions)))(?=\()"#),
            "variable": rule("variable.other.acsh", #"\$(?:[A-Za-z_][A-Za-z0-9_]*|[0-9])"#),
            "number": rule("constant.numeric.acsh", #"(?<![A-Za-z0-9_.-])-?[0-9]+(?:\.[0-9]+)?\b"#),
            "flag": rule("variable.parameter.flag.acsh", #"(?<=\s)--?[A-Za-z][A-Za-z0-9-]*"#),
            "named-argument": rule("variable.parameter.acsh", #"\b[A-Za-z_][A-Za-z0-9_]*(?=[:=][^\s=])"#),
            "operator": rule("keyword.operator.acsh", #"==|!=|<=|>=|=~|&&|\|\||[-+*/%<>=!|&]"#),
        ]
        let order = [
            "comment", "string-double", "string-single", "keyword", "constant", "stage", "builtin", "function",
            "variable", "number", "flag", "named-argument", "operator",
        ]
        let grammar: Record = [
            "comment": .string(header),
            "name": "acsh",
            "scopeName": "source.acsh",
            "fileTypes": .list(fileExtensions.map { .string($0) }),
            "firstLineMatch": .string(shebang),
            "patterns": .list(order.map { .record(["include": .string("#" + $0)]) }),
            "repository": .record(repository),
        ]
        return JSONWriter.pretty(.record(grammar)) + "\n"
    }

    /// Extensions claimed outright; a `.cs` file is acsh only by its first line (C# owns `.cs`).
    static let fileExtensions = ["acsh"]

    static var vscodePackage: String {
        let package: Record = [
            "name": "acsh", "displayName": "acsh",
            "description": .string("Syntax highlighting for acsh scripts (\(header))"),
            "version": "0.1.0", "publisher": "acsh", "engines": .record(["vscode": "^1.60.0"]),
            "categories": .list(["Programming Languages"]),
            "contributes": .record([
                "languages": .list([
                    .record([
                        "id": "acsh", "aliases": .list(["acsh"]),
                        "extensions": .list(fileExtensions.map { .string("." + $0) }),
                        "firstLine": .string(shebang), "configuration": "./language-configuration.json",
                    ])
                ]),
                "grammars": .list([
                    .record(["language": "acsh", "scopeName": "source.acsh", "path": "./syntaxes/acsh.tmLanguage.json"])
                ]),
            ]),
        ]
        return JSONWriter.pretty(.record(package)) + "\n"
    }

    static var vscodeLanguageConfiguration: String {
        let pairs: [[String]] = [["{", "}"], ["[", "]"], ["(", ")"]]
        let config: Record = [
            "comments": .record(["lineComment": "#"]),
            "brackets": .list(pairs.map { .list($0.map { .string($0) }) }),
            "autoClosingPairs": .list(
                (pairs + [["\"", "\""], ["'", "'"]]).map { .record(["open": .string($0[0]), "close": .string($0[1])]) }),
        ]
        return JSONWriter.pretty(.record(config)) + "\n"
    }

    // MARK: Vim

    static var vimSyntax: String {
        func alternatives(_ list: [String]) -> String { list.joined(separator: #"\|"#) }
        return #"""
            " Vim syntax file for acsh scripts (\#(header)).
            if exists("b:current_syntax")
              finish
            endif

            syn keyword acshKeyword \#(keywords.joined(separator: " "))
            syn keyword acshConstant \#(constants.joined(separator: " "))
            syn keyword acshBuiltin \#(builtins.joined(separator: " "))
            syn match acshStage "|\s*\zs\<\(\#(alternatives(stages))\)\>"
            syn match acshFunction "\<\(\#(alternatives(functions))\)\ze("
            syn match acshVariable "\$\([A-Za-z_][A-Za-z0-9_]*\|[0-9]\)"
            syn match acshNumber "\(\w\|\.\)\@<!-\=\d\+\(\.\d\+\)\=\>"
            syn match acshFlag "\s\zs--\=[A-Za-z][A-Za-z0-9-]*"
            syn match acshNamed "\<[A-Za-z_][A-Za-z0-9_]*\ze[:=][^ \t=]"
            syn match acshEscape contained "\\[nt\"\\$]"
            syn region acshInterpolation contained matchgroup=acshDelimiter start="\${" end="}" contains=TOP
            syn region acshString start=+"+ skip=+\\\\\|\\"+ end=+"\|$+ contains=acshEscape,acshInterpolation,acshVariable
            syn region acshRawString start=+'+ end=+'\|$+
            syn keyword acshTodo contained TODO FIXME XXX
            syn match acshComment "#.*$" contains=acshTodo

            hi def link acshKeyword Statement
            hi def link acshConstant Constant
            hi def link acshBuiltin Function
            hi def link acshStage Function
            hi def link acshFunction Function
            hi def link acshVariable Identifier
            hi def link acshNumber Number
            hi def link acshFlag Special
            hi def link acshNamed Type
            hi def link acshEscape SpecialChar
            hi def link acshDelimiter Delimiter
            hi def link acshString String
            hi def link acshRawString String
            hi def link acshTodo Todo
            hi def link acshComment Comment

            let b:current_syntax = "acsh"

            """#
    }

    static var vimDetect: String {
        """
        " acsh scripts (\(header)): *.\(fileExtensions[0]), and any file (a .cs one too,
        " which Vim would take for C#) whose first line runs acsh: #!/usr/bin/env acsh
        autocmd BufRead,BufNewFile *.\(fileExtensions[0]) setfiletype acsh
        autocmd BufRead,BufNewFile * if getline(1) =~# '^#!.*\\<acsh\\>' | set filetype=acsh | endif

        """
    }

    static var vimPlugin: String {
        """
        " acsh scripts (\(header)): comments start with #.
        if exists("b:did_ftplugin")
          finish
        endif
        let b:did_ftplugin = 1
        setlocal commentstring=#\\ %s comments=:#
        let b:undo_ftplugin = "setlocal commentstring< comments<"

        """
    }
}
