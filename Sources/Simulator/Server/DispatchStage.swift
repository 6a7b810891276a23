import APICatalog
import FoundationEssentials
import Values
import OrderedCollections

/// Runs the handler and turns its reply into the answer: settles due jobs and expunges (so a handler
/// sees their results), checks the request against the catalog (API requests only: the
/// server's authenticators, login and logout, come before its dispatcher), gives internal ids
/// their UUIDs, records events, cuts the answer to the caller's view, and starts a job for an
/// async reply.
enum DispatchStage {
    static func run(_ x: Exchange, _ handler: Handler?, _ s: EngineState) throws(APIError) -> OutgoingResponse {
        var params = x.params
        let entry = handler?.entry ?? .api
        if entry == .api {
            s.store.settleJobs(now: x.now)
            s.store.expungeDueVMs(now: x.now)
            let api = Catalog.bundled.api(named: x.command)  // decoded once per request, shared by both checks
            try CatalogCheck.check(x.command, api, params, modelled: handler != nil)
            if let api {
                s.store.translateInternalIDs(api, &params)
                try s.store.checkEntityIDs(api, params, command: x.command)
            }
            if x.principal?.caller.role != .rootAdmin {
                params = params.dropping { APIAccess.rootAdminOnly($0, of: x.command) }
            }
        }
        guard let handler else { throw APIAccess.notAvailable }  // CatalogCheck threw for unmodelled APIs
        let prepared: (any Sendable)? =
            switch x.prepared {
            case .success(let value): value
            case .failure(let error): throw error
            case nil: nil
            }
        let call = Call(
            command: x.command, params: params, caller: x.principal?.caller ?? .anonymous, store: s.store,
            now: x.now, request: x.request, server: s, prepared: prepared)
        let api = Catalog.bundled.api(named: x.command)
        let handled: Reply
        do { handled = try handler.run(call) } catch { throw error.shown(to: call.caller) }
        let reply = ResponseView.apply(
            call.caller,
            Events.observe(call, ResponseTypes.apply(api, ResponseFill.complete(call, api, handled))),
            s.store, annotatable: api?.responseFields.contains("hasannotations") == true)
        if entry == .anonymous { s.count(x.command) }  // authenticated by the handler (login's password)
        switch reply {
        case .object(let r):
            return ok(x, JSONWriter.compact(.record(r)))
        case .objectSettingCookies(let r, let cookies):
            var out = ok(x, JSONWriter.compact(.record(r)))
            out.headers += cookies.map { ("Set-Cookie", $0) }
            return out
        case .list(let noun, let items, let total):
            return ok(x, total == 0 ? "{}" : JSONWriter.compact(.record(["count": .int(total), noun: .list(items)])))
        case .job(let spec):
            return ok(x, startJob(spec, x, s))
        }
    }

    private static func ok(_ x: Exchange, _ body: String) -> OutgoingResponse {
        OutgoingResponse(status: 200, body: "{\"\(x.wrapper)\":\(body)}")
    }

    /// Queues the job (due after the options' job time, or never for a hanging-job fault);
    /// answers its id, with the resource's id when the resource exists already.
    private static func startJob(_ spec: JobSpec, _ x: Exchange, _ s: EngineState) -> String {
        let caller = x.principal?.caller ?? .anonymous
        let id = s.store.newID()
        let due: Date? =
            x.jobFault == .jobNeverFinishes ? nil : x.now.addingTimeInterval(s.options.jobTime.seconds * spec.jobTimes)
        s.store.jobs.add(
            Job(
                id: id, cmd: spec.cmd, accountID: caller.accountID, userID: caller.userID,
                created: x.now, completesAt: due, instanceType: spec.instanceType,
                instanceID: spec.instanceID, work: spec.work, onFailure: spec.onFailure, fault: x.jobFault))
        if spec.instanceType == "VirtualMachine", let vmID = spec.instanceID {
            s.store.vms.update(vmID) { $0.pendingJobID = id }
        }
        var r: Record = [:]
        if let immediate = spec.immediateID { r["id"] = .string(immediate) }
        r["jobid"] = .string(id)
        return JSONWriter.compact(.record(r))
    }
}
