import Foundation
import Monitoring

/// Decodes Alertmanager API v2 replies (PROTOCOLS.md §5.2): the alerts (`GET /api/v2/alerts`),
/// the silences (`GET /api/v2/silences`) and a created silence's id (`POST /api/v2/silences`).
/// Every text is sanitised (it is untrusted and reaches the terminal); a body that is not the
/// API's JSON is a `Failure` saying so, never a crash.
public enum AlertmanagerAPI {
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// A silence as listed (gettableSilence).
    public struct Silence: Sendable, Hashable {
        public enum State: String, Sendable, Hashable { case active, pending, expired }
        public var id: String
        public var state: State?
        public var matchers: [SilenceMatcher]
        public var startsAt: Double?
        public var endsAt: Double?
        public var createdBy: String
        public var comment: String
    }

    public static func alerts(_ data: Data) throws(Failure) -> [AlertmanagerAlert] {
        guard let list = try json(data) as? [Any] else { throw Failure("the alerts reply is not a JSON array: \(start(data))") }
        var out: [AlertmanagerAlert] = []
        out.reserveCapacity(list.count)
        for (k, item) in list.enumerated() {
            guard let a = item as? [String: Any] else { throw Failure("alert \(k) is not an object") }
            guard let status = a["status"] as? [String: Any], let word = status["state"] as? String else {
                throw Failure("alert \(k) has no status.state")
            }
            guard let state = AlertmanagerAlert.State(rawValue: word) else {
                throw Failure("alert \(k): unknown state '\(clean(word))' (expected active, suppressed or unprocessed)")
            }
            let labels = strings(a["labels"]).map { Label($0.key, $0.value) }
            let annotations = strings(a["annotations"])
            out.append(AlertmanagerAlert(
                fingerprint: clean(a["fingerprint"] as? String ?? ""), labels: labels,
                summary: annotations["summary"], description: annotations["description"], state: state,
                silencedBy: texts(status["silencedBy"]), inhibitedBy: texts(status["inhibitedBy"]),
                startsAt: (a["startsAt"] as? String).flatMap(Timestamps.parse)))
        }
        return out
    }

    public static func silences(_ data: Data) throws(Failure) -> [Silence] {
        guard let list = try json(data) as? [Any] else { throw Failure("the silences reply is not a JSON array: \(start(data))") }
        return try list.enumerated().map { (k, item) throws(Failure) -> Silence in
            guard let s = item as? [String: Any], let id = s["id"] as? String else { throw Failure("silence \(k) has no id") }
            let matchers = (s["matchers"] as? [Any] ?? []).compactMap { m -> SilenceMatcher? in
                guard let m = m as? [String: Any], let name = m["name"] as? String, let value = m["value"] as? String else { return nil }
                return SilenceMatcher(name: clean(name), value: clean(value), isRegex: m["isRegex"] as? Bool ?? false, isEqual: m["isEqual"] as? Bool ?? true)
            }
            let state = ((s["status"] as? [String: Any])?["state"] as? String).flatMap(Silence.State.init(rawValue:))
            return Silence(id: clean(id), state: state, matchers: matchers, startsAt: (s["startsAt"] as? String).flatMap(Timestamps.parse),
                           endsAt: (s["endsAt"] as? String).flatMap(Timestamps.parse), createdBy: clean(s["createdBy"] as? String ?? ""),
                           comment: clean(s["comment"] as? String ?? ""))
        }
    }

    /// The id in a `POST /api/v2/silences` reply (`{"silenceID": "…"}`).
    public static func createdSilence(_ data: Data) throws(Failure) -> String {
        guard let object = try json(data) as? [String: Any], let id = object["silenceID"] as? String, !id.isEmpty else {
            throw Failure("no silenceID in the reply: \(start(data))")
        }
        return clean(id)
    }

    private static func json(_ data: Data) throws(Failure) -> Any {
        do { return try JSONSerialization.jsonObject(with: data) } catch {
            throw Failure("not an Alertmanager API reply: \(start(data))")
        }
    }

    private static func strings(_ value: Any?) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in value as? [String: Any] ?? [:] {
            if let s = v as? String { out[clean(k)] = clean(s) }
        }
        return out
    }

    private static func texts(_ value: Any?) -> [String] { (value as? [Any] ?? []).compactMap { ($0 as? String).map(clean) } }

    private static func clean(_ s: String) -> String { TerminalSanitizer.sanitize(s) }

    private static func start(_ data: Data) -> String { clean(String(decoding: data.prefix(120), as: UTF8.self)) }
}
