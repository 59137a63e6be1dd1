import FleetEngine
import Foundation
import Monitoring

// Engine memory (BENCHMARKS.md "Engine memory at 10,000 chutes"): a fleet of CHUTES chutes x
// INSTANCES instances built in memory and watched by the pure engine (`FleetWatch.update`) for
// SECONDS of simulated time with the default poll settings. Every poll the engine asks for is
// answered at once with a synthetic reading (health and readiness pass; a small metrics page:
// request counters by status, latency buckets, one GPU, one breaker), and the engine is ticked
// whenever `FleetWatch.nextWake` asks. No network, no clock: only the engine's own state grows.
// Prints RSS (VmRSS, VmHWM) and the history's bytes, held and worst case.
//   swift build -c release --product FleetMemoryBenchmark
//   .build/release/FleetMemoryBenchmark [CHUTES] [INSTANCES] [SECONDS]
let args = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let chuteCount = args.count > 0 ? args[0] : 10_000
let instanceCount = args.count > 1 ? args[1] : 2
let seconds = Double(args.count > 2 ? args[2] : 600)
let start = 1_800_000_000.0

/// The one place a poll's reading is made (the reading type is the engine's input).
func reading(_ target: PollTarget, at time: Double) -> SourceReading {
    switch target.kind {
    case .health, .ready: .report(HealthReport(status: .pass))
    case .metrics: .scrape(SyntheticPage.digest(for: target.instance, at: time))
    }
}

/// A small, realistic page (four request counters by status, ten latency buckets, one GPU's
/// DCGM gauges, one resilience4j breaker), parsed samples reduced to a digest as the direct
/// source does; fresh label arrays per scrape, as a parser produces.
enum SyntheticPage {
    static let statuses: [(code: String, share: Double)] = [("200", 0.95), ("429", 0.03), ("500", 0.015), ("503", 0.005)]
    static let bounds: [(le: String, share: Double)] = [("0.05", 0.2), ("0.1", 0.35), ("0.25", 0.5), ("0.5", 0.65), ("1", 0.8),
                                                        ("2.5", 0.9), ("5", 0.95), ("10", 0.98), ("30", 0.995), ("+Inf", 1)]

    static func digest(for key: InstanceKey?, at time: Double) -> ScrapeDigest {
        let load = 5 + Double((key?.description.utf8.reduce(0) { $0 &+ Int($1) } ?? 0) % 20)  // requests/s
        let total = load * (time - start + 3600)
        let route = [Label("method", "POST"), Label("path", "/v1/chat/completions")]
        var samples = statuses.map { s in
            MetricSample(name: "http_requests_total", labels: route + [Label("status", s.code)], value: (total * s.share).rounded(.down))
        }
        samples += bounds.map { b in
            MetricSample(name: "http_request_duration_seconds_bucket", labels: route + [Label("le", b.le)], value: (total * b.share).rounded(.down))
        }
        let gpu = [Label("gpu", "0"), Label("UUID", "GPU-\(key?.description ?? "fleet")"), Label("modelName", "NVIDIA H100 80GB HBM3")]
        samples += [("DCGM_FI_DEV_GPU_UTIL", 40 + load * 2), ("DCGM_FI_DEV_FB_USED", 61_000), ("DCGM_FI_DEV_FB_FREE", 20_000),
                    ("DCGM_FI_DEV_GPU_TEMP", 64), ("DCGM_FI_DEV_POWER_USAGE", 410)].map { MetricSample(name: $0.0, labels: gpu, value: $0.1) }
        samples += ["closed", "open", "half_open"].map { state in
            MetricSample(name: "resilience4j_circuitbreaker_state", labels: [Label("name", "upstream"), Label("state", state)], value: state == "closed" ? 1 : 0)
        }
        return ScrapeDigest(page: ExpositionPage(format: .text, samples: samples), time: time, names: .standard)
    }
}

/// VmRSS and VmHWM from /proc/self/status, in bytes.
func residentBytes() -> (rss: Int, peak: Int) {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    func field(_ name: String) -> Int {
        let line = status.split(separator: "\n").first { $0.hasPrefix(name + ":") } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
    }
    return (field("VmRSS"), field("VmHWM"))
}

func mib(_ bytes: Int) -> String { String(format: "%.1f MiB", Double(bytes) / 1_048_576) }
func kb(_ bytes: Double) -> String { String(format: "%.1f KB", bytes / 1000) }

let baseline = residentBytes()
let fleet = FleetInventory(chutes: (0..<chuteCount).map { c in
    FleetInventory.Chute(name: String(format: "chute-%05d", c),
                         instances: (0..<instanceCount).map { i in .init(id: "i-\(i)", baseURL: "http://10.\(c / 250).\(c % 250).\(i + 1):8000", phase: "ready") },
                         targetInstances: instanceCount, minInstances: 1, maxInstances: 4, scalingThreshold: 0.75)
})
let listed = residentBytes()

var state = FleetWatchState(settings: PollSettings(), names: .standard, rules: AlertRule.defaults)
var now = start
var polls = 0, ticks = 0
let began = ContinuousClock.now
var commands = FleetWatch.update(&state, .tick(now: now))
while true {
    while let command = commands.popLast() {
        switch command {
        case .list:
            commands += FleetWatch.update(&state, .listed(fleet, at: now))
        case .poll(let target, _):
            polls += 1
            commands += FleetWatch.update(&state, .polled(target, reading(target, at: now), at: now))
        case .readAlertmanager:
            commands += FleetWatch.update(&state, .alertmanagerRead(.alerts([]), at: now))
        case .backfill:
            continue  // the simulated source holds no history
        }
    }
    guard let wake = FleetWatch.nextWake(state), wake <= start + seconds else { break }
    now = max(now, wake)
    ticks += 1
    commands = FleetWatch.update(&state, .tick(now: now))
}
let elapsed = ContinuousClock.now - began
let end = residentBytes()

let instancesTotal = chuteCount * instanceCount
let history = state.history
let budgetOne = history.budgetPerChute
let traffic = state.observations.instances.values.reduce(0) { $0 + $1.traffic.memoryBytes }
let judged = state.picture?.chutes.filter { $0.requestRate.value ?? 0 > 0 }.count ?? 0

print("fleet: \(chuteCount) chutes x \(instanceCount) instances, \(Int(seconds)) s simulated (health 2 s, ready 2 s, metrics 5 s), \(polls) polls, \(ticks) ticks, \(state.scrapes) scrapes, \(judged) chutes with traffic judged; run took \(elapsed)")
print("| figure | value |")
print("|---|---|")
print("| RSS before the fleet (VmRSS) | \(mib(baseline.rss)) |")
print("| RSS with the inventory built | \(mib(listed.rss)) |")
print("| RSS at the end (VmRSS) | \(mib(end.rss)) |")
print("| peak RSS (VmHWM) | \(mib(end.peak)) |")
print("| RSS above the baseline, per chute / per instance | \(kb(Double(end.rss - baseline.rss) / Double(chuteCount))) / \(kb(Double(end.rss - baseline.rss) / Double(instancesTotal))) |")
print("| history series | \(history.series.count) |")
print("| history held (memoryBytes) | \(mib(history.memoryBytes)) (\(kb(Double(history.memoryBytes) / Double(chuteCount))) per chute) |")
print("| history worst case (budget x chutes) | \(mib(budgetOne * chuteCount)) (\(kb(Double(budgetOne))) per chute; instances add none) |")
print("| counter windows held | \(mib(traffic)) (\(kb(Double(traffic) / Double(instancesTotal))) per instance) |")
