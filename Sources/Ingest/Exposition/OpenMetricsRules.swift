import Monitoring

/// The OpenMetrics 1.0 rules beyond syntax, checked in strict mode (the conformance suite's
/// expectations): families and metric points contiguous, metadata once and before samples,
/// no clashing names, per-type labels and values, histogram bucket rules, and timestamps that
/// never go backwards within a series.
final class OpenMetricsRules {
    enum Metadata { case type, help, unit(String) }

    private struct FamilyState {
        var hasType = false, hasHelp = false, hasUnit = false, hasSamples = false
        var type: MetricType = .unknown
        var unit: String?
    }

    private var states: [String: FamilyState] = [:]
    private var current: String?
    private var left: Set<String> = []
    /// Every sample name a declared family may use -> that family.
    private var claimed: [String: String] = [:]
    private var group: [Label]?
    private var groupsDone: Set<[Label]> = []
    private var histogram = HistogramGroup()
    private var lastTimestamp: [String: Double?] = [:]

    /// Checks a metadata line; false (with the error recorded) if it breaks a rule.
    func declare(_ kind: Metadata, of name: String, type: MetricType?, in scan: ExpositionScan) -> Bool {
        if name != current {
            if left.contains(name) || states[name]?.hasSamples == true {
                scan.fail("metadata for \(name) appears after its samples or after another family")
                return false
            }
            switchFamily(to: name, scan)
        }
        var state = states[name] ?? FamilyState()
        if state.hasSamples { scan.fail("metadata for \(name) after its samples"); return false }
        switch kind {
        case .type:
            guard !state.hasType else { scan.fail("repeated # TYPE for \(name)"); return false }
            let type = type ?? .unknown
            let names = [name] + type.sampleSuffixes.map { name + $0 }
            if let clash = names.first(where: { claimed[$0] != nil && claimed[$0] != name }) {
                scan.fail("\(name) (\(type.rawValue)) clashes with family \(claimed[clash]!) over the name \(clash)")
                return false
            }
            if let unit = state.unit, !unit.isEmpty, type == .info || type == .stateset {
                scan.fail("# UNIT is not allowed for \(type.rawValue) family \(name)")
                return false
            }
            for n in names { claimed[n] = name }
            state.hasType = true
            state.type = type
        case .help:
            guard !state.hasHelp else { scan.fail("repeated # HELP for \(name)"); return false }
            state.hasHelp = true
        case .unit(let unit):
            guard !state.hasUnit else { scan.fail("repeated # UNIT for \(name)"); return false }
            if !unit.isEmpty && !name.hasSuffix("_" + unit) {
                scan.fail("unit '\(unit)' is not a suffix of the metric name \(name)")
                return false
            }
            if !unit.isEmpty && (state.type == .info || state.type == .stateset) {
                scan.fail("# UNIT is not allowed for \(state.type.rawValue) family \(name)")
                return false
            }
            state.hasUnit = true
            state.unit = unit
        }
        states[name] = state
        return true
    }

    /// Checks a sample; false (with the error recorded) if it breaks a rule.
    func sample(name: String, family: Int, role: SampleRole, labels: [Label], value: Double,
                timestamp: SampleTimestamp?, exemplar: Bool, in scan: ExpositionScan) -> Bool {
        let f = scan.page.families[family]
        if f.name != current {
            if left.contains(f.name) {
                scan.fail("samples of \(f.name) are not contiguous (another family came in between)")
                return false
            }
            switchFamily(to: f.name, scan)
        }
        states[f.name, default: FamilyState()].hasSamples = true
        if claimed[f.name] == nil { claimed[f.name] = f.name }
        guard checkValue(f, role: role, labels: labels, value: value, exemplar: exemplar, scan) else { return false }

        let groupLabels = labels.filter { !($0.name == "le" && (f.type == .histogram || f.type == .gaugehistogram))
            && !($0.name == "quantile" && f.type == .summary) && !($0.name == f.name && f.type == .stateset) }
        if groupLabels != group {
            if groupsDone.contains(groupLabels) {
                scan.fail("metric points of \(f.name) for one label set are not contiguous")
                return false
            }
            endGroup(scan)
            group = groupLabels
        }
        if f.type == .histogram || f.type == .gaugehistogram {
            guard histogram.add(role: role, le: labels.first { $0.name == "le" }?.value, value: value, family: f.name, scan) else { return false }
        }
        let seriesKey = name + "\u{0}" + labels.map { "\($0.name)=\($0.value)" }.joined(separator: "\u{0}")
        let seconds = timestamp?.seconds
        if let previous = lastTimestamp[seriesKey] {
            switch (previous, seconds) {
            case (nil, nil): break  // a duplicate; reported by the parser
            case (let a?, let b?) where b < a:
                scan.fail("timestamp of \(name) goes backwards")
                return false
            case (nil, _?), (_?, nil):
                scan.fail("\(name) mixes samples with and without timestamps")
                return false
            default: break
            }
        }
        lastTimestamp[seriesKey] = seconds
        return true
    }

    func finish(_ scan: ExpositionScan) { switchFamily(to: nil, scan) }

