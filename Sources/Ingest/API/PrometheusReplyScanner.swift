import Foundation
import Monitoring

/// Reads a Prometheus query API reply straight from its bytes into series, without building
/// Foundation objects first: at 10,000 chutes a refresh brings tens of MB of JSON, and
/// JSONSerialization (a third of chutetop's CPU per refresh, and most of its transient memory)
/// built a dictionary per series before they were copied again. Strict JSON: anything else is a
/// `Failure` naming the byte offset.
struct PrometheusReplyScanner {
    private let bytes: [UInt8]
    private var i = 0

    init(_ data: Data) { bytes = [UInt8](data) }

    /// What the envelope held; `result` is read by shape (series with `value` or `values`, or
    /// one `[time, "value"]` pair) and typed by `resultType` afterwards.
    struct Envelope {
        var status: String?
        var errorType: String?
        var error: String?
        var warnings: [String] = []
        var resultType: String?
        var series: [PrometheusAPI.Series] = []
        var pair: (time: Double, value: String)?
        var hasData = false
    }

    struct Malformed: Error {
        let offset: Int
    }

    mutating func envelope() throws(Malformed) -> Envelope {
        var e = Envelope()
        try object { (s: inout Self, key: String) throws(Malformed) in
            switch key {
            case "status": e.status = try s.stringOrNull()
            case "errorType": e.errorType = try s.stringOrNull()
            case "error": e.error = try s.stringOrNull()
            case "warnings", "infos":
                let list = try s.stringArray()
                if key == "warnings" { e.warnings = list }
            case "data":
                e.hasData = true
                try s.data(into: &e)
            default: try s.skipValue()
            }
        }
        skipSpace()
        guard i == bytes.count else { throw Malformed(offset: i) }
        return e
    }

    private mutating func data(into e: inout Envelope) throws(Malformed) {
        try object { (s: inout Self, key: String) throws(Malformed) in
            switch key {
            case "resultType": e.resultType = try s.stringOrNull()
            case "result": try s.result(into: &e)
            default: try s.skipValue()
            }
        }
    }

    private mutating func result(into e: inout Envelope) throws(Malformed) {
        skipSpace()
        guard peek == UInt8(ascii: "[") else { return try skipValue() }
        i += 1
        skipSpace()
        if peek == UInt8(ascii: "]") { i += 1; return }
        if peek != UInt8(ascii: "{") {
            // A scalar or string result: [time, "value"].
            let time = try number()
            try expect(UInt8(ascii: ","))
            let value = try string()
            try expect(UInt8(ascii: "]"))
            e.pair = (time, value)
            return
        }
        while true {
            e.series.append(try series())
            skipSpace()
            if peek == UInt8(ascii: ",") { i += 1; continue }
            try expect(UInt8(ascii: "]"))
            return
        }
    }

    private mutating func series() throws(Malformed) -> PrometheusAPI.Series {
        var labels: [Label] = []
        var points: [PrometheusAPI.Point] = []
        try object { (s: inout Self, key: String) throws(Malformed) in
            switch key {
            case "metric":
                try s.object { (s: inout Self, name: String) throws(Malformed) in
                    labels.append(Label(TerminalSanitizer.sanitize(name), TerminalSanitizer.sanitize(try s.scalarText())))
                }
            case "value":
                if let p = try s.point() { points = [p] }
            case "values":
                try s.array { (s: inout Self) throws(Malformed) in
                    if let p = try s.point() { points.append(p) }
                }
            default: try s.skipValue()
            }
        }
        labels.sort { $0.name < $1.name }
        return PrometheusAPI.Series(labels: labels, points: points)
    }

    /// `[time, "value"]`; nil when the value is not a number (the series keeps its other points).
    private mutating func point() throws(Malformed) -> PrometheusAPI.Point? {
        try expect(UInt8(ascii: "["))
        let time = try number()
        try expect(UInt8(ascii: ","))
        skipSpace()
        let value: Double?
        if peek == UInt8(ascii: "\"") { value = LenientNumber.parse(try string()) } else { value = try number() }
        try expect(UInt8(ascii: "]"))
        return value.map { PrometheusAPI.Point(time: time, value: $0) }
    }

    // MARK: JSON

    private var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    private mutating func expect(_ byte: UInt8) throws(Malformed) {
        skipSpace()
        guard peek == byte else { throw Malformed(offset: i) }
        i += 1
    }

