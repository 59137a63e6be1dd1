import FleetEngine
import Monitoring

/// One context's keys: name, source or sources, readOnly, production, theme, poll, metrics (the
/// metric names), alerts, alertmanager.
enum ContextParser {
    static func context(_ node: ConfigNode) throws(ConfigError) -> ContextConfig {
        let m = try node.mapping(allowed: ["name", "source", "sources", "readOnly", "production", "protected", "theme", "poll", "metrics", "alerts", "alertmanager"],
                                 required: ["name"])
        let name = try m["name"]!.string()
        guard !name.isEmpty else { throw m["name"]!.error("a context needs a name") }
        // A source that does not parse is recorded, and the context's other keys are still read
        // (with a stand-in source) so their problems are reported too; then the context is left out.
        var sourceProblem: ConfigError?
        var context = ContextConfig(name: name, source: .simulator(SimulatorSourceConfig()))
        do {
            (context.source, context.metricsSource) = try sources(of: m, in: node)
        } catch {
            sourceProblem = error
        }
        // Each key on its own: one that does not parse is recorded and the rest still read.
        if let r = m["readOnly"] { r.attempt { () throws(ConfigError) in context.readOnly = try r.bool() } }
        if let p = m["production"] { p.attempt { () throws(ConfigError) in context.production = try p.bool() } }
        if let p = m["protected"] { p.attempt { () throws(ConfigError) in context.protected = try p.bool() } }
        if let t = m["theme"] { t.attempt { () throws(ConfigError) in context.theme = try t.string() } }
        // The platform's rate limits want gentler polling than an instance's own endpoints.
        if case .chutes = context.source, context.metricsSource == nil { context.poll.intervals = ChutesSourceConfig.intervals }
        if let p = m["poll"] { p.attempt { () throws(ConfigError) in context.poll = try poll(p, defaults: context.poll) } }
        if let n = m["metrics"] { n.attempt { () throws(ConfigError) in context.metricNames = try metricNames(n) } }
        if let a = m["alerts"] { a.attempt { () throws(ConfigError) in context.alertRules = try AlertRulesParser.rules(a) } }
        if let a = m["alertmanager"] { a.attempt { () throws(ConfigError) in context.alertmanager = try AlertmanagerConfig.parse(a) } }
        if let sourceProblem { throw sourceProblem }
        return context
    }

    /// `source` (everything), or `sources` (inventory, and metrics apart).
    private static func sources(of m: [String: ConfigNode], in node: ConfigNode) throws(ConfigError) -> (SourceConfig, SourceConfig?) {
        switch (m["source"], m["sources"]) {
        case (let one?, nil):
            return (try SourceParser.source(one), nil)
        case (nil, let split?):
            let sources = try SourceParser.sources(split)
            return (sources.inventory, sources.metrics)
        case (_?, let split?):
            throw split.keyError("give either 'source' (one source for everything) or 'sources' (inventory and metrics apart), not both")
        case (nil, nil):
            // A misspelt 'source' was already reported (with the suggestion) as this context's problem.
            if let misspelt = node.problems.errors.first(where: { ["source", "sources"].contains($0.suggestion) && $0.key?.hasPrefix(node.path + ".") == true }) {
                throw misspelt
            }
            throw node.error("missing required key 'source' (or 'sources', to read inventory and metrics apart)")
        }
    }

    static func poll(_ node: ConfigNode, defaults: PollSettings = PollSettings()) throws(ConfigError) -> PollSettings {
        let m = try node.mapping(allowed: ["health", "ready", "metrics", "connectTimeout", "readTimeout", "concurrency",
                                           "maxResponseSize", "maxRedirects", "jitter", "rateWindow", "maxBackoff", "breakerThreshold"])
        var p = defaults
        let interval = { (n: ConfigNode) throws(ConfigError) -> Double in
            let s = try n.duration(in: 0...3600)
            if s > 0 && s < 0.1 { throw n.error("an interval must be at least 100ms (or 0 for off)") }
            return s
        }
        if let n = m["health"] { n.attempt { () throws(ConfigError) in p.intervals.health = try interval(n) } }
        if let n = m["ready"] { n.attempt { () throws(ConfigError) in p.intervals.ready = try interval(n) } }
        if let n = m["metrics"] { n.attempt { () throws(ConfigError) in p.intervals.metrics = try interval(n) } }
        if let n = m["connectTimeout"] { n.attempt { () throws(ConfigError) in p.connectTimeout = try n.duration(in: 0.01...300) } }
        if let n = m["readTimeout"] { n.attempt { () throws(ConfigError) in p.readTimeout = try n.duration(in: 0.01...300) } }
        if let n = m["concurrency"] { n.attempt { () throws(ConfigError) in p.concurrency = try n.int(in: 1...4096) } }
        if let n = m["maxResponseSize"] { n.attempt { () throws(ConfigError) in p.maxResponseBytes = try n.byteSize(in: 1024...(1 << 30)) } }
        if let n = m["maxRedirects"] { n.attempt { () throws(ConfigError) in p.maxRedirects = try n.int(in: 0...20) } }
        if let n = m["jitter"] { n.attempt { () throws(ConfigError) in p.jitter = try n.number(in: 0...0.5) } }
        if let n = m["rateWindow"] { n.attempt { () throws(ConfigError) in p.rateWindow = try n.duration(in: 1...86_400) } }
        if let n = m["maxBackoff"] { n.attempt { () throws(ConfigError) in p.maxBackoff = try n.duration(in: 1...3600) } }
        if let n = m["breakerThreshold"] { n.attempt { () throws(ConfigError) in p.breakerThreshold = try n.int(in: 1...100) } }
        return p
    }

