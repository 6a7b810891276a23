import Values
import OrderedCollections

/// `/simulator/stats`: request counters for benchmarks run against a separate `acsh simulator`
/// process (e.g. API calls per deployed VM): `{"requests": N, "commands": {"listZones": n, ...}}`.
/// Root admin only (signed like an API request, without `command`): what others call is not theirs to see.
enum Stats {
    static func guarded(_ x: Exchange, _ s: EngineState) -> OutgoingResponse {
        do throws(APIError) {
            guard try AuthStage.identify(x, s).caller.isAdmin else { throw APIAccess.notAvailable }
        } catch {
            return Responses.error("simulatorstatsresponse", error)
        }
        return response(s)
    }

    static func response(_ s: EngineState) -> OutgoingResponse {
        let commands = s.counts.values.filter { !$0.name.isEmpty }.sorted { $0.name < $1.name }
        let total = s.counts.values.reduce(0) { $0 + $1.count }
        let body: Value = .record([
            "requests": .int(total),
            "commands": .record(Record(uniqueKeysWithValues: commands.map { ($0.name, Value.int($0.count)) })),
            "jobs": .int(s.store.jobs.all.count), "virtualmachines": .int(s.store.vms.liveCount),
        ])
        return OutgoingResponse(status: 200, body: JSONWriter.compact(body))
    }
}
