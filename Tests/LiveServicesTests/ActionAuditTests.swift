import Dashboard
import FleetEngine
import Foundation
import Hummingbird
import Monitoring
import TestLanes
import Testing
@testable import LiveServices

/// Airtight actions: the audit "result" carries the state the source lists after the action; a
/// secret given to an action never reaches the audit log or the outcome shown, whether it comes
/// back in a command's output or an HTTP error body; an audit file open to others is refused
/// before anything is sent.
@Suite(.lane(.live), .serialized) struct ActionAuditTests {
    static let token = "hunter2-plain-value"

    @Test func theResultRecordCarriesTheStateAfterTheAction() async throws {
        let fleet = try await SimulatedFleet.start(scenario: "steady")
        let audit = ActionRunnerTests.temporary("audit")
        let runner = ActionRunner(control: fleet.sources.control, settings: fleet.context.poll, audit: AuditLog(path: audit),
                                  inventory: fleet.source)
        let scale = try PreparedAction.prepare(ActionRunnerTests.scaleRunbook, target: .init(context: "t", chute: "bge-m3"),
                                               inputs: ["instances": "3"], controlAPI: fleet.sources.control?.endpoint, environment: [:]).get()
        let outcome = await runner.run(scale, dryRun: false)
        #expect(outcome.succeeded, "\(outcome)")
        let restart = try #require(fleet.sources.actions.first { $0.name == "restart-instance" })
        let restarting = try PreparedAction.prepare(restart, target: .init(context: "t", chute: "bge-m3", instance: "i-1"), inputs: [:],
                                                    controlAPI: fleet.sources.control?.endpoint, environment: [:]).get()
        #expect(await runner.run(restarting, dryRun: false).succeeded)
        let records = AuditLog(path: audit).recent()
        #expect(records.map(\.phase) == ["intent", "result", "intent", "result"])
        #expect(records[0].after == nil)
        let afterScale = try #require(records[1].after)
        #expect(afterScale.counts?.target == 3 && afterScale.counts?.current == 3, "\(afterScale)")
        #expect(afterScale.error == nil && afterScale.phase == nil)
        #expect(outcome.after == afterScale)
        #expect(records[3].after?.phase == "starting", "\(String(describing: records[3].after))")
        await runner.shutdown()
        await fleet.stop()
    }

    @Test func aBearerTokenThroughEnvIntoACommandsOutputNeverReachesTheAuditOrTheOutcome() async throws {
        let action = RunbookAction(name: "leaky", summary: "", scope: .chute,
                                   steps: [.command(argv: ["/usr/bin/printf", "%s|%s\\n", "Authorization: Bearer {{env.LEAKY_TOKEN}}",
                                                           "{{env.LEAKY_TOKEN}}"])],
                                   dangerous: false)
        let audit = ActionRunnerTests.temporary("audit")
        let runner = ActionRunner(control: nil, settings: PollSettings(), audit: AuditLog(path: audit), environment: ["PATH": "/usr/bin:/bin"])
        let prepared = try PreparedAction.prepare(action, target: .init(context: "t", chute: "llm"), inputs: [:], controlAPI: nil,
                                                  environment: ["LEAKY_TOKEN": Self.token]).get()
        #expect(prepared.shown.flatMap(PreparedAction.describe).allSatisfy { !$0.contains(Self.token) })
        let outcome = await runner.run(prepared, dryRun: false, reason: "token \(Self.token) pasted by mistake")
        #expect(outcome.succeeded, "\(outcome)")
        #expect(!outcome.detail.contains(Self.token) && !outcome.detail.contains("hunter2"), "\(outcome.detail)")
        #expect(outcome.detail.hasPrefix("exit 0: Authorization: Bearer <redacted>|<redacted>"), "\(outcome.detail)")
        let written = try String(contentsOfFile: audit, encoding: .utf8)
        #expect(!written.contains("hunter2"), "\(written)")
        #expect(written.split(separator: "\n").count == 2)
        await runner.shutdown()
    }

    @Test func anHTTPErrorBodyEchoingASecretIsRedacted() async throws {
        let router = Router()
        router.post("echo") { request, _ -> Response in
            let key = request.headers[.init("X-Key")!] ?? ""
            return Response(status: .unauthorized, body: .init(byteBuffer: .init(string: "rejected key \(key); token=abc123 sk-live-0123456789abcdef")))
        }
        let server = try await LoopbackServer.start(router)
        let action = RunbookAction(name: "echo", summary: "", scope: .chute,
                                   steps: [.http(method: "POST", url: server.baseURL + "/echo", headers: [Label("X-Key", "{{env.LEAKY_TOKEN}}")], body: nil)],
                                   dangerous: false)
        let audit = ActionRunnerTests.temporary("audit")
        let runner = ActionRunner(control: nil, settings: PollSettings(), audit: AuditLog(path: audit))
        let prepared = try PreparedAction.prepare(action, target: .init(context: "t", chute: "llm"), inputs: [:], controlAPI: nil,
                                                  environment: ["LEAKY_TOKEN": Self.token]).get()
        let outcome = await runner.run(prepared, dryRun: false)
        #expect(!outcome.succeeded)
        #expect(outcome.detail == "HTTP 401 rejected key <redacted>; token=<redacted> <redacted>", "\(outcome.detail)")
        let written = try String(contentsOfFile: audit, encoding: .utf8)
        #expect(!written.contains("hunter2") && !written.contains("abc123") && !written.contains("sk-live"), "\(written)")
        await runner.shutdown()
        server.stop()
    }

    @Test func anAuditFileOpenToOthersIsRefusedWithTheChmodAdviceAndNothingIsSent() async throws {
        let fleet = try await SimulatedFleet.start(scenario: "steady")
        let audit = ActionRunnerTests.temporary("audit")
        try "".write(toFile: audit, atomically: false, encoding: .utf8)
        chmod(audit, 0o644)
        let runner = ActionRunner(control: fleet.sources.control, settings: fleet.context.poll, audit: AuditLog(path: audit))
        let before = try await ActionRunnerTests().targetInstances(fleet, "bge-m3")
        let prepared = try PreparedAction.prepare(ActionRunnerTests.scaleRunbook, target: .init(context: "t", chute: "bge-m3"),
                                                  inputs: ["instances": "4"], controlAPI: fleet.sources.control?.endpoint, environment: [:]).get()
        let outcome = await runner.run(prepared, dryRun: false)
        #expect(!outcome.succeeded)
        #expect(outcome.detail.contains("open to group or others (mode 644); run: chmod 600 \(audit)"), "\(outcome.detail)")
        #expect(try await ActionRunnerTests().targetInstances(fleet, "bge-m3") == before)
        #expect(try String(contentsOfFile: audit, encoding: .utf8).isEmpty)
        chmod(audit, 0o600)
        #expect(await runner.run(prepared, dryRun: false).succeeded)
        await runner.shutdown()
        await fleet.stop()
    }
}
