import Dashboard
import Monitoring
import TerminalUI
import TestSupport
import TestLanes
import Testing

/// Actions in the dashboard as a state machine: confirm, cancel, Cancel as the default, typed
/// confirmation in protected contexts, read-only, dry run, one mutation per target, no retry,
/// and watching a scale or restart converge.
@Suite(.lane(.compute)) struct ActionFlowTests {
    static let controlAPI = "http://127.0.0.1:9/api/v1"

    func state(readOnly: Bool = false, protected: Bool = false, dryRun: Bool = false) -> FleetDashboardState {
        var s = FleetFixture.state()
        s.context = .init(name: "staging", source: "direct", readOnly: readOnly, production: false, protected: protected,
                          dryRun: dryRun, controlAPI: Self.controlAPI)
        s.actions = readOnly ? [] : BuiltinActions.catalog(source: "direct", controlAPI: Self.controlAPI)
        s.selectedChute = FleetFixture.name(0)  // llama, 2 instances
        return s
    }

    func press(_ s: inout FleetDashboardState, _ keys: Key...) -> [FleetDashboard.Effect] {
        keys.flatMap { FleetDashboard.update(&s, .keyPressed($0)) }
    }

    func runs(_ effects: [FleetDashboard.Effect]) -> [(PreparedAction, Bool)] {
        effects.compactMap { if case .perform(.runAction(let p, let dry)) = $0 { (p, dry) } else { nil } }
    }

    /// x, scale, "3", enter: the confirmation is open with Cancel focused.
    func openScaleConfirmation(_ s: inout FleetDashboardState) {
        _ = press(&s, .character("x"), .enter, .ctrl("u"), .character("3"), .enter)
    }

    @Test func confirmSendsOnceWithTheExactRequest() {
        var s = state()
        openScaleConfirmation(&s)
        guard case .action(.confirm(let c))? = s.overlay else { Issue.record("no confirmation: \(String(describing: s.overlay))"); return }
        #expect(c.dialog.focusedButton == 0)  // Cancel
        #expect(c.dialog.lines.contains("2 → 3 instances, capacity +50 %, projected utilisation \(Int((s.chute(FleetFixture.name(0))!.gpu!.meanUtilization! * 2 / 3).rounded())) %"))
        #expect(c.dialog.lines.contains("POST \(Self.controlAPI)/chutes/llama-3.1-70b-instruct/scale"))
        #expect(c.dialog.lines.contains("  {\"instances\": 3}"))
        let effects = press(&s, .tab, .enter)
        let sent = runs(effects)
        #expect(sent.count == 1)
        #expect(sent.first?.0.parameters == [Label("instances", "3")])
        #expect(sent.first?.1 == false)
        #expect(s.overlay == nil)
    }

    @Test func enterOnTheDefaultButtonCancels() {
        var s = state()
        openScaleConfirmation(&s)
        let effects = press(&s, .enter)
        #expect(runs(effects).isEmpty)
        #expect(s.overlay == nil)
        #expect(s.message == "cancelled: nothing sent")
    }

    @Test func escapeCancelsAtEveryStep() {
        var s = state()
        #expect(runs(press(&s, .character("x"), .escape)).isEmpty)
        #expect(runs(press(&s, .character("x"), .enter, .escape)).isEmpty)
        openScaleConfirmation(&s)
        #expect(runs(press(&s, .escape)).isEmpty)
        #expect(s.overlay == nil)
    }

    @Test func invalidInputIsExplainedAndNothingOpens() {
        var s = state()
        _ = press(&s, .character("x"), .enter, .ctrl("u"), .character("-"), .character("1"), .enter)
        guard case .action(.form(let form))? = s.overlay else { Issue.record("the form closed"); return }
        #expect(form.problem == "instances: -1 is outside 0–100")
    }

    @Test func protectedContextWantsTheChuteNameTyped() {
        var s = state(protected: true)
        openScaleConfirmation(&s)
        #expect(runs(press(&s, .tab, .enter)).isEmpty)  // nothing typed
        #expect(s.message.contains("type the chute name"))
        for c in "llama-3.1-70b-instruct" { _ = press(&s, .character(c)) }
        let effects = press(&s, .enter)  // Confirm is still focused
        #expect(runs(effects).count == 1)
    }

    @Test func readOnlyOffersNoActions() {
        var s = state(readOnly: true)
        let effects = press(&s, .character("x"))
        #expect(effects.isEmpty && s.overlay == nil)
        #expect(s.message.contains("read-only"))
    }

    @Test func dryRunAsksTheShellNotToSend() {
        var s = state(dryRun: true)
        openScaleConfirmation(&s)
        guard case .action(.confirm(let c))? = s.overlay else { Issue.record("no confirmation"); return }
        #expect(c.dialog.lines.contains { $0.contains("DRY RUN") })
        #expect(runs(press(&s, .tab, .enter)).first?.1 == true)
    }

    @Test func oneMutationPerTargetAndNoRetry() {
        var s = state()
        openScaleConfirmation(&s)
        let first = runs(press(&s, .tab, .enter))
        #expect(first.count == 1)
        openScaleConfirmation(&s)
        #expect(runs(press(&s, .tab, .enter)).isEmpty)
        #expect(s.message.contains("still running"))
        // It fails: the dashboard says so and sends nothing again by itself.
        let after = FleetDashboard.update(&s, .delivered(.actionFinished(first[0].0, ActionOutcome(succeeded: false, detail: "HTTP 500", duration: 0.1))))
        #expect(runs(after).isEmpty)
        #expect(s.message.contains("FAILED"))
        #expect(s.actionsInFlight.isEmpty && s.watches.isEmpty)
    }

    @Test func unsupportedActionsAreListedWithTheirReason() {
        var s = state()
        _ = press(&s, .character("x"), .down, .down, .enter)  // warm-up
        #expect(s.message == "warm-up is not available: only the Chutes platform offers it, and this context reads a direct source")
        guard case .action(.menu)? = s.overlay else { Issue.record("the menu closed"); return }
    }

    @Test func scaleIsWatchedUntilItConverges() {
        var watch = ActionWatch(target: .init(context: "c", chute: "a"), action: "scale", goal: .scale(to: 3), started: 0)
        func picture(_ t: Double, ready: Int, current: Int) -> FleetPicture {
            let probe = FleetPicture.Probe(status: .pass, ageSeconds: 0, stale: false, error: nil, errorAgeSeconds: nil, consecutiveFailures: 0, pollBreaker: nil)
            let instances = (0..<current).map { i in
                FleetPicture.Instance(id: "i-\(i)", baseURL: nil, phase: nil, health: probe, ready: probe, metrics: probe, healthFlaps: 0,
                                      requestRate: .none, errorRatio: .none, gpu: nil, breakers: [], skippedLines: 0)
            }
            return FleetPicture(time: t, chutes: [.init(name: "a", counts: .init(current: current, ready: ready, target: 3, min: 1, max: 4),
                                                         requestRate: .none, errorRatio: .none, p50: .none, p95: .none, p99: .none,
                                                         rateFrom: nil, rateTo: nil, gpu: nil, controlError: nil, instances: instances)])
        }
        #expect(watch.observe(picture(5, ready: 1, current: 3)) == nil)
        #expect(watch.progress == "ready 1/3, instances 3")
        #expect(watch.observe(picture(40, ready: 3, current: 3)) == "converged: 3 instances ready")
        var stuck = ActionWatch(target: .init(context: "c", chute: "a"), action: "scale", goal: .scale(to: 3), started: 0)
        #expect(stuck.observe(picture(301, ready: 1, current: 3))?.hasPrefix("did not converge within 5m") == true)
    }
}

