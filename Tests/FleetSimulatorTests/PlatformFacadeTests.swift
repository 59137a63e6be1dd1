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

/// The /platform/ facade answers in the Chutes platform's shapes: our own ChutesAPI decoders and
/// log-frame decoder read every reply.
@Suite(.lane(.live)) struct PlatformFacadeTests {
    func withFacade(token: String? = nil, perMinute: Int = PlatformFacade.defaultRequestsPerMinute,
                    _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let start = 1_795_334_400.0 + 16 * 3600
        let engine = SimulatorEngine(simulation: FleetSimulation(profiles: ChuteCatalog.fleet(chutes: 4, seed: 11), seed: 11, startTime: start),
                                     clock: { start + 60 })
        var logger = Logger(label: "facade-test")
        logger.logLevel = .error
        try await SimulatorServer.application(engine: engine, host: "127.0.0.1", port: 0, token: token, logger: logger,
                                                  platformRequestsPerMinute: perMinute).test(.live) { try await body($0) }
    }

    func data(_ r: TestResponse) -> Data { Data(buffer: r.body) }

    @Test func listDetailAndUtilisationDecodeWithTheChutesDecoders() async throws {
        try await withFacade { client in
            let list = try ChutesAPI.chutePage(data(try await client.execute(uri: "/platform/chutes/?page=0&limit=2", method: .get)))
            #expect(list.total == 4 && list.limit == 2)
            #expect(list.items.map(\.name) == ["llama-3.1-70b-instruct", "deepseek-r1-distill-qwen-32b"])
            #expect(list.items[0].gpuCount == 8 && list.items[0].hot == true)
            let second = try ChutesAPI.chutePage(data(try await client.execute(uri: "/platform/chutes/?page=1&limit=2", method: .get)))
            #expect(second.items.map(\.name) == ["qwen2.5-coder-32b-instruct", "sdxl-turbo"])

            let byName = try ChutesAPI.chute(data(try await client.execute(uri: "/platform/chutes/sdxl-turbo", method: .get)))
            let byID = try ChutesAPI.chute(data(try await client.execute(uri: "/platform/chutes/\(byName.chuteID)", method: .get)))
            #expect(byID.name == "sdxl-turbo" && byID.instances.count == byName.instances.count)
            let missing = try await client.execute(uri: "/platform/chutes/nope", method: .get)
            #expect(missing.status == .notFound)
            #expect(String(buffer: missing.body) == #"{"detail":"Chute not found"}"#)

            let rows = try ChutesAPI.utilization(data(try await client.execute(uri: "/platform/chutes/utilization", method: .get)))
            #expect(rows.count == 4)
            #expect(rows[0].activeInstanceCount == 2 && (rows[0].totalRequests5m ?? 0) > 0)
        }
    }

    @Test func disableDeletesInstancesAndRefusesWarmUpEnableRestores() async throws {
        try await withFacade { client in
            let off = try await client.execute(uri: "/platform/chutes/sdxl-turbo", method: .put, body: ByteBuffer(string: #"{"disabled": true}"#))
            #expect(off.status == .ok)
            let warm = try await client.execute(uri: "/platform/chutes/warmup/sdxl-turbo?quick=true", method: .get)
            #expect(warm.status == .serviceUnavailable)
            #expect(String(buffer: warm.body) == #"{"detail":"This chute is currently disabled."}"#)
            let bad = try await client.execute(uri: "/platform/chutes/sdxl-turbo", method: .put, body: ByteBuffer(string: #"{"disabled": "yes"}"#))
            #expect(bad.status == .unprocessableContent)
            let on = try ChutesAPI.chute(data(try await client.execute(uri: "/platform/chutes/sdxl-turbo", method: .put, body: ByteBuffer(string: #"{"disabled": false}"#))))
            #expect(on.instances.count == 1 && on.instances[0].active == false)  // starting cold again
        }
    }

    @Test func quickWarmUpStartsAColdChute() async throws {
        try await withFacade { client in
            _ = try await client.execute(uri: "/api/v1/chutes/sdxl-turbo/scale", method: .post, body: ByteBuffer(string: #"{"instances":0,"min_instances":0}"#))
            let w = try ChutesAPI.quickWarmup(data(try await client.execute(uri: "/platform/chutes/warmup/sdxl-turbo?quick=true", method: .get)))
            #expect(w.status == "cold")
            #expect(w.instanceCount == 1 && w.instances.first?.active == false && w.instances.first?.gpuModel == "l40s")
        }
    }

    @Test func warmUpStreamsUntilHot() async throws {
        try await withFacade { client in
            let r = try await client.execute(uri: "/platform/chutes/warmup/llama-3.1-70b-instruct", method: .get)
            #expect(r.headers[.contentType] == "text/event-stream")
            var decoder = ServerSentEventDecoder()
            let events = decoder.feed(Array(String(buffer: r.body).utf8))
            #expect(events.map(\.data) == [#"{"log":"chute is hot, 2 instances available","status":"hot"}"#])
        }
    }

    @Test func instanceLogsAreSidecarFrames() async throws {
        try await withFacade { client in
            let chute = try ChutesAPI.chute(data(try await client.execute(uri: "/platform/chutes/llama-3.1-70b-instruct", method: .get)))
            let id = try #require(chute.instances.first?.instanceID)
            let r = try await client.execute(uri: "/platform/instances/\(id)/logs?backfill=3&follow=false", method: .get)
            var decoder = ServerSentEventDecoder()
            let frames = decoder.feed(Array(String(buffer: r.body).utf8)).map(ChutesLogFrame.decode)
            #expect(frames.first == .control(event: "connected", detail: "filename=current"))
            #expect(frames.dropFirst().count == 3)
            for case .line(let text) in frames.dropFirst() { #expect(LogDecoder.decode(text).entry.requestID != nil) }
            #expect(try await client.execute(uri: "/platform/instances/nope/logs", method: .get).status == .notFound)
        }
    }

    @Test func theFacadeReadsTheLastTokenOfAuthorization() async throws {
        try await withFacade(token: "cpk_test") { client in
            let none = try await client.execute(uri: "/platform/chutes/", method: .get)
            let basic = try await client.execute(uri: "/platform/chutes/", method: .get, headers: [.authorization: "Basic cpk_test"])
            let raw = try await client.execute(uri: "/platform/chutes/", method: .get, headers: [.authorization: "cpk_test"])
            #expect(none.status == .unauthorized)
            #expect(basic.status == .ok && raw.status == .ok)
        }
    }

    /// A burst beyond the minute's allowance: 429, `Retry-After` in seconds (at most the
    /// minute), FastAPI's detail; the other routes are not limited.
    @Test func aBurstIsRateLimitedWithRetryAfter() async throws {
        try await withFacade(perMinute: 3) { client in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<5 { statuses.append(try await client.execute(uri: "/platform/chutes/utilization", method: .get).status) }
            #expect(statuses == [.ok, .ok, .ok, .tooManyRequests, .tooManyRequests])
            let limited = try await client.execute(uri: "/platform/chutes/", method: .get)
            let wait = try #require(limited.headers[.retryAfter].flatMap(Int.init))
            #expect((1...60).contains(wait))
            #expect(String(buffer: limited.body) == #"{"detail":"Too many requests, slow down"}"#)
            #expect(try await client.execute(uri: "/sim/truth", method: .get).status == .ok)
        }
    }

    /// Numbers as the platform's numeric columns serialise them: strings, which the decoders take.
    @Test func utilisationAndThresholdArriveAsStrings() async throws {
        try await withFacade { client in
            let body = try await client.execute(uri: "/platform/chutes/utilization", method: .get)
            let rows = try #require(try JSONSerialization.jsonObject(with: data(body)) as? [[String: Any]])
            #expect(rows[0]["utilization_current"] is String && rows[0]["rate_limit_ratio_5m"] is String)
            let decoded = try ChutesAPI.utilization(data(body))
            #expect(decoded[0].utilizationCurrent.map { (0...1).contains($0) } == true)
            let chute = try await client.execute(uri: "/platform/chutes/sdxl-turbo", method: .get)
            let raw = try #require(try JSONSerialization.jsonObject(with: data(chute)) as? [String: Any])
            #expect(raw["scaling_threshold"] is String)
            #expect(try ChutesAPI.chute(data(chute)).scalingThreshold.map { String($0) } == raw["scaling_threshold"] as? String)
        }
    }
}
