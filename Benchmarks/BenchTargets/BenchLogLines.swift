/// The log lines the benchmark's targets stream: structured JSON as a chute writes it (time,
/// level, message, request id, route, status, latency, tokens), varied so no two neighbours
/// are alike, each framed as a server-sent event.
enum BenchLogLines {
    static func events(_ count: Int) -> String {
        let levels = ["info", "info", "info", "debug", "warn", "error"]
        let routes = ["/v1/chat/completions", "/v1/completions", "/v1/embeddings", "/health"]
        let messages = ["request completed", "prefill done", "cache miss, loading adapter", "upstream slow, retrying once"]
        var out = ""
        out.reserveCapacity(count * 240)
        for k in 0..<count {
            let second = k % 60, millis = (k * 37) % 1000
            let level = levels[k % levels.count]
            let status = level == "error" ? 500 : 200
            out += "data: {\"ts\":\"2026-11-30T03:00:\(second < 10 ? "0" : "")\(second).\(String(millis + 1000).dropFirst())Z\","
            out += "\"level\":\"\(level)\",\"msg\":\"\(messages[k % messages.count])\",\"request_id\":\"req-\(String(k, radix: 16))-\(k * 7919 % 100_000)\","
            out += "\"route\":\"\(routes[k % routes.count])\",\"status\":\(status),\"latency_ms\":\(Double(k % 900) / 3),\"tokens\":\(k % 2048)}\n\n"
        }
        return out
    }
}
