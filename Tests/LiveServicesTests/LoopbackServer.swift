import FleetSimulator
import Hummingbird
import Logging

/// A Hummingbird server on an ephemeral loopback port for one test, stopped gracefully (see
/// `GracefulServer`: cancelling a server while a client connects traps in NIO).
struct LoopbackServer {
    let baseURL: String
    private let server: GracefulServer

    static func start(_ router: Router<BasicRequestContext>) async throws -> LoopbackServer {
        var logger = Logger(label: "test-server")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        let server = GracefulServer(app, logger: logger)
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        return LoopbackServer(baseURL: "http://127.0.0.1:\(port)", server: server)
    }

    /// Begins to stop; returns at once.
    func stop() { server.stop() }

    /// Stops and waits until the server has stopped (a test that expects a refused connection
    /// right after stopping needs the listener closed).
    func stopped() async { await server.stopped() }
}
