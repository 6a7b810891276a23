import Contracts
import Output
import PrivateFiles
import Values

/// `save PATH`: the records written to a file in an output format, as they come.
extension Stages {
    static let saveStages: [StageDefinition] = [
        StageDefinition(
            signature: Signature(
                "save", [Slot("PATH", .filePath)],
                flags: [
                    Flag("o", long: "output", value: Slot("FORMAT", .choice(OutputFormat.allCases.map(\.rawValue)))),
                    Flag("f", long: "force"),
                ],
                summary:
                    "write the records to a file (format from the extension, or -o FORMAT), whole or not at all; -f replaces an existing file",
                examples: ["list zones | save zones.csv -f", "list vms | select name state | save -o table vms.txt -f"])
        ) { call, input in
            try await save(call, input)
        }
    ]

    /// Extensions that name a format other than by its own name.
    static let formatExtensions: [String: OutputFormat] = ["txt": .text]

    static func save(_ call: StageCall, _ input: ValueStream) async throws -> PipeResult {
        let args = try await call.parsed()
        let usage = Stages.all["save"]!.signature.usage
        if args.values.count == 2, args.flags["f"] != nil, OutputFormat(rawValue: args.values[0].plainText) != nil {
            throw ScriptError(
                "save -f means --force; choose the format with -o: save -o \(args.values[0].plainText) \(args.values[1].plainText)",
                at: call.location)
        }
        guard args.values.count == 1, !args.values[0].plainText.isEmpty else {
            throw ScriptError("save needs one file: \(usage)", at: call.location)
        }
        let given = args.values[0].plainText
        let format = try saveFormat(given, flag: args.flags["o"], call.location)
        let path = ScriptFiles.resolve(given, from: call.location)
        let shown = ScriptFiles.describe(given, path)
        if call.interpreter.options.dryRun {
            // A dry run's records are placeholders: a report of them must not replace a real one.
            var n = 0
            while try await input.next() != nil { n += 1 }
            return .value(.string("dry run: would save \(n) record\(n == 1 ? "" : "s") to \(given)"))
        }
        let file: StreamedFile
        do {
            file = try StreamedFile(path, overwrite: args.flags["f"] != nil)
        } catch {
            throw ScriptError(
                "cannot save \(shown): "
                    + (error.exists ? "the file exists; add -f (--force) to replace it" : error.problem),
                at: call.location)
        }
        var pending = ""
        // Plain text for a file: indented JSON, tables at full width, no colour.
        let writer = RecordWriter(format: format, options: OutputOptions(pretty: format == .json)) { pending += $0 }
        var n = 0
        do {
            writer.begin()
            while let record = try await input.next() {
                writer.write(record)
                n += 1
                if !pending.isEmpty { try file.write(pending); pending = "" }
            }
            writer.finish()
            try file.write(pending)
            try file.commit()
        } catch let e as PrivateFileError {
            file.discard()
            throw ScriptError(
                "cannot save \(shown): \(e.exists ? "the file appeared meanwhile; add -f (--force) to replace it" : e.problem)",
                at: call.location)
        } catch {
            file.discard()
            throw error
        }
        return .value(.string("saved \(n) record\(n == 1 ? "" : "s") to \(given)"))
    }

    /// `-o FORMAT`, else the file's extension.
    static func saveFormat(_ path: String, flag: Value?, _ location: SourceLocation) throws -> OutputFormat {
        if let flag {
            guard let f = OutputFormat(rawValue: flag.plainText) else {
                throw ScriptError("save -o takes \(OutputFormat.choices), not '\(flag.plainText)'", at: location)
            }
            return f
        }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let ext = name.split(separator: ".").count > 1 ? String(name.split(separator: ".").last!).lowercased() : ""
        guard let f = OutputFormat(rawValue: ext) ?? formatExtensions[ext] else {
            throw ScriptError(
                "save cannot tell the format from '\(name)': end the name in .json, .csv, .txt or .table, or add -o \(OutputFormat.allCases.map(\.rawValue).joined(separator: "|"))",
                at: location)
        }
        return f
    }
}
