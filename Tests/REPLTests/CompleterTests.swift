import APICatalog
import Foundation
import TestSupport
import Testing
import Values
@testable import REPL

@Suite struct CommandCompletionTests {
    let completer = Completer()
    let context = TestContext()

    @Test func verbsAndBuiltinsAtTheStart() {
        let c = completer.complete("dep", context: context)
        #expect(c.kind == .command)
        #expect(c.inserts == ["deploy"])
        #expect(c.insertion == "deploy ")
        let s = completer.complete("so", context: context)
        #expect(s.inserts.contains("source"))
    }

    /// Choices and settings come from the builtin's signature, not from lists of the completer's own.
    @Test func signatureChoicesAndSettings() {
        #expect(completer.complete("tour s", context: context).inserts == ["status", "show", "skip"])
        #expect(completer.complete("set o", context: context).inserts == ["output", "onerror"])
        #expect(
            completer.complete("set ", context: context).inserts == [
                "output", "timeout", "async", "dryrun", "pagesize", "onerror", "confirm", "default",
            ])
    }

    @Test func nounsOfTheTypedVerb() {
        let c = completer.complete("list zo", context: context)
        #expect(c.kind == .noun)
        #expect(c.inserts == ["zones", "zonesmetrics"])
        #expect(c.prefix == "zo")
        #expect(c.replaceStart == 5)
        #expect(c.insertion == "zones")
        #expect(completer.complete("list sshk", context: context).insertion == "sshkeypairs ")
    }

    @Test func severalNounsInsertTheirCommonPrefix() {
        let c = completer.complete("list virtualm", context: context)
        #expect(c.inserts.contains("virtualmachines"))
        #expect(c.candidates.count > 1)
        #expect(c.insertion == "virtualmachines")
    }

    @Test func rawAPINames() {
        let c = completer.complete("deployVirt", context: context)
        #expect(c.kind == .command)
        #expect(c.inserts == ["deployVirtualMachine"])
        let lower = completer.complete("deployvirt", context: context)
        #expect(lower.inserts == ["deployVirtualMachine"])
    }

    @Test func nothingForAnUnknownWord() {
        let c = completer.complete("frobnicate x", context: context)
        #expect(c.candidates.isEmpty)
        #expect(c.insertion == nil)
    }

    @Test func afterAnAssignmentTheCommandIsCompleted() {
        let c = completer.complete("ks = list sshk", context: context)
        #expect(c.inserts == ["sshkeypairs"])
    }
}

@Suite struct ParameterCompletionTests {
    let completer = Completer()
    let context = TestContext()

    @Test func parameterNamesInBothForms() {
        let c = completer.complete("deploy virtualmachine zone", context: context)
        #expect(c.kind == .parameter)
        #expect(c.inserts.contains("zoneid="))
        #expect(c.inserts.contains("zone:"))
        #expect(c.candidates.allSatisfy { !$0.appendsSpace })
    }

    @Test func requiredParametersComeFirstAndAreMarked() throws {
        let c = completer.complete("deploy virtualmachine ", context: context)
        let api = try #require(Catalog.bundled.api(named: "deployVirtualMachine"))
        let requiredCount = c.candidates.prefix { $0.isRequired }.count
        #expect(requiredCount > 0)
        #expect(c.candidates.dropFirst(requiredCount).allSatisfy { !$0.isRequired })
        let zone = try #require(c.candidates.first { $0.insert == "zoneid=" })
        #expect(zone.isRequired == api.param(named: "zoneid")!.required)
        #expect(zone.display == "zoneid=*")
    }

    @Test func givenParametersAreLeftOut() {
        let c = completer.complete("deploy vm zoneid=1 templ", context: context)
        #expect(c.inserts.contains("templateid="))
        let again = completer.complete("deploy vm zone:1 ", context: context)
        #expect(!again.inserts.contains("zoneid="))
        #expect(!again.inserts.contains("zone:"))
        #expect(again.inserts.contains("templateid="))
    }

    @Test func indexedParametersKeepTheCommand() {
        let c = completer.complete("list virtualmachines tags[0].key=env sta", context: context)
        #expect(c.kind == .parameter)
        #expect(c.inserts.contains("state="))
    }

    @Test func rawAPINameParameters() {
        let c = completer.complete("listZones availab", context: context)
        #expect(c.inserts == ["available="])
        #expect(c.insertion == "available=")
    }

