import Foundation
import Ingest
import Monitoring
import TestSupport
import TestLanes
import Testing

@Suite(.lane(.compute)) struct HealthDecoderTests {
    func decode(_ code: Int?, _ body: String) -> HealthReport {
        HealthDecoder.decode(statusCode: code, body: Array(body.utf8))
    }

    func fixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: BuildProducts.packageRoot().appendingPathComponent("Fixtures/health/\(name)")))
    }

    @Test func statusCodeFirst() {
        #expect(decode(200, "").status == .pass)
        #expect(decode(204, "").status == .pass)
        #expect(decode(503, "").status == .fail)
        #expect(decode(nil, "").status == .fail)
        #expect(decode(301, "").status == .pass)
    }

    @Test func theWorseOfCodeAndWordWins() {
        #expect(decode(200, #"{"status":"degraded"}"#).status == .warn)
        #expect(decode(200, #"{"status":"DOWN"}"#).status == .fail)
        #expect(decode(503, #"{"status":"ok"}"#).status == .fail)
        #expect(decode(200, #"{"status":"not_ready"}"#).status == .fail)
        #expect(decode(200, #"{"healthy":true}"#).status == .pass)
        #expect(decode(200, "OK").status == .pass)
        #expect(decode(200, "unhealthy\n").status == .fail)
        #expect(decode(200, #""healthy""#).status == .pass)
    }

    @Test func checksAsAnObjectOfBooleansStringsAndObjects() throws {
        let r = HealthDecoder.decode(statusCode: 200, body: try fixture("project-ready.json"))
        #expect(r.status == .pass)
        #expect(r.checks == [HealthCheck(name: "cache", status: .warn), HealthCheck(name: "database", status: .pass),
                             HealthCheck(name: "upstream-model", status: .fail, message: "connection refused")])
    }

    @Test func ietfHealthJSONWithABOM() throws {
        let r = HealthDecoder.decode(statusCode: 200, body: try fixture("ietf-health.json"))
        #expect(r.status == .pass)
        #expect(r.bodyProblem == nil)
        #expect(r.checks.first == HealthCheck(name: "cassandra:responseTime", status: .warn, message: "observed 250 ms"))
    }

    @Test func springComponents() throws {
        let r = HealthDecoder.decode(statusCode: 503, body: try fixture("spring-down.json"))
        #expect(r.status == .fail)
        #expect(r.checks.map(\.status) == [.pass, .fail])
    }

    @Test func arrayOfNamedChecks() throws {
        let r = HealthDecoder.decode(statusCode: 200, body: try fixture("checks-array.json"))
        #expect(r.status == .warn)
        #expect(r.checks[1] == HealthCheck(name: "kv-cache", status: .warn, message: "usage 97%"))
    }

    @Test func htmlAndTruncatedBodiesLeaveItToTheCode() throws {
        let html = HealthDecoder.decode(statusCode: 502, body: try fixture("nginx-502.html"))
        #expect(html.status == .fail)
        #expect(html.bodyProblem?.contains("HTML") == true)
        let cut = HealthDecoder.decode(statusCode: 200, body: try fixture("truncated.json"))
        #expect(cut.status == .pass)
        #expect(cut.bodyProblem?.contains("not valid JSON") == true)
    }

    @Test func checkNamesAndMessagesAreSanitised() {
        let r = decode(200, #"{"status":"ok","checks":{"db\u001b[2J":{"status":"down","message":"boom\u001b]0;pwned\u0007"}}}"#)
        #expect(r.checks == [HealthCheck(name: "db", status: .fail, message: "boom")])
    }
}
