import Foundation
import Monitoring

/// Classifies a health or readiness response (PROTOCOLS.md §7): the HTTP status code first
/// (2xx/3xx pass, 4xx/5xx or no response fail), then the status word in the body; the worse of
/// the two wins. Checks are read from every common shape: an object of booleans, strings or
/// objects (Spring's `components` too), IETF health+json arrays under "component:measurement"
/// keys, or an array of `{name, status}`. Empty bodies, HTML error pages, a UTF-8 BOM and
/// truncated JSON are handled; the status code then decides and the body problem is noted.
public enum HealthDecoder {
    public static func decode(statusCode: Int?, body: [UInt8]) -> HealthReport {
        let byCode: HealthStatus = statusCode.map { (200..<400).contains($0) ? .pass : .fail } ?? .fail
        var bytes = body[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        while let f = bytes.first, f == 0x20 || f == 0x0A || f == 0x0D || f == 0x09 { bytes = bytes.dropFirst() }
        while let l = bytes.last, l == 0x20 || l == 0x0A || l == 0x0D || l == 0x09 { bytes = bytes.dropLast() }
        guard let first = bytes.first else { return HealthReport(status: byCode) }
        if first == UInt8(ascii: "<") {
            return HealthReport(status: byCode, bodyProblem: "the body is an HTML page, not a health document")
        }
        if first != UInt8(ascii: "{") && first != UInt8(ascii: "[") && first != UInt8(ascii: "\"") {
            // A plain-text body such as "OK" or "healthy".
            let word = String(decoding: bytes.prefix(64), as: UTF8.self)
            let status = HealthStatus(word: word)
            if status == .unknown || bytes.count > 64 { return HealthReport(status: byCode) }
            return HealthReport(status: byCode.worse(status))
        }
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            return HealthReport(status: byCode, bodyProblem: "the body is not valid JSON (truncated?)")
        }
        switch json {
        case let word as String:
            return HealthReport(status: byCode.worse(HealthStatus(word: word).knownOr(byCode)))
        case let array as [Any]:
            let checks = checksFromArray(array)
            return HealthReport(status: byCode.worse(worst(checks) ?? byCode), checks: checks)
        case let object as [String: Any]:
            let checks = checksFromObject(object["checks"] ?? object["components"] ?? object["details"])
            var status = byCode
            if let word = statusWord(object["status"]) {
                status = status.worse(word)
            } else if let worst = worst(checks) {
                status = status.worse(worst)
            }
            return HealthReport(status: status, checks: checks)
        default:
            return HealthReport(status: byCode, bodyProblem: "the body is JSON but not a health document")
        }
    }

    static func statusWord(_ value: Any?) -> HealthStatus? {
        switch value {
        case let s as String: return HealthStatus(word: s)
        case let b as Bool: return b ? .pass : .fail
        case let n as NSNumber: return n.boolValue ? .pass : .fail
        default: return nil
        }
    }

    private static func checksFromObject(_ value: Any?) -> [HealthCheck] {
        if let array = value as? [Any] { return checksFromArray(array) }
        guard let object = value as? [String: Any] else { return [] }
        return object.keys.sorted().map { key in
            let name = TerminalSanitizer.sanitize(key)
            switch object[key] {
            case let entries as [Any]:
                // IETF health+json: "component:measurement": [{status, observedValue, output, …}]
                let parts = entries.compactMap { $0 as? [String: Any] }
                let status = parts.compactMap { statusWord($0["status"]) }.max() ?? .unknown
                let message = parts.compactMap { describe($0) }.first
                return HealthCheck(name: name, status: status, message: message)
            case let nested as [String: Any]:
                return HealthCheck(name: name, status: statusWord(nested["status"] ?? nested["healthy"] ?? nested["ok"]) ?? .unknown,
                                   message: describe(nested))
            case let other:
                return HealthCheck(name: name, status: statusWord(other) ?? .unknown)
            }
        }
    }

    private static func checksFromArray(_ array: [Any]) -> [HealthCheck] {
        array.enumerated().compactMap { i, element in
            guard let o = element as? [String: Any] else { return nil }
            let name = (o["name"] ?? o["component"] ?? o["componentId"]).map { TerminalSanitizer.sanitize("\($0)") } ?? "check \(i + 1)"
            return HealthCheck(name: name, status: statusWord(o["status"]) ?? .unknown, message: describe(o))
        }
    }

    /// A one-line message from the usual fields, sanitised.
    private static func describe(_ o: [String: Any]) -> String? {
        for key in ["message", "output", "error", "reason", "detail", "details"] {
            if let s = o[key] as? String, !s.isEmpty { return TerminalSanitizer.sanitize(s) }
        }
        if let v = o["observedValue"] {
            let unit = (o["observedUnit"] as? String).map { " " + $0 } ?? ""
            return TerminalSanitizer.sanitize("observed \(v)\(unit)")
        }
        return nil
    }

    private static func worst(_ checks: [HealthCheck]) -> HealthStatus? {
        checks.map(\.status).filter { $0 != .unknown }.max()
    }
}

extension HealthStatus {
    /// This status, or `fallback` when it is unknown.
    func knownOr(_ fallback: HealthStatus) -> HealthStatus { self == .unknown ? fallback : self }
}
