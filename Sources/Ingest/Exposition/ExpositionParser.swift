import Glibc
import Monitoring

/// Parses Prometheus text 0.0.4 and OpenMetrics 1.0 expositions with line-level recovery: a bad
/// line is skipped and reported with its number and reason, and parsing resumes at the next
/// line. Time and memory are bounded by the input size cap. Reuse one parser per target so
/// label strings stay interned across scrapes.
public final class ExpositionParser {
    public struct Options: Sendable {
        /// Force a format; nil chooses by Content-Type, then by a final `# EOF` line.
        public var format: ExpositionPage.Format?
        /// Apply every OpenMetrics rule (grouping, ordering, histogram and type rules). Off, only
        /// syntax errors and duplicates are reported, which is what a dashboard wants.
        public var strict: Bool
        /// Inputs larger than this are refused with one error (default 16 MiB).
        public var maxBytes: Int
        /// Lines longer than this are skipped with an error (default 1 MiB).
        public var maxLineBytes: Int
        /// Keep only the samples of families this accepts (by family name); every line is still
        /// parsed and checked, so malformed lines anywhere are reported. Not with `strict`.
        public var keepFamily: (@Sendable (String) -> Bool)?

        public init(format: ExpositionPage.Format? = nil, strict: Bool = false,
                    maxBytes: Int = 16 << 20, maxLineBytes: Int = 1 << 20, keepFamily: (@Sendable (String) -> Bool)? = nil) {
            self.format = format
            self.strict = strict
            self.maxBytes = maxBytes
            self.maxLineBytes = maxLineBytes
            self.keepFamily = strict ? nil : keepFamily
        }
    }

    let options: Options
    let interner = ByteInterner()

    public init(options: Options = Options()) { self.options = options }

    /// Parses a whole exposition. `contentType` is the response's Content-Type header, if any.
    public func parse(_ bytes: [UInt8], contentType: String? = nil) -> ExpositionPage {
        bytes.withUnsafeBufferPointer { parse($0, contentType: contentType) }
    }

    public func parse(_ buffer: UnsafeBufferPointer<UInt8>, contentType: String? = nil) -> ExpositionPage {
        let format = options.format ?? ExpositionParser.detectFormat(contentType: contentType, buffer: buffer)
        guard buffer.count <= options.maxBytes else {
            return ExpositionPage(format: format, issues: [.init(line: 0, message: "input is \(buffer.count) bytes, over the \(options.maxBytes)-byte limit")])
        }
        guard let base = buffer.baseAddress, buffer.count > 0 else {
            var page = ExpositionPage(format: format)
            if format == .openMetrics { page.issues.append(.init(line: 1, message: "OpenMetrics exposition does not end with # EOF")) }
            return page
        }
        let page = ExpositionScan(parser: self, format: format, base: base, count: buffer.count).scan()
        // `# EOF` alone is weak evidence: Prometheus' own text captures end with it. When only that
        // suggested OpenMetrics and the page breaks its rules, the text reading may be the right one.
        if options.format == nil, contentType == nil, format == .openMetrics, !page.issues.isEmpty {
            let asText = ExpositionScan(parser: self, format: .text, base: base, count: buffer.count).scan()
            if asText.issues.count < page.issues.count { return asText }
        }
        return page
    }

    /// OpenMetrics if the Content-Type says so, or if the body's last line is `# EOF`.
    public static func detectFormat(contentType: String?, buffer: UnsafeBufferPointer<UInt8>) -> ExpositionPage.Format {
        if let ct = contentType?.lowercased() {
            if ct.contains("application/openmetrics-text") { return .openMetrics }
            if ct.contains("text/plain") { return .text }
        }
        var end = buffer.count
        while end > 0 && (buffer[end - 1] == 0x0A || buffer[end - 1] == 0x20) { end -= 1 }
        let eof: [UInt8] = Array("# EOF".utf8)
        guard end >= eof.count else { return .text }
        let start = end - eof.count
        if (start == 0 || buffer[start - 1] == 0x0A) && Array(buffer[start..<end]) == eof { return .openMetrics }
        return .text
    }
}

/// The state of one parse.
final class ExpositionScan {
    let parser: ExpositionParser
    let format: ExpositionPage.Format
    let openMetrics: Bool
    let strict: Bool
    let p: UnsafePointer<UInt8>
    let count: Int
    let interner: ByteInterner

