import Glibc
import Monitoring

/// Sample lines: `name{labels} value [timestamp] [# exemplar]`.
extension ExpositionScan {
    func parseSample(_ start: Int, _ end: Int) {
        var i = start
        guard scanMetricName(&i, end) else { fail("invalid metric name \(quote(start, min(end, start + 40)))"); return }
        let nameEnd = i
        labelIDs.removeAll(keepingCapacity: true)
        if !openMetrics {
            // Text format allows blanks between the name and the labels.
            var j = i
            skipBlanks(&j, end)
            if j < end && p[j] == 0x7B { i = j }
        }
        if i < end && p[i] == 0x7B {
            guard parseLabels(&i, end, into: &labelIDs) else { return }
        }
        if openMetrics {
            guard i < end, p[i] == 0x20 else { fail(i == end ? "missing value" : "expected one space before the value"); return }
            i += 1
        } else {
            let before = i
            skipBlanks(&i, end)
            if i == before && nameEnd == before && i < end { fail("invalid metric name \(quote(start, min(end, start + 40)))"); return }
        }
        let valueStart = i
        while i < end && p[i] != 0x20 && !(p[i] == 0x09 && !openMetrics) { i += 1 }
        guard let value = NumberScanner.value(p, valueStart, i, openMetrics: openMetrics) else {
            fail(valueStart == i ? "missing value" : "invalid value \(quote(valueStart, i))")
            return
        }
        var timestamp: SampleTimestamp?
        var exemplar = false
        if openMetrics {
            if i < end {
                i += 1
                if i < end && p[i] == 0x23 {
                    exemplar = true
                } else {
                    let tsStart = i
                    while i < end && p[i] != 0x20 { i += 1 }
                    guard let s = NumberScanner.seconds(p, tsStart, i) else { fail("invalid timestamp \(quote(tsStart, i))"); return }
                    timestamp = .seconds(s)
                    if i < end {
                        i += 1
                        guard i < end && p[i] == 0x23 else { fail("unexpected text after the timestamp"); return }
                        exemplar = true
                    }
                }
                if exemplar {
                    guard parseExemplar(i, end) else { return }
                    page.exemplarCount += 1
                }
            }
        } else {
            skipBlanks(&i, end)
            if i < end {
                let tsStart = i
                while i < end && p[i] != 0x20 && p[i] != 0x09 { i += 1 }
                guard let ms = NumberScanner.milliseconds(p, tsStart, i) else {
                    fail(p[tsStart] == 0x23 ? "exemplars are only allowed in OpenMetrics" : "invalid timestamp \(quote(tsStart, i)) (text format timestamps are integer milliseconds)")
                    return
                }
                timestamp = .milliseconds(ms)
                skipBlanks(&i, end)
                guard i == end else { fail("unexpected text after the timestamp"); return }
            }
        }
        guard let nameID = recall(-1, start, nameEnd) else { fail("metric name is not UTF-8"); return }
        guard let (familyID, role) = resolve(nameID) else { return }
        record(nameID: nameID, family: Int(familyID), role: role, value: value, timestamp: timestamp, exemplar: exemplar)
    }

    /// The interned id of `[start, end)`. Consecutive lines mostly repeat the metric name and
    /// label names and values at the same positions, so the bytes are first compared with what
    /// stood at this position (`slot`: -1 the metric name, 2k / 2k+1 the k-th label name /
    /// value) on the previous line; only a difference costs a hash lookup.
    @inline(__always)
    func recall(_ slot: Int, _ start: Int, _ end: Int) -> Int32? {
        let length = end - start
        let k = slot + 1
        if k < recent.count {
            let r = recent[k]
            if r.length == length && r.id >= 0 && memcmp(p + r.start, p + start, length) == 0 { return r.id }
        } else {
            recent += Array(repeating: (0, 0, -1), count: k + 1 - recent.count + 8)
        }
        guard let id = interner.intern(p + start, length) else { return nil }
        recent[k] = (start, length, id)
        return id
    }

