import CloudClient

extension FuzzTarget {
    /// Any bytes as a server's answer (status, headers, body) through the client's
    /// whole handling of it: errors, clock skew from `Date`, 429 waits, records, jobs.
    static func client(_ bytes: UnsafeBufferPointer<UInt8>) {
        AnswerHandling.handle(raw: Array(bytes))
    }
}
