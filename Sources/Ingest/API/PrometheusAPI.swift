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
    /// Read straight from the bytes (`PrometheusReplyScanner`); every string sanitised.
    public static func decode(_ data: Data) throws(Failure) -> Reply {
        var scanner = PrometheusReplyScanner(data)
        let e: PrometheusReplyScanner.Envelope
        do {
            e = try scanner.envelope()
        } catch {
            let start = String(decoding: data.prefix(120), as: UTF8.self)
            throw Failure(errorType: "bad_response", message: "not a Prometheus API reply: " + TerminalSanitizer.sanitize(start))
        }
        guard e.status == "success" else {
            throw Failure(errorType: TerminalSanitizer.sanitize(e.errorType ?? "error"),
                          message: TerminalSanitizer.sanitize(e.error ?? "status is not success"))
        }
        guard e.hasData, let type = e.resultType else {
            throw Failure(errorType: "bad_response", message: "no data.resultType in the reply")
        }
        switch type {
        case "vector": return Reply(result: .vector(e.series), warnings: e.warnings)
        case "matrix": return Reply(result: .matrix(e.series), warnings: e.warnings)
        case "scalar":
            guard let pair = e.pair, let v = LenientNumber.parse(pair.value) else { throw Failure(errorType: "bad_response", message: "malformed scalar") }
            return Reply(result: .scalar(Point(time: pair.time, value: v)), warnings: e.warnings)
        case "string":
            guard let pair = e.pair else { throw Failure(errorType: "bad_response", message: "malformed string result") }
            return Reply(result: .string(time: pair.time, value: TerminalSanitizer.sanitize(pair.value)), warnings: e.warnings)
        default:
            throw Failure(errorType: "bad_response", message: "unknown resultType \(TerminalSanitizer.sanitize(type))")
        }
    }
}
