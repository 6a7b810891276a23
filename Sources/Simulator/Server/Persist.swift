/// The last stage: writes what the request changed to the state file (when there is one).
/// A failure is reported once per run of failures, and retried after the next request.
enum Persist {
    static func run(_ s: EngineState) {
        guard let file = s.stateFile else { return }
        do {
            try file.flush(s.store)
            s.saveFailed = false
        } catch {
            if !s.saveFailed { Engine.log("acsh simulator: \(error)", to: s.options.logDescriptor) }
            s.saveFailed = true
        }
    }
}
