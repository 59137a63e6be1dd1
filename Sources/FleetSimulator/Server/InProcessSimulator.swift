import Foundation
import Logging

/// The simulated fleet inside the chutetop process, served on an ephemeral loopback port so
/// chutetop reads it through the very same HTTP path as real chutes.
public final class InProcessSimulator: Sendable {
    public let baseURL: String
    private let server: GracefulServer

    private init(baseURL: String, server: GracefulServer) {
        self.baseURL = baseURL
        self.server = server
    }

    /// Starts the simulator (`scenario`: a built-in name or a file); throws for an unknown
    /// scenario or a listener that cannot start. `token` guards the control API and the
    /// /platform facade; `platformRequestsPerMinute` is the facade's rate limit (0: none).
    /// `clock` (simulated seconds since the epoch) replaces real time, for a test that steps
    /// simulated minutes in a moment.
    public static func start(scenario: String?, seed: UInt64, chutes: Int = ChuteCatalog.defaultCount, token: String? = nil,
                             platformRequestsPerMinute: Int = PlatformFacade.defaultRequestsPerMinute,
                             speed: Double = 1, clock: (@Sendable () -> Double)? = nil) async throws -> InProcessSimulator {
        let begin = clock?() ?? Date().timeIntervalSince1970
        var simulation = FleetSimulation(profiles: ChuteCatalog.fleet(chutes: chutes, seed: seed), seed: seed, startTime: begin)
        if let scenario { try simulation.load(try ScenarioCatalog.load(scenario)) }
        let engine = SimulatorEngine(simulation: simulation, clock: clock ?? SimulatorEngine.realTime(start: begin, speed: speed))
        var logger = Logger(label: "chutetop.simulator")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = SimulatorServer.application(engine: engine, host: "127.0.0.1", port: 0, token: token, logger: logger,
                                              platformRequestsPerMinute: platformRequestsPerMinute) { continuation.yield($0) }
        let server = GracefulServer(app, logger: logger)
        Task {
            _ = await server.result
            continuation.finish()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            let reason: String
            switch await server.result {
            case .failure(let e): reason = "\(e)"
            case .success: reason = "it stopped"
            }
            throw SimulatorFailure(description: "the simulator could not start: \(reason)")
        }
        return InProcessSimulator(baseURL: "http://127.0.0.1:\(port)", server: server)
    }

    /// The control API's base (lists chutes and instances with their base URLs).
    public var controlAPI: String { baseURL + "/api/v1" }

    /// The Chutes platform facade's base (a `kind: chutes` source's url).
    public var platformAPI: String { baseURL + "/platform" }

    /// Begins to stop serving, gracefully (see `GracefulServer`), and returns at once.
    public func stop() { server.stop() }

    /// Stops serving and waits until it has stopped.
    public func stopped() async { await server.stopped() }
}

public struct SimulatorFailure: Error, CustomStringConvertible {
    public var description: String
}
