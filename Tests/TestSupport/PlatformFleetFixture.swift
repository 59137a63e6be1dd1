import Dashboard
import FleetEngine
import Monitoring
import TerminalUI

/// A dashboard state as a `kind: chutes` context reads it: the platform's listing (instances
/// ready or starting, facts), its health and readiness from that listing, and its utilisation
/// as busy (concurrency) with no GPU, 5xx or latency figures; one chute disabled (no instances).
/// Fed through the fleet watch with the platform's reading plan, judged every 10 s.
public enum PlatformFleetFixture {
    public static let gpuUnseen = "the Chutes platform does not expose GPU utilisation (only GPU type and count)"
    static let chutes: [(name: String, gpu: String, instances: [Bool], max: Int, busy: Double?, rate: Double)] = [
        ("my-llm", "8 × h100", [true, true, false], 4, 0.82, 12.4),
        ("my-embedder", "1 × l4", [true], 3, 0.07, 88.0),
        ("my-whisper", "1 × a10", [], 2, nil, 0),
    ]

    public static func state(cycles: Int = 6) -> FleetDashboardState {
        var settings = PollSettings()
        settings.intervals = ProbeIntervals(health: 10, ready: 10, metrics: 30)
        let plan = ReadingPlan(fleetWide: [.health, .ready, .metrics], gpuUnseen: gpuUnseen)
        var watch = FleetWatchState(settings: settings, names: .standard, rules: AlertRule.defaults, seed: 7, plan: plan)
        let start = FleetFixture.start
        let inventory = FleetInventory(chutes: chutes.enumerated().map { k, c in
            var chute = FleetInventory.Chute(name: c.name, instances: c.instances.enumerated().map { i, ready in
                var instance = FleetInventory.Instance(id: "5f1c0a7e-\(k)\(i)00-5a3b-9c1d-0e2f3a4b5c6\(i)", phase: ready ? "ready" : "starting")
                instance.facts = [Label("active", ready ? "yes" : "no"), Label("verified", "yes"), Label("region", "n/a"),
                                  Label("last verified", "2027-01-15T08:0\(i):00Z")]
                return instance
            }, targetInstances: c.instances.count, maxInstances: c.max, scalingThreshold: 0.75, id: "0b7e5d4c-000\(k)-5000-8000-000000000001")
            chute.facts = [Label("platform", c.instances.contains(true) ? "hot" : "cold"), Label("GPU type", c.gpu), Label("concurrency", "8"),
                           Label("shutdown after", "300 s idle"), Label("visibility", "private")]
            chute.shutdownAfterSeconds = 300
            return chute
        })
        _ = FleetWatch.update(&watch, .listed(inventory, at: start))
        for k in 0..<cycles {
            let t = start + Double(k * 10)
            var health: [ComputedFigures.Instance] = [], ready: [ComputedFigures.Instance] = []
            for c in chutes {
                for (i, isReady) in c.instances.enumerated() {
                    let key = InstanceKey(chute: c.name, instance: inventory.chute(named: c.name)!.instances[i].id)
                    health.append(ComputedFigures.Instance(key: key, health: HealthReport(status: .pass)))
                    ready.append(ComputedFigures.Instance(key: key, ready: isReady ? HealthReport(status: .pass)
                        : HealthReport(status: .fail, bodyProblem: "verified, not active yet")))
                }
            }
            _ = FleetWatch.update(&watch, .polled(.fleet(.health), .figures(ComputedFigures(time: t, span: 0, instances: health)), at: t))
            _ = FleetWatch.update(&watch, .polled(.fleet(.ready), .figures(ComputedFigures(time: t, span: 0, instances: ready)), at: t))
            if k % 3 == 0 {
                let figures = chutes.compactMap { c in
                    c.busy.map { b in
                        ComputedFigures.Chute(name: c.name, requestRate: c.rate, busy: ConcurrencyBusy(
                            current: b, fiveMinutes: b * 0.9, fifteenMinutes: b * 0.8, hour: b * 0.6, rateLimitedRatio: b > 0.8 ? 0.031 : 0,
                            measuredAt: t - 240))
                    }
                }
                _ = FleetWatch.update(&watch, .polled(.fleet(.metrics), .figures(ComputedFigures(time: t, span: 300, chutes: figures)), at: t))
            }
            FleetWatch.judge(&watch, now: t + 0.5)
        }
        let now = start + Double((cycles - 1) * 10) + 1
        var s = FleetDashboardState(context: .init(name: "my-account", source: "chutes", readOnly: false, production: false),
                                    watch: watch, keyMap: try! KeyMap(), glyphs: .unicode, contexts: ["my-account"], now: now)
        s.selectedChute = chutes[0].name
        return s
    }
}
