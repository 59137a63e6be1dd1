import Hummingbird
import Logging
import ServiceLifecycle

/// A Hummingbird application serving in this process until it is stopped, and stopped the way
/// NIO needs: a graceful shutdown first (the listener closes and every connection it already
/// accepted is handed to the router), and only then, after `grace`, a cancellation of whatever
/// is still open (a handler that does not end on the shutdown: the simulator's streams do, by
/// `keepsStreaming`). Cancelling the serving task straight away leaves a
/// connection accepted but not yet handed over unowned, and NIO traps on it ("Deinited
/// NIOAsyncWriter without calling finish()", swift-nio#3481): a client connecting while its
/// server stopped once took `chutetop review --demo` down with SIGILL.
public final class GracefulServer: Sendable {
    private let group: ServiceGroup
    private let serving: Task<Void, any Error>

    public init(_ application: some ApplicationProtocol, logger: Logger) {
        let group = ServiceGroup(configuration: .init(services: [application], logger: logger))
        self.group = group
        self.serving = Task { try await group.run() }
    }

    /// The serving task's end: a listener that could not start, or the stop.
    public var result: Result<Void, any Error> { get async { await serving.result } }

    /// Begins to stop serving and returns at once (for a `defer`).
    public func stop() { Task { await stopped() } }

    /// Stops serving and waits until it has stopped: at once when every connection is idle or
    /// ends on the shutdown; else its handlers are cancelled after `grace` (and the wait lasts
    /// until they return).
    public func stopped(grace: Duration = .seconds(1)) async {
        await group.triggerGracefulShutdown()
        let serving = self.serving
        let late = Task {
            try await Task.sleep(for: grace)
            serving.cancel()
        }
        _ = await serving.result
        late.cancel()
    }
}

extension GracefulServer {
    /// Whether a long-lived response (a followed stream) goes on: its client is still there and
    /// its server is not stopping (a graceful shutdown waits for the streams to end).
    public static var keepsStreaming: Bool { !Task.isCancelled && !Task.isShuttingDownGracefully }
}
