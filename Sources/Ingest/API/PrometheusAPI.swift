import Foundation
import Monitoring

/// Decodes Prometheus HTTP API replies (PROTOCOLS.md §5.1): the envelope with status, error
/// type and warnings, and vector, matrix, scalar and string results. Sample values arrive as
/// strings, "NaN" and "+Inf" included.
public enum PrometheusAPI {
    public struct Series: Sendable, Hashable {
        public var labels: [Label]
        /// (unix seconds, value) points; one for a vector.
        public var points: [Point]
        public init(labels: [Label], points: [Point]) { self.labels = labels; self.points = points }
    }

    public struct Point: Sendable, Hashable {
        public var time: Double
        public var value: Double
        public init(time: Double, value: Double) { self.time = time; self.value = value }
    }

    public enum Result: Sendable, Hashable {
        case vector([Series])
        case matrix([Series])
        case scalar(Point)
        case string(time: Double, value: String)
    }

    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var errorType: String
        public var message: String
        public init(errorType: String, message: String) { self.errorType = errorType; self.message = message }
        public var description: String { "\(errorType): \(message)" }
    }

    public struct Reply: Sendable {
        public var result: Result
        public var warnings: [String]
    }

    /// The query result, or a `Failure` for an error reply or a body that is not the API's JSON.
    public static func decode(_ data: Data) throws(Failure) -> Reply {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            let start = String(decoding: data.prefix(120), as: UTF8.self)
            throw Failure(errorType: "bad_response", message: "not a Prometheus API reply: " + TerminalSanitizer.sanitize(start))
        }
        let warnings = (object["warnings"] as? [Any] ?? []).map { TerminalSanitizer.sanitize("\($0)") }
        guard object["status"] as? String == "success" else {
            throw Failure(errorType: TerminalSanitizer.sanitize(object["errorType"] as? String ?? "error"),
                          message: TerminalSanitizer.sanitize(object["error"] as? String ?? "status is not success"))
        }
        guard let body = object["data"] as? [String: Any], let type = body["resultType"] as? String else {
            throw Failure(errorType: "bad_response", message: "no data.resultType in the reply")
        }
        let raw = body["result"]
        switch type {
        case "vector":
            return Reply(result: .vector(series(raw, key: "value")), warnings: warnings)
        case "matrix":
            return Reply(result: .matrix(series(raw, key: "values")), warnings: warnings)
        case "scalar":
            guard let p = point(raw) else { throw Failure(errorType: "bad_response", message: "malformed scalar") }
            return Reply(result: .scalar(p), warnings: warnings)
        case "string":
            guard let pair = raw as? [Any], pair.count == 2, let t = number(pair[0]) else {
                throw Failure(errorType: "bad_response", message: "malformed string result")
            }
            return Reply(result: .string(time: t, value: TerminalSanitizer.sanitize("\(pair[1])")), warnings: warnings)
        default:
            throw Failure(errorType: "bad_response", message: "unknown resultType \(TerminalSanitizer.sanitize(type))")
        }
    }

    private static func series(_ raw: Any?, key: String) -> [Series] {
        (raw as? [Any] ?? []).compactMap { element in
            guard let o = element as? [String: Any] else { return nil }
            let metric = o["metric"] as? [String: Any] ?? [:]
            let labels = metric.keys.sorted().map { Label(TerminalSanitizer.sanitize($0), TerminalSanitizer.sanitize("\(metric[$0]!)")) }
            let points: [Point]
            if key == "value" {
                points = point(o["value"]).map { [$0] } ?? []
            } else {
                points = (o["values"] as? [Any] ?? []).compactMap(point)
            }
            return Series(labels: labels, points: points)
        }
    }

    private static func point(_ raw: Any?) -> Point? {
        guard let pair = raw as? [Any], pair.count == 2, let t = number(pair[0]), let v = number(pair[1]) else { return nil }
        return Point(time: t, value: v)
    }

    private static func number(_ raw: Any) -> Double? {
        if let s = raw as? String { return LenientNumber.parse(s) }
        if let n = raw as? NSNumber { return n.doubleValue }
        return nil
    }
}
