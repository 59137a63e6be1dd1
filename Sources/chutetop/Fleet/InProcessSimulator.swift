import Dashboard
import FleetSimulator
import Foundation
import Logging

/// The simulated fleet inside the chutetop process, served on an ephemeral loopback port so
/// chutetop reads it through the very same HTTP path as real chutes.
final class InProcessSimulator: Sendable {
    let baseURL: String
    private let server: Task<Void, any Error>

    private init(baseURL: String, server: Task<Void, any Error>) {
        self.baseURL = baseURL
        self.server = server
    }

    /// Starts the simulator; throws for an unknown scenario or a listener that cannot start.
    static func start(_ config: SimulatorSourceConfig) async throws -> InProcessSimulator {
        let begin = Date().timeIntervalSince1970
        var simulation = FleetSimulation(profiles: ChuteCatalog.fleet(chutes: config.chutes, seed: config.seed), seed: config.seed, startTime: begin)
        if let scenario = config.scenario { try simulation.load(try ScenarioCatalog.load(scenario)) }
        let engine = SimulatorEngine(simulation: simulation, clock: SimulatorEngine.realTime(start: begin, speed: 1))
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

    /// The direct-source configuration that reads this simulator through its control API.
    var sourceConfig: DirectSourceConfig { DirectSourceConfig(controlAPI: baseURL + "/api/v1") }

    func stop() { server.cancel() }
}

struct SimulatorFailure: Error, CustomStringConvertible {
    var description: String
}
