import SwiftASN1

/// An RSA public key in its two shapes: PKCS#1 DER (SEQUENCE { INTEGER n, INTEGER e }), which the
/// crypto library reads and writes, and the OpenSSH `ssh-rsa` wire blob (string "ssh-rsa", mpint e,
/// mpint n; RFC 4253 section 6.6), which key pairs show and VM passwords are encrypted for.
/// The integers travel as their raw two's-complement bytes, so an mpint keeps its leading zero.
enum SSHKeyFormat {
    static func sshBlob(pkcs1 der: [UInt8]) -> [UInt8]? {
        guard let root = try? DER.parse(der), root.identifier == .sequence, case .constructed(let nodes) = root.content
        else { return nil }
        let integers = nodes.compactMap { node -> ArraySlice<UInt8>? in
            guard node.identifier == .integer, case .primitive(let bytes) = node.content else { return nil }
            return bytes
        }
        guard integers.count == 2 else { return nil }
        return field(Array("ssh-rsa".utf8)) + field(integers[1]) + field(integers[0])
    }

    static func pkcs1(sshRSABlob blob: [UInt8]) -> [UInt8]? {
        var at = 0
        func next() -> ArraySlice<UInt8>? {
            guard at + 4 <= blob.count else { return nil }
            let n = blob[at..<at + 4].reduce(0) { $0 << 8 | Int($1) }
            at += 4
            guard n <= blob.count - at else { return nil }
            defer { at += n }
            return blob[at..<at + n]
        }
        guard let type = next(), Array(type) == Array("ssh-rsa".utf8), let e = next(), let n = next(),
            !e.isEmpty, !n.isEmpty
        else { return nil }
        var der = DER.Serializer()
        der.appendConstructedNode(identifier: .sequence) { seq in
            seq.appendPrimitiveNode(identifier: .integer) { $0.append(contentsOf: n) }
            seq.appendPrimitiveNode(identifier: .integer) { $0.append(contentsOf: e) }
        }
        return der.serializedBytes
    }

    /// An SSH wire string: a 4-byte big-endian length, then the bytes.
    private static func field<C: Collection<UInt8>>(_ b: C) -> [UInt8] {
        let c = UInt32(b.count)
        return [UInt8(c >> 24), UInt8(c >> 16 & 255), UInt8(c >> 8 & 255), UInt8(c & 255)] + b
    }
}
