import Hummingbird
import Logging
import Synchronization

/// Runs the simulator's HTTP listener, standalone (`chutetop sim`) or embedded in-process on an
/// ephemeral loopback port (`demo`, tests).
public enum SimulatorServer {
    /// Serves until SIGINT or SIGTERM (`chutetop sim`; in-process, `InProcessSimulator` stops
    /// it). `onStarted` receives the bound port (useful with port 0).
    public static func serve(engine: SimulatorEngine, host: String, port: Int, token: String?,
                             logger: Logger, platformRequestsPerMinute: Int = PlatformFacade.defaultRequestsPerMinute,
                             onStarted: @escaping @Sendable (Int) -> Void) async throws {
        let app = application(engine: engine, host: host, port: port, token: token, logger: logger,
                               platformRequestsPerMinute: platformRequestsPerMinute, onStarted: onStarted)
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}

extension SimulatorServer {
    /// The Hummingbird application, for `serve` and for live tests.
    public static func application(engine: SimulatorEngine, host: String, port: Int, token: String?, logger: Logger,
                                   platformRequestsPerMinute: Int = PlatformFacade.defaultRequestsPerMinute,
                                   onStarted: @escaping @Sendable (Int) -> Void = { _ in }) -> some ApplicationProtocol {
        let bound = BoundPort(port)
        let router = SimulatorRoutes.router(engine: engine, token: token, advertisedHost: { "\(host):\(bound.value)" },
                                            platformRequestsPerMinute: platformRequestsPerMinute)
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "chutetop-sim"),
            onServerRunning: { channel in
                let actual = channel.localAddress?.port ?? port
                bound.set(actual)
                onStarted(actual)
            },
            logger: logger
        )
    }
}

final class BoundPort: Sendable {
    private let port: Mutex<Int>
    init(_ port: Int) { self.port = Mutex(port) }
    var value: Int { port.withLock { $0 } }
    func set(_ p: Int) { port.withLock { $0 = p } }
}
