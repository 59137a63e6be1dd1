import FleetEngine
@testable import LiveServices

/// Something holding connections that must be shut down before it is dropped.
protocol ShutDownFirst: Sendable {
    func shutdown() async
}

extension HTTPFetcher: ShutDownFirst {}
extension DirectSource: ShutDownFirst {}
extension ScrapeClient: ShutDownFirst {}
extension PathClient: ShutDownFirst {}

/// Runs `body`, then shuts `holder` down whether `body` returned or threw: a fetcher dropped
/// without `shutdown()` stops the whole test process in debug builds (AsyncHTTPClient's check),
/// so one failed expectation under load must not take every other suite's results with it.
func shutDownAfter<Holder: ShutDownFirst, T>(_ holder: Holder, _ body: (Holder) async throws -> T) async throws -> T {
    do {
        let value = try await body(holder)
        await holder.shutdown()
        return value
    } catch {
        await holder.shutdown()
        throw error
    }
}

/// Timeouts far beyond what a loopback answer takes, so only the behaviour under test can end
/// a request even when a full parallel run starves this process's event loops (a CI run saw
/// "no complete response within 2 s" on loopback redirects with 1 s + 1 s).
func generousSettings(_ change: (inout PollSettings) -> Void = { _ in }) -> PollSettings {
    var s = PollSettings()
    s.connectTimeout = 10
    s.readTimeout = 20
    change(&s)
    return s
}
