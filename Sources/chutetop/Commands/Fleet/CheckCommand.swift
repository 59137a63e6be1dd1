import ArgumentParser
import Foundation
import LiveServices
import Monitoring

/// `chutetop check`: a snapshot judged by the alert rules, for cron jobs and CI.
struct CheckCommand: AsyncParsableCommand, RunsOnEventLoops {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Judge the fleet once by the alert rules; the exit status is the worst firing severity.",
        discussion: """
            Exit status: 0 nothing (or only info) firing, 1 a warning fires or a chute could not \
            be read (its control plane's error for it, or a chute 'include' names that the account \
            does not have), 2 a critical alert \
            fires, 3 the check itself could not run (configuration, credentials, source, or the \
            context's Alertmanager could not be read). A one-shot check cannot wait out a rule's \
            'for': a condition that holds at the end of the check fires. With an Alertmanager, its \
            firing alerts (active, not silenced or inhibited) count by their 'severity' label \
            (critical, warning, info; missing or another word counts as warning).
            """
    )

    @OptionGroup var fleet: FleetOptions

    @Flag(help: "Print JSON (the snapshot with its alerts) instead of one line per alert.")
    var json = false

    @Option(help: ArgumentHelp("Seconds between the two polls: the range of rates and quantiles.", valueName: "seconds"))
    var window: Double = 5

    func validate() throws {
        guard window >= 1, window <= 600 else { throw ValidationError("--window must be 1...600 seconds") }
    }

    func run() async throws {
        let result = try await HeadlessRun.snapshot(fleet, window: window)
        let s = result.snapshot
        var external: [AlertmanagerAlert] = [], unreadable: String?
        switch s.alertmanager {
        case .alerts(let list)?: external = list.filter(\.isFiring)
        case .failed(let error)?: unreadable = error
        case nil: break
        }
        // A chute the source could not read (its control plane answered an error for it, or
        // `include` names a chute the account does not have) is not "OK".
        let unlisted = s.picture.chutes.compactMap { c in c.controlError.map { (chute: c.name, error: $0) } }
        if json {
            print(SnapshotJSON(s, context: result.context, source: result.source, window: window).encoded())
        } else {
            let firing = s.alerts.filter { $0.state == .firing }
            var lines = firing.map { "\($0.severity.rawValue.uppercased()) \($0.id): \($0.summaryAfterID)" }
            lines += external.map { "\(AlertmanagerVerdict.severity(of: $0).rawValue.uppercased()) alertmanager \($0.name)\($0.chute.map { "@" + $0 } ?? ""): \($0.summary ?? $0.matcherText)" }
            if let unreadable { lines.append("UNKNOWN alertmanager: \(unreadable)") }
            if let blind = HeadlessRun.unreadable(s) { lines.append("UNKNOWN \(blind)") } else {
                lines += unlisted.map { "WARNING \($0.chute): \($0.error)" }
            }
            print(lines.isEmpty ? "OK: no alerts firing (\(s.picture.chutes.count) chute\(s.picture.chutes.count == 1 ? "" : "s"))" : lines.joined(separator: "\n"))
        }
        if let blind = HeadlessRun.unreadable(s) { HeadlessRun.fail(blind) }
        if unreadable != nil { throw ExitCode(3) }
        let worst = [s.highestFiring, AlertmanagerVerdict.highestFiring(external), unlisted.isEmpty ? nil : .warning].compactMap { $0 }.max()
        throw ExitCode(worst?.exitCode ?? 0)
    }
}
