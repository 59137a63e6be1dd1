import FleetEngine
import Dashboard
import Foundation
import Hummingbird
import Monitoring
import Synchronization
import TestLanes
import Testing
@testable import LiveServices

/// Actions carried out for real: a runbook's HTTP step reaches the simulator's control API; a
/// command step runs its argv without a shell; a failing request is sent once (no retry); an
/// audit log that cannot be written refuses the action before anything is sent; every action
/// leaves an intent and a result record in a 0600 file.
@Suite(.lane(.live), .serialized) struct ActionRunnerTests {
    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-\(name)-\(UUID().uuidString)").path
    }

    func targetInstances(_ fleet: SimulatedFleet, _ chute: String) async throws -> Int? {
        let fetcher = HTTPFetcher(settings: PollSettings(), tls: TLSSettings(), authorization: nil)
        defer { Task { await fetcher.shutdown() } }
        let r = try await fetcher.get(fleet.simulator.controlAPI + "/chutes/" + chute)
        let object = try JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any]
        return object?["target_instances"] as? Int
    }

    static let scaleRunbook = RunbookAction(
        name: "control-api-scale", summary: "", scope: .chute,
        inputs: [ActionInput(name: "instances", kind: .integer(min: 0, max: 8))],
        steps: [.http(method: "POST", url: "{{controlAPI}}/chutes/{{chute}}/scale", headers: [Label("Content-Type", "application/json")],
                      body: "{\"instances\": {{inputs.instances}}}")],
        dangerous: true, origin: "test")

    @Test func aRunbookHTTPStepReachesTheControlAPIAndIsAudited() async throws {
        let fleet = try await SimulatedFleet.start(scenario: "steady")
        let auditPath = Self.temporary("audit") + "/nested/audit.jsonl"
        let runner = ActionRunner(control: fleet.sources.control, settings: fleet.context.poll, audit: AuditLog(path: auditPath))
        let prepared = try PreparedAction.prepare(Self.scaleRunbook, target: .init(context: "test", chute: "bge-m3"), inputs: ["instances": "3"],
                                                  controlAPI: fleet.sources.control?.endpoint, environment: [:]).get()
        let outcome = await runner.run(prepared, dryRun: false, reason: "test")
        #expect(outcome.succeeded, "\(outcome)")
        let listed = await fleet.source.inventory().chutes.first { $0.name == "bge-m3" }
        #expect(listed?.id?.isEmpty == false)  // {{chuteID}} for runbooks
        #expect(outcome.detail == "HTTP 202")
        #expect(try await targetInstances(fleet, "bge-m3") == 3)
        let records = AuditLog(path: auditPath).recent()
        #expect(records.map(\.phase) == ["intent", "result"])
        #expect(records.allSatisfy { $0.action == "control-api-scale" && $0.target == "bge-m3" && $0.parameters == ["instances": "3"] && $0.reason == "test" })
        #expect(records[1].succeeded == true && records[0].id == records[1].id)
        let mode = (try FileManager.default.attributesOfItem(atPath: auditPath)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        await runner.shutdown()
        await fleet.stop()
    }

    @Test func anUnwritableAuditLogRefusesTheActionAndNothingIsSent() async throws {
        let fleet = try await SimulatedFleet.start(scenario: "steady")
        let file = Self.temporary("not-a-directory")
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        let runner = ActionRunner(control: fleet.sources.control, settings: fleet.context.poll, audit: AuditLog(path: file + "/audit.jsonl"))
        let before = try await targetInstances(fleet, "bge-m3")
        let prepared = try PreparedAction.prepare(Self.scaleRunbook, target: .init(context: "test", chute: "bge-m3"), inputs: ["instances": "4"],
                                                  controlAPI: fleet.sources.control?.endpoint, environment: [:]).get()
        let outcome = await runner.run(prepared, dryRun: false)
        #expect(!outcome.succeeded)
        #expect(outcome.detail.hasPrefix("refused: the audit log cannot be written"), "\(outcome.detail)")
        #expect(try await targetInstances(fleet, "bge-m3") == before)
        await runner.shutdown()
        await fleet.stop()
    }

    @Test func aFailingRequestIsSentOnceAndTheDryRunSendsNothing() async throws {
        let hits = Mutex(0)
        let router = Router()
        router.post("fail") { _, _ -> Response in
            hits.withLock { $0 += 1 }
            return Response(status: .serviceUnavailable, body: .init(byteBuffer: .init(string: "busy")))
        }
        let server = try await LoopbackServer.start(router)
        let fleet = try await SimulatedFleet.start(scenario: "steady")
        let runner = ActionRunner(control: fleet.sources.control, settings: fleet.context.poll, audit: AuditLog(path: Self.temporary("audit")))
        let action = RunbookAction(name: "poke", summary: "", scope: .chute,
                                   steps: [.http(method: "POST", url: server.baseURL + "/fail", headers: [], body: nil),
                                           .http(method: "POST", url: server.baseURL + "/fail", headers: [], body: nil)],
                                   dangerous: true)
        let prepared = try PreparedAction.prepare(action, target: .init(context: "t", chute: "bge-m3"), inputs: [:], controlAPI: nil, environment: [:]).get()
        let dry = await runner.run(prepared, dryRun: true)
        #expect(dry.dryRun && dry.succeeded)
        #expect(hits.withLock { $0 } == 0)
        let outcome = await runner.run(prepared, dryRun: false)
        #expect(!outcome.succeeded)
        #expect(outcome.detail == "HTTP 503 busy")
        #expect(hits.withLock { $0 } == 1)  // not retried, and the second step never ran
        await runner.shutdown()
        await fleet.stop()
        server.stop()
    }

    @Test func aCommandStepRunsItsArgvWithoutAShell() async throws {
        let directory = Self.temporary("argv")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let record = directory + "/argv.txt", script = directory + "/record-argv"
        try "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '\(record)'; done\n".write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        let canary = directory + "/pwned"
        let tricky = ["an argument with spaces", "$(touch \(canary)); `touch \(canary)` | cat > \(canary) && echo *", "{{chute}}"]
        let action = RunbookAction(name: "record", summary: "", scope: .chute,
                                   inputs: [ActionInput(name: "note", kind: .text(maxLength: 1000))],
                                   // /bin/sh runs the recording script (it gets the arguments as $@, never
                                   // as a command line): executing a file just written can fail with
                                   // ETXTBSY while a parallel test forks with its descriptor open.
                                   steps: [.command(argv: ["/bin/sh", script, tricky[0], "{{inputs.note}}", tricky[2]])], dangerous: false)
        let fleet = try await SimulatedFleet.start(scenario: "steady")
        let runner = ActionRunner(control: fleet.sources.control, settings: fleet.context.poll, audit: AuditLog(path: directory + "/audit.jsonl"))
        let prepared = try PreparedAction.prepare(action, target: .init(context: "t", chute: "bge-m3"), inputs: ["note": tricky[1]],
                                                  controlAPI: nil, environment: [:]).get()
        let outcome = await runner.run(prepared, dryRun: false)
        #expect(outcome.succeeded && outcome.detail == "exit 0", "\(outcome)")
        let recorded = try? String(contentsOfFile: record, encoding: .utf8)
        #expect(recorded == [tricky[0], tricky[1], "bge-m3"].joined(separator: "\n") + "\n")
        #expect(!FileManager.default.fileExists(atPath: canary))
        let missing = await CommandStep.run(["/nonexistent/tool"], environment: [:])
        #expect(missing == (false, "/nonexistent/tool: not found on PATH"))
        await runner.shutdown()
        await fleet.stop()
    }

    @Test func runbooksBesideTheConfigAreReadAndAMistakeNamesItsFile() throws {
        let directory = Self.temporary("config")
        try FileManager.default.createDirectory(atPath: directory + "/runbooks", withIntermediateDirectories: true)
        try "contexts:\n  - name: a\n    source: {kind: simulator}\n".write(toFile: directory + "/config.yaml", atomically: true, encoding: .utf8)
        try "- name: hello\n  scope: chute\n  dangerous: false\n  steps: [{command: [echo, \"{{chute}}\"]}]\n"
            .write(toFile: directory + "/runbooks/good.yaml", atomically: true, encoding: .utf8)
        let config = try ConfigFile.load(directory + "/config.yaml")
        #expect(config.runbooks.map(\.name) == ["hello"])
        #expect(config.runbooks[0].origin == directory + "/runbooks/good.yaml:1")
        try "- name: broken\n  scope: chute\n  steps:\n    - command: [echo]\n      shell: true\n"
            .write(toFile: directory + "/runbooks/more.yaml", atomically: true, encoding: .utf8)
        #expect { try ConfigFile.load(directory + "/config.yaml") } throws: { error in
            "\(error)".hasPrefix(directory + "/runbooks/more.yaml:5:7: [0].steps[0].shell: unknown key")
        }
    }

    @Test func theBuiltInScaleLimitsSetMinAndMax() async throws {
        let fleet = try await SimulatedFleet.start(scenario: "steady")
        let runner = ActionRunner(control: fleet.sources.control, settings: fleet.context.poll, audit: AuditLog(path: Self.temporary("audit")))
        let action = fleet.sources.actions.first { $0.name == "scale-limits" }!
        let prepared = try PreparedAction.prepare(action, target: .init(context: "t", chute: "bge-m3"),
                                                  inputs: ["min_instances": "2", "max_instances": "5"], controlAPI: fleet.sources.control?.endpoint, environment: [:]).get()
        let outcome = await runner.run(prepared, dryRun: false)
        #expect(outcome.succeeded, "\(outcome)")
        let listed = await fleet.source.inventory().chutes.first { $0.name == "bge-m3" }
        #expect(listed?.minInstances == 2 && listed?.maxInstances == 5)
        #expect(fleet.sources.actions.filter { $0.unsupported != nil }.map(\.name) == ["warm-up", "disable", "enable"])
        await runner.shutdown()
        await fleet.stop()
    }
}
