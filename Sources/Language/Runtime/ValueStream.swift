import Values

/// Records flowing through a pipeline one at a time. A list API's stream
/// fetches its next page only when asked, so `first 5` stops the fetching
/// and printing a huge list never holds it all.
public final class ValueStream: @unchecked Sendable {
    private let pull: () async throws -> Value?

    public init(_ pull: @escaping () async throws -> Value?) {
        self.pull = pull
    }

    public func next() async throws -> Value? {
        try Task.checkCancellation()
        return try await pull()
    }

    public static func of(_ values: [Value]) -> ValueStream {
        var i = 0
        return ValueStream {
            guard i < values.count else { return nil }
            defer { i += 1 }
            return values[i]
        }
    }

    /// The items of a value piped into a stage: a list's items, else the value itself.
    public static func items(of value: Value) -> ValueStream {
        switch value {
        case .list(let l): .of(l)
        case .null: .of([])
        default: .of([value])
        }
    }

    /// Records of a list API, page after page.
    public static func pages(_ stream: AsyncThrowingStream<[Value], Error>) -> ValueStream {
        var it = stream.makeAsyncIterator()
        var page: [Value] = []
        var i = 0
        return ValueStream {
            while i >= page.count {
                guard let next = try await it.next() else { return nil }
                page = next
                i = 0
            }
            defer { i += 1 }
            return page[i]
        }
    }

    public func collect() async throws -> [Value] {
        var out: [Value] = []
        while let v = try await next() { out.append(v) }
        return out
    }

    public func map(_ f: @escaping (Value) async throws -> Value) -> ValueStream {
        ValueStream { [self] in
            guard let v = try await self.next() else { return nil }
            return try await f(v)
        }
    }
}

/// What a pipeline stage hands on: one value, or a stream of them.
public enum PipeResult: Sendable {
    case value(Value)
    case stream(ValueStream)

    public var stream: ValueStream {
        switch self {
        case .value(let v): .items(of: v)
        case .stream(let s): s
        }
    }

    /// The result as one value: a stream becomes a list.
    public func collect() async throws -> Value {
        switch self {
        case .value(let v): v
        case .stream(let s): .list(try await s.collect())
        }
    }
}
