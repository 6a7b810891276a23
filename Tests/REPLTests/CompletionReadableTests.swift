import APICatalog
import Testing
import Values
@testable import REPL

/// Completion that keeps the line readable: names for friendly `name:` arguments,
/// values of known sets, and the parameter a response field's name stands for.
@Suite struct CompletionReadableTests {
    static let templates: [Value] = [
        record([("id", .string("09615769-0000-4000-8000-000000000003")), ("name", .string("Debian 12"))]),
        record([("id", .string("1a2b3c4d-0000-4000-8000-000000000004")), ("name", .string("Rocky Linux 9"))]),
        record([("id", .string("5e6f7a8b-0000-4000-8000-000000000005")), ("name", .string("dup"))]),
        record([("id", .string("9c0d1e2f-0000-4000-8000-000000000006")), ("name", .string("dup"))]),
    ]

    func context() -> TestContext {
        var c = TestContext()
        c.valueSource = RecordSource(["listZones": sandboxZones, "listTemplates": Self.templates])
        return c
    }

    let completer = Completer(timeLimit: .seconds(60), cacheTTL: .seconds(3600))

    @Test func friendlyNamesFillTheSharedPrefix() async {
        let c = await completeOnThread(completer, "deploy vm zone:Sa", context())
        #expect(c.inserts == ["Sandbox-1", "Sandbox-2"])
        #expect(c.insertion == "Sandbox-")
        #expect(c.candidates.map(\.display) == ["Sandbox-1  1f6f3c6a-0001", "Sandbox-2  2a9b4d7e-0002"])
    }

    @Test func aNameWithSpacesIsQuotedAndANameTwiceGivesIds() async {
        let c = await completeOnThread(completer, "deploy vm template:Deb", context())
        #expect(c.insertion == "\"Debian 12\" ")
        // An opened quote: names stay quoted, and several share their quoted prefix.
        let open = await completeOnThread(completer, "deploy vm template:\"Deb", context())
        #expect(open.insertion == "\"Debian 12\" ")
        let zones = await completeOnThread(completer, "deploy vm zone:\"Sa", context())
        #expect(zones.insertion == "\"Sandbox-")
        let dup = await completeOnThread(completer, "deploy vm template:du", context())
        #expect(dup.inserts == ["5e6f7a8b-0000-4000-8000-000000000005", "9c0d1e2f-0000-4000-8000-000000000006"])
    }

    @Test func knownValueSets() {
        let filter = completer.complete("list templates templatefilter:fea", context: TestContext())
        #expect(filter.kind == .value && filter.insertion == "featured ")
        let vmState = completer.complete("list vms state:Run", context: TestContext())
        #expect(vmState.inserts == ["Running"])
        let volumeType = completer.complete("list volumes type:", context: TestContext())
        #expect(volumeType.inserts == ["ROOT", "DATADISK"])
    }

    @Test func aResponseFieldNameOffersTheParameterHoldingIt() {
        let c = completer.complete("list sg name", context: TestContext())
        #expect(c.inserts.contains("securitygroupname="))
        #expect(c.insertion == "securitygroupname=")
    }
}
