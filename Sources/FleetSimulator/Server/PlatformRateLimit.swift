import Foundation
import Hummingbird
import Synchronization

/// The platform's rate limit as the facade plays it (CHUTES-PLATFORM.md §4.6, §10: about 60
/// requests a minute per load balancer): at most `perMinute` requests to /platform/ in each
/// minute of real time, then 429 with `Retry-After` (the seconds left in that minute) and
/// FastAPI's `{"detail": …}` until the minute is over. 0 turns it off.
final class PlatformRateLimit: RouterMiddleware {
    typealias Context = BasicRequestContext
    let perMinute: Int
    private let window = Mutex<(start: ContinuousClock.Instant, count: Int)>((ContinuousClock.now, 0))

    init(perMinute: Int) { self.perMinute = perMinute }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard perMinute > 0 else { return try await next(request, context) }
        let wait = window.withLock { w -> Double? in
            let now = ContinuousClock.now
            if now - w.start >= .seconds(60) { w = (now, 0) }
            w.count += 1
            guard w.count > perMinute else { return nil }
            let left = (w.start + .seconds(60)) - now
            return Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18
        }
        guard let wait else { return try await next(request, context) }
        var response = PlatformFacade.detail(.tooManyRequests, "Too many requests, slow down")
        response.headers[.retryAfter] = String(Int(wait.rounded(.up)))
        return response
    }
}