    @Test func verbAloneUsesItsDefaultAPI() {
        let c = completer.complete("deploy serviceoff", context: context)
        #expect(c.inserts.contains("serviceofferingid="))
    }
}

/// Tab runs on the prompt's thread, never on the concurrency pool the fetch
/// needs; tests do the same, so parallel tests cannot starve the fetch.
func completeOnThread(_ completer: Completer, _ line: String, _ context: TestContext) async -> Completion {
    await timedCompleteOnThread(completer, line, context).completion
}

/// Also returns how long `complete` took on its own thread: the hop back to the
/// test's task is not counted, so a busy test process cannot inflate it.
func timedCompleteOnThread(_ completer: Completer, _ line: String, _ context: TestContext) async
    -> (completion: Completion, elapsed: Duration)
{
    await withCheckedContinuation { continuation in
        Thread.detachNewThread {
            let clock = ContinuousClock()
            let start = clock.now
            let answer = completer.complete(line, context: context)
            continuation.resume(returning: (answer, clock.now - start))
        }
    }
}

@Suite struct ValueCompletionTests {
    /// Tests of what is offered wait long enough for a loaded machine; the
    /// time limit itself has its own tests below.
    // a loaded machine may be slow
    static func patient() -> Completer { Completer(timeLimit: .seconds(60), cacheTTL: .seconds(3600)) }

    /// A session whose server lists the two sandbox zones, after `delay`.
    func zonesContext(delay: Duration = .zero) -> (TestContext, RecordSource) {
        let source = RecordSource(["listZones": sandboxZones], delay: delay)
        var context = TestContext()
        context.valueSource = source
        return (context, source)
    }

    @Test func booleans() async {
        let c = Completer().complete("listZones available=t", context: TestContext())
        #expect(c.kind == .value)
        #expect(c.inserts == ["true"])
        #expect(c.prefix == "t")
        #expect(c.replaceStart == "listZones available=".utf8.count)
    }

    @Test func idsFromTheRelatedListAPIShownWithNames() async {
        let (context, _) = zonesContext()
        let c = await completeOnThread(Self.patient(), "deploy vm zoneid=", context)
        #expect(c.inserts == ["1f6f3c6a-0001", "2a9b4d7e-0002"])
        #expect(c.candidates.map(\.display) == ["1f6f3c6a-0001  Sandbox-1", "2a9b4d7e-0002  Sandbox-2"])
        let friendly = await completeOnThread(Self.patient(), "deploy vm zone:", context)
        #expect(friendly.inserts.count == 2)
    }

    /// A cross-zone template is listed once per zone (same id): it is offered once.
    @Test func aResourceListedOncePerZoneIsOfferedOnce() async {
        let template: (String) -> Value = { zone in
            .record(["id": .string("7e3c-0001"), "name": .string("Debian 12"), "zoneid": .string(zone)])
        }
        var context = TestContext()
        context.valueSource = RecordSource(["listTemplates": [template("z1"), template("z2")]])
        let c = await completeOnThread(Self.patient(), "deploy vm templateid=", context)
        #expect(c.inserts == ["7e3c-0001"])
    }

    @Test func aNameSelectsItsId() async {
        let (context, _) = zonesContext()
        let c = await completeOnThread(Self.patient(), "deploy vm zoneid=Sandbox-2", context)
        #expect(c.insertion == "2a9b4d7e-0002 ")
        // The friendly form keeps the name in the line (CompletionReadableTests).
        let friendly = await completeOnThread(Self.patient(), "deploy vm zone:Sandbox-2", context)
        #expect(friendly.insertion == "Sandbox-2 ")
    }

    @Test func cachedPerProfileWithinTheTTL() async {
        var (context, source) = zonesContext()
        let completer = Self.patient()
        _ = await completeOnThread(completer, "deploy vm zoneid=", context)
        _ = await completeOnThread(completer, "deploy vm zoneid=S", context)
        #expect(source.calls.value == 1)
        context.profileName = "other"
        _ = await completeOnThread(completer, "deploy vm zoneid=", context)
        #expect(source.calls.value == 2)
    }

    @Test func fetchedAgainAfterTheTTL() async throws {
        let (context, source) = zonesContext()
        let completer = Completer(timeLimit: .seconds(10), cacheTTL: .milliseconds(100))
        _ = await completeOnThread(completer, "deploy vm zoneid=", context)
        try await Task.sleep(for: .milliseconds(300))
        #expect(await completeOnThread(completer, "deploy vm zoneid=", context).inserts.count == 2)
        #expect(source.calls.value == 2)
    }

