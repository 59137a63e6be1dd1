/// A check's verdict: `unknown` until there is enough evidence (and then the evidence says
/// what would settle it).
public enum ReviewStatus: String, Sendable, Hashable, Codable, Comparable {
    case pass, unknown, warn, fail

    private var rank: Int {
        switch self {
        case .pass: 0
        case .unknown: 1
        case .warn: 2
        case .fail: 3
        }
    }

    public static func < (a: ReviewStatus, b: ReviewStatus) -> Bool { a.rank < b.rank }
}

/// One checklist item decided for one chute, with one line of evidence: what was observed,
/// where and when (or what would settle it).
public struct ReviewCheck: Sendable, Hashable, Codable {
    public var id: ReviewCheckID
    public var status: ReviewStatus
    public var evidence: String

    public init(_ id: ReviewCheckID, _ status: ReviewStatus, _ evidence: String) {
        self.id = id
        self.status = status
        self.evidence = evidence
    }
}

/// Every check of one chute.
public struct ChuteReview: Sendable, Hashable {
    public var chute: String
    public var checks: [ReviewCheck]

    public init(chute: String, checks: [ReviewCheck]) {
        self.chute = chute
        self.checks = checks
    }

    public var passed: Int { checks.filter { $0.status == .pass }.count }

    /// "14/17": checks passed of all.
    public var score: String { "\(passed)/\(checks.count)" }

    /// The worst status of any check, ignoring `unknown` (not enough evidence is not a finding).
    public var worst: ReviewStatus { checks.map(\.status).filter { $0 != .unknown }.max() ?? .pass }

    public func check(_ id: ReviewCheckID) -> ReviewCheck? { checks.first { $0.id == id } }

    /// The checks that warn or fail.
    public var findings: [ReviewCheck] { checks.filter { $0.status == .warn || $0.status == .fail } }
}

/// What a source cannot see, by the evidence it would need, in its own words (the Chutes
/// platform has no health path of its own): those checks stay `unknown` saying so, never fail.
public enum ReviewArea: String, Sendable, Hashable, Codable, CaseIterable {
    case probes, metricsPage, logs
}
