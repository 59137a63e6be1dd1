import Ingest

/// The log lines of one instance as JSON (time, level, message, request_id), generated from its
/// state, deterministically: the same instance and second always give the same lines. A chute
/// built without the checklist prints the message alone, as plain text.
enum InstanceLogs {
    /// Lines timed in [from, to) at the chute's log rate, oldest first.
    static func lines(_ chute: SimulatedChute, _ inst: SimulatedInstance, from: Double, to: Double) -> [String] {
        guard to > from, inst.phase != .gone else { return [] }
        var out: [String] = []
        var second = from.rounded(.down)
        while second < to {
            var g = SeededGenerator(seed: UInt64(bitPattern: Int64(second))).derived(for: chute.profile.name + "/" + inst.id)
            let whole = Int(chute.logRate)
            let count = whole + (Double(g.next() % 1000) / 1000 < chute.logRate - Double(whole) ? 1 : 0)
            for k in 0..<count {
                let t = second + Double(k) / Double(max(count, 1))
                // Every line's values are drawn, shown or not: a second reads the same however
                // the span is cut.
                let draw = (request: g.next() & 0xFFFF_FFFF, roll: Double(g.next() % 10_000) / 10_000)
                if t >= from && t < to { out.append(line(chute, inst, time: t, request: draw.request, roll: draw.roll)) }
            }
            second += 1
        }
        return out
    }

    private static func line(_ chute: SimulatedChute, _ inst: SimulatedInstance, time: Double, request id: UInt64, roll: Double) -> String {
        let p = chute.profile
        let request = "req-" + String(id, radix: 16)
        let errorShare = inst.requestRate > 0 ? inst.errorRate / inst.requestRate : 0
        let level: String, message: String
        if inst.phase == .starting {
            (level, message) = ("info", roll < 0.5 ? "loading model weights for \(p.name)" : "warming up CUDA graphs")
        } else if let down = chute.dependenciesDown.sorted().first, roll < 0.6 {
            let open = inst.breakers.first { $0.name == down }?.state.rejectsCalls == true
            (level, message) = ("error", open ? "call to \(down) rejected: circuit breaker open" : "call to \(down) failed: connection refused")
        } else if roll < errorShare {
            (level, message) = ("error", "POST \(p.handler) 500 internal error")
        } else if inst.waiting > 0 && roll < 0.3 {
            (level, message) = ("warn", "request queue at \(Int(inst.waiting)) waiting; KV cache \(Int(inst.kvCacheUsage * 100))%")
        } else {
            let ms = Int(inst.medianLatency * 1000 * (0.7 + 0.6 * roll))
            (level, message) = ("info", "POST \(p.handler) 200 \(ms)ms")
        }
        // The sloppy chute prints plain text: no time, no level, no request id.
        guard p.build.structuredLogs else { return message }
        return "{\"time\":\"\(Timestamps.iso8601(time))\",\"level\":\"\(level)\",\"message\":" + JSONText.string(message)
            + ",\"request_id\":\"\(request)\",\"instance\":\"\(inst.id)\"}"
    }
}

extension FleetSimulation {
    /// Log lines of an instance in [from, to), or nil if there is no such instance.
    public func logLines(chute: String, instance: String, from: Double, to: Double) -> [String]? {
        guard let c = chutes.first(where: { $0.profile.name == chute }),
              let i = c.instances.first(where: { $0.id == instance && $0.phase != .gone }) else { return nil }
        return InstanceLogs.lines(c, i, from: from, to: to)
    }

    /// The newest `count` lines before now (looking back at most an hour).
    public func recentLogLines(chute: String, instance: String, count: Int) -> [String]? {
        guard let c = chutes.first(where: { $0.profile.name == chute }),
              c.instances.contains(where: { $0.id == instance && $0.phase != .gone }) else { return nil }
        guard count > 0 else { return [] }
        let seconds = min(3600, Double(count) / max(0.01, c.logRate) + 1)
        return logLines(chute: chute, instance: instance, from: time - seconds, to: time).map { Array($0.suffix(count)) }
    }
}
