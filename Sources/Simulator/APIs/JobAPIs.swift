import FoundationEssentials
import Values

enum JobAPIs {
    static let handlers: [Handler] = [
        Handler("queryAsyncJobResult") { c throws(APIError) in
            let id = try c.required("jobid")
            guard let job = c.store.jobs[id: id] else {
                throw APIError(530, "Unable to find job by id \(id)", cs: 4250)
            }
            if job.accountID != c.caller.accountID {
                let owner = c.store.table("account").get(job.accountID)
                try c.checkAccess(accountID: job.accountID, domainID: owner?["domainid"] ?? "", what: "job \(id)")
            }
            return .object(job.record)
        },
        Handler("listAsyncJobs") { c throws(APIError) in
            let visible = try c.visibility()
            let accounts = c.store.table("account")
            let jobs = c.store.jobs.all.filter { j in
                let a = accounts.get(j.accountID)
                return visible.allows(account: a?["name"], domainID: a?["domainid"])
            }.reversed()
            let range = try c.pageRange(count: jobs.count)
            let items = Array(jobs)[range].map { Value.record($0.record) }
            return .list(noun: "asyncjobs", items: items, total: jobs.count)
        },
    ]
}