    /// Labels from `{` to `}`; fills `ids` with interned (name, value) pairs in order seen.
    func parseLabels(_ i: inout Int, _ end: Int, into ids: inout [(name: Int32, value: Int32)]) -> Bool {
        i += 1
        if openMetrics && i < end && p[i] == 0x7D { i += 1; return true }
        while true {
            if !openMetrics {
                skipBlanks(&i, end)
                if i < end && p[i] == 0x7D { i += 1; return true }
            }
            let nameStart = i
            guard scanLabelName(&i, end) else {
                fail(i < end && p[i] == 0x2C ? "empty label (extra comma)" : (i < end && p[i] == 0x7D ? "trailing comma in labels" : "invalid label name"))
                return false
            }
            let nameEnd = i
            if !openMetrics { skipBlanks(&i, end) }
            guard i < end, p[i] == 0x3D else { fail("expected = after label name \(quote(nameStart, nameEnd))"); return false }
            i += 1
            if !openMetrics { skipBlanks(&i, end) }
            guard i < end, p[i] == 0x22 else { fail("label value of \(quote(nameStart, nameEnd)) must be in double quotes"); return false }
            i += 1
            let valueStart = i
            var escaped = false
            while i < end && p[i] != 0x22 {
                if p[i] == 0x5C { escaped = true; i += 1 }
                i += 1
            }
            guard i < end else { fail("unterminated label value of \(quote(nameStart, nameEnd))"); return false }
            let valueEnd = i
            i += 1
            let slot = ids.count
            guard let nameID = recall(slot * 2, nameStart, nameEnd) else { fail("label name is not UTF-8"); return false }
            let valueID: Int32?
            if escaped {
                unescape(valueStart, valueEnd, quotes: true)
                valueID = scratch.withUnsafeBufferPointer { interner.intern($0.baseAddress ?? p, $0.count) }
            } else {
                valueID = recall(slot * 2 + 1, valueStart, valueEnd)
            }
            guard let valueID else { fail("label value of \(quote(nameStart, nameEnd)) is not valid UTF-8"); return false }
            ids.append((nameID, valueID))
            if ids.count > 4096 { fail("more than 4096 labels"); return false }
            if !openMetrics { skipBlanks(&i, end) }
            guard i < end else { fail("unterminated label set"); return false }
            if p[i] == 0x2C {
                i += 1
                continue
            }
            if p[i] == 0x7D { i += 1; return true }
            fail("expected , or } after the value of \(quote(nameStart, nameEnd))")
            return false
        }
    }

    /// ` # {labels} value [timestamp]` from the `#`: kept out of the way, but checked.
    func parseExemplar(_ hash: Int, _ end: Int) -> Bool {
        var i = hash + 1
        guard i + 1 < end, p[i] == 0x20, p[i + 1] == 0x7B else { fail("invalid exemplar (expected ' # {')"); return false }
        i += 1
        var ids: [(name: Int32, value: Int32)] = []
        guard parseLabels(&i, end, into: &ids) else { return false }
        var length = 0
        for (n, v) in ids { length += interner.strings[Int(n)].unicodeScalars.count + interner.strings[Int(v)].unicodeScalars.count }
        guard length <= 128 else { fail("exemplar labels are \(length) characters, over the 128 allowed"); return false }
        guard i < end, p[i] == 0x20 else { fail("exemplar needs a value"); return false }
        i += 1
        let vStart = i
        while i < end && p[i] != 0x20 { i += 1 }
        guard NumberScanner.value(p, vStart, i, openMetrics: true) != nil else { fail("invalid exemplar value \(quote(vStart, i))"); return false }
        if i < end {
            i += 1
            let tStart = i
            while i < end && p[i] != 0x20 { i += 1 }
            guard i == end, NumberScanner.seconds(p, tStart, i) != nil else { fail("invalid exemplar timestamp \(quote(tStart, i))"); return false }
        }
        return true
    }

    /// The position of a label name in sorted order, so sorting compares integers. Ranks are
    /// recomputed only when a label name is seen for the first time.
    @inline(__always)
    func rank(of nameID: Int32) -> Int32 {
        let i = Int(nameID)
        if i < labelRank.count, labelRank[i] >= 0 { return labelRank[i] }
        if labelRank.count <= i { labelRank += Array(repeating: -1, count: i + 1 - labelRank.count + 64) }
        rankedLabelNames.append(nameID)
        let strings = interner.strings
        rankedLabelNames.sort { strings[Int($0)] < strings[Int($1)] }
        for (r, id) in rankedLabelNames.enumerated() { labelRank[Int(id)] = Int32(r) }
        return labelRank[i]
    }

    /// The family and role of a sample name (cached per name).
    @inline(__always)
    func resolve(_ nameID: Int32) -> (Int32, SampleRole)? {
        let i = Int(nameID)
        if i < resolvedFamily.count, resolvedFamily[i] >= 0 { return (resolvedFamily[i], resolvedRole[i]) }
        return resolveSlowly(nameID)
    }

