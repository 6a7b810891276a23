import Foundation
import Testing
import Values
@testable import CloudClient

/// List or object decided from the answer's shape, on answers recorded from real
/// servers (Fixtures/, from ../shared/fixtures) and the shapes PROTOCOL.md records
/// for the APIs whose `list*` name answers one object.
@Suite struct AnswerShapeTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A recorded answer, unwrapped as the client unwraps it.
    func recorded(_ name: String, _ command: String) throws -> Value {
        let data = try Data(contentsOf: Self.dir.appendingPathComponent(name + ".json"))
        return ResponseReader.unwrap(try JSONParser.parse(Array(data)), command: command)
    }

    @Test func listsGiveTheirRecords() throws {
        let vms = AnswerShape(of: try recorded("listVirtualMachines_default", "listVirtualMachines"))
        guard case .records(let items, _) = vms else { Issue.record("not records: \(vms)"); return }
        #expect(!items.isEmpty && items.allSatisfy { $0[field: "name"] != nil })
        let zones = AnswerShape(of: try recorded("listZones_deployip", "listZones"))
        guard case .records(let zs, let count) = zones else { Issue.record("not records: \(zones)"); return }
        #expect(count == zs.count && !zs.isEmpty)
    }

    @Test func emptyListsAreEmpty() throws {
        #expect(AnswerShape(of: try recorded("listSSHKeyPairs_no_keys", "listSSHKeyPairs")) == .empty)
        #expect(AnswerShape(of: try recorded("listTemplates_notemplates", "listTemplates")) == .empty)
    }

    @Test func oneObjectIsThatObject() throws {
        let sg = AnswerShape(of: try recorded("createSecurityGroup_default", "createSecurityGroup"))
        #expect(sg.records.first?[field: "name"]?.string == "MySG")
        let key = AnswerShape(of: try recorded("createSSHKeyPair_default", "createSSHKeyPair"))
        #expect(key.records.first?[field: "privatekey"] != nil)
    }

    @Test func flatAnswersAreTheObjectItself() throws {
        let job = try recorded("queryAsyncJobResult_attachvolumejob", "queryAsyncJobResult")
        #expect(AnswerShape(of: job) == .object(job))
        let started = try recorded("deployVirtualMachine_default", "deployVirtualMachine")
        #expect(AnswerShape(of: started).records.first?[field: "jobid"] != nil)
    }

    /// PROTOCOL.md: listCapabilities answers `{"capability": {...}}`, listInfrastructure
    /// `{"count": 1, "infrastructure": {...}}`, getCloudIdentifier `{"cloudidentifier": {...}}`.
    @Test func listNamedAPIsAnsweringOneObject() throws {
        let answers = [
            #"{"listcapabilitiesresponse":{"capability":{"cloudstackversion":"4.18.0.0","securitygroupsenabled":false}}}"#,
            #"{"listinfrastructureresponse":{"count":1,"infrastructure":{"zones":2,"pods":2,"hosts":4}}}"#,
            #"{"getcloudidentifierresponse":{"cloudidentifier":{"cloudidentifier":"abc","signature":"xyz","userid":"u1"}}}"#,
        ]
        for text in answers {
            let v = ResponseReader.unwrap(try JSONParser.parse(Array(text.utf8)), command: "")
            let shape = AnswerShape(of: v)
            guard case .object(let o) = shape else { Issue.record("\(text): \(shape)"); continue }
            #expect(o.record?.count ?? 0 >= 2, "\(text)")
            #expect(CloudStackClient.records(of: v).records.count == 1)
        }
    }

    /// The paging path keeps a one-object answer as one record and asks once.
    @Test func pagesKeepAOneObjectAnswer() async throws {
        try await TestServer.with({ _, _ in
            .json(#"{"listinfrastructureresponse":{"count":1,"infrastructure":{"zones":2,"hosts":4}}}"#)
        }) { server in
            let all = try await withClient(testOptions(server)) { try await $0.listAll("listInfrastructure") }
            #expect(all.count == 1 && all[0][field: "hosts"]?.plainText == "4")
            #expect(server.seen.count == 1)
        }
    }
}
