import Foundation
import Logging

/// The simulated fleet inside the chutetop process, served on an ephemeral loopback port so
/// chutetop reads it through the very same HTTP path as real chutes.
public final class InProcessSimulator: Sendable {
    public let baseURL: String
    private let server: Task<Void, any Error>

    private init(baseURL: String, server: Task<Void, any Error>) {
        self.baseURL = baseURL
        self.server = server
    }

    /// Starts the simulator (`scenario`: a built-in name or a file); throws for an unknown
    /// scenario or a listener that cannot start. `clock` (simulated seconds since the epoch)
    /// replaces real time, for a test that steps simulated minutes in a moment.
    public static func start(scenario: String?, seed: UInt64, chutes: Int = 9,
                             clock: (@Sendable () -> Double)? = nil) async throws -> InProcessSimulator {
        let begin = clock?() ?? Date().timeIntervalSince1970
        var simulation = FleetSimulation(profiles: ChuteCatalog.fleet(chutes: chutes, seed: seed), seed: seed, startTime: begin)
        if let scenario { try simulation.load(try ScenarioCatalog.load(scenario)) }
        let engine = SimulatorEngine(simulation: simulation, clock: clock ?? SimulatorEngine.realTime(start: begin, speed: 1))
        var logger = Logger(label: "chutetop.simulator")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let server = Task {
            defer { continuation.finish() }
            try await SimulatorServer.serve(engine: engine, host: "127.0.0.1", port: 0, token: nil, handleSignals: false,
                                            logger: logger) { continuation.yield($0) }
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

    public func stop() { server.cancel() }
}

public struct SimulatorFailure: Error, CustomStringConvertible {
    public var description: String
}
