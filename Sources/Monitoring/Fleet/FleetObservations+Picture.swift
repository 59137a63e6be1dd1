extension FleetObservations {
    /// The fleet as judged at `now`.
    public func picture(at now: Double) -> FleetPicture {
        FleetPicture(time: now, chutes: inventory.chutes.map { chute($0, now: now) })
    }

    private func chute(_ c: FleetInventory.Chute, now: Double) -> FleetPicture.Chute {
        var total = TrafficFigures()
        var anyTraffic = false
        var oldest: Double?
        var from = Double.infinity, to = -Double.infinity
        // Whether some instance's figures cover the whole window; if none does, the chute's
        // cover less (from the first scrape on), and say over how long.
        var whole = false
        var gpus: [GPUReading] = [], gpusReporting = 0
        var gpuAge: Double?
        var ready = 0
        var engines: [InferenceFigures] = []
        let pictured = c.instances.map { i -> FleetPicture.Instance in
            let key = InstanceKey(chute: c.name, instance: i.id)
            let o = self.instances[key] ?? InstanceObservation(window: 0)
            let metricsStale = o.metrics.isStale(at: now, interval: intervals.metrics)
            let age = o.metrics.age(at: now)
            var requestRate: Double?, errorRatio: Double?, span: Double?
            var inference: InferenceFigures?
            let traffic = metricsStale ? nil : o.traffic.figures(rateRange)
            if !metricsStale, let gauges = o.latest?.engine {
                inference = InferenceFigures(gauges: gauges, rates: traffic, age: age)
            } else if !metricsStale, var computed = o.computed?.inference {
                computed.ageSeconds = age
                inference = computed
            }
            if let inference { engines.append(inference) }
            if !metricsStale, let range = o.traffic.range(rateRange), let traffic {
                total = total + traffic
                anyTraffic = true
                from = min(from, range.start)
                to = max(to, range.end)
                oldest = max(oldest ?? 0, age ?? 0)
                (requestRate, errorRatio) = (traffic.requestRate, traffic.errorRatio)
                if o.traffic.isPartial(rateRange) { span = range.end - range.start } else { whole = true }
            } else if !metricsStale, let computed = o.computed {
                (requestRate, errorRatio) = (computed.requestRate, computed.errorRatio)
            }
            // GPUs and breakers from the newest scrape or computed figures, only while fresh:
            // a stale reading is not shown as live.
            let fresh = metricsStale ? nil : o.latest
            let instanceGPUs = metricsStale ? [] : (fresh?.gpus ?? o.computed?.gpus ?? [])
            let breakers = metricsStale ? [] : (fresh?.breakers ?? o.computed?.breakers ?? [])
            // Ready: readiness when it is read; else up: healthy when health is read; else its
            // metrics answer (what Prometheus' `up` means).
            let isReady = intervals.ready > 0
                ? o.lastReadiness?.status == .pass && !o.ready.isStale(at: now, interval: intervals.ready)
                : intervals.health > 0
                ? o.lastHealth?.status == .pass && !o.health.isStale(at: now, interval: intervals.health)
                : o.metrics.age(at: now) != nil && !o.metrics.isStale(at: now, interval: intervals.metrics)
            if isReady { ready += 1 }
            gpusReporting += instanceGPUs.count
            // The chute's GPU figures are its ready instances': one the control plane calls
            // starting or draining, or whose readiness says not ready, is left out (a starting
            // instance's idle GPUs would read a busy chute as quiet); one whose readiness is not
            // read yet counts, so the first frames have figures.
            let notServing = i.phase == "starting" || i.phase == "draining"
                || (intervals.ready > 0 && o.lastReadiness.map { $0.status != .pass } == true)
            if !notServing && !instanceGPUs.isEmpty {
                gpus += instanceGPUs
                gpuAge = max(gpuAge ?? 0, age ?? 0)
            }
            var instance = FleetPicture.Instance(
                id: i.id, baseURL: i.baseURL, phase: i.phase,
                health: probe(o.health, o.lastHealth, interval: intervals.health, now: now),
                ready: probe(o.ready, o.lastReadiness, interval: intervals.ready, now: now),
                metrics: probe(o.metrics, nil, interval: intervals.metrics, now: now),
                healthFlaps: o.healthFlaps.flaps(at: now),
                requestRate: Figure(requestRate, age: age, span: span), errorRatio: Figure(errorRatio, age: age, span: span),
                gpu: instanceGPUs.isEmpty ? nil : GPUSummary(instanceGPUs, age: age), gpus: instanceGPUs,
                breakers: breakers.map { FleetPicture.Breaker(name: $0.name, state: $0.state, failureRate: $0.failureRate) },
                skippedLines: o.latest?.skippedLines ?? 0, restarts: o.restarts, inference: inference,
                coldStartSeconds: i.phase == "starting" ? i.startedAt.map { max(0, now - $0) } : nil)
            instance.facts = i.facts
            return instance
        }
        var chute = FleetPicture.Chute(
            name: c.name,
            counts: FleetPicture.Counts(current: c.instances.count, ready: ready, target: c.targetInstances,
                                        min: c.minInstances, max: c.maxInstances, readinessRead: intervals.ready > 0),
            requestRate: .none, errorRatio: .none, p50: .none, p95: .none, p99: .none, rateFrom: nil, rateTo: nil,
            gpu: gpus.isEmpty ? nil : GPUSummary(gpus, age: gpuAge), controlError: c.controlError, id: c.id,
            scalingThreshold: c.scalingThreshold, instances: pictured, gpusReporting: gpusReporting)
        chute.gpuUnseen = gpus.isEmpty ? gpuUnseen : nil
        chute.facts = c.facts
        if anyTraffic {
            let figure = { (v: Double?) in Figure(v, age: oldest, span: whole ? nil : to - from) }
            chute.requestRate = figure(total.requestRate)
            chute.errorRatio = figure(total.errorRatio)
            (chute.p50, chute.p95, chute.p99) = (figure(total.latencyQuantile(0.5)), figure(total.latencyQuantile(0.95)), figure(total.latencyQuantile(0.99)))
            (chute.rateFrom, chute.rateTo) = (from, to)
            if var engine = InferenceFigures.chute(engines) {
                engine.take(total)
                chute.inference = engine
            }
        } else if let (f, span, time) = chuteFigures[c.name], now - time <= 3 * max(intervals.metrics, 0.1) {
            // Over the source's span; said when it is not the window (the Chutes platform's
            // figures are over 5 minutes).
            let marked: Double? = if case .window(let w) = rateRange, abs(span - w) >= 1 { span } else { nil }
            let figure = { (v: Double?) in Figure(v, age: max(0, now - time), span: marked) }
            chute.requestRate = figure(f.requestRate)
            chute.errorRatio = figure(f.errorRatio)
            (chute.p50, chute.p95, chute.p99) = (figure(f.p50), figure(f.p95), figure(f.p99))
            (chute.rateFrom, chute.rateTo) = (time - span, time)
            if var engine = f.inference {
                engine.ageSeconds = max(0, now - time)
                chute.inference = engine
            }
        }
        if var busy = chuteFigures[c.name]?.figures.busy, let time = chuteFigures[c.name]?.time, now - time <= 3 * max(intervals.metrics, 0.1) {
            // Its age is the platform's: the row may be older than the reading that carried it.
            busy.ageSeconds = max(0, now - (busy.measuredAt.map { min($0, time) } ?? time))
            chute.busy = busy
        }
        if chute.inference == nil, let engine = InferenceFigures.chute(engines) { chute.inference = engine }
        let phased = chute.instances.contains { $0.phase != nil }
        chute.saturation = SaturationVerdict.judge(chute.inference, gpuMeanUtilization: chute.gpu?.meanUtilization, counts: chute.counts,
                                                   starting: phased ? chute.instances.filter { $0.phase == "starting" }.count : nil)
        return chute
    }

    private func probe(_ r: ProbeRecord, _ report: HealthReport?, interval: Double, now: Double) -> FleetPicture.Probe {
        FleetPicture.Probe(status: interval > 0 ? report?.status : nil, ageSeconds: r.age(at: now),
                           stale: interval > 0 && r.isStale(at: now, interval: interval),
                           error: r.lastError, errorAgeSeconds: r.lastErrorAt.map { max(0, now - $0) },
                           consecutiveFailures: r.consecutiveFailures, pollBreaker: nil)
    }
}
