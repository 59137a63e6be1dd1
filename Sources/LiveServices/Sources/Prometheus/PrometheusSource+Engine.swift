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
        // Latency histograms: bucket rates per instance and bound, summed per chute and bound.
        var chuteBuckets: [FleetQueries.Query.Figure: [String: [Double: Double]]] = [:]
        for figure in [FleetQueries.Query.Figure.timeToFirstTokenBuckets, .interTokenLatencyBuckets, .requestLatencyBuckets] {
            var perInstance: [InstanceKey: [(upperBound: Double, count: Double)]] = [:]
            for s in answers[figure] ?? [] {
                guard let key = key(s), let le = s.label("le"), let bound = ScrapeDigest.bound(le), let v = s.points.first?.value else { continue }
                perInstance[key, default: []].append((bound, v))
                chuteBuckets[figure, default: [:]][key.chute, default: [:]][bound, default: 0] += v
            }
            for (key, buckets) in perInstance {
                switch figure {
                case .timeToFirstTokenBuckets: engines[key, default: InferenceFigures()].timeToFirstTokenP95 = Self.quantile(0.95, buckets)
                case .interTokenLatencyBuckets: engines[key, default: InferenceFigures()].interTokenLatencyP95 = Self.quantile(0.95, buckets)
                default: break
                }
            }
        }
        var byChute: [String: [InferenceFigures]] = [:]
        for (key, e) in engines {
            instances[key, default: ComputedFigures.Instance(key: key)].inference = e
            byChute[key.chute, default: []].append(e)
        }
        for (name, list) in byChute {
            chutes[name, default: ComputedFigures.Chute(name: name)].inference = InferenceFigures.chute(list)
        }
        for (figure, perChute) in chuteBuckets {
            for (name, byBound) in perChute {
                let buckets = byBound.map { (upperBound: $0.key, count: $0.value) }
                var c = chutes[name, default: ComputedFigures.Chute(name: name)]
                let (p50, p95) = (Self.quantile(0.5, buckets), Self.quantile(0.95, buckets))
                switch figure {
                case .timeToFirstTokenBuckets: (c.inference[default: InferenceFigures()].timeToFirstTokenP50, c.inference[default: InferenceFigures()].timeToFirstTokenP95) = (p50, p95)
                case .interTokenLatencyBuckets: (c.inference[default: InferenceFigures()].interTokenLatencyP50, c.inference[default: InferenceFigures()].interTokenLatencyP95) = (p50, p95)
                default: (c.inference[default: InferenceFigures()].requestLatencyP50, c.inference[default: InferenceFigures()].requestLatencyP95) = (p50, p95)
                }
                chutes[name] = c
            }
        }
    }
}

extension PrometheusSource {
    /// histogram_quantile's answer for these bucket rates; nil where it has none (NaN).
    static func quantile(_ q: Double, _ buckets: [(upperBound: Double, count: Double)]) -> Double? {
        let v = HistogramQuantile.quantile(q, buckets)
        return v.isFinite ? v : nil
    }
}

extension Optional {
    fileprivate subscript(default value: @autoclosure () -> Wrapped) -> Wrapped {
        get { self ?? value() }
        set { self = newValue }
    }
}
