import FleetEngine
import Monitoring

/// How a fleet event is said on screen: one line each, in the words the chute view has always
/// used for scaling, instances and breakers.
public enum EventText {
    public static func line(_ e: FleetEvent) -> String {
        let instance = e.instance ?? FigureText.unknown
        switch e.kind {
        case .alert(_, let rule, let severity, let state, let summary):
            return "alert \(rule) (\(severity.rawValue)) \(state.rawValue): \(summary)"
        case .breaker(let name, let from, let to):
            return from.map { "breaker \(name): \($0.rawValue) → \(to.rawValue)" } ?? "breaker \(name) appeared \(to.rawValue)"
        case .health(let probe, let from, let to):
            return "\(instance) \(probe.rawValue) \(word(from)) → \(word(to))"
        case .instanceAppeared:
            return "instance \(instance) appeared"
        case .instanceGone:
            return "instance \(instance) went away"
        case .instanceRestarted:
            return "instance \(instance) restarted (its counters went back)"
        case .targetChanged(let from, let to):
            return "target instances \(from) → \(to)"
        case .limitsChanged(let fromMin, let toMin, let fromMax, let toMax):
            let n = { (v: Int?) in v.map(String.init) ?? FigureText.unknown }
            return "instance limits min \(n(fromMin)) → \(n(toMin)), max \(n(fromMax)) → \(n(toMax))"
        case .pollBreaker(let probe, let from, let to):
            return "\(instance) \(probe.rawValue) poll breaker \(from?.rawValue ?? FigureText.unknown) → \(to.rawValue)"
        case .alertHandled(let id, let acknowledged, let until, let note):
            let what = acknowledged ? "acknowledged" : "snoozed" + (until.map { " until \(RFC3339.format($0))" } ?? "")
            // The id's chute and instance are said beside the line (its rule is what names it).
            return "alert \(id.split(separator: "@").first.map(String.init) ?? id) \(what)" + (note.map { ": \($0)" } ?? "")
        case .action(let name, let succeeded, let detail):
            return "\(name) \(e.instance.map { "\(e.chute)/\($0)" } ?? e.chute): \(succeeded ? "done" : "FAILED")" + (detail.isEmpty ? "" : " (\(detail))")
                + (e.audit.map { " by \($0.user)@\($0.host)" + ($0.after.map { ", " + $0.said } ?? "") } ?? "")
        case .silenced(let matchers, let until):
            return "silenced at Alertmanager: \(matchers)" + (until.map { " until \(RFC3339.format($0))" } ?? "")
        case .note(let text):
            return "note: \(text)"
        case .incidentStarted(let id, let title):
            return "incident \(id) started: \(title)"
        case .incidentEnded(let id):
            return "incident \(id) ended"
        case .recording(let path):
            return "recording this session to \(path)"
        }
    }

    /// The change alone ("closed → open"), where the event is a change of state.
    static func change(_ e: FleetEvent) -> String {
        if case .breaker(_, let from?, let to) = e.kind { return "\(from.rawValue) → \(to.rawValue)" }
        return line(e)
    }

    private static func word(_ s: HealthStatus?) -> String { s?.description ?? FigureText.unknown }
}
