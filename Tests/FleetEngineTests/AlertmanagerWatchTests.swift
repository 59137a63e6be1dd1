import Foundation
import Monitoring
import TestLanes
import Testing
@testable import FleetEngine

/// The engine reads Alertmanager's alerts on its own interval (one read in flight at a time),
/// keeps a failure with its error and since when (the last alerts stay, as old as they are),
/// and its messages are recorded and replayed like every other.
@Suite(.lane(.compute)) struct AlertmanagerWatchTests {
    func state(alertmanager: Double?) -> FleetWatchState {
        FleetWatchState(settings: PollSettings(), names: .standard, rules: [], discoveryInterval: 10, judgeInterval: 5, seed: 7,
                        alertmanagerInterval: alertmanager)
    }

    let firing = AlertmanagerAlert(fingerprint: "e4", labels: [Label("alertname", "ChuteErrorRate"), Label("chute", "llm"), Label("severity", "critical")],
                                   summary: "5xx 15%", state: .active, startsAt: 90)
    let silenced = AlertmanagerAlert(fingerprint: "b3", labels: [Label("alertname", "GPUHot"), Label("chute", "llm")], state: .suppressed,
                                     silencedBy: ["87bc"], startsAt: 95)

    func reads(_ commands: [FleetWatchCommand]) -> Int { commands.filter { $0 == .readAlertmanager }.count }

    @Test func readsOnItsIntervalOneAtATime() {
        var s = state(alertmanager: 2)
        #expect(reads(FleetWatch.update(&s, .tick(now: 100))) == 1)
        #expect(reads(FleetWatch.update(&s, .tick(now: 103))) == 0, "a read is still in flight")
        _ = FleetWatch.update(&s, .alertmanagerRead(.alerts([silenced, firing]), at: 103))
        #expect(s.readModel.alertmanager?.alerts.map(\.fingerprint) == ["e4", "b3"], "firing first")
        #expect(FleetWatch.nextWake(s).map { $0 <= 103 } == true, "the next read is due")
        #expect(reads(FleetWatch.update(&s, .tick(now: 103.5))) == 1)
        var none = state(alertmanager: nil)
        #expect(reads(FleetWatch.update(&none, .tick(now: 100))) == 0)
        #expect(none.readModel.alertmanager == nil)
    }

    @Test func aFailureKeepsTheLastAlertsWithTheirAgeAndItsOwnSince() throws {
        var s = state(alertmanager: 2)
        _ = FleetWatch.update(&s, .tick(now: 100))
        _ = FleetWatch.update(&s, .alertmanagerRead(.alerts([firing]), at: 100))
        _ = FleetWatch.update(&s, .tick(now: 102))
        _ = FleetWatch.update(&s, .alertmanagerRead(.failed("alertmanager: connection refused"), at: 102))
        _ = FleetWatch.update(&s, .tick(now: 104))
        _ = FleetWatch.update(&s, .alertmanagerRead(.failed("alertmanager: connection refused"), at: 104))
        let am = try #require(s.readModel.alertmanager)
        #expect(am.problem?.error == "alertmanager: connection refused" && am.problem?.since == 102 && am.problem?.last == 104)
        #expect(am.readAt == 100 && am.alerts == [firing])
        _ = FleetWatch.update(&s, .tick(now: 106))
        _ = FleetWatch.update(&s, .alertmanagerRead(.alerts([]), at: 106))
        #expect(s.readModel.alertmanager?.problem == nil && s.readModel.alertmanager?.alerts == [])
    }

    @Test func aChuteLabelAttachesTheAlertToTheChute() throws {
        #expect(firing.asChuteAlert?.chute == "llm" && firing.asChuteAlert?.severity == .critical && firing.asChuteAlert?.state == .firing)
        #expect(silenced.asChuteAlert == nil, "a silenced alert does not count against the chute")
        var s = state(alertmanager: 2)
        _ = FleetWatch.update(&s, .tick(now: 100))
        _ = FleetWatch.update(&s, .alertmanagerRead(.alerts([firing, silenced]), at: 100))
        #expect(s.readModel.alertmanager?.of(chute: "llm").count == 2)
        #expect(s.readModel.alertmanager?.firingChutes == ["llm"])
    }

    @Test func itsMessagesAreRecordedAndReplayed() throws {
        let messages: [FleetWatchMessage] = [.tick(now: 100), .alertmanagerRead(.alerts([firing, silenced]), at: 100),
                                             .tick(now: 102), .alertmanagerRead(.failed("HTTP 503"), at: 102)]
        let data = try SessionCoding.encoder().encode(messages)
        let replayed = try SessionCoding.decoder().decode([FleetWatchMessage].self, from: data)
        #expect(replayed == messages)
        var a = state(alertmanager: 2), b = state(alertmanager: 2)
        let ca = messages.map { FleetWatch.update(&a, $0) }, cb = replayed.map { FleetWatch.update(&b, $0) }
        #expect(ca == cb && a.alertmanager == b.alertmanager)
    }
}
