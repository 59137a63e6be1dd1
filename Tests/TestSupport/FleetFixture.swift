import FleetEngine
import Foundation
import Dashboard
import Ingest
import Monitoring
import TerminalUI

/// A dashboard state built the way the live one is, deterministically: exposition pages
/// written per instance per scrape, parsed by the real parser, fed through the fleet watch, and
/// judged every 5 s. Chute 1 has a breaker that opens halfway, chute 2 an instance whose health
/// poll fails, chute 3 no instances (cold); the rest are healthy with different loads. For the
/// dashboard's snapshot tests and the frame benchmark.
public enum FleetFixture {
    public static let start = 1_800_000_000.0
    static let names = ["llama-3.1-70b-instruct", "deepseek-r1-distill-qwen-32b", "whisper-large-v3", "sdxl-turbo",
                        "bge-m3", "flux.1-schnell", "qwen2.5-coder-32b-instruct", "kokoro-82m-tts", "e5-mistral-7b-instruct"]

    public static func name(_ c: Int) -> String { c < names.count ? names[c] : "\(names[c % names.count])-\(c / names.count + 1)" }

    public static func inventory(chutes: Int, instances: Int) -> FleetInventory {
        FleetInventory(chutes: (0..<chutes).map { c in
            let n = c == 3 ? 0 : instances
            var chute = FleetInventory.Chute(name: name(c), instances: (0..<n).map { .init(id: "i-\($0 + 1)", baseURL: "http://127.0.0.1:9/\(c)/\($0)", phase: "ready") },
                                             targetInstances: c == 2 ? instances + 1 : n, minInstances: c == 3 ? 0 : 1, maxInstances: 8, scalingThreshold: 0.75)
            // One chute leaves shutdown-after unset: the readiness review's scaling.knobs fails.
            chute.shutdownAfterSeconds = c == 4 ? nil : 300
            return chute
        })
    }

    /// Requests counted by scrape `k`: 1000 s at the instance's base rate, then 5 s per
    /// scrape at a rate that swings with a period and phase of the chute's own, so every
    /// chute's trend has a shape of its own (a constant rate drew the same ramp for all).
    static func requests(chute c: Int, instance i: Int, scrape k: Int) -> Double {
        let base = Double(5 + (c * 37 + i * 11) % 120)
        let swing = { (j: Int) in 1 + 0.6 * sin(Double(j) * (0.15 + 0.09 * Double(c)) + Double(c)) }
        return base * 1000 + (0..<k).reduce(0.0) { $0 + 5 * base * swing($1) }
    }

    /// One instance's /metrics page at scrape `k`.
    public static func page(chute c: Int, instance i: Int, scrape k: Int, cycles: Int) -> String {
        let counted = requests(chute: c, instance: i, scrape: k), errors = c == 1 ? 0.08 : Double(c % 4) * 0.002
        let ok = counted * (1 - errors), failed = counted * errors
        let slow = c == 1 ? 0.4 : 0.05
        var text = "# TYPE http_requests counter\n"
        text += "http_requests_total{code=\"200\"} \(ok.rounded())\nhttp_requests_total{code=\"500\"} \(failed.rounded())\n"
        text += "# TYPE http_request_duration_seconds histogram\n"
        let total = (ok + failed).rounded()
        var cumulative = 0.0
        for (bound, share) in [("0.05", 0.5 - slow), ("0.25", 0.3), ("1", 0.15 + slow * 0.5), ("5", 0.05 + slow * 0.5)] {
            cumulative += share
            text += "http_request_duration_seconds_bucket{le=\"\(bound)\"} \((total * min(1, cumulative)).rounded())\n"
        }
        text += "http_request_duration_seconds_bucket{le=\"+Inf\"} \(total)\nhttp_request_duration_seconds_count \(total)\n"
        text += "# TYPE resilience4j_circuitbreaker_state gauge\n"
        let open = c == 1 && i == 0 && k >= cycles / 2
        for (breaker, state) in [("database", open ? "open" : "closed"), ("upstream-model", "closed")] {
            for s in ["closed", "open", "half_open"] {
                text += "resilience4j_circuitbreaker_state{name=\"\(breaker)\",state=\"\(s)\"} \(s == state ? 1 : 0)\n"
            }
        }
        text += "# TYPE resilience4j_circuitbreaker_failure_rate gauge\n"
        text += "resilience4j_circuitbreaker_failure_rate{name=\"database\"} \(open ? 62.5 : 1.5)\n"
        let gpus = c % 2 == 0 ? 2 : 1
        let utilization = Double((c * 23 + i * 7 + k) % 100)
        for metric in ["DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_FB_USED", "DCGM_FI_DEV_FB_FREE", "DCGM_FI_DEV_GPU_TEMP", "DCGM_FI_DEV_POWER_USAGE"] {
            text += "# TYPE \(metric) gauge\n"
            for g in 0..<gpus {
                let value: Double = switch metric {
                case "DCGM_FI_DEV_GPU_UTIL": utilization
                case "DCGM_FI_DEV_FB_USED": 40_000 + utilization * 300
                case "DCGM_FI_DEV_FB_FREE": 81_000 - 40_000 - utilization * 300
                case "DCGM_FI_DEV_GPU_TEMP": 40 + utilization * 0.45
                default: 100 + utilization * 6
                }
                text += "\(metric){gpu=\"\(g)\",UUID=\"GPU-\(c)-\(i)-\(g)\",modelName=\"NVIDIA H100 80GB HBM3\"} \(value)\n"
            }
        }
        return text
    }

