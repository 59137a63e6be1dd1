import Glibc
import Monitoring

/// The `/metrics` page of one simulated instance, with the names real chutes expose
/// (PROTOCOLS.md): HTTP RED metrics, the Chutes SDK's invocation metrics, DCGM GPU gauges, vLLM
/// and SGLang engine series for LLMs, resilience4j breaker metrics and process metrics.
enum InstanceMetrics {
    static func render(_ chute: SimulatedChute, _ inst: SimulatedInstance, now: Double, openMetrics: Bool,
                       malformedLines: Bool = false) -> String {
        // Every sample carries the simulated second it describes, so a rate computed from two
        // scrapes is exact however the scrapes fall between the simulation's steps.
        var w = ExpositionWriter(openMetrics: openMetrics, timestamp: now)
        let p = chute.profile
        let handler = p.handler
        let statusLabels: [(String, String)] = [("handler", handler), ("method", "POST")]

        w.family("http_requests", "counter", help: "Total HTTP requests by handler, method and status.")
        for status in SimulatedInstance.statuses {
            w.sample("http_requests_total", statusLabels + [("status", status)], inst.requests[status] ?? 0)
        }
        guard p.build.latencyHistogram else {
            // The sloppy chute: latency only as a summary's quantiles, and no SDK metrics.
            summary(&w, "http_request_duration_seconds", statusLabels, inst)
            return rest(&w, chute, inst, now: now, malformedLines: malformedLines)
        }
        w.family("http_request_duration_seconds", "histogram", help: "HTTP request latency.", unit: "seconds")
        histogram(&w, "http_request_duration_seconds", statusLabels, inst)

        let chuteID = ChuteIdentity.id(of: p.name)
        let functionLabels: [(String, String)] = [("chute_id", chuteID), ("function", p.handler.split(separator: "/").last.map(String.init) ?? "run")]
        w.family("invocation", "counter", help: "Total invocations of the chute's functions.")
        let ok = inst.requests["200"] ?? 0
        let failed = (inst.requests["500"] ?? 0) + (inst.requests["503"] ?? 0)
        w.sample("invocation_total", functionLabels + [("status", "success")], ok)
        w.sample("invocation_total", functionLabels + [("status", "error")], failed)
        w.family("invocation_duration", "histogram", help: "Invocation duration in seconds.")
        histogram(&w, "invocation_duration", functionLabels + [("status", "success")], inst)
        return rest(&w, chute, inst, now: now, malformedLines: malformedLines)
    }

    /// GPUs, the engine, breakers and the process.
    private static func rest(_ w: inout ExpositionWriter, _ chute: SimulatedChute, _ inst: SimulatedInstance, now: Double,
                             malformedLines: Bool) -> String {
        let p = chute.profile
        let gpuFamilies: [(String, String, (SimulatedGPU) -> Double)] = [
            ("DCGM_FI_DEV_GPU_UTIL", "GPU utilization (in %).", { $0.utilization }),
            ("DCGM_FI_DEV_FB_USED", "Framebuffer memory used (in MiB).", { $0.memoryUsedMiB }),
            ("DCGM_FI_DEV_FB_FREE", "Framebuffer memory free (in MiB).", { max(0, $0.memoryTotalMiB - $0.memoryUsedMiB) }),
            ("DCGM_FI_DEV_GPU_TEMP", "GPU temperature (in C).", { $0.temperature }),
            ("DCGM_FI_DEV_POWER_USAGE", "Power draw (in W).", { $0.powerWatts }),
        ]
        for (name, help, value) in gpuFamilies {
            w.family(name, "gauge", help: help)
            for g in inst.gpus {
                w.sample(name, [("gpu", "\(g.index)"), ("UUID", g.uuid), ("device", "nvidia\(g.index)"),
                                ("modelName", p.gpuModel), ("Hostname", "\(p.name)-\(inst.id)")], value(g))
            }
        }

        if let engine = inst.engine { EngineMetrics.render(&w, engine, model: p.name) }

        if !inst.breakers.isEmpty {
            w.family("resilience4j_circuitbreaker_state", "gauge", help: "The states of the circuit breaker")
            for b in inst.breakers {
                for state in BreakerState.allCases {
                    w.sample("resilience4j_circuitbreaker_state", [("name", b.name), ("state", state.rawValue)], b.state == state ? 1 : 0)
                }
            }
            w.family("resilience4j_circuitbreaker_failure_rate", "gauge", help: "The failure rate of the circuit breaker")
            for b in inst.breakers { w.sample("resilience4j_circuitbreaker_failure_rate", [("name", b.name)], b.failureRate) }
            w.family("resilience4j_circuitbreaker_not_permitted_calls", "counter", help: "Total number of not permitted calls")
            for b in inst.breakers {
                w.sample("resilience4j_circuitbreaker_not_permitted_calls_total", [("kind", "not_permitted"), ("name", b.name)], Double(b.notPermittedCalls))
            }
        }

        w.family("process_cpu_seconds", "counter", help: "Total user and system CPU time spent in seconds.", unit: "seconds")
        w.sample("process_cpu_seconds_total", [], ((now - inst.startedAt) * (0.05 + 0.9 * inst.utilization) * 100).rounded() / 100)
        w.family("process_resident_memory_bytes", "gauge", help: "Resident memory size in bytes.", unit: "bytes")
        w.sample("process_resident_memory_bytes", [], 3.2e9 + 1.0e9 * inst.utilization)
        w.family("process_start_time_seconds", "gauge", help: "Start time of the process since unix epoch in seconds.", unit: "seconds")
        w.sample("process_start_time_seconds", [], inst.startedAt)
        var page = w.finish()
        if malformedLines {
            // The bad-exporter scenario: lines a broken exporter really produces.
            page += "broken_metric{gpu=\"0\" 1\nhalf_written_metric 12x\n"
        }
        return page
    }

