import Monitoring

/// A context's `alerts`: whether the shipped rules apply, and rules of its own (a rule with a
/// shipped rule's name replaces it).
enum AlertRulesParser {
    static let conditions = ["target-down", "not-ready", "cold-start-above", "error-ratio-above", "p95-above", "gpu-utilization-above",
                             "breaker-open", "ready-below-min", "stale-data", "kv-cache-above", "queue-above", "ttft-p95-above"]

    static func rules(_ node: ConfigNode) throws(ConfigError) -> [AlertRule] {
        let m = try node.mapping(allowed: ["useDefaults", "rules"])
        var rules = try m["useDefaults"]?.bool() ?? true ? AlertRule.defaults : []
        for r in try m["rules"]?.sequence() ?? [] {
            guard let rule = r.attempt({ () throws(ConfigError) in try rule(r) }) else { continue }
            if let i = rules.firstIndex(where: { $0.name == rule.name }) { rules[i] = rule } else { rules.append(rule) }
        }
        return rules
    }

    static func rule(_ node: ConfigNode) throws(ConfigError) -> AlertRule {
        let m = try node.mapping(allowed: ["name", "condition", "threshold", "for", "severity", "chutes"], required: ["name", "condition"])
        let conditionNode = m["condition"]!
        let word = try conditionNode.string()
        let threshold = { () throws(ConfigError) -> Double in
            guard let t = m["threshold"] else { throw node.error("condition '\(word)' needs a 'threshold'") }
            return try t.number(in: 0...1e9)
        }
        let condition: AlertCondition
        switch word {
        case "target-down": condition = .targetDown
        case "not-ready": condition = .notReady
        case "cold-start-above":
            // The chute's expected start time: a duration (10m, 600).
            guard let t = m["threshold"] else { throw node.error("condition 'cold-start-above' needs a 'threshold' (the expected start time, e.g. 10m)") }
            condition = .coldStartAbove(try t.duration(in: 1...86_400))
        case "error-ratio-above":
            let t = try threshold()
            guard t <= 1 else { throw m["threshold"]!.error("an error ratio is between 0 and 1 (0.05 = 5 %)") }
            condition = .errorRatioAbove(t)
        case "p95-above": condition = .p95Above(try threshold())
        case "gpu-utilization-above": condition = .gpuUtilizationAbove(try threshold())
        case "breaker-open": condition = .breakerOpen
        case "ready-below-min": condition = .readyBelowMin
        case "stale-data": condition = .staleData
        case "kv-cache-above":
            let t = try threshold()
            guard t <= 1 else { throw m["threshold"]!.error("a KV-cache usage is between 0 and 1 (0.9 = 90 %)") }
            condition = .kvCacheAbove(t)
        case "queue-above": condition = .queueAbove(try threshold())
        case "ttft-p95-above": condition = .timeToFirstTokenP95Above(try threshold())
        default:
            throw conditionNode.error("unknown condition '\(word)'", suggestion: Suggestion.nearest(to: word, among: conditions))
        }
        let severityWord = try m["severity"]?.string() ?? "warning"
        guard let severity = AlertSeverity(rawValue: severityWord) else {
            throw m["severity"]!.error("unknown severity '\(severityWord)'",
                                       suggestion: Suggestion.nearest(to: severityWord, among: AlertSeverity.allCases.map(\.rawValue)))
        }
        return AlertRule(name: try m["name"]!.string(), condition: condition, forSeconds: try m["for"]?.duration(in: 0...86_400) ?? 0,
                         severity: severity, chutes: try m["chutes"]?.sequence().map { (c) throws(ConfigError) in try c.string() } ?? [])
    }
}
