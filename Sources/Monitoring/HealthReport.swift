/// What one health or readiness probe said.
public struct HealthReport: Sendable, Hashable, Codable {
    public var status: HealthStatus
    public var checks: [HealthCheck]
    /// Why the body could not be used (HTML page, truncated JSON, …); the status code decided.
    public var bodyProblem: String?

    public init(status: HealthStatus, checks: [HealthCheck] = [], bodyProblem: String? = nil) {
        self.status = status
        self.checks = checks
        self.bodyProblem = bodyProblem
    }
}

/// One named check inside a health report (a dependency, a component).
public struct HealthCheck: Sendable, Hashable, Codable {
    public var name: String
    public var status: HealthStatus
    public var message: String?

    public init(name: String, status: HealthStatus, message: String? = nil) {
        self.name = name
        self.status = status
        self.message = message
    }
}
