import FleetEngine
import Monitoring

/// What reaches the dashboard from its effects.
public enum DashboardMessage: Sendable {
    /// The fleet watch's own messages (listings, poll outcomes).
    case watch(FleetWatchMessage)
    /// The clock, when a requested wake-up is due.
    case woke(now: Double)
    /// Log lines of stream `stream` (stale streams are ignored), and how many lines the shell
    /// dropped before delivering (it keeps at most a buffer's worth between deliveries).
    case logLines(stream: Int, [LogArrival], dropped: Int)
    /// A log stream ended or failed.
    case logProblem(stream: Int, instance: String, message: String)
    case rawMetrics(InstanceKey, Result<RawMetricsPage, RawMetricsFailure>)
    /// An action ran (or was refused by the shell: audit log, one per target).
    case actionFinished(PreparedAction, ActionOutcome)
    /// What a running action says as it goes (the platform's warm-up: "waiting for instances").
    case actionProgress(PreparedAction.Target, action: String, String)
    case auditLoaded([AuditRecord])
    /// `:incident export PATH` wrote the file (problem nil) or could not.
    case incidentExported(path: String, problem: String?)
    /// The timeline file could not be written.
    case timelineProblem(String)
}

extension DashboardMessage {
    /// The dashboard's inbox coalescing (`RuntimeInbox`): a log batch posted while an earlier
    /// batch of the same stream still waits for the loop joins it; the newest
    /// `LogBuffer.defaultCapacity` lines are kept (the view keeps no more) and the rest are
    /// counted as dropped. Nothing else is merged.
    public static func coalesce(_ queued: inout DashboardMessage, _ next: DashboardMessage) -> Bool {
        guard case .logLines(let stream, var lines, let dropped) = queued,
              case .logLines(stream, let more, let moreDropped) = next else { return false }
        lines += more
        let over = max(0, lines.count - LogBuffer.defaultCapacity)
        queued = .logLines(stream: stream, Array(lines.dropFirst(over)), dropped: dropped + moreDropped + over)
        return true
    }
}

public struct RawMetricsFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// What the dashboard asks its shell to do.
public enum DashboardCommand: Sendable {
    case watch(FleetWatchCommand)
    /// Deliver `.woke` after this many seconds.
    case wake(after: Double)
    /// Stream these instances' logs as stream `stream` (replacing any stream before it).
    case followLogs(stream: Int, instances: [InstanceKey], inventory: FleetInventory, backfill: Int)
    case stopLogs
    /// Fetch one instance's whole /metrics page for the browser.
    case fetchRawMetrics(InstanceKey, FleetInventory)
    /// Run a confirmed action once (audited before and after; never retried).
    case runAction(PreparedAction, dryRun: Bool)
    /// Read the audit log's recent records.
    case loadAudit
    /// Append these to the context's timeline file (events and closed minutes, oldest first).
    case persistTimeline([TimelineRecord])
    /// Write the incident's handoff (Markdown) to a file.
    case exportIncident(IncidentExportRequest)
}
