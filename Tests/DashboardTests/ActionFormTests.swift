import Dashboard
import FleetEngine
import Monitoring
import TerminalUI
import TestSupport
import TestLanes
import Testing

/// The action form as a state machine: a prefilled value is replaced by what is typed, values
/// outside the chute's limits are refused with the limits named (in the form and in what
/// `chutetop run` prepares), unknown limits are said as unknown, and scale-limits keeps its
/// minimum at or below its maximum.
@Suite(.lane(.compute)) struct ActionFormTests {
    static let controlAPI = "http://127.0.0.1:9/api/v1"
    static let llama = FleetFixture.name(0)  // 2 instances, target 2, limits 1-8

    func state() -> FleetDashboardState {
        var s = FleetFixture.state()
        s.context = .init(name: "staging", source: "direct", readOnly: false, production: false, controlAPI: Self.controlAPI)
        s.actions = BuiltinActions.catalog(source: "direct", controlAPI: Self.controlAPI)
        s.selectedChute = Self.llama
        return s
    }

    func press(_ s: inout FleetDashboardState, _ keys: [Key]) -> [FleetDashboard.Effect] {
        keys.flatMap { FleetDashboard.update(&s, .keyPressed($0)) }
    }

    func form(_ s: FleetDashboardState) -> ActionForm? {
        if case .action(.form(let f))? = s.overlay { f } else { nil }
    }

    func confirmation(_ s: FleetDashboardState) -> ActionConfirmation? {
        if case .action(.confirm(let c))? = s.overlay { c } else { nil }
    }

    /// `action`'s form from the menu (x, down to it, enter).
    func openForm(_ s: inout FleetDashboardState, _ action: BuiltinAction) {
        let index = s.actions.filter { $0.scope == .chute }.firstIndex { $0.builtin == action }!
        _ = press(&s, [.character("x")] + Array(repeating: Key.down, count: index) + [.enter])
    }

    @Test func typingReplacesThePrefilledValue() throws {
        var s = state()
        openForm(&s, .scale)
        let opened = try #require(form(s))
        #expect(opened.fields[0].text == "2" && opened.fields[0].isSelected)
        #expect(opened.notes[0] == "instances wanted, a whole number; now 2. llama-3.1-70b-instruct allows 1–8 instances; change them with scale-limits")
        _ = press(&s, [.character("3")])
        #expect(form(s)?.fields[0].text == "3")
        _ = press(&s, [.enter])
        let c = try #require(confirmation(s), "\(s.message)")
        #expect(c.dialog.lines[1].hasPrefix("2 → 3 instances"), "\(c.dialog.lines)")
        #expect(c.dialog.lines.contains("  {\"instances\": 3}"))
    }

    @Test func backspaceClearsTheSelectionAndACursorKeyKeepsItForEditing() {
        var s = state()
        openForm(&s, .scale)
        _ = press(&s, [.backspace])
        #expect(form(s)?.fields[0].text == "")
        _ = press(&s, [.character("4")])
        #expect(form(s)?.fields[0].text == "4")
        _ = press(&s, [.escape])
        openForm(&s, .scale)
        _ = press(&s, [.end, .character("0")])  // keeps "2", appends
        #expect(form(s)?.fields[0].text == "20")
        _ = press(&s, [.ctrl("u"), .character("5")])
        #expect(form(s)?.fields[0].text == "5")
    }

    @Test func aCountOutsideTheChutesLimitsIsRefusedWithTheLimits() {
        var s = state()
        openForm(&s, .scale)
        let effects = press(&s, [.character("9"), .enter])
        #expect(effects.isEmpty && confirmation(s) == nil)
        #expect(form(s)?.problem == "instances: 9 is out of range: llama-3.1-70b-instruct allows 1–8 instances; change its limits with scale-limits")
        _ = press(&s, [.character("0"), .enter])  // the problem leaves the value as typed: "90"
        #expect(form(s)?.problem?.contains("90 is out of range") == true)
        _ = press(&s, [.ctrl("u"), .character("0"), .enter])
        #expect(form(s)?.problem?.contains("0 is out of range: llama-3.1-70b-instruct allows 1–8 instances") == true)
        _ = press(&s, [.ctrl("u"), .character("8"), .enter])
        #expect(confirmation(s) != nil)
    }

    @Test func unknownLimitsAreSaidAsUnknownAndLeftToTheControlPlane() throws {
        var s = state()
        var listing = FleetFixture.inventory(chutes: 9, instances: 2)
        listing.chutes[0].minInstances = nil
        listing.chutes[0].maxInstances = nil
        _ = FleetWatch.update(&s.watch, .listed(listing, at: s.now))
        FleetWatch.judge(&s.watch, now: s.now)
        #expect(s.chute(Self.llama)?.counts.max == nil)
        openForm(&s, .scale)
        let opened = try #require(form(s))
        #expect(opened.notes[0] == "instances wanted, a whole number 0–100; now 2. llama-3.1-70b-instruct's limits are unknown (its control plane did not list them): the control plane will check the count")
        _ = press(&s, [.character("5"), .character("0"), .enter])
        #expect(confirmation(s) != nil, "\(form(s)?.problem ?? "")")
    }

    @Test func scaleLimitsKeepsTheMinimumAtOrBelowTheMaximum() throws {
        var s = state()
        openForm(&s, .scaleLimits)
        let opened = try #require(form(s))
        #expect(opened.fields.map(\.text) == ["1", "8"])
        _ = press(&s, [.character("5"), .tab, .character("3"), .enter])
        #expect(confirmation(s) == nil)
        #expect(form(s)?.problem == "min_instances 5 is above max_instances 3: the fewest instances cannot exceed the most")
        _ = press(&s, [.ctrl("u"), .character("1"), .character("0"), .character("1"), .enter])
        #expect(form(s)?.problem == "max_instances: 101 is outside 1–100")
        _ = press(&s, [.ctrl("u"), .character("6"), .enter])
        let c = try #require(confirmation(s))
        #expect(c.dialog.lines.contains("  {\"min_instances\": 5, \"max_instances\": 6}"))
    }

    /// `chutetop run` prepares the same way, from the counts its inventory lists.
    @Test func preparingChecksTheLimitsInTheCountsGiven() {
        let scale = BuiltinActions.catalog(source: "direct", controlAPI: Self.controlAPI).first { $0.builtin == .scale }!
        let target = PreparedAction.Target(context: "demo", chute: "bge-m3")
        let counts = FleetPicture.Counts(current: 1, ready: 1, target: 1, min: 1, max: 4)
        func prepare(_ n: String, _ before: FleetPicture.Counts?) -> Result<PreparedAction, ActionProblem> {
            PreparedAction.prepare(scale, target: target, inputs: ["instances": n], controlAPI: Self.controlAPI, environment: [:], before: before)
        }
        #expect(prepare("13", counts) == .failure(ActionProblem("instances: 13 is out of range: bge-m3 allows 1–4 instances; change its limits with scale-limits")))
        #expect((try? prepare("4", counts).get()) != nil)
        #expect((try? prepare("13", nil).get()) != nil)  // unknown: the control plane checks
        #expect(InstanceLimits(chute: "bge-m3", min: 2, max: nil).problem(.scale, values: ["instances": "1"])?.description
            == "instances: 1 is out of range: bge-m3 allows at least 2 instances; its maximum is unknown; change its limits with scale-limits")
    }
}
