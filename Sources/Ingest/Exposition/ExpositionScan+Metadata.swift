import Monitoring

/// `# HELP`, `# TYPE`, `# UNIT` and `# EOF` lines.
extension ExpositionScan {
    /// Text 0.0.4: `#` lines are comments unless the first token is HELP or TYPE; whitespace is
    /// any run of blanks and tabs.
    func parseTextComment(_ start: Int, _ end: Int) {
        var i = start + 1
        skipBlanks(&i, end)
        let kwStart = i
        while i < end && p[i] != 0x20 && p[i] != 0x09 { i += 1 }
        let keyword = text(kwStart, i)
        guard keyword == "HELP" || keyword == "TYPE" else { return }
        skipBlanks(&i, end)
        let nameStart = i
        guard scanMetricName(&i, end), i == end || p[i] == 0x20 || p[i] == 0x09 else {
            fail("invalid metric name in # \(keyword) line")
            return
        }
        let name = text(nameStart, i)
        skipBlanks(&i, end)
        let f = family(named: name)
        if keyword == "TYPE" {
            var typeEnd = end
            while typeEnd > i && (p[typeEnd - 1] == 0x20 || p[typeEnd - 1] == 0x09) { typeEnd -= 1 }
            let word = text(i, typeEnd)
            let type: MetricType? = word == "untyped" ? .unknown : MetricType(rawValue: word)
            guard let type, type != .gaugehistogram, type != .info, type != .stateset else {
                fail("unknown metric type '\(word)' for \(name)")
                return
            }
            page.families[f].type = type
            forgetResolutions()
        } else {
            page.families[f].help = unescapeHelp(i, end, openMetrics: false)
        }
    }

    /// OpenMetrics: exactly `# TYPE name type`, `# HELP name text`, `# UNIT name unit`, `# EOF`.
    func parseOpenMetricsComment(_ start: Int, _ end: Int) {
        if end - start == 5 && text(start, end) == "# EOF" {
            eofLine = line
            return
        }
        guard end - start >= 7, p[start + 1] == 0x20 else { fail("invalid comment line (only # TYPE, # HELP, # UNIT and # EOF are allowed)"); return }
        let keyword = text(start + 2, start + 6)
        guard ["TYPE", "HELP", "UNIT"].contains(keyword), p[start + 6] == 0x20 else {
            fail("invalid comment line (only # TYPE, # HELP, # UNIT and # EOF are allowed)")
            return
        }
        var i = start + 7
        let nameStart = i
        guard scanMetricName(&i, end) else { fail("invalid metric name in # \(keyword) line"); return }
        let name = text(nameStart, i)
        guard i < end, p[i] == 0x20 else { fail("# \(keyword) \(name) needs a value after one space"); return }
        i += 1
        switch keyword {
        case "TYPE":
            let word = text(i, end)
            guard let type = MetricType(rawValue: word) else { fail("unknown metric type '\(word)' for \(name)"); return }
            if let rules, !rules.declare(.type, of: name, type: type, in: self) { return }
            let f = family(named: name)
            page.families[f].type = type
            forgetResolutions()
        case "HELP":
            if let rules, !rules.declare(.help, of: name, type: nil, in: self) { return }
            let f = family(named: name)
            page.families[f].help = unescapeHelp(i, end, openMetrics: true)
        default:
            let unit = text(i, end)
            if let rules, !rules.declare(.unit(unit), of: name, type: nil, in: self) { return }
            let f = family(named: name)
            page.families[f].unit = unit
        }
    }

    /// HELP escapes: text 0.0.4 knows `\\` and `\n`; OpenMetrics also `\"`. Any other
    /// backslash is kept as it is.
    func unescapeHelp(_ start: Int, _ end: Int, openMetrics: Bool) -> String {
        guard memchrIn(start, end, 0x5C) != nil else { return text(start, end) }
        unescape(start, end, quotes: openMetrics)
        return String(decoding: scratch, as: UTF8.self)
    }

    /// Writes `[start, end)` into `scratch` with `\\`, `\n` and (if `quotes`) `\"` unescaped;
    /// any other backslash is kept as it is (the OpenMetrics rule, and Prometheus' own parser).
    func unescape(_ start: Int, _ end: Int, quotes: Bool) {
        scratch.removeAll(keepingCapacity: true)
        var i = start
        while i < end {
            let c = p[i]
            if c == 0x5C && i + 1 < end {
                let n = p[i + 1]
                if n == 0x5C || (quotes && n == 0x22) { scratch.append(n); i += 2; continue }
                if n == 0x6E { scratch.append(0x0A); i += 2; continue }
            }
            scratch.append(c)
            i += 1
        }
    }

    @inline(__always)
    func skipBlanks(_ i: inout Int, _ end: Int) {
        while i < end && (p[i] == 0x20 || p[i] == 0x09) { i += 1 }
    }

    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`
    @inline(__always)
    func scanMetricName(_ i: inout Int, _ end: Int) -> Bool {
        guard i < end, Self.isNameStart(p[i]) || p[i] == 0x3A else { return false }
        i += 1
        while i < end, Self.isNameChar(p[i]) || p[i] == 0x3A { i += 1 }
        return true
    }

    /// `[a-zA-Z_][a-zA-Z0-9_]*`
    @inline(__always)
    func scanLabelName(_ i: inout Int, _ end: Int) -> Bool {
        guard i < end, Self.isNameStart(p[i]) else { return false }
        i += 1
        while i < end, Self.isNameChar(p[i]) { i += 1 }
        return true
    }

    @inline(__always)
    static func isNameStart(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 || c == 0x5F }

    @inline(__always)
    static func isNameChar(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 || c &- 0x30 < 10 || c == 0x5F }

    func memchrIn(_ start: Int, _ end: Int, _ byte: UInt8) -> Int? {
        var i = start
        while i < end { if p[i] == byte { return i }; i += 1 }
        return nil
    }
}
