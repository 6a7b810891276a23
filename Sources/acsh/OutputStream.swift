#if canImport(Glibc)
    import Glibc
#endif
import Synchronization

/// stdout for results: buffered in 64 KB chunks when piped (100,000 records
/// must not cost 100,000 write calls), written through at a terminal.
final class OutputStream: Sendable {
    private let buffer = Mutex<[UInt8]>([])
    private let fd: Int32
    private let passThrough: Bool

    init(fd: Int32, passThrough: Bool) {
        self.fd = fd
        self.passThrough = passThrough
    }

    func write(_ text: String) {
        buffer.withLock { buf in
            buf.append(contentsOf: text.utf8)
            if passThrough || buf.count >= 65536 { Self.drain(&buf, fd) }
        }
    }

    func flush() {
        buffer.withLock { Self.drain(&$0, fd) }
    }

    private static func drain(_ buf: inout [UInt8], _ fd: Int32) {
        var offset = 0
        while offset < buf.count {
            let n = buf.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                break  // a closed pipe (`| head`): drop the rest quietly
            }
            offset += n
        }
        buf.removeAll(keepingCapacity: true)
    }
}
