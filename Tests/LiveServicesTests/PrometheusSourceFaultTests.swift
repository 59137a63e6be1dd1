import Dashboard
import FleetEngine
import Foundation
import Hummingbird
import Monitoring
import TestSupport
import TestLanes
import Testing
@testable import LiveServices

/// The Prometheus source against a loopback server that plays Prometheus' API badly: down, too
/// slow, 503 from a proxy, an error reply, and a partial answer (one query failing, warnings on
/// the others). Each is a reading with the error in words, recorded as the source's problem with
/// its start, and nothing is shown as live that is not. The server sits under a path prefix, as
/// Mimir and Thanos do.
@Suite(.lane(.live)) struct PrometheusSourceFaultTests {
    static let vector = #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"chute":"a","chute_instance":"i-1"},"value":[1,"2.5"]}]}"#

    func server() async throws -> LoopbackServer {
        let router = Router()
        router.post(":mode/api/v1/query") { request, context -> Response in
            let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
            let query = URLComponents(string: "?" + body)?.queryItems?.first { $0.name == "query" }?.value ?? ""
            switch context.parameters.get("mode") ?? "" {
            case "slow":
                try await Task.sleep(for: .seconds(8))
                return Self.json(Self.vector)
            case "unavailable":
                return Response(status: .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(string: "<html>upstream down</html>")))
            case "error":
                return Response(status: .unprocessableContent, headers: [.contentType: "application/json"],
                                body: .init(byteBuffer: ByteBuffer(string: #"{"status":"error","errorType":"execution","error":"query timed out in expression evaluation"}"#)))
            case "partial" where query.contains("_bucket"):
                return Response(status: .badRequest, headers: [.contentType: "application/json"],
                                body: .init(byteBuffer: ByteBuffer(string: #"{"status":"error","errorType":"bad_data","error":"no buckets"}"#)))
            case "partial":
                return Self.json(#"{"status":"success","warnings":["store gateway eu-1 unreachable: results may be incomplete"],"data":{"resultType":"vector","result":[{"metric":{"chute":"a","chute_instance":"i-1"},"value":[1,"2.5"]}]}}"#)
            default:
                return Self.json(Self.vector)
            }
        }
        return try await LoopbackServer.start(router)
    }

    static func json(_ s: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: s)))
    }

    /// A read timeout of 2 s for the slow server (8 s), far longer ones elsewhere: a loaded test
    /// run can hold a loopback answer for seconds, and only the slow case is about timeouts.
    func source(_ url: String, readTimeout: Double = 30) throws -> PrometheusSource {
        var settings = PollSettings()
        settings.connectTimeout = 5
        settings.readTimeout = readTimeout
        return try PrometheusSource(PrometheusSourceConfig(url: url), settings: settings)
    }

    func read(_ source: PrometheusSource, _ kind: ProbeKind) async -> SourceReading {
        await source.read(.fleet(kind), in: FleetInventory(chutes: [.init(name: "a", instances: [.init(id: "i-1")])]), names: .standard)
    }

    func failure(_ reading: SourceReading) -> String? {
        if case .failed(let e) = reading { return e }
        return nil
    }

    @Test func eachFaultIsAReadingThatSaysWhy() async throws {
        let s = try await server()
        defer { s.stop() }
        let down = try source("http://127.0.0.1:\(BackgroundProcess.freePort())")
        let slow = try source(s.baseURL + "/slow", readTimeout: 2)
        let unavailable = try source(s.baseURL + "/unavailable")
        let error = try source(s.baseURL + "/error")
        defer { Task { for x in [down, slow, unavailable, error] { await x.shutdown() } } }

        let refused = try #require(failure(await read(down, .metrics)))
        #expect(refused.contains("refused"), "\(refused)")
        let late = try #require(failure(await read(slow, .health)))
        #expect(late.hasSuffix(": no data for 2 s (read timeout)"), "\(late)")
        let proxy = try #require(failure(await read(unavailable, .metrics)))
        // The proxy's page in one line: the status and what the page says.
        #expect(proxy.hasSuffix("answered HTTP 503 Service Unavailable: upstream down"), "\(proxy)")
        let refusedQuery = try #require(failure(await read(error, .metrics)))
        #expect(refusedQuery.contains("execution: query timed out in expression evaluation"), "\(refusedQuery)")

        // Listing while down: the source's error in place of a fleet, never an empty fleet.
        let listed = await down.inventory()
        #expect(listed.chutes.count == 1 && listed.chutes[0].controlError?.contains("refused") == true, "\(listed.chutes)")
    }

    @Test func aPartialAnswerKeepsWhatWorkedAndSaysWhatDidNot() async throws {
        let s = try await server()
        defer { s.stop() }
        let partial = try source(s.baseURL + "/partial")
        defer { Task { await partial.shutdown() } }
        guard case .figures(let f) = await read(partial, .metrics) else { Issue.record("no figures"); return }
        #expect(f.chutes.first?.requestRate == 2.5)
        #expect(f.chutes.first?.p95 == nil && f.chutes.first?.p50 == nil, "quantiles whose query failed are unknown, not 0")
        #expect(f.problems.contains { $0.contains("latencyBuckets failed") && $0.contains("no buckets") }, "\(f.problems)")
        #expect(f.problems.contains { $0.contains("store gateway eu-1 unreachable") }, "warnings are shown: \(f.problems)")

        // Judged: the figures that came are shown with their age; the problem is the source's,
        // marked partial, with when it began.
        var o = FleetObservations(intervals: ReadingPlan(fleetWide: [.health, .metrics]).effective(ProbeIntervals()))
        o.update(FleetInventory(chutes: [.init(name: "a", instances: [.init(id: "i-1")])]))
        o.recordFleetWide(.figures(f), kind: .metrics, at: f.time)
        #expect(o.sourceProblems.count == 1 && o.sourceProblems[0].partial && o.sourceProblems[0].since == f.time)
        let picture = o.picture(at: f.time + 1)
        #expect(picture.chutes[0].requestRate.value == 2.5 && picture.chutes[0].p95.value == nil)
        // Without a readiness expression readiness is not read, and the counts say so.
        #expect(!picture.chutes[0].counts.readinessRead && picture.chutes[0].counts.readyWord == "up")
        // Long after, with no new answer: nothing is shown as live.
        let later = o.picture(at: f.time + 600)
        #expect(later.chutes[0].requestRate.value == nil && later.chutes[0].instances[0].requestRate.value == nil)
    }
}
