import Foundation
import Hummingbird
import HummingbirdTesting
import Ingest
import Logging
import Monitoring
import Synchronization
import TestLanes
import Testing
@testable import FleetSimulator

/// The simulator over real loopback HTTP (Hummingbird's live test mode: a real server on a free
/// port and a real HTTP client), with a simulated clock the test moves by hand.
@Suite(.lane(.live)) struct SimulatorHTTPTests {
    final class ManualClock: Sendable {
        let now: Mutex<Double>
        init(_ start: Double) { now = Mutex(start) }
        func advance(_ seconds: Double) { now.withLock { $0 += seconds } }
        var read: @Sendable () -> Double { { [self] in now.withLock { $0 } } }
    }

    static let start = 1_795_334_400.0 + 16 * 3600

    func withSimulator(token: String? = nil, _ body: @escaping @Sendable (any TestClientProtocol, ManualClock) async throws -> Void) async throws {
        let clock = ManualClock(Self.start)
        let simulation = FleetSimulation(profiles: ChuteCatalog.fleet(chutes: 4, seed: 11), seed: 11, startTime: Self.start)
        let engine = SimulatorEngine(simulation: simulation, clock: clock.read)
        var logger = Logger(label: "sim-test")
        logger.logLevel = .error
        let app = SimulatorServer.application(engine: engine, host: "127.0.0.1", port: 0, token: token, logger: logger)
        try await app.test(.live) { client in try await body(client, clock) }
    }

    func text(_ r: TestResponse) -> String { String(buffer: r.body) }

    func json(_ r: TestResponse) throws -> Any { try JSONSerialization.jsonObject(with: Data(buffer: r.body)) }

    @Test func metricsHealthAndReadiness() async throws {
        try await withSimulator { client, _ in
            let plain = try await client.execute(uri: "/chutes/llama-3.1-70b-instruct/instances/i-1/metrics", method: .get)
            #expect(plain.status == .ok)
            #expect(plain.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let page = ExpositionParser().parse(Array(text(plain).utf8), contentType: plain.headers[.contentType])
            #expect(page.issues.isEmpty && page.format == .text)
            let om = try await client.execute(uri: "/chutes/llama-3.1-70b-instruct/instances/i-1/metrics", method: .get,
                                              headers: [.accept: "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.4"])
            #expect(om.headers[.contentType]?.hasPrefix("application/openmetrics-text") == true)
            let omPage = ExpositionParser(options: .init(strict: true)).parse(Array(text(om).utf8), contentType: om.headers[.contentType])
            #expect(omPage.issues.isEmpty && omPage.format == .openMetrics)

            let health = try await client.execute(uri: "/chutes/llama-3.1-70b-instruct/instances/i-1/health", method: .get)
            #expect(health.status == .ok)
            let ready = try await client.execute(uri: "/chutes/llama-3.1-70b-instruct/instances/i-1/ready", method: .get)
            #expect(ready.status == .ok)
            #expect(HealthDecoder.decode(statusCode: 200, body: Array(text(ready).utf8)).status == .pass)
            let missing = try await client.execute(uri: "/chutes/llama-3.1-70b-instruct/instances/i-9/metrics", method: .get)
            #expect(missing.status == .notFound)
        }
    }

    @Test func logsBackfillAsServerSentEventsOfJSONLines() async throws {
        try await withSimulator { client, clock in
            clock.advance(60)
            let r = try await client.execute(uri: "/chutes/llama-3.1-70b-instruct/instances/i-1/logs?backfill=5&follow=false", method: .get)
            #expect(r.status == .ok)
            #expect(r.headers[.contentType] == "text/event-stream")
            var decoder = ServerSentEventDecoder()
            let events = decoder.feed(Array(String(buffer: r.body).utf8))
            #expect(events.count == 5)
            let entries = events.map { LogDecoder.decode($0.data) }
            #expect(entries.allSatisfy { $0.problem == nil && $0.entry.time != nil && $0.entry.level != nil && $0.entry.requestID != nil })
            #expect(entries.map { $0.entry.time! } == entries.map { $0.entry.time! }.sorted())
            // The same second gives the same lines.
            let again = try await client.execute(uri: "/chutes/llama-3.1-70b-instruct/instances/i-1/logs?backfill=5&follow=false", method: .get)
            #expect(String(buffer: again.body) == String(buffer: r.body))
            let missing = try await client.execute(uri: "/chutes/llama-3.1-70b-instruct/instances/i-7/logs", method: .get)
            #expect(missing.status == .notFound)
        }
    }

    @Test func scaleChangesTheCountAfterTheColdStart() async throws {
        try await withSimulator { client, clock in
            let r = try await client.execute(uri: "/api/v1/chutes/sdxl-turbo/scale", method: .post, body: ByteBuffer(string: #"{"instances":3}"#))
            #expect(r.status == .accepted)
            #expect((try json(r) as? [String: Any])?["target_instances"] as? Int == 3)
            clock.advance(30)
            var truth = try json(try await client.execute(uri: "/sim/truth", method: .get)) as? [String: Any]
            func ready() -> Int? { ((truth?["chutes"] as? [[String: Any]])?.first { $0["name"] as? String == "sdxl-turbo" })?["ready_instances"] as? Int }
            #expect(ready() == 1)
            clock.advance(90)
            truth = try json(try await client.execute(uri: "/sim/truth", method: .get)) as? [String: Any]
            #expect(ready() == 3)
        }
    }

    @Test func restartCyclesInstances() async throws {
        try await withSimulator { client, _ in
            let r = try await client.execute(uri: "/api/v1/chutes/sdxl-turbo/restart", method: .post)
            #expect(r.status == .accepted)
            let summary = try json(r) as? [String: Any]
            // Rolling: the first instance restarts now, the rest wait their turn.
            #expect((summary?["instances"] as? [[String: Any]])?.first?["phase"] as? String == "starting")
            #expect((summary?["instances"] as? [[String: Any]])?.first?["restarts"] as? Int == 1)
            let one = try await client.execute(uri: "/api/v1/chutes/sdxl-turbo/instances/i-1/restart", method: .post)
            #expect(one.status == .accepted)
            let ready = try await client.execute(uri: "/chutes/sdxl-turbo/instances/i-1/ready", method: .get)
            #expect(ready.status == .serviceUnavailable)
        }
    }

    @Test(arguments: [
        (#"{"instances":"x"}"#, "'instances' must be a whole number"),
        (#"{"instances":2.5}"#, "'instances' must be a whole number"),
        (#"{"replicas":2}"#, "unknown field 'replicas' (expected instances, min_instances or max_instances)"),
        ("not json", "the body is not a JSON object"),
        ("", "the body is empty; send JSON such as {\"instances\": 4}"),
        (#"{"instances":50}"#, "instances must be within 1..4 (got 50)"),
        (#"{"min_instances":3,"max_instances":1}"#, "need 0 <= min_instances <= max_instances <= 100 (got 3..1)"),
    ])
    func badBodiesGet400WithANamedProblem(body: String, message: String) async throws {
        try await withSimulator { client, _ in
            let r = try await client.execute(uri: "/api/v1/chutes/sdxl-turbo/scale", method: .post, body: ByteBuffer(string: body))
            #expect(r.status == .badRequest)
            #expect((try json(r) as? [String: String])?["error"] == message)
        }
    }

    @Test func unknownChuteIs404() async throws {
        try await withSimulator { client, _ in
            let r = try await client.execute(uri: "/api/v1/chutes/nope/restart", method: .post)
            #expect(r.status == .notFound)
            #expect((try json(r) as? [String: String])?["error"] == "unknown chute 'nope'")
        }
    }

    @Test func tokenIsRequiredWhenSet() async throws {
        try await withSimulator(token: "s3cret") { client, _ in
            let missing = try await client.execute(uri: "/api/v1/chutes", method: .get)
            let wrong = try await client.execute(uri: "/api/v1/chutes", method: .get, headers: [.authorization: "Bearer wrong"])
            let bearer = try await client.execute(uri: "/api/v1/chutes", method: .get, headers: [.authorization: "Bearer s3cret"])
            let basic = try await client.execute(uri: "/api/v1/chutes", method: .get, headers: [.authorization: "Basic s3cret"])
            #expect(missing.status == .unauthorized)
            #expect(String(buffer: missing.body) == #"{"error":"missing Authorization header"}"#)
            #expect(wrong.status == .unauthorized)
            #expect(bearer.status == .ok)
            #expect(basic.status == .ok)
            // Instance endpoints stay open, as a scrape target's are.
            let health = try await client.execute(uri: "/chutes/sdxl-turbo/instances/i-1/health", method: .get)
            #expect(health.status == .ok)
        }
    }

    @Test func sameSeedSameTruthSequenceOverHTTP() async throws {
        let first = Mutex<[String]>([])
        let second = Mutex<[String]>([])
        try await withSimulator { client, clock in
            for _ in 0..<5 {
                clock.advance(7)
                let body = String(buffer: try await client.execute(uri: "/sim/truth", method: .get).body)
                first.withLock { $0.append(body) }
            }
        }
        try await withSimulator { client, clock in
            for _ in 0..<5 {
                clock.advance(7)
                let body = String(buffer: try await client.execute(uri: "/sim/truth", method: .get).body)
                second.withLock { $0.append(body) }
            }
        }
        let a = first.withLock { $0 }, b = second.withLock { $0 }
        #expect(a.count == 5)
        #expect(a == b)
        #expect(Set(a).count == 5)
    }

    @Test func targetsListEveryInstanceForPrometheus() async throws {
        try await withSimulator { client, _ in
            let targets = try json(try await client.execute(uri: "/sim/targets", method: .get)) as? [[String: Any]]
            let truth = try json(try await client.execute(uri: "/sim/truth", method: .get)) as? [String: Any]
            let instances = (truth?["chutes"] as? [[String: Any]])?.reduce(0) { $0 + (($1["instances"] as? [Any])?.count ?? 0) }
            #expect(targets?.count == instances)
            #expect((instances ?? 0) >= 5)
            let first = targets?.first
            #expect((first?["labels"] as? [String: String])?["__metrics_path__"] == "/chutes/llama-3.1-70b-instruct/instances/i-1/metrics")
            #expect((first?["targets"] as? [String])?.first?.hasPrefix("127.0.0.1:") == true)
        }
    }
}
