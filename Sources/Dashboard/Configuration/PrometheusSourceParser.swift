import Foundation

/// `kind: prometheus`: url, selector, labels, counts, auth, tls.
enum PrometheusSourceParser {
    static func source(_ node: ConfigNode) throws(ConfigError) -> PrometheusSourceConfig {
        let m = try node.mapping(allowed: ["kind", "url", "selector", "labels", "counts", "delay", "auth", "tls"], required: ["url"])
        var p = PrometheusSourceConfig(url: try SourceParser.url(m["url"]!))
        if let n = m["selector"] { p.selector = try selector(n) }
        if let n = m["labels"] {
            let lm = try n.mapping(allowed: ["chute", "instance"])
            if let v = lm["chute"] { p.labels.chute = try labelName(v) }
            if let v = lm["instance"] { p.labels.instance = try labelName(v) }
            if p.labels.chute == p.labels.instance { throw n.error("the chute and instance labels must differ") }
        }
        if let n = m["counts"] {
            let cm = try n.mapping(allowed: ["target", "min", "max", "ready"])
            // An empty expression turns a figure off (shown unknown).
            let expression = { (v: ConfigNode) throws(ConfigError) -> String? in
                let s = try v.string().trimmingCharacters(in: .whitespaces)
                return s.isEmpty ? nil : s
            }
            if let v = cm["target"] { p.counts.target = try expression(v) }
            if let v = cm["min"] { p.counts.min = try expression(v) }
            if let v = cm["max"] { p.counts.max = try expression(v) }
            if let v = cm["ready"] { p.counts.ready = try expression(v) }
        }
        if let n = m["delay"] { p.delay = try n.duration(in: 0...600) }
        if let n = m["auth"] { p.credentials = try SourceParser.credentials(n) }
        if let n = m["tls"] { p.tls = try SourceParser.tls(n) }
        return p
    }

    /// `{job="chutes", env!="dev"}` or `job="chutes"`: the matchers, braces removed. Checked
    /// enough to catch a metric name or an unbalanced quote here rather than in every query.
    static func selector(_ node: ConfigNode) throws(ConfigError) -> String {
        var s = try node.string().trimmingCharacters(in: .whitespaces)
        if s.hasPrefix("{") {
            guard s.hasSuffix("}") else { throw node.error("a selector's '{' is never closed") }
            s = String(s.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
        } else if s.hasSuffix("}") || s.contains("{") {
            throw node.error("a selector is label matchers only, like '{job=\"chutes\"}' (no metric name)")
        }
        var quotes = 0, escaped = false
        for ch in s {
            if escaped { escaped = false; continue }
            if ch == "\\" { escaped = true } else if ch == "\"" { quotes += 1 }
        }
        guard quotes % 2 == 0 else { throw node.error("a selector has an unbalanced quote") }
        if !s.isEmpty && !s.contains("=") { throw node.error("a selector is label matchers, like job=\"chutes\"") }
        return s
    }

    private static func labelName(_ node: ConfigNode) throws(ConfigError) -> String {
        let s = try node.string()
        let valid = !s.isEmpty && s.unicodeScalars.enumerated().allSatisfy { k, c in
            c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c) || (k > 0 && ("0"..."9").contains(c))
        }
        guard valid else { throw node.error("'\(s)' is not a label name ([a-zA-Z_][a-zA-Z0-9_]*)") }
        return s
    }
}
