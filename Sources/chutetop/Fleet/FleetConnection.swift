import Dashboard
import FleetSimulator
import LiveServices
import Monitoring

/// A context's sources, opened (the composition root: the only place concrete source types
/// are named). `source:` gives every role to one source; `sources: {inventory:, metrics:}`
/// lists the fleet and takes actions through one and reads the instances through the other.
/// For `simulator` the in-process simulator is started first.
struct FleetConnection {
    let context: ContextConfig
    let sources: FleetSources
    let simulator: InProcessSimulator?

    static func openRoles(_ context: ContextConfig, clock: WallClock) async throws -> FleetConnection {
        let open = { (config: DirectSourceConfig, kind: String) throws -> DirectSource in
            try DirectSource(config, settings: context.poll, metricNames: context.metricNames, kind: kind, clock: clock)
        }
        let prometheus = { (config: PrometheusSourceConfig) throws -> PrometheusSource in
            try PrometheusSource(config, settings: context.poll, metricNames: context.metricNames, clock: clock)
        }
        let inventory: DirectSource, simulator: InProcessSimulator?
        switch context.source {
        case .direct(let config):
            (inventory, simulator) = (try open(config, "direct"), nil)
        case .prometheus(let config):
            // Prometheus lists the chutes it has series for and reads them; it takes no actions.
            let source = try prometheus(config)
            let sources = FleetSources(kind: "prometheus", inventory: source, readings: source, control: nil, history: source, closing: [source])
            return FleetConnection(context: context, sources: sources, simulator: nil)
        case .chutes(let config):
            return FleetConnection(context: context, sources: try await chutes(config, context, clock: clock, prometheus: prometheus), simulator: nil)
        case .simulator(let config):
            let started = try await InProcessSimulator.start(scenario: config.scenario.map { XDGDirectories.expandingHome($0) }, seed: config.seed,
                                                            chutes: config.chutes)
            (inventory, simulator) = (try open(DirectSourceConfig(controlAPI: started.controlAPI), "simulator"), started)
        }
        switch context.metricsSource {
        case nil:
            return FleetConnection(context: context, sources: FleetSources(inventory), simulator: simulator)
        case .direct(let config)?:
            let metrics: DirectSource
            do { metrics = try open(config, "direct") } catch {
                await inventory.shutdown()
                await simulator?.stopped()
                throw error
            }
            let sources = FleetSources(kind: "\(inventory.kind) + direct metrics", inventory: inventory, readings: metrics,
                                       control: inventory.control, closing: [inventory, metrics])
            return FleetConnection(context: context, sources: sources, simulator: simulator)
        case .prometheus(let config)?:
            let metrics: PrometheusSource
            do { metrics = try prometheus(config) } catch {
                await inventory.shutdown()
                await simulator?.stopped()
                throw error
            }
            let sources = FleetSources(kind: "\(inventory.kind) + prometheus", inventory: inventory, readings: metrics,
                                       control: inventory.control, history: metrics, closing: [inventory, metrics])
            return FleetConnection(context: context, sources: sources, simulator: simulator)
        case .chutes?:
            await inventory.shutdown()
            await simulator?.stopped()
            throw ConfigError(file: nil, message: "the Chutes platform is an inventory source: use 'source: {kind: chutes}' or 'sources.inventory'")
        case .simulator?:
            // The parser refuses it at the file's line; a context built in code gets the same words.
            await inventory.shutdown()
            await simulator?.stopped()
            throw ConfigError(file: nil, message: "the simulator serves inventory and metrics together: use 'source: {kind: simulator}'")
        }
    }

    /// A chute owner's account on the Chutes platform: it lists, reads the platform's figures and
    /// logs, and acts; or, with `sources.metrics: prometheus`, Prometheus reads the instances it
    /// lists (the platform lists instances without addresses, so a direct metrics source is refused).
    private static func chutes(_ config: ChutesSourceConfig, _ context: ContextConfig, clock: WallClock,
                               prometheus: (PrometheusSourceConfig) throws -> PrometheusSource) async throws -> FleetSources {
        let platform: ChutesSource
        do { platform = try ChutesSource(config, settings: context.poll, clock: clock) } catch {
            throw ConfigError(file: nil, key: "source.auth", message: error.description)
        }
        switch context.metricsSource {
        case nil:
            return FleetSources(kind: "chutes", inventory: platform, readings: platform, control: platform.control, closing: [platform])
        case .prometheus(let config)?:
            let metrics: PrometheusSource
            do { metrics = try prometheus(config) } catch {
                await platform.shutdown()
                throw error
            }
            return FleetSources(kind: "chutes + prometheus", inventory: platform, readings: metrics, control: platform.control, history: metrics,
                                closing: [platform, metrics])
        case .direct?, .simulator?, .chutes?:
            await platform.shutdown()
            throw ConfigError(file: nil, message: "with 'inventory: chutes' the metrics source can only be prometheus (the platform lists instances without addresses)")
        }
    }

    /// `stoppingSimulator` false: a one-shot command that exits right after leaves the in-process
    /// simulator to the process's end (nothing to wait for: the process's exit ends it).
    func close(stoppingSimulator: Bool = true) async {
        await sources.shutdown()
        if stoppingSimulator { await simulator?.stopped() }
    }
}