    static func metricNames(_ node: ConfigNode) throws(ConfigError) -> MetricNames {
        let m = try node.mapping(allowed: ["requests", "statusLabels", "latencyHistogram", "breakerStateGauges",
                                           "breakerFailureRate", "breakerNumericGauge", "breakerNumericStates", "engine"])
        var n = MetricNames.standard
        if let v = m["requests"] { n.requests = try v.string() }
        if let v = m["statusLabels"] { n.statusLabels = try v.sequence().map { (x) throws(ConfigError) in try x.string() } }
        if let v = m["latencyHistogram"] { n.latencyHistogram = try v.string() }
        if let v = m["breakerStateGauges"] { n.breakerStateGauges = try v.sequence().map { (x) throws(ConfigError) in try x.string() } }
        if let v = m["breakerFailureRate"] { n.breakerFailureRate = try v.string() }
        if let v = m["breakerNumericGauge"] { n.breakerNumericGauge = try v.string() }
        if let v = m["breakerNumericStates"] {
            guard let mapping = v.node.mapping else { throw v.error("expected a mapping from gauge value to state (0: closed)") }
            var states: [Double: BreakerState] = [:]
            for (k, s) in mapping {
                let key = v.derived(k, path: v.path), value = v.derived(s, path: v.path + "." + (k.string ?? "?"))
                let number = try key.number(in: -1e9...1e9)
                let word = try value.string()
                guard let state = BreakerState(spelling: word) else {
                    throw value.error("unknown breaker state '\(word)'", suggestion: Suggestion.nearest(to: word, among: BreakerState.allCases.map(\.rawValue)))
                }
                states[number] = state
            }
            n.breakerNumericStates = states
        }
        if let v = m["engine"] { n.engine = try engineNames(v) }
        return n
    }

    /// `metrics.engine`: per signal, the names to try in order (replacing the defaults).
    static func engineNames(_ node: ConfigNode) throws(ConfigError) -> EngineMetricNames {
        let keys = ["running", "waiting", "kvCacheUsage", "promptTokens", "generationTokens", "preemptions", "prefixCacheQueries",
                    "prefixCacheHits", "prefixCacheHitRatio", "timeToFirstToken", "interTokenLatency", "requestLatency"]
        let m = try node.mapping(allowed: keys)
        let d = EngineMetricNames.standard
        func list(_ key: String, _ fallback: [String]) throws(ConfigError) -> [String] {
            guard let v = m[key] else { return fallback }
            if v.node.sequence == nil { return [try v.string()] }
            return try v.sequence().map { (x) throws(ConfigError) in try x.string() }
        }
        return EngineMetricNames(running: try list("running", d.running), waiting: try list("waiting", d.waiting),
                                 kvCacheUsage: try list("kvCacheUsage", d.kvCacheUsage), promptTokens: try list("promptTokens", d.promptTokens),
                                 generationTokens: try list("generationTokens", d.generationTokens),
                                 preemptions: try list("preemptions", d.preemptions),
                                 prefixCacheQueries: try list("prefixCacheQueries", d.prefixCacheQueries),
                                 prefixCacheHits: try list("prefixCacheHits", d.prefixCacheHits),
                                 prefixCacheHitRatio: try list("prefixCacheHitRatio", d.prefixCacheHitRatio),
                                 timeToFirstToken: try list("timeToFirstToken", d.timeToFirstToken),
                                 interTokenLatency: try list("interTokenLatency", d.interTokenLatency),
                                 requestLatency: try list("requestLatency", d.requestLatency))
    }
}
