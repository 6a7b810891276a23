import FoundationEssentials
import Values

/// An async job: pending until `completesAt`, then its work runs and the result is kept.
struct Job {
    var id: String
    var cmd: String
    var accountID: String
    var userID: String
    var created: Date
    /// nil: never completes (fault `job-hang`).
    var completesAt: Date?
    var completed: Date?
    var status = 0
    var resultCode = 0
    var result: Record?
    var instanceType: String?
    var instanceID: String?
    var work: ((Store, Date) throws -> Record)?
    var onFailure: ((Store) -> Void)?
    /// A job fault decided when the job was created.
    var fault: FaultSpec.Kind?
}

/// Jobs by id plus the pending ones in completion order (jobs share one duration,
/// so creation order is completion order and the pending list is a FIFO).
struct JobTable {
    private(set) var all: [Job] = []
    private var index: [String: Int] = [:]
    private var pending: [Int] = []
    private var pendingHead = 0
    let journal: Journal?

    init(journal: Journal? = nil) { self.journal = journal }

    subscript(id id: String) -> Job? { index[id].map { all[$0] } }

    mutating func add(_ job: Job) {
        index[job.id] = all.count
        if job.completesAt != nil { pending.append(all.count) }
        all.append(job)
        journal?.jobs.insert(job.id)
    }

    /// Jobs read back from the state file (all finished: see StateFile.load); not journaled.
    mutating func restore(_ loaded: [Job]) {
        all = loaded
        index = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1.id, $0) })
        pending = []
        pendingHead = 0
    }

    /// Completes every pending job now, as if its time had come: a clean shutdown
    /// leaves nothing half-done in the state file. Jobs that never finish stay pending.
    mutating func finishAll(now: Date, store: Store) {
        while pendingHead < pending.count {
            let i = pending[pendingHead]
            pendingHead += 1
            complete(i, at: max(now, all[i].created), store: store)
        }
    }

    /// Completes, in order, every pending job whose time has come.
    mutating func settle(now: Date, store: Store) {
        while pendingHead < pending.count {
            let i = pending[pendingHead]
            guard let due = all[i].completesAt, due <= now else { break }
            pendingHead += 1
            complete(i, at: due, store: store)
        }
        if pendingHead > 1024, pendingHead * 2 > pending.count {
            pending.removeFirst(pendingHead)
            pendingHead = 0
        }
    }

    private mutating func complete(_ i: Int, at date: Date, store: Store) {
        var job = all[i]
        job.completed = date
        switch job.fault {
        case .jobFails(let code)?:
            fail(&job, APIError.injected(code), store: store)
        case .jobCancelled?:
            job.status = 3
            job.resultCode = 530
            job.result = ["errorcode": .int(530), "errortext": .string("Job cancelled (fault injection)")]
            job.onFailure?(store)
        case .jobUnknownStatus?:
            job.status = 7
        default:
            do {
                job.result = try job.work?(store, date) ?? [:]
                job.status = 1
            } catch let e as APIError {
                fail(&job, e, store: store)
            } catch {
                fail(&job, APIError.internalError("\(error)"), store: store)
            }
        }
        job.work = nil
        job.onFailure = nil
        all[i] = job
        journal?.jobs.insert(job.id)
    }

    private func fail(_ job: inout Job, _ error: APIError, store: Store) {
        job.status = 2
        job.resultCode = error.code
        job.result = ["errorcode": .int(error.code), "errortext": .string(error.text)]
        job.onFailure?(store)
    }
}

extension Job {
    /// The queryAsyncJobResult / listAsyncJobs record.
    var record: Record {
        var r: Record = [
            "accountid": .string(accountID), "userid": .string(userID), "cmd": .string(cmd),
            "jobstatus": .int(status), "jobprocstatus": .int(0), "jobresultcode": .int(resultCode),
        ]
        if status != 0 {
            r["jobresulttype"] = .string("object")
            if let result { r["jobresult"] = .record(result) }
        }
        if let instanceType { r["jobinstancetype"] = .string(instanceType) }
        if let instanceID { r["jobinstanceid"] = .string(instanceID) }
        r["created"] = .string(SimClock.cloudStackTime(created))
        if let completed, status != 0 { r["completed"] = .string(SimClock.cloudStackTime(completed)) }
        r["jobid"] = .string(id)
        return r
    }
}

enum JobAPIs {
    static let handlers: [Handler] = [
        Handler("queryAsyncJobResult") { c throws(APIError) in
            let id = try c.required("jobid")
            guard let job = c.store.jobs[id: id] else {
                throw APIError(530, "Unable to find job by id \(id)", cs: 4250)
            }
            if !c.caller.isAdmin, job.accountID != c.caller.accountID {
                throw APIError.permission("Account \(c.caller.account) does not have permission to access job \(id)")
            }
            return .object(job.record)
        },
        Handler("listAsyncJobs") { c throws(APIError) in
            let all = c.seesAllAccounts
            let jobs = c.store.jobs.all.filter { all || $0.accountID == c.caller.accountID }.reversed()
            let range = try c.pageRange(count: jobs.count)
            let items = Array(jobs)[range].map { Value.record($0.record) }
            return .list(noun: "asyncjobs", items: items, total: jobs.count)
        },
    ]
}
