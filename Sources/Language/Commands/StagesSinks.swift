import Contracts
import Values

/// json, table, csv, text: render the records as text. At the end of a
/// printed statement they stream straight to the output instead.
extension Stages {
    static let sinkStages: [StageDefinition] = OutputFormat.allCases.map { format in
        StageDefinition(
            signature: Signature(
                format.rawValue,
                summary: "render the records as \(format)", examples: ["list zones | \(format)"])
        ) { call, input in
            try call.noArguments()
            return .value(.string(try await Printer.render(.stream(input), format: format)))
        }
    }
}
