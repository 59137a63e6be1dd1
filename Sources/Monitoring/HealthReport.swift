/// What one health or readiness probe said.
public struct HealthReport: Sendable, Hashable, Codable {
    public var status: HealthStatus
    public var checks: [HealthCheck]
    /// Why the body could not be used (HTML page, truncated JSON, …); the status code decided.
    public var bodyProblem: String?
    /// How the probe was answered (path, code, time, body), when the source asked over HTTP
    /// itself: what the readiness review reads.
    public var answer: ProbeAnswer?

    public init(status: HealthStatus, checks: [HealthCheck] = [], bodyProblem: String? = nil, answer: ProbeAnswer? = nil) {
        self.status = status
        self.checks = checks
        self.bodyProblem = bodyProblem
        self.answer = answer
    }
}

/// How one health or readiness request was answered: its path, HTTP code, seconds from request
/// to whole body, the body's size and its first bytes (sanitised), for the readiness review.
public struct ProbeAnswer: Sendable, Hashable, Codable {
    public var path: String
    public var code: Int
    public var seconds: Double
    public var bodyBytes: Int
    /// The body's first 80 characters, sanitised (to tell two endpoints' answers apart).
    public var excerpt: String

    public init(path: String, code: Int, seconds: Double, bodyBytes: Int, excerpt: String) {
        self.path = path
        self.code = code
        self.seconds = seconds
        self.bodyBytes = bodyBytes
        self.excerpt = excerpt
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
