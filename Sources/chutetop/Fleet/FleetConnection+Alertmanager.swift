import Dashboard
import LiveServices

extension FleetConnection {
    /// A context's sources for every role (`openRoles`), and its Alertmanager when it names one
    /// (its own client, credential and TLS).
    static func open(_ context: ContextConfig, clock: WallClock = .system) async throws -> FleetConnection {
        let connection = try await openRoles(context, clock: clock)
        guard let config = context.alertmanager else { return connection }
        let client: AlertmanagerClient
        do { client = try AlertmanagerClient(config, settings: context.poll) } catch {
            await connection.close()
            throw ConfigError(file: nil, key: "alertmanager.auth", message: error.description)
        }
        return FleetConnection(context: connection.context, sources: connection.sources.adding(alertmanager: client),
                               simulator: connection.simulator)
    }
}
