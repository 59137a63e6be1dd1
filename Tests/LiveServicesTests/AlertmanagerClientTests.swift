import Dashboard
import FleetEngine
import Foundation
import Hummingbird
import Monitoring
import Synchronization
import TestSupport
import TestLanes
import Testing
@testable import LiveServices

/// The Alertmanager client against a real Alertmanager 0.25: an alert posted to it is read back
/// with its labels and annotations; a silence prepared as an action and run by the ActionRunner
/// is created once (audited, its id in the outcome), mutes the alert, and is expired the same
/// way. A dead Alertmanager is a reading with the reason. Its credential goes to its origin only:
/// a URL elsewhere is refused, and a redirect is not followed.
@Suite(.lane(.live), .serialized, .enabled(if: AlertmanagerServer.shouldRun, "prometheus-alertmanager is not installed"))
struct AlertmanagerClientTests {
    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-\(name)-\(UUID().uuidString)").path
    }

    /// Polls `condition` every 200 ms; the bound is for liveness only.
    static func waitUntil(_ what: String, _ am: AlertmanagerServer, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("timed out waiting for \(what); alertmanager log:\n\(am.process.logTail)")
        throw CancellationError()
    }

    @Test func readsAlertsAndSilencesThroughTheRunner() async throws {
        let am = try AlertmanagerServer()
        defer { am.stop() }
        let client = try AlertmanagerClient(AlertmanagerConfig(url: am.url), settings: PollSettings())
        let plain = HTTPFetcher(settings: PollSettings(), tls: TLSSettings(), authorization: nil)
        let alert = #"[{"labels":{"alertname":"ChuteErrorRate","chute":"sdxl-turbo","severity":"critical"},"#
            + #""annotations":{"summary":"5xx ratio 12%","description":"too many errors"}}]"#
        var read: [AlertmanagerAlert] = []
        try await Self.waitUntil("the posted alert read back", am) {
            _ = try? await plain.post(am.url + "/api/v2/alerts", json: Array(alert.utf8))
            if case .alerts(let list) = await client.alerts() { read = list }
            return read.count == 1
        }
        let a = try #require(read.first)
        #expect(a.name == "ChuteErrorRate" && a.chute == "sdxl-turbo" && a.severity == .critical)
        #expect(a.summary == "5xx ratio 12%" && a.description == "too many errors" && a.isFiring && a.startsAt != nil)

        let audit = AuditLog(path: Self.temporary("audit") + "/audit.jsonl")
        let runner = ActionRunner(control: nil, settings: PollSettings(), audit: audit, alertmanager: client)
        let catalog = SilenceActions.catalog(alertmanager: client.endpoint)
        let settings = SilenceActions.Settings(alertmanager: client.endpoint, now: Date().timeIntervalSince1970, createdBy: "test@host")
        let target = PreparedAction.Target(context: "t", chute: "sdxl-turbo")
        let silence = try PreparedAction.prepare(catalog[0], target: target, inputs: ["duration": "1h", "comment": "client test"],
                                                 controlAPI: nil, environment: [:], silence: settings).get()
        let outcome = await runner.run(silence, dryRun: false)
        #expect(outcome.succeeded && outcome.detail.hasPrefix("HTTP 200 silence "), "\(outcome)")
        let id = String(outcome.detail.dropFirst("HTTP 200 silence ".count))
        let silences = try await client.silences()
        let created = try #require(silences.first { $0.id == id })
        #expect(created.matchers == [SilenceMatcher(name: "chute", value: "sdxl-turbo")] && created.createdBy == "test@host" && created.state == .active)
        try await Self.waitUntil("the alert muted by the silence", am) {
            if case .alerts(let list) = await client.alerts() { read = list }
            return read.first?.silencedBy == [id]
        }
        #expect(read.first?.state == .suppressed && read.first?.isFiring == false)

        let expire = try PreparedAction.prepare(catalog[1], target: target, inputs: ["silence": id], controlAPI: nil, environment: [:],
                                                silence: settings).get()
        let expired = await runner.run(expire, dryRun: false)
        #expect(expired.succeeded && expired.detail == "HTTP 200", "\(expired)")
        #expect(try await client.silences().first { $0.id == id }?.state == .expired)
        #expect(audit.recent().map { "\($0.action) \($0.phase)" } == ["silence intent", "silence result", "expire-silence intent", "expire-silence result"])
        await runner.shutdown()
        await plain.shutdown()
        await client.shutdown()
    }

    @Test func aDeadAlertmanagerIsAReadingWithTheReason() async throws {
        let client = try AlertmanagerClient(AlertmanagerConfig(url: "http://127.0.0.1:\(BackgroundProcess.freePort())"), settings: PollSettings())
        guard case .failed(let reason) = await client.alerts() else { Issue.record("read a dead Alertmanager"); return }
        #expect(reason.hasPrefix("alertmanager: ") && reason.count > "alertmanager: ".count)
        await client.shutdown()
    }

    @Test func itsCredentialGoesToItsOriginOnly() async throws {
        let seen = Mutex<[String]>([])
        let elsewhere = Router()
        elsewhere.get("api/v2/alerts") { request, _ -> Response in
            seen.withLock { $0.append("elsewhere " + (request.headers[.authorization] ?? "none")) }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "[]")))
        }
        let other = try await LoopbackServer.start(elsewhere)
        let home = Router()
        home.get("api/v2/alerts") { request, _ -> Response in
            seen.withLock { $0.append("home " + (request.headers[.authorization] ?? "none")) }
            return Response(status: .found, headers: [.location: other.baseURL + "/api/v2/alerts"])
        }
        let server = try await LoopbackServer.start(home)
        let tokenFile = Self.temporary("am-token")
        _ = FileManager.default.createFile(atPath: tokenFile, contents: Data("s3cret\n".utf8), attributes: [.posixPermissions: 0o600])
        let config = AlertmanagerConfig(url: server.baseURL, credentials: CredentialSpec(scheme: .bearer, secret: .file(tokenFile)))
        let client = try AlertmanagerClient(config, settings: PollSettings())
        guard case .failed(let reason) = await client.alerts() else { Issue.record("a redirect was followed"); return }
        #expect(reason.contains("HTTP 302"), "\(reason)")
        #expect(seen.withLock { $0 } == ["home Bearer s3cret"])
        await #expect(throws: FetchError.self) {
            try await client.send(method: "POST", url: other.baseURL + "/api/v2/silences", headers: [], body: "{}")
        }
        #expect(seen.withLock { $0 } == ["home Bearer s3cret"], "nothing reached the other origin")
        await client.shutdown()
        server.stop()
        other.stop()
        try? FileManager.default.removeItem(atPath: tokenFile)
    }
}
