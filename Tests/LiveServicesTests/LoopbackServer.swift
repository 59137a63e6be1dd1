import Hummingbird
import Logging

/// A Hummingbird server on an ephemeral loopback port for one test.
struct LoopbackServer {
    let baseURL: String
    let task: Task<Void, any Error>

    static func start(_ router: Router<BasicRequestContext>) async throws -> LoopbackServer {
        var logger = Logger(label: "test-server")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        let task = Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        return LoopbackServer(baseURL: "http://127.0.0.1:\(port)", task: task)
    }

    func stop() { task.cancel() }

    /// Stops and waits until the server has shut down. A test that connects right after
    /// stopping must use this: a connection accepted while Hummingbird shuts down traps in a
    /// debug build ("Deinited NIOAsyncWriter without calling finish()"), taking the whole test
    /// process down (a fresh-clone run did).
    func stopped() async { task.cancel(); _ = await task.result }
}
