import OrderedCollections
import Values

/// The autoscale counters a fresh 4.18 install has: the NetScaler's SNMP and native ones from
/// the first autoscale schema, and the virtual routers' and the provider-less ones 4.18 added
/// (schema-41720to41800). Conditions name them by id; admins add more with createCounter.
extension Store {
    static let counterNoun = "counter"

    static let installedCounters: [(provider: String, source: String, name: String, value: String)] =
        [
            ("Netscaler", "snmp", "Linux User CPU - percentage", "1.3.6.1.4.1.2021.11.9.0"),
            ("Netscaler", "snmp", "Linux System CPU - percentage", "1.3.6.1.4.1.2021.11.10.0"),
            ("Netscaler", "snmp", "Linux CPU Idle - percentage", "1.3.6.1.4.1.2021.11.11.0"),
            ("Netscaler", "cpu", "Linux User CPU - percentage - native", "1.3.6.1.4.1.2021.11.9.1"),
            ("Netscaler", "memory", "Linux User RAM - percentage - native", "1.3.6.1.4.1.2021.11.10.1"),
            ("Netscaler", "netscaler", "Response Time - microseconds", "RESPTIME"),
        ]
        + ["VirtualRouter", "VpcVirtualRouter"].flatMap { provider in
            [
                (provider, "cpu", "VM CPU - average percentage", "vm.cpu.average.percentage"),
                (provider, "memory", "VM Memory - average percentage", "vm.memory.average.percentage"),
                (
                    provider, "virtualrouter", "Public Network - mbps received per vm",
                    "public.network.received.average.mbps"
                ),
                (
                    provider, "virtualrouter", "Public Network - mbps transmit per vm",
                    "public.network.transmit.average.mbps"
                ),
                (
                    provider, "virtualrouter", "Load Balancer - average connections per vm",
                    "virtual.network.lb.average.connections"
                ),
            ]
        }
        + [
            ("None", "cpu", "VM CPU - average percentage", "vm.cpu.average.percentage"),
            ("None", "memory", "VM Memory - average percentage", "vm.memory.average.percentage"),
        ]

    /// Seeds them into a new cloud, or into a saved one from before counters were seeded.
    func seedCounters() {
        guard table(Self.counterNoun).rows.isEmpty else { return }
        for c in Self.installedCounters {
            insert(
                Self.counterNoun,
                [
                    "name": .string(c.name), "source": .string(c.source), "value": .string(c.value),
                    "provider": .string(c.provider),
                ])
        }
    }
}
