import FleetEngine
import Monitoring
import SessionRecording

extension FleetSnapshotter {
    /// `snapshot --replay FILE --at T --window W`: the snapshot a live `snapshot` would have
    /// taken from the same readings, its first round at T − W and its second at T. A round at X
    /// reads each target's first recorded reading of X or later (by the reading's own time: a
    /// scrape's sample time, else when it arrived), within `lookAhead`; a target without one is
    /// not read in that round, and one that failed in the first round is not read in the
    /// second, as live. The fleet of a round is the latest listing at or before X; Alertmanager's
    /// alerts the latest read at or before T. The picture is judged at T or at the latest
    /// reading used, whichever is later (live judges once its second round has answered).
    public static func replayed(_ recording: SessionRecording, at time: Double, window: Double,
                                lookBack: Double = 300, lookAhead: Double = 60) throws(RecordingError) -> Snapshot {
        let rounds = [time - window, time]
        var listings: [FleetInventory?] = [nil, nil]
        var readings: [[PollTarget: RecordedReading]] = [[:], [:]]
        var alertmanager: AlertmanagerReading?
        var k = recording.frame(atOrBefore: rounds[0] - lookBack) ?? 0
        while k < recording.frames.count, recording.frames[k].first <= time + lookAhead {
            for m in try recording.messages(inFrame: k) {
                switch m.message {
                case .listed(let fleet, _):
                    for r in 0..<2 where m.time <= rounds[r] { listings[r] = fleet }
                case .polled(let target, let reading, _):
                    let own = RecordedReading(reading: reading, time: m.time)
                    for r in 0..<2 where own.readingTime >= rounds[r] && own.readingTime <= rounds[r] + lookAhead && readings[r][target] == nil {
                        readings[r][target] = own
                    }
                case .alertmanagerRead(let reading, _) where m.time <= time:
                    alertmanager = reading
                default:
                    break
                }
            }
            k += 1
        }
        let engine = recording.header.engine
        let plan = engine.plan
        var observations = FleetObservations(intervals: plan.effective(engine.settings.intervals), rateRange: .span, names: engine.names,
                                             gpuUnseen: plan.gpuUnseen)
        let record = { (o: inout FleetObservations, target: PollTarget, r: RecordedReading) in
            if let key = target.instance {
                o.record(r.reading, kind: target.kind, for: key, at: r.time)
            } else {
                o.recordFleetWide(r.reading, kind: target.kind, at: r.time)
            }
        }
        // A source that computes its rates itself is read once, at T, as live.
        let twoRounds = !plan.perInstance.isEmpty
        var failed = Set<PollTarget>()
        var judgedAt = time
        for r in (twoRounds ? 0 : 1)..<2 {
            guard let fleet = listings[r] ?? (r == 1 ? FleetInventory(chutes: []) : nil) else { continue }
            observations.update(fleet)
            for target in plan.targets(for: fleet, intervals: engine.settings.intervals) where !failed.contains(target) {
                guard let reading = readings[r][target] else { continue }
                record(&observations, target, reading)
                if !reading.reading.succeeded { failed.insert(target) }
                if r == 1 { judgedAt = max(judgedAt, reading.time) }
            }
        }
        return judged(observations, rules: engine.rules, at: judgedAt, alertmanager: engine.alertmanagerInterval == nil ? nil : alertmanager)
    }

    struct RecordedReading {
        var reading: SourceReading
        /// When it arrived.
        var time: Double

        /// The time the reading describes: a scrape's sample time (its request counters'
        /// timestamp, when the page gives one), else when it arrived.
        var readingTime: Double {
            if case .scrape(let digest) = reading { return digest.requests.first?.counter.point.time ?? digest.time }
            return time
        }
    }
}