    @Test func aSlowServerNeverHoldsTabPastTheLimit() async throws {
        let (context, source) = zonesContext(delay: .seconds(60))
        let completer = Completer(timeLimit: .milliseconds(300), cacheTTL: .seconds(3600))
        let (answer, elapsed) = await timedCompleteOnThread(completer, "deploy vm zoneid=", context)
        #expect(answer.candidates.isEmpty)
        // Tab came back without the server's answer, which takes a minute: the bound leaves a loaded
        // machine all the room it needs and still proves Tab did not wait for it.
        #expect(elapsed < .seconds(30), "Tab waited \(elapsed)")
        #expect(elapsed >= .milliseconds(250))
        // A second Tab while the fetch is still running does not start another one.
        _ = await completeOnThread(completer, "deploy vm zoneid=", context)
        #expect(source.calls.value == 1)
    }

    @Test func aSlowFetchFillsTheCacheForTheNextTab() async throws {
        let (context, source) = zonesContext(delay: .milliseconds(400))
        let completer = Completer(timeLimit: .milliseconds(50), cacheTTL: .seconds(3600))
        #expect(await completeOnThread(completer, "deploy vm zoneid=", context).candidates.isEmpty)
        // The fetch goes on after the Tab that started it gave up.
        let deadline = ContinuousClock.now + .seconds(30)
        while source.calls.value == 1, ContinuousClock.now < deadline,
            await completeOnThread(completer, "deploy vm zoneid=", context).candidates.isEmpty
        {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(await completeOnThread(completer, "deploy vm zoneid=", context).inserts.count == 2)
        #expect(source.calls.value == 1)
    }

    @Test func noSourceNoIds() async {
        let c = Completer().complete("deploy vm zoneid=", context: TestContext())
        #expect(c.candidates.isEmpty)
    }
}

@Suite struct SessionCompletionTests {
    let completer = Completer()

    @Test func variablesAndTheirFields() {
        var context = TestContext()
        context.variables = [
            "vm": record([
                ("id", .string("v1")), ("name", .string("web-1")),
                ("nic", .list([record([("ipaddress", .string("10.0.0.5")), ("isdefault", .bool(true))])])),
            ]),
            "vms": .list([record([("id", .string("v1")), ("state", .string("Running"))])]),
            "zone": .string("z"),
        ]
        #expect(completer.complete("print $v", context: context).inserts == ["$vm", "$vms"])
        let fields = completer.complete("print $vm.", context: context)
        #expect(fields.kind == .variable)
        #expect(fields.candidates.map(\.display) == ["id", "name", "nic"])
        #expect(completer.complete("print $vm.na", context: context).insertion == "$vm.name")
        #expect(completer.complete("print $vm.nic[0].ip", context: context).inserts == ["$vm.nic[0].ipaddress"])
        #expect(completer.complete("print $vms.st", context: context).inserts == ["$vms[0].state"])
        #expect(completer.complete("stop vm id=$vm.i", context: context).inserts == ["$vm.id"])
    }

    @Test func stageNamesAfterAPipe() {
        let c = completer.complete("list zones | wh", context: TestContext())
        #expect(c.kind == .stage)
        #expect(c.inserts.first == "where")
    }

    @Test func fieldNamesFromTheHeadAPIsResponse() {
        let c = completer.complete("list zones | where allocat", context: TestContext())
        #expect(c.kind == .field)
        #expect(c.inserts == ["allocationstate"])
        let select = completer.complete("list virtualmachines state:Running | select id na", context: TestContext())
        #expect(select.inserts == ["name"])
        let sort = completer.complete("list zones | sort -na", context: TestContext())
        #expect(sort.inserts == ["name"])
        #expect(sort.prefix == "na")
    }

    @Test func builtinNames() {
        let c = completer.complete("ec", context: TestContext())
        #expect(c.inserts == ["echo"])
    }

    @Test func helpCompletesVerbsThenNouns() {
        #expect(completer.complete("help depl", context: TestContext()).inserts == ["deploy"])
        #expect(completer.complete("help list sshk", context: TestContext()).inserts == ["sshkeypairs"])
    }

