import FleetEngine
import Dashboard
import FleetSimulator
import Foundation
import LiveServices
import Monitoring

/// The in-process simulator read through a direct source, as `--demo` does, with short
/// timeouts so fault tests stay quick.
struct SimulatedFleet {
    let simulator: InProcessSimulator
    let source: DirectSource
    let context: ContextConfig
    /// The direct source in every role, as `source: {kind: simulator}` opens it.
    var sources: FleetSources { FleetSources(source) }

    static func start(scenario: String, poll: (inout PollSettings) -> Void = { _ in }) async throws -> SimulatedFleet {
        let simulator = try await InProcessSimulator.start(scenario: scenario, seed: 3)
        // Generous timeouts: under a full parallel run this process's event loops can stall for
        // seconds, and only a test about timeouts (`SimulatorFaultTests`) sets tight ones.
        var settings = PollSettings()
        settings.connectTimeout = 5
        settings.readTimeout = 20
        poll(&settings)
        let config = DirectSourceConfig(controlAPI: simulator.controlAPI)
        let context = ContextConfig(name: "test", source: .direct(config), poll: settings)
        return SimulatedFleet(simulator: simulator, source: try DirectSource(config, settings: settings, kind: "simulator"), context: context)
    }

    func stop() async {
        await source.shutdown()
        simulator.stop()
    }

    /// `/sim/truth` for the given seconds, over HTTP.
    func truth(window: Double, at: Double) async throws -> FleetTruth {
        let fetcher = HTTPFetcher(settings: PollSettings(), tls: TLSSettings(), authorization: nil)
        let r = try await fetcher.get(simulator.baseURL + "/sim/truth?window=\(Int(window.rounded()))&at=\(Int(at.rounded()))")
        await fetcher.shutdown()
        return try FleetTruth.decode(r.body)
    }
}
