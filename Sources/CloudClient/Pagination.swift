import Values

extension CloudStackClient {
    /// Streams the records of a list call page by page (`page`/`pagesize`). A page is
    /// fetched only when the consumer asks for it, so stopping early sends no more calls.
    /// Ends after a short page, once `count` records came, or on an empty answer.
    /// A caller-given `page` fetches that page only; a caller-given `pagesize` wins.
    public func pages(
        _ command: String, _ params: [(String, String)] = [],
        pageSize: Int = 500
    ) -> AsyncThrowingStream<[Value], Error> {
        let cursor = PageCursor(client: self, command: command, params: params, pageSize: pageSize)
        return AsyncThrowingStream(unfolding: { try await cursor.next() })
    }

    /// Every record of a list call (all pages). Prefer `pages` when the list may be long.
    public func listAll(_ command: String, _ params: [(String, String)] = [], pageSize: Int = 500) async throws
        -> [Value]
    {
        var all: [Value] = []
        for try await page in pages(command, params, pageSize: pageSize) { all += page }
        return all
    }

    /// The records of a list answer and its `count`: a single object (listInfrastructure's
    /// `{"count": 1, "infrastructure": {...}}`) is one record, never dropped.
    public static func records(of response: Value) -> (records: [Value], count: Int?) {
        let shape = AnswerShape(of: response)
        if case .records(let items, let count) = shape { return (items, count) }
        return (shape.records, nil)
    }
}

/// Where a `pages` stream is: the next page to ask for and what came so far.
actor PageCursor {
    let client: CloudStackClient
    let command: String
    let params: [(String, String)]
    private(set) var pageSize: Int
    /// The caller named the page size: a server's refusal of it is the caller's to see.
    let sizeGiven: Bool
    let singlePage: Bool
    private var page: Int
    private var received = 0
    private var done = false

    init(client: CloudStackClient, command: String, params: [(String, String)], pageSize: Int) {
        self.client = client
        self.command = command
        let givenPage = params.first { $0.0.lowercased() == "page" }.flatMap { Int($0.1) }
        let given = params.first { $0.0.lowercased() == "pagesize" }.flatMap { Int($0.1) }
        self.sizeGiven = given != nil
        self.pageSize = max(1, given ?? pageSize)
        self.singlePage = givenPage != nil
        self.page = givenPage ?? 1
        self.params = params.filter { !["page", "pagesize"].contains($0.0.lowercased()) }
    }

    func next() async throws -> [Value]? {
        guard !done else { return nil }
        let r: Value
        do {
            r = try await client.request(command, params + [("page", String(page)), ("pagesize", String(pageSize))])
        } catch let e as CloudStackError {
            // A cloud whose default.page.size is below ours refuses the page size and names its own: ask again.
            guard !sizeGiven, received == 0, let most = PageSizeRefusal.limit(in: e), most >= 1, most < pageSize
            else { throw e }
            pageSize = most
            return try await next()
        }
        let shape = AnswerShape(of: r)
        let records = shape.records
        received += records.count
        // A page number from the caller may sit at Int.max: there is no page after it.
        if let following = Bounded.add(page, 1) { page = following } else { done = true }
        var count: Int?
        if case .records(_, let c) = shape { count = c } else { done = true }
        if singlePage || records.count < pageSize || (count.map { received >= $0 } ?? false) { done = true }
        if records.isEmpty { done = true; return nil }
        return records
    }
}

/// BaseListCmd's refusal of a page size over the cloud's `default.page.size` (431): the simulator says it,
/// the client reads the limit back from it.
public enum PageSizeRefusal {
    static let prefix = "Page size can't exceed max allowed page size value: "

    public static func text(limit: Int) -> String { prefix + String(limit) }

    /// The largest page size a refusal names, if `e` is one.
    static func limit(in e: CloudStackError) -> Int? {
        guard e.errorcode == 431, let text = e.errortext, text.hasPrefix(prefix) else { return nil }
        return Int(text.dropFirst(prefix.count).prefix { $0.isNumber })
    }
}
