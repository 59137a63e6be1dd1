import Dashboard
import FleetEngine
import FleetSimulator
import Foundation
import LiveServices
import Monitoring
import Synchronization
import TestLanes
import Testing
import TestSupport
import Hummingbird

/// `kind: chutes` against the simulator's /platform facade over loopback HTTP: the account
/// listed page by page with the simulator's instance counts, the platform's utilisation as
/// busy (concurrency) with GPU, 5xx and latency absent, instance logs, warm-up, disable and
/// enable through the action runner (audited), a bad key explained, and 429's Retry-After
/// honoured (nothing is sent while it lasts).
@Suite(.lane(.live)) struct ChutesSourceTests {
    static let key = "cpk_0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef.test"

    static func source(_ sim: InProcessSimulator, key: String = key, include: [String] = [], pageSize: Int = ChutesSource.defaultPageSize,
                       settings: PollSettings = PollSettings()) throws -> ChutesSource {
        try ChutesSource(ChutesSourceConfig(url: sim.platformAPI, key: .environment("CHUTES_API_KEY"), include: include), settings: settings,
                         environment: ["CHUTES_API_KEY": key], pageSize: pageSize)
    }

    static func truth(_ sim: InProcessSimulator) async throws -> FleetTruth {
        let fetcher = HTTPFetcher(settings: PollSettings(), tls: TLSSettings(), authorization: nil)
        defer { Task { await fetcher.shutdown() } }
        return try FleetTruth.decode(try await fetcher.get(sim.baseURL + "/sim/truth").body)
    }

    @Test func listsEveryPageWithTheSimulatorsInstanceCounts() async throws {
        let sim = try await InProcessSimulator.start(scenario: "steady", seed: 3, token: Self.key)
        defer { sim.stop() }
        // Four chutes a page: nine chutes take three pages, none dropped.
        let source = try Self.source(sim, pageSize: 4)
        defer { Task { await source.shutdown() } }
        let inventory = await source.inventory()
        let truth = try await Self.truth(sim)
        #expect(inventory.chutes.map(\.name).sorted() == truth.chutes.map(\.name).sorted())
        for c in truth.chutes {
            let listed = try #require(inventory.chute(named: c.name))
            let live = c.instances.filter { $0.phase == "starting" || $0.phase == "ready" }
            #expect(listed.instances.count == live.count, "\(c.name)")
            #expect(listed.instances.filter { $0.phase == "ready" }.count == c.readyInstances, "\(c.name)")
            #expect(listed.maxInstances == c.maxInstances && listed.id != nil && listed.controlError == nil)
            #expect(listed.facts?.contains { $0.name == "GPU type" } == true)
            #expect(listed.instances.allSatisfy { $0.facts?.map(\.name) == ["active", "verified", "region", "last verified"] })
        }
    }

    @Test func includeNamesChutesAndSaysWhichTheAccountLacks() async throws {
        let sim = try await InProcessSimulator.start(scenario: "steady", seed: 3)
        defer { sim.stop() }
        let source = try Self.source(sim, include: ["bge-m3", "no-such-chute"])
        defer { Task { await source.shutdown() } }
        let inventory = await source.inventory()
        #expect(inventory.chutes.map(\.name) == ["bge-m3", "no-such-chute"])
        #expect(inventory.chutes[1].controlError?.contains("no chute named or numbered 'no-such-chute'") == true)
    }

    @Test func aSnapshotHasBusyConcurrencyAndLeavesGPUErrorsAndLatencyAbsent() async throws {
        let sim = try await InProcessSimulator.start(scenario: "steady", seed: 3)
        defer { sim.stop() }
        let source = try Self.source(sim)
        let sources = FleetSources(kind: "chutes", inventory: source, readings: source, control: source.control, closing: [source])
        defer { Task { await sources.shutdown() } }
        var context = ContextConfig(name: "platform", source: .chutes(ChutesSourceConfig(url: sim.platformAPI, key: .environment("K"))))
        context.poll.intervals = ChutesSourceConfig.intervals
        let snapshot = await FleetSnapshotter.take(sources: sources, context: context, window: 1)
        #expect(snapshot.sourceProblems.isEmpty, "\(snapshot.sourceProblems)")
        #expect(snapshot.picture.chutes.count == 10)
        for c in snapshot.picture.chutes {
            let busy = try #require(c.busy)
            #expect((0...1).contains(try #require(busy.current)) && busy.fiveMinutes != nil && busy.hour != nil)
            #expect(c.gpu == nil && c.gpuUnseen?.contains("does not expose GPU") == true)
            #expect(c.errorRatio.value == nil && c.p95.value == nil)
            #expect(c.requestRate.value != nil)
            #expect(c.counts.readinessRead && c.counts.ready == c.instances.filter { $0.phase == "ready" }.count)
        }
        // Absent in the JSON, never 0.
        let json = String(decoding: try JSONEncoder().encode(snapshot.picture.chutes[0]), as: UTF8.self)
        #expect(!json.contains("\"gpu\"") && !json.contains("\"p95\":{\"value\""), "\(json)")
    }

    @Test func logsStreamAnInstancesLines() async throws {
        let sim = try await InProcessSimulator.start(scenario: "steady", seed: 3)
        defer { sim.stop() }
        let source = try Self.source(sim)
        defer { Task { await source.shutdown() } }
        let inventory = await source.inventory()
        let chute = try #require(inventory.chute(named: "bge-m3"))
        let key = InstanceKey(chute: chute.name, instance: try #require(chute.instances.first?.id))
        var lines: [LogEntry] = []
        for try await entry in source.logs(of: key, in: inventory, backfill: 5) {
            lines.append(entry)
            if lines.count == 7 { break }  // the backfill, then lines as they are written
        }
        #expect(lines.count == 7 && lines.allSatisfy { !$0.message.isEmpty })
        await #expect(throws: (any Error).self) { _ = try await source.rawMetrics(of: key, in: inventory) }
    }

    @Test func aBadKeyIsExplained() async throws {
        let sim = try await InProcessSimulator.start(scenario: "steady", seed: 3, token: Self.key)
        defer { sim.stop() }
        let source = try Self.source(sim, key: "cpk_wrong")
        defer { Task { await source.shutdown() } }
        let inventory = await source.inventory()
        let problem = try #require(inventory.chutes.first?.controlError)
        #expect(problem.contains("refused the key (HTTP 401") && problem.contains("admin key"), "\(problem)")
    }

    @Test func retryAfterIsHonouredAndSaid() async throws {
        let sim = try await InProcessSimulator.start(scenario: "steady", seed: 3, platformRequestsPerMinute: 3)
        defer { sim.stop() }
        let source = try Self.source(sim)
        defer { Task { await source.shutdown() } }
        let inventory = await source.inventory()  // 1 and 2: the first listing reads the utilisation for the targets
        #expect(inventory.chutes.count == 10)
        #expect(inventory.chutes.allSatisfy { $0.targetInstances != nil }, "the target from the first listing on")
        guard case .figures = await source.read(.fleet(.metrics), in: inventory, names: .standard) else { Issue.record("3rd"); return }
        guard case .failed(let limited) = await source.read(.fleet(.metrics), in: inventory, names: .standard) else { Issue.record("4th"); return }
        #expect(limited.contains("HTTP 429, Retry-After "), "\(limited)")
        // While it lasts nothing is sent: the listing keeps the last chutes, saying why.
        let again = await source.inventory()
        #expect(again.chutes.count == 10)
        #expect(again.chutes[0].controlError?.contains("not asking again before ") == true, "\(again.chutes[0].controlError ?? "")")
    }

    @Test func warmUpDisableAndEnableGoThroughTheRunnerAudited() async throws {
        // Twenty times real time: e5-mistral's 40 s cold start takes 2 s.
        let sim = try await InProcessSimulator.start(scenario: "steady", seed: 3, speed: 20)
        defer { sim.stop() }
        let source = try Self.source(sim)
        defer { Task { await source.shutdown() } }
        let audit = AuditLog(path: FileManager.default.temporaryDirectory.appendingPathComponent("chutes-audit-\(UUID().uuidString).jsonl").path)
        let runner = ActionRunner(control: source.control, settings: PollSettings(), audit: audit)
        defer { Task { await runner.shutdown() } }
        let inventory = await source.inventory()
        let chute = try #require(inventory.chute(named: "e5-mistral-7b-instruct"))
        let catalog = source.control.catalog
        #expect(catalog.first { $0.builtin == .scale }?.unsupported?.contains("chutes-redeploy-max") == true)
        func run(_ action: BuiltinAction) async throws -> (ActionOutcome, [String]) {
            let said = Mutex<[String]>([])
            let prepared = try PreparedAction.prepare(try #require(catalog.first { $0.builtin == action }),
                                                      target: .init(context: "t", chute: chute.name, chuteID: chute.id), inputs: [:],
                                                      controlAPI: source.control.endpoint, environment: [:]).get()
            let outcome = await runner.run(prepared, dryRun: false) { line in said.withLock { $0.append(line) } }
            return (outcome, said.withLock { $0 })
        }
        let (off, _) = try await run(.disable)
        #expect(off.succeeded, "\(off.detail)")
        #expect(await source.inventory().chute(named: "e5-mistral-7b-instruct")?.instances.isEmpty == true)
        let (refused, _) = try await run(.warmUp)
        #expect(!refused.succeeded && refused.detail.contains("HTTP 503") && refused.detail.contains("disabled"), "\(refused.detail)")
        let (on, _) = try await run(.enable)
        #expect(on.succeeded, "\(on.detail)")
        let (warm, said) = try await run(.warmUp)
        // e5-mistral comes back starting: the stream says it waits, then that it is hot.
        #expect(warm.succeeded && warm.detail.hasPrefix("HTTP 200"), "\(warm.detail)")
        #expect(said.first?.contains("waiting for instances") == true && said.last?.contains("chute is hot") == true, "\(said)")
        #expect(audit.recent().map { "\($0.action) \($0.phase)" } == ["disable intent", "disable result", "warm-up intent", "warm-up result",
                                                                      "enable intent", "enable result", "warm-up intent", "warm-up result"])
    }
}

