import Dashboard
import DashboardViews
import FleetEngine
import Foundation
import LiveServices
import Monitoring

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
        let report = try IncidentReport.build(context: context, records: loaded.records, selection: selection, firing: handled,
                                              firingProblem: firingProblem, now: now)
        return (report, loaded.skippedLines)
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
