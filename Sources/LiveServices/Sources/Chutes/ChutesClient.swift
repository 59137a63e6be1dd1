import Dashboard
import FleetEngine
import Foundation
import Ingest
import Synchronization

/// Requests to the Chutes platform's management API with the account's key, and its limits
/// handled (CHUTES-PLATFORM.md §1, §4.6): a 429's `Retry-After` is honoured — no request is
/// sent until it has passed, and the wait is said — and 401/403 are explained (the key, its
/// scope, the admin key monitoring endpoints need). Every failure is one sentence.
final class ChutesClient: Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let base: String
    let fetcher: HTTPFetcher
    /// For event streams (logs, a warm-up): the same key, a long read timeout, since a stream
    /// may be quiet for a while without being dead.
    let streams: HTTPFetcher
    private let clock: WallClock
    /// No request before this time (a 429's Retry-After), and what the platform said.
    private let backoff = Mutex<(until: Double, said: String)?>(nil)

    /// Without a Retry-After, a 429 waits this long (the platform's bans grow on repeat).
    static let defaultWait = 60.0

    /// How long an event stream may be quiet before it counts as dead.
    static let streamReadTimeout = 120.0

    init(base: String, settings: PollSettings, tls: TLSSettings, authorization: String, clock: WallClock) {
        self.base = base
        fetcher = HTTPFetcher(settings: settings, tls: tls, authorization: authorization)
        var long = settings
        long.readTimeout = max(settings.readTimeout, Self.streamReadTimeout)
        streams = HTTPFetcher(settings: long, tls: tls, authorization: authorization)
        self.clock = clock
    }

    func shutdown() async {
        await fetcher.shutdown()
        await streams.shutdown()
    }

    /// A JSON answer's body, or why not.
    func get(_ path: String) async throws(Failure) -> [UInt8] {
        try checkBackoff()
        let r: HTTPFetcher.Response
        do { r = try await fetcher.get(base + path, accept: "application/json") } catch {
            throw Failure(description: "the Chutes platform at \(base): \(error)")
        }
        try check(r, path: path)
        return r.body
    }

    /// Throws while a 429's wait lasts, saying until when.
    func checkBackoff() throws(Failure) {
        let now = clock.now()
        guard let b = backoff.withLock({ $0 }), b.until > now else { return }
        // The time, not "N s more": the text stays on screen until the next poll, and a
        // countdown frozen there would be wrong a second later.
        let t = Int(b.until.rounded(.up)) % 86_400
        let until = String(format: "%02d:%02d:%02d UTC", t / 3600, t / 60 % 60, t % 60)
        throw Failure(description: "\(b.said); not asking again before \(until)")
    }

    /// A non-2xx answer as a sentence; a 429 starts the wait it asks for.
    func check(_ r: HTTPFetcher.Response, path: String) throws(Failure) {
        guard !(200..<300).contains(r.status) else { return }
        let detail = Self.detail(r.body)
        switch r.status {
        case 429:
            let wait = r.retryAfter.flatMap(Self.retryAfter) ?? Self.defaultWait
            let said = "the platform is rate-limiting this key (HTTP 429, Retry-After \(r.retryAfter.map(TerminalSanitizer.sanitize) ?? "not given: \(Int(Self.defaultWait)) s assumed"))"
            backoff.withLock { $0 = (clock.now() + wait, said) }
            throw Failure(description: said)
        case 401:
            throw Failure(description: "the platform refused the key (HTTP 401\(detail)): check the key (cpk_…) and its variable or file; "
                          + "a scoped key is refused on monitoring endpoints: use an admin key (chutes keys create --admin)")
        case 403:
            throw Failure(description: "the platform forbids this (HTTP 403\(detail)) on \(path): the key's account does not own it, "
                          + "or the endpoint needs an admin key or a private chute")
        case 404:
            throw Failure(description: "the platform has no \(path) (HTTP 404\(detail))")
        default:
            throw Failure(description: "the platform answered HTTP \(r.status)\(detail) on \(path)")
        }
    }

    /// FastAPI's `{"detail": "…"}`, as ": …" (sanitised), or nothing.
    static func detail(_ body: [UInt8]) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return "" }
        if let text = object["detail"] as? String { return ": " + TerminalSanitizer.sanitize(String(text.prefix(200))) }
        return ""
    }

    /// `Retry-After` in seconds (a number; an HTTP date is not expected from this API).
    static func retryAfter(_ value: String) -> Double? {
        Double(value.trimmingCharacters(in: .whitespaces)).flatMap { $0 >= 0 && $0 <= 86_400 ? $0 : nil }
    }
}