    func resolveSlowly(_ nameID: Int32) -> (Int32, SampleRole)? {
        let name = interner.strings[Int(nameID)]
        var result: (Int, SampleRole)?
        if name.hasSuffix("_created") {
            let base = String(name.dropLast(8))
            if let f = familyIndex[base + "_total"], page.families[f].type == .counter, !openMetrics {
                result = (f, .created)
            } else if let f = familyIndex[base], [.counter, .histogram, .summary].contains(page.families[f].type) {
                result = (f, .created)
            }
        }
        if result == nil, let f = familyIndex[name] {
            let type = page.families[f].type
            if !openMetrics || type.sampleSuffixes.contains("") {
                result = (f, type == .counter ? .total : .bare)
            } else {
                fail("sample \(name) does not fit \(type.rawValue) family \(name) (expected \(type.sampleSuffixes.map { name + $0 }.joined(separator: ", ")))")
                return nil
            }
        }
        if result == nil {
            for (suffix, role) in SampleRole.suffixed where role != .created && name.hasSuffix(suffix) {
                if let f = familyIndex[String(name.dropLast(suffix.count))], page.families[f].type.sampleSuffixes.contains(suffix) {
                    result = (f, role)
                    break
                }
            }
        }
        let r = result ?? (family(named: name), .bare)
        let entry = (Int32(r.0), r.1)
        let i = Int(nameID)
        if resolvedFamily.count <= i {
            resolvedFamily += Array(repeating: -1, count: i + 1 - resolvedFamily.count + 64)
            resolvedRole += Array(repeating: .bare, count: i + 1 - resolvedRole.count + 64)
        }
        resolvedFamily[i] = entry.0
        resolvedRole[i] = entry.1
        return entry
    }

    /// Sorts the labels, checks them, applies the OpenMetrics rules and stores the sample.
    func record(nameID: Int32, family: Int, role: SampleRole, value: Double, timestamp: SampleTimestamp?, exemplar: Bool) {
        let strings = interner.strings
        if labelIDs.count > 1 {
            // Insertion sort by label-name rank: label sets are small and often already sorted.
            for a in 1..<labelIDs.count {
                let item = labelIDs[a]
                let itemRank = rank(of: item.name)
                var b = a - 1
                while b >= 0 && rank(of: labelIDs[b].name) > itemRank {
                    labelIDs[b + 1] = labelIDs[b]
                    b -= 1
                }
                labelIDs[b + 1] = item
            }
            for a in 1..<labelIDs.count where labelIDs[a].name == labelIDs[a - 1].name {
                fail("duplicate label \(strings[Int(labelIDs[a].name)])")
                return
            }
        }
        if let keep = parser.options.keepFamily, !keeping(family, keep) { return }
        var labels: [Label] = []
        labels.reserveCapacity(labelIDs.count)
        var key = UInt64(UInt32(bitPattern: nameID)) &* 0x9E37_79B9_7F4A_7C15
        for (n, v) in labelIDs {
            labels.append(Label(strings[Int(n)], strings[Int(v)]))
            key = (key ^ UInt64(UInt32(bitPattern: n))) &* 0xBF58_476D_1CE4_E5B9
            key = (key ^ UInt64(UInt32(bitPattern: v))) &* 0x94D0_49BB_1331_11EB
            key ^= key >> 29
        }
        let name = strings[Int(nameID)]
        if let rules, !rules.sample(name: name, family: family, role: role, labels: labels, value: value,
                                    timestamp: timestamp, exemplar: exemplar, in: self) {
            return
        }
        if role == .created {
            page.created.append(.init(family: page.families[family].name, labels: labels, created: value))
            return
        }
        if let first = seriesFirst.firstIndex(for: key, storingIfAbsent: Int32(page.samples.count)) {
            let earlier = page.samples[Int(first)]
            if earlier.name == name && earlier.labels == labels && (earlier.timestamp == nil || timestamp == nil) {
                page.duplicateCount += 1
                fail("duplicate series \(name)\(labels.isEmpty ? "" : "{…}"), first seen on line \(earlier.line); the first value is kept")
                return
            }
        }
        page.samples.append(MetricSample(name: name, labels: labels, value: value, timestamp: timestamp, family: family, line: line))
    }

    /// Whether the family's samples are kept (decided once per family and page).
    private func keeping(_ family: Int, _ keep: (String) -> Bool) -> Bool {
        if keeps.count <= family { keeps += Array(repeating: -1, count: family + 1 - keeps.count) }
        if keeps[family] < 0 { keeps[family] = keep(page.families[family].name) ? 1 : 0 }
        return keeps[family] == 1
    }

    /// Input text for an error message: at most 40 bytes, made safe for a terminal.
    func quote(_ start: Int, _ end: Int) -> String {
        let cut = min(end, start + 40)
        let bytes = UnsafeBufferPointer(start: p + start, count: max(0, cut - start))
        return "'" + TerminalSanitizer.sanitize(bytes) + (cut < end ? "…" : "") + "'"
    }
}