    var page: ExpositionPage
    var line = 0
    var familyIndex: [String: Int] = [:]
    /// Sample-name id -> family (-1: not resolved yet) and role; reset when the family table changes.
    var resolvedFamily: [Int32] = []
    var resolvedRole: [SampleRole] = []
    /// Label-name id -> its rank in sorted order (-1: not ranked yet).
    var labelRank: [Int32] = []
    var rankedLabelNames: [Int32] = []
    /// Series key -> index of its first sample.
    var seriesFirst: SeriesTable
    var scratch: [UInt8] = []
    var labelIDs: [(name: Int32, value: Int32)] = []
    /// Where each name / label position was on the previous sample line, and its id.
    var recent: [(start: Int, length: Int, id: Int32)] = []
    var rules: OpenMetricsRules?
    var eofLine = 0
    /// Per family index: 1 keep, 0 skip, -1 not decided yet (with a family filter).
    var keeps: [Int8] = []

    init(parser: ExpositionParser, format: ExpositionPage.Format, base: UnsafePointer<UInt8>, count: Int) {
        self.parser = parser
        self.format = format
        self.openMetrics = format == .openMetrics
        self.strict = parser.options.strict && format == .openMetrics
        self.p = base
        self.count = count
        self.interner = parser.interner
        self.page = ExpositionPage(format: format)
        self.seriesFirst = SeriesTable(capacity: 64)
        if strict { rules = OpenMetricsRules() }
        page.samples.reserveCapacity(count / 64)
        seriesFirst = SeriesTable(capacity: count / 64)
    }

    /// Family lookups are cached per sample name; a new or re-typed family invalidates them.
    func forgetResolutions() {
        for i in resolvedFamily.indices { resolvedFamily[i] = -1 }
    }

    func scan() -> ExpositionPage {
        var pos = 0
        while pos < count {
            line += 1
            let end: Int
            if let nl = memchr(p + pos, 0x0A, count - pos) {
                end = UnsafePointer<UInt8>(nl.assumingMemoryBound(to: UInt8.self)) - p
            } else {
                end = count
            }
            if eofLine > 0 {
                fail("text after # EOF")
                break
            }
            if end - pos > parser.options.maxLineBytes {
                fail("line is \(end - pos) bytes, over the \(parser.options.maxLineBytes)-byte limit")
            } else {
                parseLine(pos, end)
            }
            pos = end + 1
        }
        if openMetrics && eofLine == 0 {
            page.issues.append(.init(line: line + 1, message: "OpenMetrics exposition does not end with # EOF"))
        }
        rules?.finish(self)
        return page
    }

    @inline(__always)
    func parseLine(_ start: Int, _ end: Int) {
        if openMetrics {
            if start == end { fail("blank line"); return }
            if p[start] == 0x23 { parseOpenMetricsComment(start, end); return }
            parseSample(start, end)
            return
        }
        var i = start
        while i < end && (p[i] == 0x20 || p[i] == 0x09) { i += 1 }
        if i == end { return }
        if p[i] == 0x23 { parseTextComment(i, end); return }
        parseSample(i, end)
    }

    func fail(_ message: String) { page.issues.append(.init(line: line, message: message)) }

    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: p + start, count: end - start), as: UTF8.self)
    }

    // MARK: families

    /// The index of family `name`, created (type unknown) if new.
    func family(named name: String) -> Int {
        if let i = familyIndex[name] { return i }
        page.families.append(MetricFamily(name: name, type: .unknown))
        familyIndex[name] = page.families.count - 1
        forgetResolutions()
        return page.families.count - 1
    }
}

/// What a sample is within its family.
enum SampleRole: UInt8 {
    case bare, total, created, bucket, count, sum, gcount, gsum, info

    static let suffixed: [(suffix: String, role: SampleRole)] = [
        ("_total", .total), ("_created", .created), ("_bucket", .bucket), ("_count", .count),
        ("_sum", .sum), ("_gcount", .gcount), ("_gsum", .gsum), ("_info", .info),
    ]

    var suffix: String {
        switch self {
        case .bare: ""
        case .total: "_total"
        case .created: "_created"
        case .bucket: "_bucket"
        case .count: "_count"
        case .sum: "_sum"
        case .gcount: "_gcount"
        case .gsum: "_gsum"
        case .info: "_info"
        }
    }
}
