import Foundation

/// The JSON shapes the simulator serves.
enum SimulatorJSON {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    struct ChuteSummary: Encodable {
        var name: String
        var chuteId: String
        var workload: String
        var gpuModel: String
        var gpuCount: Int
        var minInstances: Int
        var maxInstances: Int
        var scalingThreshold: Double
        /// Nil when the chute does not declare it (the sloppy one).
        var shutdownAfterSeconds: Double?
        var concurrency: Int
        var targetInstances: Int
        var readyInstances: Int
        var instances: [InstanceSummary]
    }

    struct InstanceSummary: Encodable {
        var id: String
        var phase: String
        var restarts: Int
        var startedAt: Double
        /// Where the instance's /health, /ready, /metrics and /logs are (a dead target's is a
        /// port where nothing listens).
        var baseUrl: String?
    }

    struct Target: Encodable {
        var targets: [String]
        var labels: [String: String]
    }

    struct Failure: Encodable { var error: String }

    /// `hosts`: the listener's host:port, and the dead-target host (for base URLs).
    static func summary(_ c: SimulatedChute, hosts: (live: String, dead: String)? = nil) -> ChuteSummary {
        let p = c.profile
        return ChuteSummary(name: p.name, chuteId: ChuteIdentity.id(of: p.name), workload: p.workload.rawValue,
                            gpuModel: p.gpuModel, gpuCount: p.gpusPerInstance, minInstances: p.minInstances,
                            maxInstances: p.maxInstances, scalingThreshold: p.scalingThreshold,
                            shutdownAfterSeconds: p.build.declaresShutdownAfter ? p.shutdownAfterSeconds : nil, concurrency: p.concurrency,
                            targetInstances: c.targetInstances, readyInstances: c.readyCount,
                            instances: c.instances.map { i in
                                InstanceSummary(id: i.id, phase: i.phase.rawValue, restarts: i.restarts, startedAt: i.startedAt,
                                                baseUrl: hosts.map { h in
                                                    "http://\(c.faults[i.id]?.dead == true ? h.dead : h.live)/chutes/\(p.name)/instances/\(i.id)"
                                                })
                            })
    }

    static func encode<T: Encodable>(_ value: T) -> String {
        (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{\"error\":\"encoding failed\"}"
    }
}
