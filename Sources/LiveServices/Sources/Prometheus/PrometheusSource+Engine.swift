import Ingest
import Monitoring

extension PrometheusSource {
    /// The engine answers of one refresh: the gauges read per instance as from a page (the
    /// first name of each signal present), token and preemption rates and the prefix-cache
    /// ratio per instance, latency quantiles per chute and per instance. A chute's gauges and
    /// rates are its instances' summed (the KV cache averaged), as a scrape's would be.
    func engineFigures(_ answers: [FleetQueries.Query.Figure: [PrometheusAPI.Series]], chutes: inout [String: ComputedFigures.Chute],
                       instances: inout [InstanceKey: ComputedFigures.Instance], names: MetricNames, at now: Double) {
        var engines: [InstanceKey: InferenceFigures] = [:]
        var samples: [InstanceKey: [MetricSample]] = [:]
        for s in answers[.engineGauges] ?? [] {
            guard let key = key(s), let name = s.label("__name__"), let v = s.points.first?.value else { continue }
            samples[key, default: []].append(MetricSample(name: name, labels: s.labels.filter { !targetLabels.contains($0.name) }, value: v))
        }
        for (key, list) in samples {
            guard let d = EngineDigest.read(list, time: now, names: names.engine) else { continue }
            engines[key] = InferenceFigures(gauges: d, rates: nil, age: nil)
        }
        func instance(_ figure: FleetQueries.Query.Figure, _ set: (inout InferenceFigures, Double) -> Void) {
            for s in answers[figure] ?? [] {
                guard let key = key(s), let v = s.points.first?.value, v.isFinite else { continue }
                set(&engines[key, default: InferenceFigures()], v)
            }
        }
        instance(.promptTokens) { $0.promptTokensPerSecond = $1 }
        instance(.generationTokens) { $0.generationTokensPerSecond = $1 }
        instance(.preemptions) { $0.preemptionsPerSecond = $1 }
        instance(.prefixCacheHitRatio) { $0.prefixCacheHitRatio = $1 }
        instance(.instanceTimeToFirstTokenP95) { $0.timeToFirstTokenP95 = $1 }
        instance(.instanceInterTokenLatencyP95) { $0.interTokenLatencyP95 = $1 }
        var byChute: [String: [InferenceFigures]] = [:]
        for (key, e) in engines {
            instances[key, default: ComputedFigures.Instance(key: key)].inference = e
            byChute[key.chute, default: []].append(e)
        }
        for (name, list) in byChute {
            chutes[name, default: ComputedFigures.Chute(name: name)].inference = InferenceFigures.chute(list)
        }
        func chute(_ figure: FleetQueries.Query.Figure, _ set: (inout InferenceFigures, Double) -> Void) {
            for s in answers[figure] ?? [] {
                guard let name = s.label(queries.chuteLabel), let v = s.points.first?.value, v.isFinite else { continue }
                var c = chutes[name, default: ComputedFigures.Chute(name: name)]
                set(&c.inference[default: InferenceFigures()], v)
                chutes[name] = c
            }
        }
        chute(.timeToFirstTokenP50) { $0.timeToFirstTokenP50 = $1 }
        chute(.timeToFirstTokenP95) { $0.timeToFirstTokenP95 = $1 }
        chute(.interTokenLatencyP50) { $0.interTokenLatencyP50 = $1 }
        chute(.interTokenLatencyP95) { $0.interTokenLatencyP95 = $1 }
        chute(.requestLatencyP50) { $0.requestLatencyP50 = $1 }
        chute(.requestLatencyP95) { $0.requestLatencyP95 = $1 }
    }
}

extension Optional {
    fileprivate subscript(default value: @autoclosure () -> Wrapped) -> Wrapped {
        get { self ?? value() }
        set { self = newValue }
    }
}
