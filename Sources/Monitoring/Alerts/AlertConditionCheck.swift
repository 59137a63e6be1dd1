/// Whether a condition holds for a chute or its instances, with a one-line summary of what
/// was measured.
enum AlertConditionCheck {
    struct Violation {
        var instance: String?
        var summary: String
    }

    static func violations(_ condition: AlertCondition, _ chute: FleetPicture.Chute) -> [Violation] {
        switch condition {
        case .errorRatioAbove(let limit):
            guard let r = chute.errorRatio.value, r > limit else { return [] }
            return [Violation(summary: "error ratio \(percent(r)) > \(percent(limit))")]
        case .p95Above(let slo):
            guard let p = chute.p95.value, p > slo else { return [] }
            return [Violation(summary: "p95 \(seconds(p)) > SLO \(seconds(slo))")]
        case .readyBelowMin:
            guard let min = chute.counts.min, chute.counts.ready < min else { return [] }
            return [Violation(summary: "\(chute.counts.ready) ready < min \(min)")]
        case .kvCacheAbove(let limit):
            guard let kv = chute.inference?.kvCacheUsageMax, kv > limit else { return [] }
            return [Violation(summary: "KV cache \(percent(kv)) > \(percent(limit))" + (chute.inference?.waiting.map { ", \(Int($0.rounded())) waiting" } ?? ""))]
        case .queueAbove(let limit):
            guard let w = chute.inference?.waiting, w > limit else { return [] }
            return [Violation(summary: "\(Int(w.rounded())) requests waiting > \(Int(limit.rounded()))")]
        case .timeToFirstTokenP95Above(let limit):
            guard let t = chute.inference?.timeToFirstTokenP95, t > limit else { return [] }
            return [Violation(summary: "time to first token p95 \(seconds(t)) > \(seconds(limit))")]
        case .targetDown, .notReady, .coldStartAbove, .gpuUtilizationAbove, .breakerOpen, .staleData:
            // The summary names its instance: every line an operator reads says which one.
            return chute.instances.compactMap { i in instanceSummary(condition, i).map { Violation(instance: i.id, summary: i.id + ": " + $0) } }
        }
    }

    private static func instanceSummary(_ condition: AlertCondition, _ i: FleetPicture.Instance) -> String? {
        switch condition {
        case .targetDown:
            let enabled = [i.health, i.metrics].filter { $0.status != nil || $0.error != nil || $0.ageSeconds != nil }
            guard !enabled.isEmpty, enabled.allSatisfy({ $0.error != nil && $0.consecutiveFailures > 0 }) else { return nil }
            return "down: " + (enabled.first?.error ?? "no answer")
        case .notReady:
            guard let s = i.ready.status, s != .pass, !i.isStartingOrDraining else { return nil }
            return "readiness \(s)" + (i.ready.error.map { ": " + $0 } ?? "")
        case .coldStartAbove(let limit):
            guard let starting = i.coldStartSeconds, starting > limit else { return nil }
            return "cold start \(duration(starting)) > expected \(duration(limit))"
        case .gpuUtilizationAbove(let limit):
            guard let u = i.gpu?.meanUtilization, u > limit else { return nil }
            return "GPU utilisation \(Int(u.rounded())) % > \(Int(limit.rounded())) %"
        case .breakerOpen:
            let open = i.breakers.filter(\.state.rejectsCalls)
            guard !open.isEmpty else { return nil }
            return "breaker " + open.map { "\($0.name) \($0.state.rawValue)" }.joined(separator: ", ")
        case .staleData:
            let stale = [("health", i.health), ("ready", i.ready), ("metrics", i.metrics)].filter { $0.1.stale }
            guard !stale.isEmpty else { return nil }
            return "stale " + stale.map(\.0).joined(separator: ", ")
        case .errorRatioAbove, .p95Above, .readyBelowMin, .kvCacheAbove, .queueAbove, .timeToFirstTokenP95Above:
            return nil
        }
    }

    /// "6m 12s", "45s".
    private static func duration(_ s: Double) -> String {
        let whole = Int(s.rounded())
        return whole < 60 ? "\(whole)s" : "\(whole / 60)m" + (whole % 60 == 0 ? "" : " \(whole % 60)s")
    }

    private static func percent(_ r: Double) -> String {
        let p = (r * 1000).rounded() / 10
        return (p == p.rounded() ? String(Int(p)) : String(p)) + " %"
    }

    private static func seconds(_ s: Double) -> String {
        s < 1 ? "\(Int((s * 1000).rounded())) ms" : "\((s * 100).rounded() / 100) s"
    }
}