    private func switchFamily(to name: String?, _ scan: ExpositionScan) {
        endGroup(scan)
        if let current { left.insert(current) }
        current = name
        group = nil
        groupsDone.removeAll()
    }

    private func endGroup(_ scan: ExpositionScan) {
        histogram.finish(scan)
        if let group { groupsDone.insert(group) }
    }

    private func checkValue(_ f: MetricFamily, role: SampleRole, labels: [Label], value: Double, exemplar: Bool,
                            _ scan: ExpositionScan) -> Bool {
        func bad(_ message: String) -> Bool { scan.fail(message); return false }
        let negativeOrNaN = value.isNaN || value < 0
        switch f.type {
        case .counter:
            if negativeOrNaN { return bad("counter \(f.name) has a negative or NaN value") }
            if exemplar && role != .total { return bad("exemplars are only allowed on \(f.name)_total") }
        case .histogram, .gaugehistogram:
            if exemplar && role != .bucket { return bad("exemplars are only allowed on \(f.name)_bucket") }
            if role == .bucket {
                guard let le = labels.first(where: { $0.name == "le" })?.value else { return bad("\(f.name)_bucket needs an le label") }
                guard OpenMetricsRules.canonicalBound(le) != nil else { return bad("invalid le value '\(le)'") }
            }
            if role == .gsum {
                if value.isNaN { return bad("\(f.name)_gsum is NaN") }
            } else if negativeOrNaN {
                return bad("\(f.name)\(role.suffix) has a negative or NaN value")
            }
        case .summary:
            if exemplar { return bad("exemplars are not allowed on summaries") }
            if role == .bare {
                guard let q = labels.first(where: { $0.name == "quantile" })?.value else { return bad("summary \(f.name) needs a quantile label") }
                guard let qv = OpenMetricsRules.canonicalBound(q), qv >= 0, qv <= 1 else { return bad("invalid quantile '\(q)'") }
                if value < 0 { return bad("summary quantile value is negative") }
            } else if negativeOrNaN {
                return bad("\(f.name)\(role.suffix) has a negative or NaN value")
            }
        case .info:
            if exemplar { return bad("exemplars are not allowed on info metrics") }
            if value != 1 { return bad("info metric \(f.name) must have the value 1") }
        case .stateset:
            if exemplar { return bad("exemplars are not allowed on statesets") }
            if !labels.contains(where: { $0.name == f.name }) { return bad("stateset \(f.name) needs a label named \(f.name)") }
            if value != 0 && value != 1 { return bad("stateset values must be 0 or 1") }
        case .gauge, .unknown:
            if exemplar { return bad("exemplars are not allowed on \(f.type.rawValue) metrics") }
        }
        return true
    }

    /// An `le` or `quantile` value: a number, with infinity spelled exactly `+Inf` / `-Inf`.
    static func canonicalBound(_ text: String) -> Double? {
        if text == "+Inf" { return .infinity }
        if text == "-Inf" { return -.infinity }
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        return bytes.withUnsafeBufferPointer { NumberScanner.decimal($0.baseAddress!, 0, $0.count) }
    }
}

/// One label set of a histogram, checked when it ends (the rules of prometheus_client's
/// OpenMetrics parser, which the conformance suite encodes).
struct HistogramGroup {
    var active = false
    var family = ""
    var lastBound: Double?
    var lastBucketValue = 0.0
    var count: Double?
    var hasSum = false, hasGsum = false, negativeGsum = false, negativeBucket = false

    mutating func add(role: SampleRole, le: String?, value: Double, family: String, _ scan: ExpositionScan) -> Bool {
        active = true
        self.family = family
        switch role {
        case .bucket:
            let bound = le.flatMap(OpenMetricsRules.canonicalBound) ?? .nan
            if bound < 0 { negativeBucket = true }
            if let last = lastBound, !(bound > last) { scan.fail("buckets of \(family) are out of order"); return false }
            if value < lastBucketValue { scan.fail("bucket counts of \(family) decrease"); return false }
            lastBound = bound
            lastBucketValue = value
        case .count, .gcount: count = value
        case .sum: hasSum = true
        case .gsum:
            hasGsum = true
            if value < 0 { negativeGsum = true }
        default: break
        }
        return true
    }

    mutating func finish(_ scan: ExpositionScan) {
        guard active else { return }
        defer { self = HistogramGroup() }
        if lastBound != .infinity { scan.fail("\(family) has no +Inf bucket"); return }
        if let count, count != lastBucketValue { scan.fail("\(family) count does not match its +Inf bucket"); return }
        if hasSum && count == nil { scan.fail("\(family)_sum without _count"); return }
        if hasGsum && count == nil { scan.fail("\(family)_gsum without _gcount"); return }
        if !(hasSum || hasGsum) && count != nil { scan.fail("\(family) has a count but no sum"); return }
        if negativeBucket && hasSum { scan.fail("\(family) has negative buckets, so it cannot have _sum"); return }
        if !negativeBucket && negativeGsum { scan.fail("\(family)_gsum is negative without negative buckets") }
    }
}
