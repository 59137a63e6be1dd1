import Foundation
import Synchronization

/// The fleet simulation behind a lock, advanced to the simulated "now" on every read: simulated
/// time = start + elapsed wall time x speed. Shared by every request handler.
public final class SimulatorEngine: Sendable {
    private let simulation: Mutex<FleetSimulation>
    private let clock: @Sendable () -> Double

    /// `clock` returns the simulated time; `realTime(start:speed:)` makes the usual one.
    public init(simulation: FleetSimulation, clock: @escaping @Sendable () -> Double) {
        self.simulation = Mutex(simulation)
        self.clock = clock
    }

    /// A clock that starts at `start` (epoch seconds) and runs `speed` times faster than real time.
    public static func realTime(start: Double, speed: Double) -> @Sendable () -> Double {
        let began = ContinuousClock.now
        return {
            let elapsed = ContinuousClock.now - began
            return start + (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) * speed
        }
    }

    /// The simulated time now.
    public var now: Double { clock() }

    /// Reads the simulation as of now.
    public func read<T: Sendable>(_ body: (FleetSimulation) throws(FleetSimulation.ActionError) -> T) throws(FleetSimulation.ActionError) -> T {
        let now = clock()
        return try simulation.withLock { (sim: inout FleetSimulation) throws(FleetSimulation.ActionError) -> T in
            sim.advance(to: now)
            return try body(sim)
        }
    }

    /// Changes the simulation as of now.
    public func act<T: Sendable>(_ body: (inout FleetSimulation) throws(FleetSimulation.ActionError) -> T) throws(FleetSimulation.ActionError) -> T {
        let now = clock()
        return try simulation.withLock { (sim: inout FleetSimulation) throws(FleetSimulation.ActionError) -> T in
            sim.advance(to: now)
            return try body(&sim)
        }
    }
}
