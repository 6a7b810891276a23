import Contracts
import Output
import Values

/// Statement results in an output format through Output's RecordWriter,
/// record by record, so a long list is never held whole.
struct Printer {
    let host: any ShellHost
    let format: OutputFormat

    func print(_ r: PipeResult) async throws {
        var r = r
        // At a terminal an empty table would print nothing at all: say so.
        if host.isTerminal, format == .table || format == .text {
            switch r {
            case .value(let v):
                if case .list(let l) = v.data, l.isEmpty { return host.writeOutput("(no records)\n") }
            case .stream(let s):
                guard let first = try await s.next() else { return host.writeOutput("(no records)\n") }
                var pending: Value? = first
                r = .stream(
                    ValueStream {
                        if let p = pending { pending = nil; return p }
                        return try await s.next()
                    })
            }
        }
        let buffer = OutputBuffer { [host] in host.writeOutput($0) }
        try await Self.write(r, format: format, options: host.outputOptions, into: buffer)
        buffer.flush()
    }

    static func render(_ r: PipeResult, format: OutputFormat, options: OutputOptions = OutputOptions()) async throws
        -> String
    {
        let buffer = OutputBuffer { _ in }
        buffer.limit = .max
        try await write(r, format: format, options: options, into: buffer)
        var out = buffer.text
        if out.hasSuffix("\n") { out.removeLast() }
        return out
    }

    static func write(_ r: PipeResult, format fmt: OutputFormat, options: OutputOptions, into buffer: OutputBuffer)
        async throws
    {
        switch r {
        case .value(let v):
            RecordWriter.emit(v, format: fmt, options: options) { buffer.write($0) }
        case .stream(let s):
            let w = RecordWriter(format: fmt, options: options) { buffer.write($0) }
            w.begin()
            while let v = try await s.next() { w.write(v) }
            w.finish()
        }
    }
}

/// Joins the writer's small pieces into writes of about 64 KB.
final class OutputBuffer {
    private let emit: (String) -> Void
    var text = ""
    var limit = 65536

    init(_ emit: @escaping (String) -> Void) { self.emit = emit }

    func write(_ s: String) {
        text += s
        if text.utf8.count >= limit { flush() }
    }

    func flush() {
        if !text.isEmpty { emit(text); text = "" }
    }
}
