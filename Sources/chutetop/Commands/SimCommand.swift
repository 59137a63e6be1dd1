import ArgumentParser
import FleetSimulator
import Foundation
import LiveServices
import Logging

/// `chutetop sim`: a simulated chute fleet served over real HTTP until SIGINT/SIGTERM.
struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Serve a simulated chute fleet over HTTP (health, readiness, metrics, control API, truth).",
        discussion: """
            Prints its base URL on one line, then serves until SIGINT or SIGTERM. Per instance: \
            /chutes/{chute}/instances/{instance}/health, /ready and /metrics (OpenMetrics when the \
            Accept header asks). Control API under /api/v1/chutes; the Chutes platform's API under /platform (a chutes source's url); Prometheus http_sd at /sim/targets; \
            exact current values at /sim/truth.
            """
    )

    @Option(help: ArgumentHelp("Address to listen on (port 0 picks a free one).", valueName: "host:port"))
    var listen = "127.0.0.1:9400"

    @Option(help: "Number of chutes.")
    var chutes = ChuteCatalog.defaultCount

    @Option(help: "Instances per chute (widens each chute's min/max to include it).")
    var instances: Int?

    @Option(help: ArgumentHelp("A built-in scenario (\(ScenarioCatalog.names.joined(separator: ", "))) or a scenario file.", valueName: "name|file"),
            completion: CompletionCandidates.scenarios)
    var scenario: String?

    @Option(help: "Random seed: the same seed gives the same fleet and the same numbers.")
    var seed: UInt64 = 1

    @Option(help: "How many times faster than real time simulated time runs.")
    var speed = 1.0

    @Option(help: ArgumentHelp("Simulated start time in epoch seconds (default: now), for reproducible runs.", valueName: "seconds"))
    var start: Double?

    @Option(help: "Require 'Authorization: Bearer TOKEN' on the control API and the /platform facade (any scheme: the last token counts).")
    var token: String?

    @Option(help: ArgumentHelp("Requests a minute the /platform facade answers before 429 with Retry-After (0: no limit).", valueName: "n"))
    var platformRateLimit = PlatformFacade.defaultRequestsPerMinute

    func validate() throws {
        guard chutes >= 1, chutes <= 5000 else { throw ValidationError("--chutes must be 1...5000") }
        if let instances, instances < 0 || instances > 100 { throw ValidationError("--instances must be 0...100") }
        guard platformRateLimit >= 0 else { throw ValidationError("--platform-rate-limit must be 0 or more") }
        guard speed > 0, speed <= 10_000 else { throw ValidationError("--speed must be above 0 and at most 10000") }
        guard ListenAddress(listen) != nil else { throw ValidationError("--listen must be HOST:PORT, e.g. 127.0.0.1:9400") }
    }

    func run() async throws {
        let address = ListenAddress(listen)!
        let begin = start ?? Date().timeIntervalSince1970
        var simulation = FleetSimulation(profiles: ChuteCatalog.fleet(chutes: chutes, instancesPerChute: instances, seed: seed),
                                         seed: seed, startTime: begin)
        if let scenario {
            do { try simulation.load(try ScenarioCatalog.load(XDGDirectories.expandingHome(scenario))) } catch {
                throw ValidationError("scenario \(scenario): \(error)")
            }
        }
        let engine = SimulatorEngine(simulation: simulation, clock: SimulatorEngine.realTime(start: begin, speed: speed))
        var logger = Logger(label: "chutetop.sim")
        logger.logLevel = .warning
        try await SimulatorServer.serve(engine: engine, host: address.host, port: address.port, token: token,
                                        logger: logger, platformRequestsPerMinute: platformRateLimit) { port in
            FileHandle.standardOutput.write(Data("http://\(address.host):\(port)\n".utf8))
        }
    }
}

/// `host:port`.
struct ListenAddress {
    var host: String
    var port: Int

    init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        host = String(text[..<colon])
        self.port = port
        if host.isEmpty { return nil }
    }
}
