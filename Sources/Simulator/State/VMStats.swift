import FoundationEssentials
import OrderedCollections
import Values

/// The load a simulated machine shows: its agent reports the same figures at every collection, in
/// listVirtualMachines (while it runs) and in each usage-history sample.
enum VMStats {
    static let cpuUsed = "0.42%"
    static let networkKbsRead = 2
    static let networkKbsWrite = 1

    /// One VM sample (StatsResponse): half of the memory free, as a lightly loaded guest reports it.
    static func sample(at t: Double, memoryMB: Int) -> Value {
        let kbs = memoryMB * 1024
        return .record([
            "timestamp": .string(SimClock.cloudStackTime(Date(timeIntervalSince1970: t))),
            "cpuused": .string(cpuUsed), "networkkbsread": .int(networkKbsRead),
            "networkkbswrite": .int(networkKbsWrite), "diskkbsread": .int(0), "diskkbswrite": .int(0),
            "diskioread": .int(0), "diskiowrite": .int(0), "memorykbs": .int(kbs), "memoryintfreekbs": .int(kbs / 2),
            "memorytargetkbs": .int(kbs),
        ])
    }

    /// One volume sample: an idle disk.
    static func volumeSample(at t: Double) -> Value {
        .record([
            "timestamp": .string(SimClock.cloudStackTime(Date(timeIntervalSince1970: t))), "diskkbsread": .int(0),
            "diskkbswrite": .int(0), "diskioread": .int(0), "diskiowrite": .int(0),
        ])
    }
}