/// The Chutes platform's actions in the dashboard: disable's confirmation says the platform
/// deletes a private chute's instances and, in a protected context, wants the name typed; scale
/// is listed but refused with the platform's reason; a warm-up's progress replaces the message
/// while it runs and not after.
@Suite(.lane(.compute)) struct PlatformActionFlowTests {
    static let platform = "https://api.chutes.ai"

    func state(protected: Bool) -> FleetDashboardState {
        var s = PlatformFleetFixture.state()
        s.context = .init(name: "my-account", source: "chutes", readOnly: false, production: false, protected: protected, controlAPI: Self.platform)
        s.actions = PlatformActions.catalog()
        return s
    }

    func press(_ s: inout FleetDashboardState, _ keys: Key...) -> [FleetDashboard.Effect] {
        keys.flatMap { FleetDashboard.update(&s, .keyPressed($0)) }
    }

    func runs(_ effects: [FleetDashboard.Effect]) -> [PreparedAction] {
        effects.compactMap { if case .perform(.runAction(let p, _)) = $0 { p } else { nil } }
    }

    @Test func disableSaysItDeletesInstancesAndAProtectedContextWantsTheName() throws {
        var s = state(protected: true)
        _ = press(&s, .character("x"))
        guard case .action(.menu(let menu))? = s.overlay else { Issue.record("no menu"); return }
        #expect(menu.choices.map(\.name) == ["scale", "restart", "warm-up", "disable", "enable", "scale-limits"])
        _ = press(&s, .down, .down, .down, .enter)
        guard case .action(.confirm(let c))? = s.overlay else { Issue.record("no confirmation"); return }
        #expect(c.dialog.lines.contains { $0.contains("DELETES all its instances") }, "\(c.dialog.lines)")
        #expect(c.dialog.lines.contains { $0.contains("PUT https://api.chutes.ai/chutes/0b7e5d4c-0000-5000-8000-000000000001") })
        #expect(runs(press(&s, .tab, .enter)).isEmpty)
        #expect(s.message.contains("type the chute name"))
        for ch in "my-llm" { _ = press(&s, .character(ch)) }
        let prepared = try #require(runs(press(&s, .enter)).first)
        #expect(prepared.builtin == .disable && prepared.dangerous)

        // Progress while it runs, then the outcome; progress after the end is ignored.
        _ = FleetDashboard.update(&s, .delivered(.actionProgress(prepared.target, action: "disable", "working")))
        #expect(s.message == "disable my-llm: working")
        _ = FleetDashboard.update(&s, .delivered(.actionFinished(prepared, ActionOutcome(succeeded: true, detail: "HTTP 200", duration: 0.2))))
        _ = FleetDashboard.update(&s, .delivered(.actionProgress(prepared.target, action: "disable", "late")))
        #expect(s.message == "disable my-llm: done: HTTP 200")
    }

    @Test func scaleIsListedButRefusedWithThePlatformsReason() {
        var s = state(protected: false)
        _ = press(&s, .character("x"), .enter)
        #expect(s.message.contains("scale is not available: the Chutes platform has no endpoint to set an instance count"), "\(s.message)")
        #expect(s.message.contains("chutes-redeploy-max"))
    }
}
