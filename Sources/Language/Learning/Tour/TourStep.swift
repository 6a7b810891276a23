import CloudClient
import Values

/// One step of the tour: what to learn, what to type, and a check that asks
/// the server whether it is done. The steps themselves are in TourSteps.swift.
struct TourStep: Sendable {
    /// Stable key in the progress file.
    let id: String
    let title: String
    /// Why this matters, in a few lines.
    let goal: [String]
    /// What the learner types at the prompt (shown, never run by the tour).
    let commands: [String]
    /// The APIs whose calls from this session are shown once the step is done.
    let apis: Set<String>
    let check: @Sendable (TourContext) async throws -> TourVerdict
}

/// What a check found.
enum TourVerdict: Sendable {
    /// Done: what happened (a few lines), the calls that do it when this session sent none,
    /// and ids to remember for later steps.
    case passed(explanation: [String], equivalent: [String], remember: [String: String] = [:])
    /// Not done: one line saying what is wrong and what to type.
    case notYet(String)

    var hint: String? { if case .notYet(let h) = self { h } else { nil } }
    var passed: Bool { hint == nil }
}

/// What a check may look at: the server (through the same client the learner
/// uses, but unrecorded), the learner's variables, and ids earlier steps found.
struct TourContext: Sendable {
    let api: any CloudAPI
    let variables: @Sendable (String) -> Value?
    let remembered: [String: String]

    /// Every record of a list API (all pages).
    func list(_ command: String, _ params: [(String, String)] = []) async throws -> [Value] {
        do {
            return try await ValueStream.pages(api.recordPages(command, params, pageSize: 500)).collect()
        } catch let e as ScriptErrorConvertible {
            let err = e.scriptError(at: nil)
            throw ScriptError(
                "the tour could not check this step: \(command) failed: \(err.message)",
                exitCode: err.exitCode)
        }
    }

    /// The one record `command` lists with these parameters, nil when none.
    func first(_ command: String, _ params: [(String, String)]) async throws -> Value? {
        try await list(command, params).first
    }

    /// The record with this id, nil when there is none: an id the server never gave out (a sandbox
    /// started over, another cloud) is refused with 431, which means the same here as an empty list.
    func record(_ command: String, id: String) async throws -> Value? {
        do {
            return try await ValueStream.pages(api.recordPages(command, [("id", id)], pageSize: 500)).collect().first
        } catch let e as CloudStackError {
            if case .api(_, 431, _, _) = e.kind { return nil }
            return try await first(command, [("id", id)])  // the same failure, said as list says it
        }
    }

    /// A learner's variable that should hold one record with an id: the record, or a hint why not.
    func recordVariable(_ name: String, what: String, example: String) throws(TourHint) -> Value {
        guard let v = variables(name)?.data, !v.isNull else {
            throw TourHint("no variable `$\(name)` yet: put \(what) in it: `\(example)`")
        }
        if let l = v.list {
            throw TourHint(
                "`$\(name)` holds a list of \(l.count) item\(l.count == 1 ? "" : "s"), not one \(what): take one with [0]: `\(example)`"
            )
        }
        guard v.record != nil, !v.text("id").isEmpty else {
            throw TourHint("`$\(name)` is a \(v.typeName), not \(what) with an id: `\(example)`")
        }
        return v
    }
}

/// A hint on its way out of a check (so helpers can return early with one).
struct TourHint: Error {
    let text: String
    init(_ text: String) { self.text = text }
}

extension Value {
    /// A field as text, "" when absent.
    func text(_ field: String) -> String { self[field: field]?.plainText ?? "" }
}
