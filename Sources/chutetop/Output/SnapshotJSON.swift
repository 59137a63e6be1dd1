import FleetSimulator
import Foundation
import LiveServices
import Monitoring

/// `snapshot --json` / `check --json`: the picture, the alerts and how the snapshot was taken.
struct SnapshotJSON: Encodable {
    var context: String
    var source: String
    /// Seconds between the two polls (the range of rates and quantiles).
    var window: Double
    var time: Double
    var highestFiringSeverity: String?
    var chutes: [FleetPicture.Chute]
    /// chutetop's alerts, then Alertmanager's active ones, each with its origin.
    var alerts: [AlertJSON]
    /// Why Alertmanager's alerts could not be read (they are then missing from `alerts`).
    var alertmanagerError: String?
    /// What a fleet-wide source could not read, or read only in part (Prometheus' failed
    /// queries and warnings), with when it began.
    var sourceProblems: [SourceProblemJSON]
    /// With `--with-truth`: the simulator's own figures per chute over each chute's rate range.
    var simulatorTruth: [String: FleetTruth.Chute]?

    init(_ s: FleetSnapshotter.Snapshot, context: String, source: String, window: Double) {
        self.context = context
        self.source = source
        self.window = window
        time = s.picture.time
        highestFiringSeverity = s.highestFiring?.rawValue
        chutes = s.picture.chutes
        alerts = s.alerts.map(AlertJSON.chutetop)
        switch s.alertmanager {
        case .alerts(let list)?:
            alerts += list.map(AlertJSON.alertmanager)
            highestFiringSeverity = [s.highestFiring, AlertmanagerVerdict.highestFiring(list)].compactMap { $0 }.max()?.rawValue
        case .failed(let error)?: alertmanagerError = error
        case nil: break
        }
        sourceProblems = s.sourceProblems.map { SourceProblemJSON(reading: $0.kind.rawValue, error: $0.error, partial: $0.partial, since: $0.since) }
    }

    struct SourceProblemJSON: Encodable {
        var reading: String
        var error: String
        var partial: Bool
        var since: Double
    }

    func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{\"error\":\"encoding failed\"}"
    }
}
