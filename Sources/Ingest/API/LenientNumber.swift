import Foundation

/// A JSON number that tolerates the ways APIs spell one: a number, a numeric string (including
/// "NaN", "+Inf", "-Inf" as Prometheus writes sample values), or null.
public struct LenientNumber: Decodable, Sendable, Hashable {
    public var value: Double?

    public init(_ value: Double?) { self.value = value }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { value = nil; return }
        if let d = try? c.decode(Double.self) { value = d; return }
        if let s = try? c.decode(String.self) { value = LenientNumber.parse(s); return }
        if let b = try? c.decode(Bool.self) { value = b ? 1 : 0; return }
        value = nil
    }

    /// A number in text, by the exposition grammar (so hex and other oddities are refused).
    public static func parse(_ s: String) -> Double? {
        var bytes = Array(s.utf8)
        guard !bytes.isEmpty else { return nil }
        return bytes.withUnsafeMutableBufferPointer { buf in
            NumberScanner.value(UnsafePointer(buf.baseAddress!), 0, buf.count, openMetrics: false)
        }
    }
}

extension KeyedDecodingContainer {
    /// A value of any decodable type, or nil when absent, null or of another shape.
    func lenient<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        (try? decodeIfPresent(T.self, forKey: key)) ?? nil
    }

    func number(_ key: Key) -> Double? { lenient(LenientNumber.self, key)?.value }

    func integer(_ key: Key) -> Int? { number(key).flatMap { $0.isFinite ? Int(exactly: $0.rounded()) : nil } }

    func text(_ key: Key) -> String? { lenient(String.self, key).map(TerminalSanitizer.sanitize) }
}
