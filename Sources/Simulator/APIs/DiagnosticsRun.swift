/// What ping, traceroute and arping print inside a system VM, as the VM's diagnostics script runs them
/// (ping and arping with `-c 4`, traceroute with `-m 20` unless the options say otherwise) and the
/// server answers them: stdout and stderr trimmed, the exit code as text.
/// The simulated network: addresses something in the cloud holds answer at once (and answer ARP);
/// other public addresses answer from the internet one hop further; other private addresses and
/// names the cloud does not know never answer.
struct DiagnosticsRun {
    enum Kind: String { case ping, traceroute, arping }

    let kind: Kind
    let address: String
    let options: String
    let from: Entity
    let known: Set<String>

    struct Output {
        var stdout = "", stderr = "", exitCode = "0"
    }

    func result() -> Output {
        let words = options.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let countFlag = kind == .traceroute ? "-m" : "-c"
        var count = kind == .traceroute ? 20 : 4
        if let i = words.firstIndex(of: countFlag) {
            let given = i + 1 < words.count ? words[i + 1] : ""
            guard let n = Int(given), (1...100).contains(n) else {
                return Output(
                    stderr: "\(kind.rawValue): invalid argument: '\(given)': out of range: 1 <= value <= 100",
                    exitCode: "1")
            }
            count = n
        }
        guard IPv4.parse(address) != nil else {
            let text =
                kind == .arping
                ? "arping: unknown host \(address)"
                : kind == .ping
                    ? "ping: \(address): Name or service not known"
                    : "\(address): Name or service not known\nCannot handle \"host\" cmdline arg `\(address)' on "
                        + "position 1 (argc 1)"
            return Output(stderr: text, exitCode: "2")
        }
        let local = known.contains(address)
        let reachable = local || !Self.isPrivate(address)
        switch kind {
        case .ping: return ping(count, reachable: reachable, local: local)
        case .traceroute: return traceroute(count, reachable: reachable, local: local)
        case .arping: return arping(count, answers: local)
        }
    }

    /// Round-trip times that differ per address and probe but are the same on every run.
    func millis(_ probe: Int, local: Bool) -> Double {
        var h: UInt64 = 1_469_598_103_934_665_603
        for b in (address + "#\(probe)").utf8 { h = (h ^ UInt64(b)) &* 1_099_511_628_211 }
        let spread = Double(h % 1000) / 1000
        return local ? 0.3 + spread * 0.4 : 9 + spread * 6
    }

    static func ms(_ v: Double) -> String {
        let thousandths = Int((v * 1000).rounded())
        let frac = String(thousandths % 1000)
        return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
    }

    func ping(_ count: Int, reachable: Bool, local: Bool) -> Output {
        var lines = ["PING \(address) (\(address)) 56(84) bytes of data."]
        let elapsed = (count - 1) * 1000 + count * 3
        guard reachable else {
            lines += ["", "--- \(address) ping statistics ---"]
            lines.append("\(count) packets transmitted, 0 received, 100% packet loss, time \(elapsed)ms")
            return Output(stdout: lines.joined(separator: "\n"), exitCode: "1")
        }
        let times = (1...count).map { millis($0, local: local) }
        for (i, t) in times.enumerated() {
            lines.append("64 bytes from \(address): icmp_seq=\(i + 1) ttl=\(local ? 64 : 117) time=\(Self.ms(t)) ms")
        }
        let avg = times.reduce(0, +) / Double(count)
        let mdev = (times.map { ($0 - avg) * ($0 - avg) }.reduce(0, +) / Double(count)).squareRoot()
        lines += ["", "--- \(address) ping statistics ---"]
        lines.append("\(count) packets transmitted, \(count) received, 0% packet loss, time \(elapsed)ms")
        lines.append(
            "rtt min/avg/max/mdev = \(Self.ms(times.min()!))/\(Self.ms(avg))/\(Self.ms(times.max()!))/\(Self.ms(mdev)) ms"
        )
        return Output(stdout: lines.joined(separator: "\n"))
    }

    func traceroute(_ maxHops: Int, reachable: Bool, local: Bool) -> Output {
        var lines = ["traceroute to \(address) (\(address)), \(maxHops) hops max, 60 byte packets"]
        func hop(_ n: Int, _ ip: String, local: Bool) -> String {
            let t = (0..<3).map { Self.ms(millis(n * 10 + $0, local: local)) + " ms" }
            return (n < 10 ? " " : "") + "\(n)  \(ip) (\(ip))  " + t.joined(separator: "  ")
        }
        if local {
            lines.append(hop(1, address, local: true))
        } else {
            let gateway = from["gateway"] ?? from["guestipaddress"] ?? "10.1.1.1"
            lines.append(hop(1, gateway, local: true))
            for n in 2...max(2, maxHops) {
                if reachable, n == 2 {
                    lines.append(hop(2, address, local: false))
                    break
                }
                lines.append((n < 10 ? " " : "") + "\(n)  * * *")
            }
        }
        return Output(stdout: lines.joined(separator: "\n"))
    }

    func arping(_ count: Int, answers: Bool) -> Output {
        let source = from["guestipaddress"] ?? from["privateip"] ?? from["linklocalip"] ?? "0.0.0.0"
        var lines = ["ARPING \(address) from \(source) eth0"]
        if answers {
            let mac = Self.mac(of: address)
            for i in 1...count {
                lines.append("Unicast reply from \(address) [\(mac)]  \(Self.ms(millis(i, local: true)))ms")
            }
        }
        lines.append("Sent \(count) probes (\(answers ? 1 : count) broadcast(s))")
        lines.append("Received \(answers ? count : 0) response(s)")
        return Output(stdout: lines.joined(separator: "\n"), exitCode: answers ? "0" : "1")
    }

    /// A locally administered MAC derived from the address (the seed's VMs use the same 1E prefix).
    static func mac(of address: String) -> String {
        let octets = address.split(separator: ".").compactMap { UInt8($0) }
        let hex = octets.map { b in
            let s = String(b, radix: 16, uppercase: true)
            return s.count == 1 ? "0" + s : s
        }
        return (["1E", "00"] + hex).joined(separator: ":")
    }

    /// RFC 1918 and link-local addresses: nothing outside the cloud answers them.
    static func isPrivate(_ address: String) -> Bool {
        let o = address.split(separator: ".").compactMap { Int($0) }
        guard o.count == 4 else { return false }
        return o[0] == 10 || (o[0] == 172 && (16...31).contains(o[1])) || (o[0] == 192 && o[1] == 168)
            || (o[0] == 169 && o[1] == 254)
    }
}
