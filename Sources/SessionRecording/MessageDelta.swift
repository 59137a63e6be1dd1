/// A message's JSON written against the previous message of the same subject (the same poll
/// target's last reading, the last listing): consecutive readings of a target differ only in
/// their numbers (counters grew, a gauge moved), so only the numbers that changed are kept,
/// a counter's as its increase. Exact: the text decoded is byte for byte the text encoded.
///
/// A text is split into number tokens (`-?digits(.digits)?([eE][+-]?digits)?`, wherever they
/// stand, inside strings too) and the runs between them. When the runs are the same as the
/// base's, the delta is one entry per number token, joined by commas: empty (unchanged),
/// `+N` (an integer that grew by N, N may be negative) or `=TEXT` (the new token). Otherwise
/// the message is stored whole.
enum MessageDelta {
    /// What a stored message is: whole JSON, or a delta against its subject's previous one.
    static let whole = UInt8(ascii: "F")
    static let delta = UInt8(ascii: "D")

    /// A message's JSON with its tokens, split once: each is the next message's base.
    struct Text: Sendable {
        let bytes: [UInt8]
        let tokens: Tokens

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            tokens = Tokens(bytes)
        }
    }

    /// The stored form of `json`: a delta against `base` when that is shorter, else whole.
    static func encode(_ json: Text, against base: Text?) -> [UInt8] {
        guard let base, let entries = deltaEntries(json, base), entries.count < json.bytes.count else { return [whole] + json.bytes }
        return [delta] + entries
    }

    /// The JSON a stored message holds; nil when it is neither form or its delta does not fit
    /// `base` (corruption).
    static func decode(_ stored: ArraySlice<UInt8>, base text: Text?) -> [UInt8]? {
        guard let kind = stored.first else { return nil }
        let body = stored.dropFirst()
        if kind == whole { return Array(body) }
        guard kind == delta, let text else { return nil }
        let base = text.bytes, tokens = text.tokens
        var out: [UInt8] = []
        out.reserveCapacity(base.count + 16)
        var entries = body.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).makeIterator()
        for k in 0..<tokens.numbers.count {
            out.append(contentsOf: base[tokens.runs[k]])
            guard let entry = entries.next() else { return nil }
            let old = base[tokens.numbers[k]]
            switch entry.first {
            case nil: out.append(contentsOf: old)
            case UInt8(ascii: "="): out.append(contentsOf: entry.dropFirst())
            case UInt8(ascii: "+"):
                guard let before = integer(old), let step = integer(entry.dropFirst()) else { return nil }
                let (sum, overflow) = before.addingReportingOverflow(step)
                guard !overflow else { return nil }
                out.append(contentsOf: String(sum).utf8)
            default: return nil
            }
        }
        guard entries.next() == nil || tokens.numbers.isEmpty else { return nil }
        out.append(contentsOf: base[tokens.runs[tokens.numbers.count]])
        return out
    }

    /// The delta entries of `json` against `base`, or nil when their runs differ.
    private static func deltaEntries(_ text: Text, _ baseText: Text) -> [UInt8]? {
        let json = text.bytes, base = baseText.bytes, new = text.tokens, old = baseText.tokens
        guard new.numbers.count == old.numbers.count else { return nil }
        for k in new.runs.indices where !json[new.runs[k]].elementsEqual(base[old.runs[k]]) { return nil }
        var out: [UInt8] = []
        for k in new.numbers.indices {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            let now = json[new.numbers[k]], before = base[old.numbers[k]]
            if now.elementsEqual(before) { continue }
            if let a = integer(before), let b = integer(now), case let (step, false) = b.subtractingReportingOverflow(a),
               String(a + step).utf8.elementsEqual(now) {
                out.append(UInt8(ascii: "+"))
                out.append(contentsOf: String(step).utf8)
            } else {
                out.append(UInt8(ascii: "="))
                out.append(contentsOf: now)
            }
        }
        return out
    }

    /// A canonical integer token (`0`, or no leading zero, optional minus) as Int64.
    private static func integer(_ t: ArraySlice<UInt8>) -> Int64? {
        guard !t.isEmpty, t.count <= 19 else { return nil }
        let digits = t.first == UInt8(ascii: "-") ? t.dropFirst() : t
        guard let lead = digits.first, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }), lead != 48 || digits.count == 1 else { return nil }
        return Int64(String(decoding: t, as: UTF8.self))
    }

    /// A text's number tokens and the runs around them (`runs.count == numbers.count + 1`).
    struct Tokens: Sendable {
        var numbers: [Range<Int>] = []
        var runs: [Range<Int>] = []

        init(_ text: [UInt8]) {
            var runStart = 0, i = 0
            let n = text.count
            func isDigit(_ k: Int) -> Bool { k < n && text[k] >= 48 && text[k] <= 57 }
            while i < n {
                guard isDigit(i) || (text[i] == UInt8(ascii: "-") && isDigit(i + 1)) else {
                    i += 1
                    continue
                }
                let start = i
                if text[i] == UInt8(ascii: "-") { i += 1 }
                while isDigit(i) { i += 1 }
                if i < n, text[i] == UInt8(ascii: "."), isDigit(i + 1) {
                    i += 1
                    while isDigit(i) { i += 1 }
                }
                if i < n, text[i] == UInt8(ascii: "e") || text[i] == UInt8(ascii: "E") {
                    var j = i + 1
                    if j < n, text[j] == UInt8(ascii: "+") || text[j] == UInt8(ascii: "-") { j += 1 }
                    if isDigit(j) {
                        i = j
                        while isDigit(i) { i += 1 }
                    }
                }
                runs.append(runStart..<start)
                numbers.append(start..<i)
                runStart = i
            }
            runs.append(runStart..<n)
        }
    }
}