    /// `{ "key": value, … }`, each value read by `member` (which must consume it).
    private mutating func object(_ member: (inout Self, String) throws(Malformed) -> Void) throws(Malformed) {
        try expect(UInt8(ascii: "{"))
        skipSpace()
        if peek == UInt8(ascii: "}") { i += 1; return }
        while true {
            skipSpace()
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
            skipSpace()
            if peek == UInt8(ascii: ",") { i += 1; continue }
            try expect(UInt8(ascii: "}"))
            return
        }
    }

    private mutating func array(_ element: (inout Self) throws(Malformed) -> Void) throws(Malformed) {
        try expect(UInt8(ascii: "["))
        skipSpace()
        if peek == UInt8(ascii: "]") { i += 1; return }
        while true {
            try element(&self)
            skipSpace()
            if peek == UInt8(ascii: ",") { i += 1; continue }
            try expect(UInt8(ascii: "]"))
            return
        }
    }

    private mutating func stringArray() throws(Malformed) -> [String] {
        var out: [String] = []
        skipSpace()
        if literal("null") { return [] }
        try array { (s: inout Self) throws(Malformed) in out.append(TerminalSanitizer.sanitize(try s.scalarText())) }
        return out
    }

    private mutating func stringOrNull() throws(Malformed) -> String? {
        skipSpace()
        if literal("null") { return nil }
        return try string()
    }

    /// A string, number, boolean or null as text (label values are strings; be lenient).
    private mutating func scalarText() throws(Malformed) -> String {
        skipSpace()
        switch peek {
        case UInt8(ascii: "\""): return try string()
        case UInt8(ascii: "t") where literal("true"): return "true"
        case UInt8(ascii: "f") where literal("false"): return "false"
        case UInt8(ascii: "n") where literal("null"): return ""
        default:
            let start = i
            _ = try number()
            return String(decoding: bytes[start..<i], as: UTF8.self)
        }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { return false }
        let matches = word.withUTF8Buffer { w in (0..<n).allSatisfy { bytes[i + $0] == w[$0] } }
        if matches { i += n }
        return matches
    }

    private mutating func number() throws(Malformed) -> Double {
        skipSpace()
        let start = i
        while i < bytes.count, let c = peek, (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "-")
            || c == UInt8(ascii: "+") || c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { i += 1 }
        guard i > start, let v = Double(String(decoding: bytes[start..<i], as: UTF8.self)) else { throw Malformed(offset: start) }
        return v
    }

    private mutating func string() throws(Malformed) -> String {
        skipSpace()
        guard peek == UInt8(ascii: "\"") else { throw Malformed(offset: i) }
        i += 1
        let start = i
        while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") { i += 1 }
        guard i < bytes.count else { throw Malformed(offset: start) }
        if bytes[i] == UInt8(ascii: "\"") {
            defer { i += 1 }
            return String(decoding: bytes[start..<i], as: UTF8.self)
        }
        // Escapes: decode the rest of the string byte by byte.
        var out = [UInt8](bytes[start..<i])
        while i < bytes.count {
            let c = bytes[i]
            i += 1
            if c == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            guard c == UInt8(ascii: "\\") else { out.append(c); continue }
            guard let e = peek else { break }
            i += 1
            if e == UInt8(ascii: "u") {
                var scalar = try hex4()
                // A high surrogate takes the low one after it; without one it is U+FFFD, and
                // the escape after it is read on its own.
                if (0xD800..<0xDC00).contains(scalar), literal("\\u") {
                    let low = try hex4()
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        out.append(contentsOf: Self.replacement)
                        scalar = low
                    }
                }
                out.append(contentsOf: Unicode.Scalar(scalar).map { Array(String(Character($0)).utf8) } ?? Self.replacement)
            } else {
                out.append(JSONEscapes.byte(after: e) ?? e)  // lenient: an unknown escape is the character
            }
        }
        throw Malformed(offset: start)
    }

    /// U+FFFD in UTF-8: what an escape that names no character reads as.
    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    private mutating func hex4() throws(Malformed) -> UInt32 {
        guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16) else { throw Malformed(offset: i) }
        i += 4
        return v
    }

    private mutating func skipValue() throws(Malformed) {
        skipSpace()
        switch peek {
        case UInt8(ascii: "{"): try object { (s: inout Self, _: String) throws(Malformed) in try s.skipValue() }
        case UInt8(ascii: "["): try array { (s: inout Self) throws(Malformed) in try s.skipValue() }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t") where literal("true"): return
        case UInt8(ascii: "f") where literal("false"): return
        case UInt8(ascii: "n") where literal("null"): return
        default: _ = try number()
        }
    }
}
