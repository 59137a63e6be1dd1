import Dashboard
import Monitoring
import TestSupport
import TestLanes
import Testing

/// Built-in actions are known by type (`BuiltinAction`), not by name: the catalog says which
/// each is, a prepared action carries it, the dashboard watches by it, and a runbook may not
/// take a built-in's name.
@Suite(.lane(.compute)) struct BuiltinActionTests {
    static let controlAPI = "http://127.0.0.1:9/api/v1"
    let catalog = BuiltinActions.catalog(source: "direct", controlAPI: Self.controlAPI)

    @Test func theCatalogSaysWhichBuiltinEachIs() {
        let all = catalog + SilenceActions.catalog(alertmanager: "http://127.0.0.1:9093")
        #expect(all.compactMap(\.builtin) == BuiltinAction.allCases)
        #expect(all.allSatisfy { $0.name == $0.builtin?.rawValue })
        #expect(BuiltinActions.names == Set(all.map(\.name)))
        #expect(BuiltinActions.names == ["scale", "restart", "restart-instance", "warm-up", "disable", "enable", "scale-limits",
                                         "silence", "expire-silence"])
    }

    @Test func aPreparedActionCarriesItsBuiltinAndARunbookHasNone() throws {
        let scale = try PreparedAction.prepare(catalog[0], target: .init(context: "c", chute: "a"), inputs: ["instances": "3"],
                                               controlAPI: Self.controlAPI, environment: [:]).get()
        #expect(scale.builtin == .scale && scale.action == "scale")
        let runbooks = try RunbookParser.parse("- name: drain\n  scope: chute\n  steps: [{command: [drain, \"{{chute}}\"]}]\n", file: "r.yaml")
        #expect(runbooks.map(\.builtin) == [nil])
        let drain = try PreparedAction.prepare(runbooks[0], target: .init(context: "c", chute: "a"), inputs: [:], controlAPI: nil,
                                               environment: [:]).get()
        #expect(drain.builtin == nil)
    }

    @Test(arguments: BuiltinAction.allCases) func aRunbookMayNotTakeABuiltinsName(builtin: BuiltinAction) {
        let yaml = "runbooks:\n  - name: \(builtin.rawValue)\n    scope: chute\n    steps: [{command: [x]}]\n"
        #expect { try RunbookParser.parse(yaml, file: "r.yaml") } throws: { "\($0)".contains("'\(builtin.rawValue)' is a built-in action") }
    }

    /// A source's own action that happens to be spelled "scale" is not the built-in: nothing
    /// is watched after it, while the built-in scale is watched until it converges.
    @Test func theDashboardWatchesByTypeNotByName() throws {
        var s = FleetFixture.state()
        let target = PreparedAction.Target(context: s.context.name, chute: FleetFixture.name(0))
        let lookalike = RunbookAction(name: "scale", summary: "", scope: .chute, inputs: catalog[0].inputs, steps: [.command(argv: ["scale"])],
                                      dangerous: true, origin: "a source's own")
        let done = ActionOutcome(succeeded: true, detail: "exit 0", duration: 0.1)
        let other = try PreparedAction.prepare(lookalike, target: target, inputs: ["instances": "3"], controlAPI: nil, environment: [:]).get()
        _ = FleetDashboard.update(&s, .delivered(.actionFinished(other, done)))
        #expect(s.watches.isEmpty)
        let scale = try PreparedAction.prepare(catalog[0], target: target, inputs: ["instances": "3"], controlAPI: Self.controlAPI,
                                               environment: [:]).get()
        _ = FleetDashboard.update(&s, .delivered(.actionFinished(scale, done)))
        #expect(s.watches.map(\.goal) == [.scale(to: 3)])
    }
}
