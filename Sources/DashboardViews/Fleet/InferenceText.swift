import Monitoring
import TerminalUI

/// How the engine's figures and the saturation verdict are spelled: unknown is "—".
enum InferenceText {
    static func count(_ v: Double?) -> String { v.map { String(Int($0.rounded())) } ?? FigureText.unknown }

    /// The verdict's kind in a word or two, with its role; "" for none.
    static func verdict(_ v: SaturationVerdict?) -> (text: String, role: Role) {
        guard let v else { return ("", .normal) }
        switch v.kind {
        case .engineStuck: return ("engine stuck", .critical)
        case .kvCache: return ("KV cache", .critical)
        case .queue: return ("queue", .warning)
        case .coldStart: return ("cold start", .warning)
        }
    }

    static func kvRole(_ kv: Double?) -> Role {
        guard let kv else { return .muted }
        return kv >= SaturationVerdict.kvCacheFull ? .critical : kv >= 0.75 ? .warning : .normal
    }

    /// One line of an instance's (or chute's) engine figures.
    static func line(_ e: InferenceFigures) -> String {
        "\(e.engine ?? "engine")  running \(count(e.running))  waiting \(count(e.waiting))  KV \(FigureText.percent(e.kvCacheUsage, decimals: 0))"
            + "  tok/s \(FigureText.rate(e.generationTokensPerSecond)) (prompt \(FigureText.rate(e.promptTokensPerSecond)))"
            + "  TTFT p50/p95 \(FigureText.latency(e.timeToFirstTokenP50))/\(FigureText.latency(e.timeToFirstTokenP95))"
            + "  ITL p50/p95 \(FigureText.latency(e.interTokenLatencyP50))/\(FigureText.latency(e.interTokenLatencyP95))"
            + "  e2e p95 \(FigureText.latency(e.requestLatencyP95))  preempt/s \(FigureText.rate(e.preemptionsPerSecond))"
            + "  prefix hits \(FigureText.percent(e.prefixCacheHitRatio, decimals: 0))"
    }
}
