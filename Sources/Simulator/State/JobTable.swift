import FoundationEssentials
import Values
import OrderedCollections

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

    /// The next pending job whose time has come (taken off the pending list), if any.
    mutating func nextDue(now: Date) -> Int? {
        if pendingHead > 1024, pendingHead * 2 > pending.count {
            pending.removeFirst(pendingHead)
            pendingHead = 0
        }
        guard pendingHead < pending.count else { return nil }
        let i = pending[pendingHead]
        guard let due = all[i].completesAt, due <= now else { return nil }
        pendingHead += 1
        return i
    }

    mutating func replace(_ i: Int, with job: Job) {
        all[i] = job
        journal?.jobs.insert(job.id)
    }

    /// Runs a due job's work (or its fault) and returns it finished. Static and given a copy,
    /// so the work may read the job table (a VM renders its pending job) while it runs.
    static func complete(_ job: Job, at date: Date, store: Store) -> Job {
        var job = job
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
        return job
    }

    private static func fail(_ job: inout Job, _ error: APIError, store: Store) {
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

extension Store {
    /// Completes, in order, every pending job whose time has come. The table is only held
    /// while taking a job and putting it back, never while its work runs.
    func settleJobs(now: Date) {
        settleJobs(dueBy: now) { due in due }
    }

    /// Completes every pending job now, as if its time had come: a clean shutdown
    /// leaves nothing half-done in the state file. Jobs that never finish stay pending.
    func finishAllJobs(now: Date) {
        settleJobs(dueBy: .distantFuture) { _ in now }
    }

    private func settleJobs(dueBy limit: Date, completedAt: (Date) -> Date) {
        while let i = jobs.nextDue(now: limit) {
            let job = jobs.all[i]
            guard let due = job.completesAt.map(completedAt) else { continue }
            // The result is drawn while the job still runs, so its VM record names the job (jobid, jobstatus 0)
            // as UserVmJoinVO does on a real server; afterwards the VM no longer shows it.
            jobs.replace(i, with: JobTable.complete(job, at: due, store: self))
            if job.instanceType == "VirtualMachine", let vmID = job.instanceID {
                vms.update(vmID) { if $0.pendingJobID == job.id { $0.pendingJobID = nil } }
            }
        }
    }
}
