/// Deterministic UUIDs (version-4 layout) from a seed, so repeated runs and
/// tests see the same ids in the same order. SplitMix64 is plenty: ids only need
/// to be unique and look real, not to be unpredictable.
///
/// Each step adds a constant to the state and mixes it with a bijection, so the mix can be undone:
/// `issued(_:)` tells whether a UUID came out of this sequence so far, removed entities' ids included,
/// without keeping any list of them.
struct IDGenerator: Sendable {
    /// Saved in the state file, so ids made after a restart continue the same sequence.
    private(set) var state: UInt64
    /// The state before the first step (saved too); nil for a generator read back from a file that did
    /// not keep it, which then cannot tell which ids it made.
    private(set) var origin: UInt64?

    private static let step: UInt64 = 0x9E37_79B9_7F4A_7C15
    private static let m1: UInt64 = 0xBF58_476D_1CE4_E5B9
    private static let m2: UInt64 = 0x94D0_49BB_1331_11EB

    init(seed: UInt64) {
        state = seed &* Self.step &+ 1
        origin = state
    }

    init(restoring state: UInt64, origin: UInt64?) {
        self.state = state
        self.origin = origin
    }

    mutating func next64() -> UInt64 {
        state &+= Self.step
        return Self.mix(state)
    }

    private static func mix(_ s: UInt64) -> UInt64 {
        var z = s
        z = (z ^ (z >> 30)) &* m1
        z = (z ^ (z >> 27)) &* m2
        return z ^ (z >> 31)
    }

    /// The state `mix` turned into `z`.
    private static func unmix(_ z: UInt64) -> UInt64 {
        var s = unshift(z, 31) &* inverse(m2)
        s = unshift(s, 27) &* inverse(m1)
        return unshift(s, 30)
    }

    /// Undoes `x ^ (x >> k)`.
    private static func unshift(_ y: UInt64, _ k: UInt64) -> UInt64 {
        var x = y
        for _ in 0..<(64 / k) { x = y ^ (x >> k) }
        return x
    }

    /// The multiplicative inverse of an odd number modulo 2^64 (Newton's iteration).
    private static func inverse(_ a: UInt64) -> UInt64 {
        var x = a
        for _ in 0..<5 { x = x &* (2 &- a &* x) }
        return x
    }

    /// Whether `uuid()` made this id (either case) since the origin. Of the first number, the four bits
    /// the version nibble overwrote are tried each way; the second number must then follow it.
    func issued(_ id: String) -> Bool {
        guard let origin, let bytes = Self.bytes(of: id), bytes[6] >> 4 == 4, bytes[8] >> 6 == 2 else { return false }
        var a: UInt64 = 0, b: UInt64 = 0
        for i in 0..<8 { a |= UInt64(bytes[i]) << (8 * i); b |= UInt64(bytes[8 + i]) << (8 * i) }
        let made = (state &- origin) &* Self.inverse(Self.step)  // steps taken so far
        for nibble in UInt64(0)..<16 {
            let first = (a & ~(UInt64(0xF) << 52)) | (nibble << 52)
            let s = Self.unmix(first)
            let n = (s &- origin) &* Self.inverse(Self.step)
            guard n >= 1, n < made else { continue }
            let second = Self.mix(s &+ Self.step)
            if second & ~(UInt64(0xC0)) == b & ~(UInt64(0xC0)) { return true }
        }
        return false
    }

    /// The 16 bytes of an `8-4-4-4-12` hex id.
    private static func bytes(of id: String) -> [UInt8]? {
        var out = [UInt8]()
        out.reserveCapacity(16)
        var high: UInt8?
        for c in id.utf8 where c != UInt8(ascii: "-") {
            let v: UInt8
            switch c {
            case 0x30...0x39: v = c - 0x30
            case 0x61...0x66: v = c - 0x61 + 10
            case 0x41...0x46: v = c - 0x41 + 10
            default: return nil
            }
            if let h = high {
                out.append(h << 4 | v)
                high = nil
            } else {
                high = v
            }
        }
        return out.count == 16 && high == nil ? out : nil
    }

    /// A number in 0..<1, for fault probabilities.
    mutating func nextUnit() -> Double { Double(next64() >> 11) / Double(1 << 53) }

    mutating func uuid() -> String {
        let a = next64(), b = next64()
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 {
            bytes[i] = UInt8(truncatingIfNeeded: a >> (8 * i)); bytes[8 + i] = UInt8(truncatingIfNeeded: b >> (8 * i))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(36)
        for (i, byte) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(45) }
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
