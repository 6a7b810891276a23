import Values
import OrderedCollections

/// What an unwrapped answer holds, read from its shape rather than from the
/// API's name: not every `list*` API answers a list (listCapabilities answers
/// `{"capability": {...}}`, listInfrastructure `{"count": 1, "infrastructure": {...}}`),
/// and an empty list comes as `{}`.
public enum AnswerShape: Sendable, Equatable {
    /// A list field (the answer's only one besides `count`), and `count` when sent.
    case records([Value], count: Int?)
    /// One object: the answer's only field besides `count` when that is a record,
    /// or the answer itself when its fields are the object's own (login, queryAsyncJobResult).
    case object(Value)
    /// `{}` or only `count`.
    case empty

    public init(of answer: Value) {
        guard case .record(let r) = answer else {
            self = answer.isNull ? .empty : .object(answer)
            return
        }
        let count = r["count"].flatMap(ResponseReader.intOf)
        let rest = r.filter { $0.key != "count" }
        guard let only = rest.elements.first else {
            self = .empty
            return
        }
        if rest.count == 1 {
            switch only.value.data {
            case .list(let items): self = .records(items, count: count); return
            case .record: self = .object(only.value); return
            default: break
            }
        }
        self = .object(answer)
    }

    /// The records a list stage sees: a list's items, an object as one record.
    public var records: [Value] {
        switch self {
        case .records(let items, _): items
        case .object(let v): [v]
        case .empty: []
        }
    }
}
