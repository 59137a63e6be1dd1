import Dashboard
import DashboardViews
import FleetEngine
import Foundation
import LiveServices
import Monitoring
import SessionRecording

/// How an incident's handoff is made, for `chutetop incident export` and the dashboard's
/// `:incident export PATH` alike: the context's timeline file, what is firing now (with the
/// acknowledgements and snoozes the timeline holds), built into an `IncidentReport` and said
/// as Markdown or JSON.
enum IncidentExport {
    enum Format: String, CaseIterable {
        case markdown, json
    }

    /// The report of `selection` from the context's timeline file. `firing`: chutetop's and
    /// Alertmanager's firing alerts now, nil when they could not be read (`firingProblem`).
    static func report(context: String, store: TimelineStore, selection: IncidentSelection, firing: [Alert]?,
                       firingProblem: String?, now: Double) throws(IncidentReport.Problem) -> (report: IncidentReport, skippedLines: Int) {
        let loaded = store.load()
        let handling = FleetWatchState.handlingInForce(loaded.events)
        let handled = firing.map { alerts in
            alerts.map { a -> Alert in
                var a = a
                if let h = handling[a.id] {
                    a.acknowledged = a.acknowledged || h.acknowledged
                    a.snoozedUntil = a.snoozedUntil ?? h.snoozedUntil
                }
                return a
            }
        }
        var report = try IncidentReport.build(context: context, records: loaded.records, selection: selection, firing: handled,
                                              firingProblem: firingProblem, now: now)
        report.recording = recordings(covering: report, named: loaded.events, now: now)
        return (report, loaded.skippedLines)
    }

    /// The session recordings the timeline names (`--record`) that saw any of the report's
    /// span, each with what it covers; nil when none does (a file gone or unreadable is
    /// passed over: the handoff names only what can be replayed).
    static func recordings(covering report: IncidentReport, named events: [FleetEvent], now: Double) -> String? {
        guard let start = RecordingTime.parse(report.start) else { return nil }
        let end = report.end.flatMap { RecordingTime.parse($0) } ?? now
        var seen = Set<String>()
        let paths = events.compactMap { e -> String? in
            guard case .recording(let path) = e.kind, e.time <= end, seen.insert(path).inserted else { return nil }
            return path
        }
        let covering = paths.compactMap { try? RecordingFile.coverage($0) }.filter { $0.covers(from: start, to: end) }
        guard !covering.isEmpty else { return nil }
        return covering.map { c in
            "\(c.path) (\(RecordingTime.clock(c.start))–\(RecordingTime.clock(c.end)) UTC" + (c.cut == nil ? ")" : ", cut off at the end)")
        }.joined(separator: "; ")
    }

    static func text(_ report: IncidentReport, format: Format) -> String {
        switch format {
        case .markdown: return IncidentMarkdown.render(report)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            return (try? encoder.encode(report)).map { String(decoding: $0, as: UTF8.self) + "\n" } ?? "{}\n"
        }
    }

    /// `:incident export PATH` from the dashboard: the Markdown written to the file (0600,
    /// replaced whole). Answers the problem, nil when written.
    static func write(_ request: IncidentExportRequest, store: TimelineStore) -> String? {
        let made: (report: IncidentReport, skippedLines: Int)
        do { made = try report(context: request.context, store: store, selection: request.selection, firing: request.firing,
                               firingProblem: nil, now: request.now) } catch { return error.description }
        let path = XDGDirectories.expandingHome(request.path)
        let temporary = path + ".writing-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text(made.report, format: .markdown).utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            return "cannot write \(path): \(String(cString: strerror(errno)))"
        }
        guard rename(temporary, path) == 0 else {
            let problem = "cannot write \(path): \(String(cString: strerror(errno)))"
            unlink(temporary)
            return problem
        }
        return nil
    }
}
