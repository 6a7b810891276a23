import FoundationEssentials
import OrderedCollections
import Values

/// The load a simulated machine shows: its agent reports the same figures at every collection, in
/// listVirtualMachines (while it runs) and in each usage-history sample.
enum VMStats {
    static let cpuUsed = "0.42%"
    static let networkKbsRead = 2
    static let networkKbsWrite = 1

    /// The figures a running VM's answer carries (all ten once the server has stats for it): half of
    /// the memory free, as a lightly loaded guest reports it, and an idle disk.
    static func figures(memoryMB: Int) -> Record {
        let kbs = memoryMB * 1024
        return [
            "cpuused": .string(cpuUsed), "networkkbsread": .int(networkKbsRead),
            "networkkbswrite": .int(networkKbsWrite), "diskkbsread": .int(0), "diskkbswrite": .int(0),
            "diskioread": .int(0), "diskiowrite": .int(0), "memorykbs": .int(kbs), "memoryintfreekbs": .int(kbs / 2),
            "memorytargetkbs": .int(kbs),
        ]
    }

    /// One VM sample (StatsResponse).
    static func sample(at t: Double, memoryMB: Int) -> Value {
        var r: Record = ["timestamp": .string(SimClock.cloudStackTime(Date(timeIntervalSince1970: t)))]
        r.merge(figures(memoryMB: memoryMB), uniquingKeysWith: { $1 })
        return .record(r)
    }

    /// One volume sample: an idle disk.
    static func volumeSample(at t: Double) -> Value {
        .record([
            "timestamp": .string(SimClock.cloudStackTime(Date(timeIntervalSince1970: t))), "diskkbsread": .int(0),
            "diskkbswrite": .int(0), "diskioread": .int(0), "diskiowrite": .int(0),
        ])
    }
}
