/// How a snapshot's JSON is held against the simulator's `/sim/truth` (SnapshotCommandTests,
/// ReplayEndToEndTests): rates, 5xx ratios, quantiles and engine figures within 1 %; instance
/// counts and breaker states exactly.
enum SimulatorTruthComparison {
    /// A disagreement beyond 1 % (or one side unknown), said; nil when they agree.
    static func miss(_ a: Double?, _ b: Double?, _ what: String) -> String? {
        guard let a, let b else { return a == nil && b == nil ? nil : "\(what): \(String(describing: a)) vs \(String(describing: b))" }
        return abs(a - b) <= 0.01 * abs(b) + 1e-9 ? nil : "\(what): chutetop \(a), simulator \(b)"
    }

    /// Every chute's rates, 5xx ratio, quantiles and LLM engine figures against the simulator's
    /// for the same seconds (`truth` by chute name): the disagreements.
    static func figureMisses(chutes: [[String: Any]], truth: [String: [String: Any]]) -> [String] {
        var misses: [String?] = []
        for c in chutes {
            guard let name = c["name"] as? String, let t = truth[name] else { misses.append("no truth for \(c["name"] ?? "?")"); continue }
            let value = { (key: String) in (c[key] as? [String: Any])?["value"] as? Double }
            misses.append(miss(value("requestRate"), t["countedRequestRate"] as? Double, "\(name) request rate"))
            misses.append(miss(value("errorRatio"), t["countedErrorRatio"] as? Double, "\(name) error ratio"))
            for q in ["p50", "p95", "p99"] { misses.append(miss(value(q), t[q] as? Double, "\(name) \(q)")) }
            if let truthEngine = t["inference"] as? [String: Any], let engine = c["inference"] as? [String: Any] {
                for key in ["waiting", "running", "kvCacheUsage", "promptTokensPerSecond", "generationTokensPerSecond", "timeToFirstTokenP95",
                            "interTokenLatencyP95"] {
                    misses.append(miss(engine[key] as? Double, truthEngine[key] as? Double, "\(name) \(key)"))
                }
            }
        }
        return misses.compactMap { $0 }
    }

    /// Instance counts and every instance's breakers against the truth's (read at the same
    /// moment): the disagreements.
    static func stateMisses(chutes: [[String: Any]], truth: [String: [String: Any]]) -> [String] {
        var misses: [String] = []
        for c in chutes {
            guard let name = c["name"] as? String, let t = truth[name] else { misses.append("no truth for \(c["name"] ?? "?")"); continue }
            let counts = c["counts"] as? [String: Any] ?? [:]
            let truthInstances = t["instances"] as? [[String: Any]] ?? []
            for (key, truthKey) in [("ready", "readyInstances"), ("target", "targetInstances"), ("min", "minInstances"), ("max", "maxInstances")]
            where counts[key] as? Int != t[truthKey] as? Int {
                misses.append("\(name) \(key): chutetop \(counts[key] ?? "—"), simulator \(t[truthKey] ?? "—")")
            }
            if counts["current"] as? Int != truthInstances.count {
                misses.append("\(name) current: chutetop \(counts["current"] ?? "—"), simulator \(truthInstances.count)")
            }
            for i in c["instances"] as? [[String: Any]] ?? [] {
                let id = i["id"] as? String ?? "?"
                let truthBreakers = truthInstances.first { $0["id"] as? String == id }?["breakers"] as? [String: String] ?? [:]
                let breakers = Dictionary(uniqueKeysWithValues: (i["breakers"] as? [[String: Any]] ?? []).compactMap { b in
                    (b["name"] as? String).map { ($0, b["state"] as? String ?? "?") }
                })
                if breakers != truthBreakers { misses.append("\(name)/\(id) breakers: chutetop \(breakers), simulator \(truthBreakers)") }
            }
        }
        return misses
    }
}
