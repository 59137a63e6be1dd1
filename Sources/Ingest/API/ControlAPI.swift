import Foundation
import Monitoring

/// Decodes a direct source's control API (the simulator's `/api/v1` shape, documented in
/// README "Control API"): `GET chutes` is a list of chute summaries, `GET chutes/{name}` one.
/// Unknown fields are ignored; strings are sanitised; instances without an id are dropped.
public enum ControlAPI {
    struct ChuteSummary: Decodable {
        var name: String
        var minInstances: Int?
        var maxInstances: Int?
        var targetInstances: Int?
        var scalingThreshold: Double?
        var shutdownAfterSeconds: Double?
        var chuteID: String?
        var instances: [InstanceSummary]

        enum Keys: String, CodingKey { case name, chute_id, min_instances, max_instances, target_instances, scaling_threshold, shutdown_after_seconds, instances }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            guard let name = c.text(.name) else {
                throw DecodingError.dataCorruptedError(forKey: Keys.name, in: c, debugDescription: "a chute without a name")
            }
            self.name = name
            minInstances = c.integer(.min_instances)
            maxInstances = c.integer(.max_instances)
            targetInstances = c.integer(.target_instances)
            scalingThreshold = c.number(.scaling_threshold)
            shutdownAfterSeconds = c.number(.shutdown_after_seconds)
            chuteID = c.text(.chute_id)
            instances = ((try? c.decode([InstanceSummary?].self, forKey: .instances)) ?? []).compactMap { $0 }
        }
    }

    struct InstanceSummary: Decodable {
        var id: String
        var phase: String?
        var baseURL: String?
        var startedAt: Double?

        enum Keys: String, CodingKey { case id, phase, base_url, started_at }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            guard let id = c.text(.id) else {
                throw DecodingError.dataCorruptedError(forKey: Keys.id, in: c, debugDescription: "an instance without an id")
            }
            self.id = id
            phase = c.text(.phase)
            baseURL = c.text(.base_url)
            // Seconds since the epoch, or an RFC 3339 time.
            startedAt = c.number(.started_at) ?? c.text(.started_at).flatMap(Timestamps.parse)
        }
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// One chute from `GET chutes/{name}`.
    public static func chute(_ body: [UInt8]) throws(Failure) -> FleetInventory.Chute {
        inventory(try decode(ChuteSummary.self, body))
    }

    /// Every chute from `GET chutes`.
    public static func chutes(_ body: [UInt8]) throws(Failure) -> [FleetInventory.Chute] {
        try decode([ChuteSummary].self, body).map(inventory)
    }

    private static func inventory(_ s: ChuteSummary) -> FleetInventory.Chute {
        var chute = FleetInventory.Chute(name: s.name, instances: s.instances.map { .init(id: $0.id, baseURL: $0.baseURL, phase: $0.phase, startedAt: $0.startedAt) },
                                         targetInstances: s.targetInstances, minInstances: s.minInstances, maxInstances: s.maxInstances,
                                         scalingThreshold: s.scalingThreshold, id: s.chuteID)
        chute.shutdownAfterSeconds = s.shutdownAfterSeconds
        return chute
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ body: [UInt8]) throws(Failure) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(body))
        } catch let DecodingError.dataCorrupted(context) {
            throw Failure(description: "control API answered with invalid JSON: \(context.debugDescription)")
        } catch {
            throw Failure(description: "control API answered with an unexpected shape: \(error)")
        }
    }
}
