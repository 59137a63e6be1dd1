import FleetEngine
import Monitoring
import SessionRecording

extension FleetSnapshotter {
    /// `snapshot --replay FILE --at T --window W`: the snapshot a live `snapshot` would have
    /// taken from the same readings, its first round at T − W and its second at T. A round at X
    /// reads each target's first reading of X or later, within `lookAhead` (a scrape by its
    /// sample time: the page of second X, as a live poll at X would have read; a health or
    /// readiness answer or failure by when it arrived), else its latest reading received at or
    /// before X; a target with neither is not read in that round, and one that failed in the
    /// first round is not read in the second, as live. The fleet of a round is the latest
    /// listing at or before X; Alertmanager's alerts the latest read at or before T. A health
    /// or readiness answer taken from after X counts as answered at X. The picture is judged at
    /// T, or when the last scrape of the second round arrived if later (live judges once its
    /// second round has answered). (Health and readiness read before T and judged with a scrape
    /// that came seconds after it were stale: a replayed snapshot raised ready-below-min and
    /// stale-data on healthy chutes.)
    public static func replayed(_ recording: SessionRecording, at time: Double, window: Double,
                                lookBack: Double = 300, lookAhead: Double = 60) throws(RecordingError) -> Snapshot {
        let rounds = [time - window, time]
        var listings: [FleetInventory?] = [nil, nil]
        var next: [[PollTarget: RecordedReading]] = [[:], [:]], latest: [[PollTarget: RecordedReading]] = [[:], [:]]
        var alertmanager: AlertmanagerReading?
        var k = recording.frame(atOrBefore: rounds[0] - lookBack) ?? 0
        while k < recording.frames.count, recording.frames[k].first <= time + lookAhead {
            for m in try recording.messages(inFrame: k) {
                switch m.message {
                case .listed(let fleet, _):
                    for r in 0..<2 where m.time <= rounds[r] { listings[r] = fleet }
                case .polled(let target, let reading, _):
                    let own = RecordedReading(reading: reading, time: m.time)
                    for r in 0..<2 {
                        if m.time <= rounds[r] { latest[r][target] = own }
                        // A scrape by its sample time; a health or readiness answer (or failure) by
                        // when it came. A failed metrics poll is not looked ahead for: the scrape
                        // that follows it is the page of X (as before health and readiness were).
                        guard let at = own.sampleTime ?? (target.kind == .metrics ? nil : m.time) else { continue }
                        if at >= rounds[r], at <= rounds[r] + lookAhead, next[r][target] == nil { next[r][target] = own }
                    }
                case .alertmanagerRead(let reading, _) where m.time <= time:
                    alertmanager = reading
                default:
                    break
                }
            }
            k += 1
        }
        let readings = (0..<2).map { r in next[r].merging(latest[r]) { after, _ in after } }
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
                guard var reading = readings[r][target] else { continue }
                // A health or readiness answer after X stands for the poll at X (live polls
                // every target at once); a scrape keeps when it came, and the picture is judged
                // when the last of the second round's came.
                if reading.sampleTime == nil { reading.time = min(reading.time, rounds[r]) }
                record(&observations, target, reading)
                if !reading.reading.succeeded { failed.insert(target) }
                if r == 1, reading.sampleTime != nil { judgedAt = max(judgedAt, reading.time) }
            }
        }
        return judged(observations, rules: engine.rules, at: judgedAt, alertmanager: engine.alertmanagerInterval == nil ? nil : alertmanager)
    }

    struct RecordedReading {
        var reading: SourceReading
        /// When it arrived.
        var time: Double

        /// A scrape's sample time (its request counters' timestamp, when the page gives one,
        /// else when it was read); nil for other readings.
        var sampleTime: Double? {
            guard case .scrape(let digest) = reading else { return nil }
            return digest.requests.first?.counter.point.time ?? digest.time
        }
    }
}
