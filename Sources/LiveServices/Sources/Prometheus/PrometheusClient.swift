import FleetEngine
import Dashboard
import Foundation
import Ingest

/// Instant and range queries against a Prometheus-compatible HTTP API (`/api/v1/query`,
/// `/api/v1/query_range`, under the configured path prefix), sent as form posts so long PromQL
/// never meets a URL length limit. Every failure comes back as one sentence.
struct PrometheusClient: Sendable {
    let base: String
    let fetcher: HTTPFetcher

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// `at`: the evaluation time (seconds since the epoch), sent with millisecond precision.
    func query(_ promQL: String, at: Double) async throws(Failure) -> PrometheusAPI.Reply {
        try await send("/api/v1/query", [("query", promQL), ("time", Self.time(at))])
    }

    func queryRange(_ promQL: String, start: Double, end: Double, step: Double) async throws(Failure) -> PrometheusAPI.Reply {
        try await send("/api/v1/query_range", [("query", promQL), ("start", Self.time(start)), ("end", Self.time(end)),
                                                ("step", String(format: "%.3f", max(0.001, step)))])
    }

    /// Every series (a vector) the query answers, or a failure.
    func vector(_ promQL: String, at: Double) async throws(Failure) -> (series: [PrometheusAPI.Series], warnings: [String]) {
        let reply = try await query(promQL, at: at)
        switch reply.result {
        case .vector(let s), .matrix(let s): return (s, reply.warnings)
        case .scalar(let p): return ([PrometheusAPI.Series(labels: [], points: [p])], reply.warnings)
        case .string: throw Failure(description: "the query answered a string, not series")
        }
    }

    static func time(_ t: Double) -> String { String(format: "%.3f", t) }

    private func send(_ path: String, _ form: [(String, String)]) async throws(Failure) -> PrometheusAPI.Reply {
        let body = form.map { Self.formEncoded($0.0) + "=" + Self.formEncoded($0.1) }.joined(separator: "&")
        let response: HTTPFetcher.Response
        do {
            response = try await fetcher.send(method: "POST", url: base + path,
                                              headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
                                              body: body)
        } catch {
            throw Failure(description: "Prometheus at \(base): \(error)")
        }
        do {
            return try PrometheusAPI.decode(Data(response.body))
        } catch {
            // An error reply (400, 422, 503 with the API's JSON) says why; anything else is the status.
            if error.errorType == "bad_response" && !(200..<300).contains(response.status) {
                throw Failure(description: "Prometheus at \(base) answered "
                              + HTTPStatusLine.failure(response.status, contentType: response.contentType, body: response.body).description)
            }
            throw Failure(description: "Prometheus: \(error)")
        }
    }

    private static let formAllowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    static func formEncoded(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: formAllowed) ?? s
    }
}
