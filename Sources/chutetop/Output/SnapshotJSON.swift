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
    var alerts: [Alert]
    /// With `--with-truth`: the simulator's own figures per chute over each chute's rate range.
    var simulatorTruth: [String: FleetTruth.Chute]?

    init(_ s: FleetSnapshotter.Snapshot, context: String, source: String, window: Double) {
        self.context = context
        self.source = source
        self.window = window
        time = s.picture.time
        highestFiringSeverity = s.highestFiring?.rawValue
        chutes = s.picture.chutes
        alerts = s.alerts
    }

    func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{\"error\":\"encoding failed\"}"
    }
}
