/// A scenario: timed events on named chutes (Fixtures/scenarios/README.md).
public struct Scenario: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        case everyChute
        case chute(String)
    }

    public enum Action: Sendable, Hashable {
        case bursts(Bool)
        case dependency(String, down: Bool)
        case demand(Double)
        case latency(Double)
        case errors(Double)
        case scale(Int)
        case restart
        /// The instance restarts every `every` seconds, so its readiness flaps.
        case crashLoop(instance: String, every: Double)
        /// Malformed lines appended to the instance's /metrics.
        case badExporter(instance: String)
        /// The instance's endpoints answer after `seconds`.
        case slowTarget(instance: String, seconds: Double)
        /// The instance is advertised on a port where nothing listens (connection refused).
        case deadTarget(instance: String)
        /// Log lines per second on each of the chute's instance log streams.
        case logRate(Double)
        /// The chute as a fleet that has been running for hours finds it: as many ready
        /// instances as its autoscaler wants for the current demand (no cold starts).
        case warm
    }

    public struct Event: Sendable, Hashable {
        /// Seconds after the scenario starts.
        public var at: Double
        public var target: Target
        public var action: Action
        public var line: Int
    }

    public var name: String
    public var description: String
    public var events: [Event]
}
