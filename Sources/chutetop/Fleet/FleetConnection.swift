import Dashboard
import FleetSimulator
import LiveServices
import Monitoring

/// A context's source, opened: for `simulator` the in-process simulator is started first.
struct FleetConnection {
    let context: ContextConfig
    let source: any FleetSource
    let simulator: InProcessSimulator?

    static func open(_ context: ContextConfig) async throws -> FleetConnection {
        switch context.source {
        case .direct(let config):
            return FleetConnection(context: context, source: try DirectSource(config, settings: context.poll, metricNames: context.metricNames), simulator: nil)
        case .simulator(let config):
            let simulator = try await InProcessSimulator.start(scenario: config.scenario, seed: config.seed, chutes: config.chutes)
            let source = try DirectSource(DirectSourceConfig(controlAPI: simulator.controlAPI), settings: context.poll, metricNames: context.metricNames, kind: "simulator")
            return FleetConnection(context: context, source: source, simulator: simulator)
        }
    }

    func close() async {
        await source.shutdown()
        simulator?.stop()
    }
}
