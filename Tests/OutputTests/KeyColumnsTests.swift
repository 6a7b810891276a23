import Foundation
import Testing
import Values
@testable import Output

/// Tables of everyday entities show their key columns first (Golden/keyed-*.txt);
/// JSON and `select` columns are unchanged.
@Suite struct KeyColumnsTests {
    let golden = GoldenTests()

    static func parse(_ text: String) -> Value { try! JSONParser.parse(text) }

    static let vms = parse(
        #"""
        [{"id":"9f03a1b2-4c5d-4e6f-8a9b-0c1d2e3f4a5b","name":"web-1","displayname":"web-1","account":"admin","userid":"u1",
          "username":"admin","domainid":"d1","domain":"ROOT","state":"Running","zoneid":"z1","zonename":"Sandbox-1",
          "templateid":"t1","templatename":"Debian 12","serviceofferingid":"s1","serviceofferingname":"Small Instance",
          "cpunumber":1,"memory":1024,
          "nic":[{"id":"n0","ipaddress":"10.1.0.9","isdefault":false},{"id":"n1","ipaddress":"10.1.0.5","isdefault":true}]},
         {"id":"0b7d9a55-1111-4222-8333-944455566677","name":"db-1","displayname":"db-1","account":"admin","userid":"u1",
          "username":"admin","domainid":"d1","domain":"ROOT","state":"Stopped","zoneid":"z1","zonename":"Sandbox-1",
          "templateid":"t2","templatename":"Rocky Linux 9","serviceofferingid":"s2","serviceofferingname":"Medium Instance",
          "cpunumber":2,"memory":4096,"nic":[]}]
        """#)

    @Test func virtualMachinesShowNameStateZoneAddressFirst() throws {
        let wide = RecordWriter.render(Self.vms, format: .table)
        let narrow = RecordWriter.render(Self.vms, format: .table, options: OutputOptions(terminalWidth: 100))
        try golden.check("keyed-vms.txt", wide + "--\n" + narrow)
        #expect(narrow.hasPrefix("name   state    zonename   ipaddress  templatename   serviceofferingname\n"))
        #expect(narrow.contains("more columns: id, displayname"), "an id is shown whole or not at all")
        // `select` keeps its own columns, JSON its fields.
        let picked = RecordWriter.render(Self.vms, format: .table, options: OutputOptions(columns: ["id", "name"]))
        #expect(picked.hasPrefix("id  "))
        #expect(!RecordWriter.render(Self.vms, format: .json).contains("ipaddress\":\"10.1.0.5\",\"templatename"))
    }

    @Test func jobsEventsVolumesAndCapacity() throws {
        let jobs = Self.parse(
            #"""
            [{"accountid":"a1","userid":"u1","cmd":"org.apache.cloudstack.api.command.admin.vm.DeployVMCmdByAdmin","jobstatus":1,
              "jobprocstatus":0,"jobresultcode":0,"jobresulttype":"object","jobresult":{"virtualmachine":{"id":"v1","name":"web-1"}},
              "created":"2026-12-01T10:00:00+0000","jobid":"1a2b3c4d-0000-4000-8000-000000000001"},
             {"accountid":"a1","userid":"u1","cmd":"org.apache.cloudstack.api.command.user.vm.StopVMCmd","jobstatus":2,
              "jobprocstatus":0,"jobresultcode":530,"jobresulttype":"object","jobresult":{"errorcode":530,"errortext":"VM is in state Error"},
              "created":"2026-12-01T10:01:00+0000","jobid":"1a2b3c4d-0000-4000-8000-000000000002"},
             {"accountid":"a1","userid":"u1","cmd":"org.apache.cloudstack.api.command.user.volume.AttachVolumeCmd","jobstatus":0,
              "jobprocstatus":0,"jobresultcode":0,"created":"2026-12-01T10:02:00+0000","jobid":"1a2b3c4d-0000-4000-8000-000000000003"}]
            """#)
        let events = Self.parse(
            #"""
            [{"id":"e1","username":"admin","type":"VM.CREATE","level":"INFO","description":"Successfully completed starting Vm. Vm Id: 12 Vm Name: web-1 in zone Sandbox-1 on host sim-host-1","account":"admin","domainid":"d1","domain":"ROOT","created":"2026-12-01T10:00:01+0000","state":"Completed"},
             {"id":"e2","username":"admin","type":"VM.STOP","level":"ERROR","description":"Error while stopping Vm","account":"admin","domainid":"d1","domain":"ROOT","created":"2026-12-01T10:01:02+0000","state":"Completed"}]
            """#)
        let volumes = Self.parse(
            #"""
            [{"id":"vol-1","name":"ROOT-12","zoneid":"z1","zonename":"Sandbox-1","type":"ROOT","deviceid":0,"virtualmachineid":"v1",
              "vmname":"web-1","state":"Ready","size":8589934592,"created":"2026-12-01T10:00:00+0000"},
             {"id":"vol-2","name":"data","zoneid":"z1","zonename":"Sandbox-1","type":"DATADISK","state":"Allocated","size":21474836480}]
            """#)
        let capacity = Self.parse(
            #"""
            [{"type":0,"name":"MEMORY","zoneid":"z1","zonename":"Sandbox-1","capacityallocated":1073741824,"capacityused":1073741824,
              "capacitytotal":412316860416,"percentused":"0.26"},
             {"type":1,"name":"CPU","zoneid":"z1","zonename":"Sandbox-1","capacityallocated":500,"capacityused":500,
              "capacitytotal":307200,"percentused":"0.16"}]
            """#)
        var out = ""
        out += RecordWriter.render(jobs, format: .table, options: OutputOptions(terminalWidth: 120)) + "--\n"
        out += RecordWriter.render(events, format: .table, options: OutputOptions(terminalWidth: 160)) + "--\n"
        out += RecordWriter.render(events, format: .table, options: OutputOptions(terminalWidth: 80)) + "--\n"
        out += RecordWriter.render(volumes, format: .table, options: OutputOptions(terminalWidth: 100)) + "--\n"
        out += RecordWriter.render(capacity, format: .table, options: OutputOptions(terminalWidth: 100))
        try golden.check("keyed-everyday.txt", out)
        #expect(
            out.contains("DeployVM ") && out.contains("succeeded") && out.contains("VM is in state Error")
                && out.contains("pending"))
        #expect(
            out.contains(
                "Successfully completed starting Vm. Vm Id: 12 Vm Name: web-1 in zone Sandbox-1 on host sim-host-1"))
        #expect(
            out.contains("8 GiB") && out.contains("20 GiB") && out.contains("1 GiB / 384 GiB") && out.contains("0.26%"))
    }

    @Test func humanUnits() {
        #expect(HumanUnits.bytes(512) == "512 B")
        #expect(HumanUnits.bytes(1_610_612_736) == "1.5 GiB")
        #expect(HumanUnits.bytes(21_474_836_480) == "20 GiB")
        #expect(HumanUnits.megahertz(307_200) == "307 GHz")
        #expect(HumanUnits.parseBytes("1.5 GiB") == 1_610_612_736)
        #expect(HumanUnits.parseBytes("20GB") == 21_474_836_480)
        #expect(HumanUnits.parseBytes("300") == 300)
        #expect(HumanUnits.parseBytes("lots") == nil)
    }
}