    /// The dashboard after `cycles` scrapes and judgements of every instance, 5 s apart.
    public static func state(chutes: Int = 9, instances: Int = 2, cycles: Int = 24, glyphs: GlyphSet = .unicode) -> FleetDashboardState {
        let settings = PollSettings()
        var watch = FleetWatchState(settings: settings, names: .standard, rules: AlertRule.defaults, seed: 7)
        let fleet = inventory(chutes: chutes, instances: instances)
        _ = FleetWatch.update(&watch, .listed(fleet, at: start))
        let parser = ExpositionParser()
        for k in 0..<cycles {
            let t = start + Double(k * 5)
            for (c, chute) in fleet.chutes.enumerated() {
                for (i, instance) in chute.instances.enumerated() {
                    let key = InstanceKey(chute: chute.name, instance: instance.id)
                    let bytes = Array(page(chute: c, instance: i, scrape: k, cycles: cycles).utf8)
                    let digest = ScrapeDigest(page: parser.parse(bytes), time: t, names: .standard)
                    _ = FleetWatch.update(&watch, .polled(PollTarget(key, .metrics), .scrape(digest), at: t))
                    let failing = c == 2 && i == 1
                    let checks = [
                        HealthCheck(name: "database", status: .pass), HealthCheck(name: "upstream-model", status: c == 1 && k >= cycles / 2 ? .warn : .pass, message: c == 1 ? "slow" : nil),
                    ]
                    let health: SourceReading = failing ? .failed("connection refused") : .report(HealthReport(status: .pass, checks: checks,
                        answer: ProbeAnswer(path: "/health", code: 200, seconds: 0.003, bodyBytes: 15, excerpt: #"{"status":"ok"}"#)))
                    _ = FleetWatch.update(&watch, .polled(PollTarget(key, .health), health, at: t))
                    let ready: SourceReading = failing ? .failed("connection refused") : .report(HealthReport(status: .pass, checks: checks,
                        answer: ProbeAnswer(path: "/ready", code: 200, seconds: 0.004, bodyBytes: 72, excerpt: #"{"status":"ready","checks":{"database":true,"upstream-model":true}}"#)))
                    _ = FleetWatch.update(&watch, .polled(PollTarget(key, .ready), ready, at: t))
                }
            }
            FleetWatch.judge(&watch, now: t + 0.5)
        }
        let now = start + Double((cycles - 1) * 5) + 1
        var s = FleetDashboardState(context: .init(name: "staging", source: "direct", readOnly: true, production: false),
                                    watch: watch, keyMap: try! KeyMap(), glyphs: glyphs, contexts: ["staging", "prod"], now: now)
        s.selectedChute = name(0)
        return s
    }

    /// Log lines as the decoder delivers them: levels, request ids, extra fields, one line with
    /// a request id shared by two lines.
    public static func logLines(count: Int, instances: [String]) -> [LogArrival] {
        (0..<count).map { n in
            let level: LogLevel = n % 17 == 0 ? .error : (n % 7 == 0 ? .warn : (n % 5 == 0 ? .debug : .info))
            let request = "req-\(1000 + n / 2)"
            let message = level == .error ? "upstream timed out after 30s" : "POST /v1/chat/completions 200 \(20 + n % 40)ms"
            return LogArrival(instance: instances[n % instances.count],
                              entry: LogEntry(time: start + Double(n) * 0.25, level: level, message: message, requestID: request,
                                              fields: [Label("tokens", "\(100 + n)")]))
        }
    }
}