    /// A summary's 0.5, 0.9 and 0.99 quantiles of the log-normal latency at the instance's
    /// current median (what a client library's summary would show), its sum and count.
    private static func summary(_ w: inout ExpositionWriter, _ name: String, _ labels: [(String, String)], _ inst: SimulatedInstance) {
        w.family(name, "summary", help: "HTTP request latency.", unit: "seconds")
        for (q, z) in [(0.5, 0.0), (0.9, 1.2816), (0.99, 2.3263)] {
            let value = inst.medianLatency > 0 ? inst.medianLatency * exp(LatencyDistribution.sigma * z) : 0
            w.sample(name, labels + [("quantile", "\(q)")], (value * 1000).rounded() / 1000)
        }
        w.sample(name + "_sum", labels, (inst.latencySum * 1000).rounded() / 1000)
        w.sample(name + "_count", labels, inst.latencyCount)
    }

    private static func histogram(_ w: inout ExpositionWriter, _ name: String, _ labels: [(String, String)], _ inst: SimulatedInstance) {
        let exposed = inst.exposedBuckets
        for (k, bound) in SimulatedInstance.latencyBounds.enumerated() {
            w.sample(name + "_bucket", labels + [("le", ExpositionWriter.bound(bound))], exposed[k])
        }
        w.sample(name + "_bucket", labels + [("le", "+Inf")], inst.latencyCount)
        w.sample(name + "_sum", labels, (inst.latencySum * 1000).rounded() / 1000)
        w.sample(name + "_count", labels, inst.latencyCount)
    }
}

/// Stable UUID-shaped ids for simulated chutes (the platform's are UUIDv5 of user and name).
enum ChuteIdentity {
    static func id(of name: String) -> String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in name.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        var g = SeededGenerator(seed: h)
        let a = g.next(), b = g.next()
        func hex(_ v: UInt64, _ n: Int) -> String {
            let s = String(v, radix: 16)
            return String((String(repeating: "0", count: max(0, 16 - s.count)) + s).suffix(n))
        }
        return "\(hex(a >> 32, 8))-\(hex(a >> 16, 4))-5\(hex(a, 3))-\(hex(b >> 48 | 0x8000, 4))-\(hex(b, 12))"
    }
}

extension FleetSimulation {
    /// The `/metrics` body of one instance, or nil if there is no such instance.
    public func metrics(chute: String, instance: String, openMetrics: Bool, malformed: Bool = false) -> String? {
        guard let c = chutes.first(where: { $0.profile.name == chute }),
              let i = c.instances.first(where: { $0.id == instance && $0.phase != .gone }) else { return nil }
        return InstanceMetrics.render(c, i, now: time, openMetrics: openMetrics, malformedLines: malformed)
    }
}
