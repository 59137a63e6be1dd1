import Foundation

/// The one clock of the shell: everything that stamps a time on a message, a reading or an
/// audit record asks it, so a session can be recorded and replayed with a clock of its own.
public struct WallClock: Sendable {
    private let read: @Sendable () -> Double

    public init(_ read: @escaping @Sendable () -> Double) { self.read = read }

    /// Seconds since the epoch.
    public func now() -> Double { read() }

    /// The system's clock.
    public static let system = WallClock { Date().timeIntervalSince1970 }
}