    @Test func filePathsAfterSource() throws {
        let dir = try TemporaryDirectory()
        try dir.write("deploy-fleet.cs", "")
        try dir.write("report.cs", "")
        try dir.makeDirectory("lib")
        var context = TestContext()
        context.currentDirectory = dir.path
        let c = completer.complete("source dep", context: context)
        #expect(c.kind == .path)
        #expect(c.insertion == "deploy-fleet.cs ")
        let all = completer.complete("source ", context: context)
        #expect(all.candidates.map(\.display) == ["deploy-fleet.cs", "lib/", "report.cs"])
        #expect(completer.complete("source l", context: context).insertion == "lib/")
        let absolute = completer.complete("source \(dir.path)/rep", context: context)
        #expect(absolute.inserts == ["\(dir.path)/report.cs"])
    }
}

@Suite struct SyncedCatalogCompletionTests {
    /// The 4.11 catalog as `sync` would store it: an older server, different APIs.
    /// (Thrown, not trapped: a missing ../shared fails these tests, not the whole run.)
    static func synced() throws -> Catalog {
        try Catalog(listApisJSON: try readFile(sharedCatalogPath("listApis-4.11.json")), source: "4.11")
    }

    @Test func completionFollowsTheProfilesCatalog() throws {
        var old = TestContext()
        old.catalog = try Self.synced()
        // listKubernetesClusters came after 4.11.
        #expect(Completer().complete("list kubern", context: TestContext()).inserts.contains("kubernetesclusters"))
        #expect(Completer().complete("list kubern", context: old).candidates.isEmpty)
        #expect(Completer().complete("list sshk", context: old).inserts == ["sshkeypairs"])
    }

    @Test func parametersFromTheSyncedCatalog() throws {
        var old = TestContext()
        let synced = try Self.synced()
        old.catalog = synced
        let api = try #require(synced.api(named: "deployVirtualMachine"))
        let c = Completer().complete("deploy virtualmachine ", context: old)
        let names = Set(c.inserts.filter { $0.hasSuffix("=") }.map { String($0.dropLast()) })
        #expect(names == Set(api.params.map(\.name)))
    }
}

@Suite struct CompletionShapeTests {
    static let lines = [
        "", "   ", "list zones | where name =~ \"^Sand", "vm = deploy vm zone:Sandbox-1 name:'wéb 1' templ",
        "for z in list zones { print $z.na", "list vms tags[0].key=env | each -p 4 { stop vm id:$it.",
        "print \"${vm.nic[0].ip", "x = [1, 2, li", "help deploy virtualm", "source ./scr", "zöne Ünïcode 名前 $",
    ]

    /// At every cursor position the word replaced ends at the cursor, so the
    /// binding's delete-then-insert never touches text beyond the word.
    @Test(arguments: lines) func theReplacedWordEndsAtTheCursor(_ line: String) {
        let completer = Completer(timeLimit: .zero)
        var cursor = 0
        for ch in line {
            let c = completer.complete(line: line, cursor: cursor, context: TestContext())
            #expect(c.replaceStart + c.prefix.utf8.count == cursor, "cursor \(cursor) in \(line)")
            #expect(c.replaceStart >= 0)
            cursor += ch.utf8.count
        }
        let end = completer.complete(line, context: TestContext())
        #expect(end.replaceStart + end.prefix.utf8.count == line.utf8.count)
    }
}

@Suite struct LearningCompletionTests {
    let completer = Completer()
    let context = TestContext()

    @Test func explainCompletesTheLineAfterIt() {
        let c = completer.complete("explain list zo", context: context)
        #expect(c.kind == .noun)
        #expect(c.inserts == ["zones", "zonesmetrics"])
        #expect(c.replaceStart == 13)
        let p = completer.complete("explain  deploy vm zone", context: context)
        #expect(p.kind == .parameter)
        #expect(p.inserts.contains("zoneid="))
    }

    @Test func helpOffersConcepts() {
        #expect(completer.complete("help conc", context: context).inserts == ["concepts"])
        #expect(completer.complete("help vol", context: context).inserts.contains("volume"))
    }

    @Test func historySaveCompletesPaths() {
        #expect(completer.complete("history save /tm", context: context).kind == .path)
    }

    /// A flag's value comes from the flag's own slot: `save -o ` offers the formats, then the path again.
    @Test func flagValuesCompleteFromTheFlag() {
        #expect(
            completer.complete("list zones | save -o ", context: context).inserts == ["json", "table", "csv", "text"])
        #expect(completer.complete("list zones | save --output js", context: context).inserts == ["json"])
        #expect(completer.complete("list zones | save -o json /tm", context: context).kind == .path)
        #expect(completer.complete("list zones | save -f /tm", context: context).kind == .path)
    }
}
