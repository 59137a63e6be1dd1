import Dashboard
import FleetEngine
import FleetSimulator
import Foundation
import Hummingbird
import Monitoring
import Synchronization
import TestLanes
import Testing
@testable import LiveServices

/// A context whose roles come from different sources, and a control plane that keeps its
/// credential to itself; over real loopback HTTP.
@Suite(.lane(.live), .serialized) struct SourceRolesTests {
    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-\(name)-\(UUID().uuidString)").path
    }

    /// Inventory and actions from the simulator's control API; health, readiness and metrics
    /// from a second direct source that knows no chute and no control API of its own and reads
    /// the base URLs the inventory lists.
    @Test func inventoryAndActionsFromTheControlAPIAndReadingsFromAnotherSource() async throws {
        let simulator = try await InProcessSimulator.start(scenario: "steady", seed: 3)
        // Let it count a few seconds first: a round in its first second can find a chute's
        // request counters not yet exposed, and one round alone has no rate.
        try await Task.sleep(for: .seconds(2))
        var settings = PollSettings()
        settings.connectTimeout = 1
        settings.readTimeout = 2
        let inventory = try DirectSource(DirectSourceConfig(controlAPI: simulator.controlAPI), settings: settings)
        let readings = MonitoringEngineTests.CountingSource(try DirectSource(DirectSourceConfig(), settings: settings))
        let sources = FleetSources(kind: "direct + direct metrics", inventory: inventory, readings: readings,
                                   control: inventory.control, closing: [inventory, readings.inner])
        let context = ContextConfig(name: "split", source: .direct(DirectSourceConfig(controlAPI: simulator.controlAPI)),
                                    metricsSource: .direct(DirectSourceConfig()), poll: settings)

        let snapshot = await FleetSnapshotter.take(sources: sources, context: context, window: 2)
        let listed = await inventory.inventory()
        #expect(!listed.chutes.isEmpty)
        #expect(snapshot.picture.chutes.map(\.name) == listed.chutes.map(\.name))
        // Every planned read went to the readings source: each probe of each instance listed at
        // the end, once per round it was listed in (the simulator's autoscaler may add or
        // remove an instance between the two rounds).
        let counts = readings.counts.withLock { $0 }
        for c in snapshot.picture.chutes where c.counts.current > 0 {
            #expect(c.instances.allSatisfy { $0.health.status == .pass && $0.metrics.error == nil }, "\(c.name)")
            // A rate needs two scrapes: every chute whose instances were read in both rounds has one.
            let both = c.instances.contains { counts[PollTarget(InstanceKey(chute: c.name, instance: $0.id), .metrics)] == 2 }
            if both { #expect(c.requestRate.value != nil, "\(c.name): no rate from the metrics source: \(c)") }
        }
        #expect(snapshot.picture.chutes.filter { $0.requestRate.value != nil }.count * 2 > snapshot.picture.chutes.count)
        let planned = Set(sources.readings.plan.targets(for: listed, intervals: settings.intervals))
        #expect(Set(counts.keys).isSuperset(of: planned))
        #expect(counts.values.allSatisfy { (1...2).contains($0) }, "\(counts)")
        #expect(counts.values.filter { $0 == 2 }.count * 2 > counts.count, "most targets are read in both rounds: \(counts)")
        // Actions belong to the inventory's control plane.
        #expect(sources.control?.endpoint == simulator.controlAPI)
        #expect(sources.actions.first { $0.name == "scale" }?.unsupported == nil)
        await sources.shutdown()
        simulator.stop()
    }

    /// The control plane's credential goes with the steps addressed to it (`{{controlAPI}}`)
    /// and with nothing else, even a URL that merely begins with the same text.
    @Test func theControlPlanesCredentialGoesOnlyWithStepsAddressedToIt() async throws {
        let seen = Mutex<[String: String]>([:])
        let router = Router()
        router.post("api/chutes/bge-m3/scale") { request, _ -> Response in
            seen.withLock { $0["scale"] = request.headers[.authorization] ?? "none" }
            return Response(status: .accepted)
        }
        router.post("api-mirror/notify") { request, _ -> Response in
            seen.withLock { $0["notify"] = request.headers[.authorization] ?? "none" }
            return Response(status: .ok)
        }
        let server = try await LoopbackServer.start(router)
        let tokenFile = Self.temporary("token")
        #expect(FileManager.default.createFile(atPath: tokenFile, contents: Data("s3cret\n".utf8), attributes: [.posixPermissions: 0o600]))
        let control = try DirectSource(DirectSourceConfig(controlAPI: server.baseURL + "/api",
                                                          credentials: CredentialSpec(scheme: .bearer, secret: .file(tokenFile))),
                                       settings: PollSettings())
        let runner = ActionRunner(control: control.control, settings: PollSettings(), audit: AuditLog(path: Self.temporary("audit")))
        let action = RunbookAction(name: "scale-and-notify", summary: "", scope: .chute,
                                   steps: [.http(method: "POST", url: "{{ controlAPI }}/chutes/{{chute}}/scale", headers: [], body: nil),
                                           .http(method: "POST", url: server.baseURL + "/api-mirror/notify", headers: [], body: nil)],
                                   dangerous: false)
        let prepared = try PreparedAction.prepare(action, target: .init(context: "t", chute: "bge-m3"), inputs: [:],
                                                  controlAPI: control.control.endpoint, environment: [:]).get()
        #expect(prepared.controlPlaneSteps == [0])
        let outcome = await runner.run(prepared, dryRun: false)
        #expect(outcome.succeeded, "\(outcome)")
        #expect(seen.withLock { $0 } == ["scale": "Bearer s3cret", "notify": "none"])

        // Addressed to the control plane but to another host: refused, nothing sent.
        let away = RunbookAction(name: "away", summary: "", scope: .chute,
                                 steps: [.http(method: "POST", url: "{{controlAPI}}.evil.example/x", headers: [], body: nil)], dangerous: false)
        let elsewhere = try PreparedAction.prepare(away, target: .init(context: "t", chute: "bge-m3"), inputs: [:],
                                                   controlAPI: "http://127.0.0.1:\(URLComponents(string: server.baseURL)!.port!)", environment: [:]).get()
        let refused = await runner.run(elsewhere, dryRun: false)
        #expect(!refused.succeeded && refused.detail.contains("refused"), "\(refused)")
        #expect(DirectControlPlane.sameOrigin("http://h:8080/api/x", "http://H:8080/api"))
        #expect(!DirectControlPlane.sameOrigin("http://h:8080.evil.example/x", "http://h:8080"))
        #expect(!DirectControlPlane.sameOrigin("http://h@evil.example/x", "http://h"))
        #expect(!DirectControlPlane.sameOrigin("https://h/x", "http://h"))
        await runner.shutdown()
        await control.shutdown()
        server.stop()
    }
}
