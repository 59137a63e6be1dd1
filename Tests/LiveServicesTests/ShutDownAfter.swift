@testable import LiveServices

/// Runs `body`, then shuts `fetcher` down whether `body` returned or threw: a fetcher dropped
/// without `shutdown()` stops the whole test process in debug builds (AsyncHTTPClient's check),
/// so one failed expectation under load must not take every other suite's results with it.
func shutDownAfter<T>(_ fetcher: HTTPFetcher, _ body: (HTTPFetcher) async throws -> T) async throws -> T {
    do {
        let value = try await body(fetcher)
        await fetcher.shutdown()
        return value
    } catch {
        await fetcher.shutdown()
        throw error
    }
}

/// The same for a direct source (its fetcher).
func shutDownAfter<T>(_ source: DirectSource, _ body: (DirectSource) async throws -> T) async throws -> T {
    do {
        let value = try await body(source)
        await source.shutdown()
        return value
    } catch {
        await source.shutdown()
        throw error
    }
}
