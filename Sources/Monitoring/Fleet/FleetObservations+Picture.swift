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
        var gpus: [GPUReading] = []
        var ready = 0
        let pictured = c.instances.map { i -> FleetPicture.Instance in
            let key = InstanceKey(chute: c.name, instance: i.id)
            let o = self.instances[key] ?? InstanceObservation(window: 0)
            let metricsStale = o.metrics.isStale(at: now, interval: intervals.metrics)
            var traffic: TrafficFigures?
            if !metricsStale, let range = o.traffic.range(rateRange) {
                traffic = o.traffic.figures(rateRange)
                if let t = traffic {
                    total = total + t
                    anyTraffic = true
                    from = min(from, range.start)
                    to = max(to, range.end)
                    let age = o.metrics.age(at: now)
                    oldest = max(oldest ?? 0, age ?? 0)
                }
            }
            let latest = metricsStale ? nil : o.latest
            if let latest { gpus += latest.gpus }
            let isReady = intervals.ready > 0
                ? o.lastReadiness?.status == .pass && !o.ready.isStale(at: now, interval: intervals.ready)
                : o.lastHealth?.status == .pass && !o.health.isStale(at: now, interval: intervals.health)
            if isReady { ready += 1 }
            let age = o.metrics.age(at: now)
            return FleetPicture.Instance(
                id: i.id, baseURL: i.baseURL, phase: i.phase,
                health: probe(o.health, o.lastHealth, interval: intervals.health, now: now),
                ready: probe(o.ready, o.lastReadiness, interval: intervals.ready, now: now),
                metrics: probe(o.metrics, nil, interval: intervals.metrics, now: now),
                healthFlaps: o.healthFlaps.flaps(at: now),
                requestRate: Figure(traffic?.requestRate, age: age), errorRatio: Figure(traffic?.errorRatio, age: age),
                gpu: latest.flatMap { $0.gpus.isEmpty ? nil : GPUSummary($0.gpus) },
                breakers: (latest?.breakers ?? []).map { FleetPicture.Breaker(name: $0.name, state: $0.state.rawValue, failureRate: $0.failureRate) },
                skippedLines: o.latest?.skippedLines ?? 0)
        }
        let figure = { (v: Double?) in Figure(anyTraffic ? v : nil, age: oldest) }
        return FleetPicture.Chute(
            name: c.name,
            counts: FleetPicture.Counts(current: c.instances.count, ready: ready, target: c.targetInstances,
                                        min: c.minInstances, max: c.maxInstances),
            requestRate: figure(total.requestRate), errorRatio: figure(total.errorRatio),
            p50: figure(total.latencyQuantile(0.5)), p95: figure(total.latencyQuantile(0.95)), p99: figure(total.latencyQuantile(0.99)),
            rateFrom: anyTraffic ? from : nil, rateTo: anyTraffic ? to : nil,
            gpu: gpus.isEmpty ? nil : GPUSummary(gpus), controlError: c.controlError, instances: pictured)
    }

    private func probe(_ r: ProbeRecord, _ report: HealthReport?, interval: Double, now: Double) -> FleetPicture.Probe {
        FleetPicture.Probe(status: interval > 0 ? report?.status.description : nil, ageSeconds: r.age(at: now),
                           stale: interval > 0 && r.isStale(at: now, interval: interval),
                           error: r.lastError, errorAgeSeconds: r.lastErrorAt.map { max(0, now - $0) },
                           consecutiveFailures: r.consecutiveFailures, pollBreaker: nil)
    }
}
