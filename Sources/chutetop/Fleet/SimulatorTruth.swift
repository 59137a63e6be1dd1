import FleetEngine
import Dashboard
import FleetSimulator
import Foundation
import LiveServices
import Monitoring

/// The in-process simulator's own figures (`/sim/truth`) for exactly the seconds each chute's
/// rates covered, fetched over HTTP like everything else.
enum SimulatorTruth {
    static func fetch(_ baseURL: String, for picture: FleetPicture) async -> [String: FleetTruth.Chute] {
        let fetcher = HTTPFetcher(settings: PollSettings(), tls: TLSSettings(), authorization: nil)
        defer { Task { await fetcher.shutdown() } }
        var out: [String: FleetTruth.Chute] = [:]
        var cache: [String: FleetTruth] = [:]
        for chute in picture.chutes {
            guard let from = chute.rateFrom, let to = chute.rateTo else { continue }
            let query = "window=\(Int((to - from).rounded()))&at=\(Int(to.rounded()))"
            if cache[query] == nil, let r = try? await fetcher.get(baseURL + "/sim/truth?" + query),
               let truth = try? FleetTruth.decode(r.body) {
                cache[query] = truth
            }
            out[chute.name] = cache[query]?.chutes.first { $0.name == chute.name }
        }
        return out
    }
}
