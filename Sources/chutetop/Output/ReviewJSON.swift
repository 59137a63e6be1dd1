import Foundation
import Monitoring

/// `review --json`: `{"chutes":[{"name":…,"checks":[{"id":…,"status":…,"evidence":…}]}]}`.
struct ReviewJSON: Encodable {
    struct Chute: Encodable {
        var name: String
        var checks: [Check]
    }

    struct Check: Encodable {
        var id: String
        var status: String
        var evidence: String
    }

    var chutes: [Chute]

    init(_ reviews: [ChuteReview]) {
        chutes = reviews.map { r in
            Chute(name: r.chute, checks: r.checks.map { Check(id: $0.id.rawValue, status: $0.status.rawValue, evidence: $0.evidence) })
        }
    }

    func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{\"error\":\"encoding failed\"}"
    }
}
