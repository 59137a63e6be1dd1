import Dashboard
import Monitoring
import TerminalUI
import TestSupport
import TestLanes
import Testing

/// The one command table: every palette command and every action is a row of it, help and
/// hints are read from it with the keys bound now, and a key and its palette command do the
/// same thing because both go through the same path.
@Suite(.lane(.compute)) struct CommandTableTests {
    func press(_ s: inout FleetDashboardState, _ keys: [Key]) -> [FleetDashboard.Effect] {
        keys.flatMap { FleetDashboard.update(&s, .keyPressed($0)) }
    }

    func palette(_ s: inout FleetDashboardState, _ line: String) -> [FleetDashboard.Effect] {
        press(&s, [.character(":")] + line.map { .character($0) } + [.enter])
    }

    /// What a command may change (the palette's history aside), as text.
    func shown(_ s: FleetDashboardState) -> String {
        [String(describing: s.pages), String(describing: s.overview), s.filterText, String(describing: s.selectedChute),
         String(describing: s.selectedInstance), String(describing: s.overlay), s.message, String(s.themeIndex),
         String(s.logStream), String(describing: s.switchTo)].joined(separator: " | ")
    }

    /// The fixture fleet, built once (34 states are copied from it: building each took seconds
    /// of the suite's start, when the tmux tests wait for their first frame).
    static let fixture = FleetFixture.state()

    func writable() -> FleetDashboardState {
        var s = Self.fixture
        s.context = .init(name: "staging", source: "direct", readOnly: false, production: false, controlAPI: "http://127.0.0.1:9/api/v1")
        s.actions = BuiltinActions.catalog(source: "direct", controlAPI: "http://127.0.0.1:9/api/v1")
        return s
    }

    @Test func everyPaletteCommandIsARowOfTheTable() {
        var s = FleetFixture.state()
        _ = press(&s, [.character(":")])
        guard case .palette(let p)? = s.overlay else {
            Issue.record("no palette: \(String(describing: s.overlay))")
            return
        }
        let words = p.commands.map(\.name)
        #expect(words == ["overview", "alerts", "logs", "sort", "filter", "faulted", "columns", "theme", "context", "actions", "audit", "timeline", "note", "incident", "help", "quit"])
        #expect(words == CommandTable.entries.compactMap(\.word))
        for command in p.commands {
            let row = CommandTable.entry(word: command.name)
            #expect(row != nil, "\(command.name)")
            #expect(row?.summary == command.summary)
        }
        #expect(p.commands.first { $0.name == "sort" }?.arguments == OverviewOrder.Column.allCases.map(\.rawValue))
        #expect(p.commands.first { $0.name == "context" }?.arguments == ["staging", "prod"])
        #expect(p.commands.first { $0.name == "theme" }?.arguments.count == s.themes.count)
        #expect(p.commands.first { $0.name == "filter" }?.arguments == [])
    }

    @Test func everyPaletteCommandRuns() {
        for word in CommandTable.entries.compactMap(\.word) {
            var s = FleetFixture.state()
            _ = palette(&s, word)
            if case .palette? = s.overlay { Issue.record("'\(word)' left the palette open: \(s.message)") }
        }
    }

    @Test func everyActionHasOneRowAndEveryBoundActionAHelpLine() throws {
        let rows = CommandTable.entries.compactMap { e -> DashboardAction? in if case .action(let a) = e.command { a } else { nil } }
        #expect(rows.count == DashboardAction.allCases.count && Set(rows) == Set(DashboardAction.allCases))
        for row in CommandTable.entries where row.keys.isEmpty {
            #expect(row.word != nil && row.hint == nil, "\(row.command) has neither a key nor a palette word")
        }
        let page: [DashboardAction.Scope: DashboardPage] = [
            .everywhere: .overview, .overview: .overview, .instance: .chute("c"), .logs: .logs(.chute("c")), .alerts: .alerts,
            .timeline: .timeline(nil),
        ]
        let keyMap = try KeyMap()
        for (action, keys) in KeyMap.defaults where !keys.isEmpty {
            let lines = CommandTable.help(for: page[action.scope]!, keyMap: keyMap).flatMap(\.bindings)
            let summary = CommandTable.entry(for: action).summary
            #expect(!summary.isEmpty)
            #expect(lines.contains { $0.keys == keys.map(\.description).joined(separator: " ") && $0.action == summary }, "\(action)")
        }
    }

    @Test func hintsPerViewAreReadFromTheTable() throws {
        let keyMap = try KeyMap()
        func hints(_ page: DashboardPage, readOnly: Bool = false) -> [String] {
            CommandTable.hints(for: page, keyMap: keyMap, readOnly: readOnly).map { "\($0.key) \($0.action)" }
        }
        let key = InstanceKey(chute: "c", instance: "i-1")
        #expect(hints(.overview) == ["enter open", "/ filter", "1-7 sort", "f faulted", "l logs", "A alerts", ": cmd", "? help", "q quit"])
        #expect(hints(.chute("c")) == ["enter instance", "l logs", "m metrics", "x actions", "i note", "esc back", "? help"])
        #expect(hints(.chute("c"), readOnly: true) == ["enter instance", "l logs", "m metrics", "i note", "esc back", "? help"])
        #expect(hints(.instance(key)) == ["l logs", "m raw metrics", "x actions", "i note", "esc back", "? help"])
        #expect(hints(.metrics(key)) == ["/ find", "esc back", "? help"])
        #expect(hints(.logs(.instance(key))) == ["F follow", "/ search", "n/N match", "L level", "r request", "w wrap", "esc back"])
        #expect(hints(.alerts) == ["enter open", "a ack", "z snooze", "esc back", "? help"])
        #expect(hints(.audit) == ["esc back", "? help"])
        #expect(hints(.timeline(nil)) == ["i note", "t kind", "c chute/fleet", "esc back", "? help"])
    }

    @Test func rebindingAKeyChangesHelpAndHints() throws {
        let keyMap = try KeyMap(overrides: [.logs: [.character("o")], .sortName: [.character("0")], .nextMatch: [.ctrl("n")]])
        let everywhere = CommandTable.help(for: .overview, keyMap: keyMap).last!.bindings
        #expect(everywhere.contains { $0.keys == "o" && $0.action == CommandTable.entry(for: .logs).summary })
        #expect(!everywhere.contains { $0.keys == "l" })
        let overview = CommandTable.help(for: .overview, keyMap: keyMap).first!.bindings
        #expect(overview.contains { $0.keys == "0" && $0.action == "sort by name (again: reverse)" })
        let hints = CommandTable.hints(for: .overview, keyMap: keyMap, readOnly: true).map { "\($0.key) \($0.action)" }
        #expect(hints.contains("o logs") && hints.contains("0/2/3/4/5/6/7 sort"))
        let logHints = CommandTable.hints(for: .logs(.chute("c")), keyMap: keyMap, readOnly: true).map { "\($0.key) \($0.action)" }
        #expect(logHints.contains("ctrl-n/N match"))
    }

    struct Pair: Sendable, CustomTestStringConvertible {
        var before: [Key]
        var key: Key
        var command: String
        var testDescription: String { "\(before.map(\.description)) \(key) = :\(command)" }
    }

    static let pairs: [Pair] = [
        Pair(before: [], key: .character("4"), command: "sort rps"),
        Pair(before: [.character("4")], key: .character("4"), command: "sort rps"),  // again: reversed
        Pair(before: [], key: .character("1"), command: "sort name"),
        Pair(before: [], key: .character("f"), command: "faulted"),
        Pair(before: [], key: .character("A"), command: "alerts"),
        Pair(before: [.character("A")], key: .character("A"), command: "alerts"),
        Pair(before: [.enter], key: .character("A"), command: "alerts"),
        Pair(before: [], key: .character("U"), command: "audit"),
        Pair(before: [.enter, .enter], key: .character("U"), command: "audit"),
        Pair(before: [.character("U")], key: .character("U"), command: "audit"),
        Pair(before: [], key: .character("l"), command: "logs"),
        Pair(before: [.enter, .enter], key: .character("l"), command: "logs"),
        Pair(before: [], key: .character("x"), command: "actions"),
        Pair(before: [.enter, .enter], key: .character("x"), command: "actions"),
        Pair(before: [.character("l")], key: .character("x"), command: "actions"),
        Pair(before: [.enter], key: .character("?"), command: "help"),
        Pair(before: [], key: .character("q"), command: "quit"),
    ]

    @Test(arguments: pairs) func aKeyAndItsPaletteCommandDoTheSame(pair: Pair) {
        var byKey = writable(), byPalette = writable()
        _ = press(&byKey, pair.before)
        _ = press(&byPalette, pair.before)
        let keyEffects = press(&byKey, [pair.key])
        let paletteEffects = palette(&byPalette, pair.command)
        #expect(shown(byKey) == shown(byPalette))
        #expect("\(keyEffects)" == "\(paletteEffects)")
    }

    @Test func paletteOnlyCommandsReportWhatTheyTake() {
        var s = FleetFixture.state()
        _ = palette(&s, "sort")
        #expect(s.message == "sort by: name, ready, gpu, rps, err, p95, breakers, queue, kv, tokens, ttft")
        _ = palette(&s, "theme")
        #expect(s.message.hasPrefix("themes: "))
        _ = palette(&s, "context staging")
        #expect(s.message == "contexts: staging, prod" && s.switchTo == nil)
        _ = press(&s, [.enter])
        _ = palette(&s, "filter err>1")
        #expect(s.page == .overview && s.filterText == "err>1")
    }
}