/// The recorded replies (Fixtures/api/platform) served over loopback as the platform would:
/// the source reads every one of them, says what a short listing left out, and a 429's
/// Retry-After stops its requests.
@Suite(.lane(.live)) struct ChutesRecordedReplyTests {
    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: BuildProducts.packageRoot().appendingPathComponent("Fixtures/api/platform/\(name)"))
    }

    /// An `.http` recording (`curl -i`) as a response: its status, Retry-After and body.
    static func recorded(_ name: String) throws -> Response {
        let text = String(decoding: try fixture(name), as: UTF8.self)
        let parts = text.components(separatedBy: "\n\n")
        let head = parts[0].split(separator: "\n")
        let status = Int(head[0].split(separator: " ")[1])!
        var headers: HTTPFields = [.contentType: "application/json"]
        for line in head.dropFirst() where line.hasPrefix("Retry-After: ") { headers[.retryAfter] = String(line.dropFirst(13)) }
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: parts.dropFirst().joined(separator: "\n\n"))))
    }

    static func body(_ name: String, _ type: String) throws -> Response {
        Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(bytes: try fixture(name))))
    }

    @Test func theSourceReadsTheRecordedReplies() async throws {
        let limited = Mutex(false)
        let router = Router()
        router.get("chutes") { _, _ in try Self.body("chutes-page.json", "application/json") }
        router.get("chutes/utilization") { _, _ in
            limited.withLock { $0 } ? try Self.recorded("rate-limited.http") : try Self.body("utilization.json", "application/json")
        }
        router.get("instances/:id/logs") { _, _ in try Self.body("instance-logs.sse", "text/event-stream") }
        router.get("chutes/warmup/:id") { _, _ in try Self.body("warmup.sse", "text/event-stream") }
        router.put("chutes/:id") { _, _ in try Self.body("chute-disabled.json", "application/json") }
        let server = try await LoopbackServer.start(router)
        defer { server.stop() }
        let source = try ChutesSource(ChutesSourceConfig(url: server.baseURL, key: .environment("K")), settings: PollSettings(), environment: ["K": "cpk_x"])
        defer { Task { await source.shutdown() } }

        // The last page alone: one chute of the nine the platform counts, and that is said.
        let inventory = await source.inventory()
        #expect(inventory.chutes.map(\.name) == ["e5-mistral-7b-instruct"])
        #expect(inventory.chutes[0].controlError == "the platform counts 9 chutes and listed 1")
        #expect(inventory.chutes[0].instances.count == 1 && inventory.chutes[0].scalingThreshold == 0.75)
        guard case .figures(let f) = await source.read(.fleet(.metrics), in: inventory, names: .standard) else { Issue.record("no figures"); return }
        #expect(f.chutes.map(\.name) == ["e5-mistral-7b-instruct"] && f.chutes[0].busy?.current != nil && f.span == 300)
        guard case .figures(let ready) = await source.read(.fleet(.ready), in: inventory, names: .standard) else { Issue.record("no readiness"); return }
        #expect(ready.instances.count == 1 && ready.problems == ["the platform counts 9 chutes and listed 1"])

        let key = InstanceKey(chute: inventory.chutes[0].name, instance: inventory.chutes[0].instances[0].id)
        var lines: [LogEntry] = []
        for try await entry in source.logs(of: key, in: inventory, backfill: 3) { lines.append(entry) }
        #expect(lines.count >= 3 && lines.allSatisfy { $0.requestID != nil })

        let audit = AuditLog(path: FileManager.default.temporaryDirectory.appendingPathComponent("recorded-\(UUID().uuidString).jsonl").path)
        let runner = ActionRunner(control: source.control, settings: PollSettings(), audit: audit)
        defer { Task { await runner.shutdown() } }
        for (action, expected) in [(BuiltinAction.warmUp, "HTTP 200"), (.disable, "HTTP 200")] {
            let prepared = try PreparedAction.prepare(try #require(source.control.catalog.first { $0.builtin == action }),
                                                      target: .init(context: "t", chute: key.chute, chuteID: inventory.chutes[0].id),
                                                      inputs: [:], controlAPI: source.control.endpoint, environment: [:]).get()
            let outcome = await runner.run(prepared, dryRun: false)
            #expect(outcome.succeeded && outcome.detail == expected, "\(action): \(outcome.detail)")
        }

        limited.withLock { $0 = true }
        guard case .failed(let said) = await source.read(.fleet(.metrics), in: inventory, names: .standard) else { Issue.record("not limited"); return }
        #expect(said == "the platform is rate-limiting this key (HTTP 429, Retry-After 53)", "\(said)")
        // Nothing more is sent while the 53 s last: the listing keeps the last chutes, saying why.
        let waiting = await source.inventory()
        #expect(waiting.chutes[0].controlError?.hasPrefix("the platform is rate-limiting this key (HTTP 429, Retry-After 53); not asking again before ") == true)
    }

    @Test func aWrongKeyAndADisabledChuteAreSaidInTheirWords() async throws {
        let router = Router()
        router.get("chutes") { _, _ in try ChutesRecordedReplyTests.recorded("unauthorized.http") }
        router.get("chutes/warmup/:id") { _, _ in try ChutesRecordedReplyTests.recorded("warmup-disabled.http") }
        let server = try await LoopbackServer.start(router)
        defer { server.stop() }
        let source = try ChutesSource(ChutesSourceConfig(url: server.baseURL, key: .environment("K")), settings: PollSettings(), environment: ["K": "cpk_x"])
        defer { Task { await source.shutdown() } }
        let problem = await source.inventory().chutes.first?.controlError ?? ""
        #expect(problem.hasPrefix("the platform refused the key (HTTP 401: Invalid token.)"), "\(problem)")
        let runner = ActionRunner(control: source.control, settings: PollSettings(),
                                  audit: AuditLog(path: FileManager.default.temporaryDirectory.appendingPathComponent("r-\(UUID().uuidString).jsonl").path))
        defer { Task { await runner.shutdown() } }
        let prepared = try PreparedAction.prepare(try #require(source.control.catalog.first { $0.builtin == .warmUp }),
                                                  target: .init(context: "t", chute: "x", chuteID: "id"), inputs: [:],
                                                  controlAPI: source.control.endpoint, environment: [:]).get()
        let outcome = await runner.run(prepared, dryRun: false)
        #expect(!outcome.succeeded && outcome.detail == #"HTTP 503 {"detail":"This chute is currently disabled."}"#, "\(outcome.detail)")
    }

    /// A refused log stream is said in the platform's terms: logs are served for private chutes
    /// only (the stream's error carries the status with its reason phrase, "HTTP 403 Forbidden").
    @Test func aRefusedLogStreamIsSaidInThePlatformsTerms() async throws {
        let router = Router()
        router.get("instances/:id/logs") { _, _ in
            Response(status: .forbidden, headers: [.contentType: "application/json"],
                     body: .init(byteBuffer: ByteBuffer(string: #"{"detail":"Forbidden"}"#)))
        }
        let server = try await LoopbackServer.start(router)
        defer { server.stop() }
        let source = try ChutesSource(ChutesSourceConfig(url: server.baseURL, key: .environment("K")), settings: PollSettings(), environment: ["K": "cpk_x"])
        defer { Task { await source.shutdown() } }
        do {
            for try await _ in source.logs(of: InstanceKey(chute: "c", instance: "i-1"), in: FleetInventory(chutes: []), backfill: 5) {}
            Issue.record("a refused stream ended without an error")
        } catch {
            #expect("\(error)" == "the platform serves logs of private chutes only, to their owner (HTTP 403)", "\(error)")
        }
    }
}
