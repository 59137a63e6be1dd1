import FleetEngine
import Dashboard
import Monitoring
import TerminalUI
import TestSupport
import TestLanes
import Testing

/// The dashboard's `update` as a state machine: navigation and the commands it asks for, the
/// log buffer, the command palette, the key map and its config, alerts handled with notes, and
/// when a frame is needed.
@Suite(.lane(.compute)) struct FleetDashboardTests {
    func press(_ s: inout FleetDashboardState, _ keys: Key...) -> [FleetDashboard.Effect] {
        keys.flatMap { FleetDashboard.update(&s, .keyPressed($0)) }
    }

    func type(_ s: inout FleetDashboardState, _ text: String) {
        for c in text { _ = FleetDashboard.update(&s, .keyPressed(.character(c))) }
    }

    @Test func drillDownAndBackStartsAndStopsTheLogStream() {
        var s = FleetFixture.state()
        s.selectedChute = "whisper-large-v3"
        _ = press(&s, .enter)
        #expect(s.page == .chute("whisper-large-v3"))
        #expect(s.selectedInstance == "i-1")
        _ = press(&s, .down, .enter)
        let key = InstanceKey(chute: "whisper-large-v3", instance: "i-2")
        #expect(s.page == .instance(key))
        let opened = press(&s, .character("l"))
        guard case .perform(.followLogs(let stream, let instances, _, let backfill))? = opened.first else {
            Issue.record("no log stream asked for: \(opened)")
            return
        }
        #expect(stream == s.logStream && instances == [key] && backfill == FleetDashboard.logBackfill)
        let closed = press(&s, .escape)
        #expect(closed.count == 1)
        if case .perform(.stopLogs)? = closed.first {} else { Issue.record("leaving logs did not stop the stream: \(closed)") }
        _ = press(&s, .escape, .escape, .escape)
        #expect(s.page == .overview)
    }

    @Test func quitIsTheOnlyEffectOfQ() {
        var s = FleetFixture.state()
        let effects = press(&s, .character("q"))
        guard effects.count == 1, case .quit(status: 0) = effects[0] else {
            Issue.record("\(effects)")
            return
        }
    }

    @Test func linesOfAnOldStreamAreIgnored() {
        var s = FleetFixture.state()
        _ = press(&s, .character("l"))
        let old = s.logStream - 1
        _ = FleetDashboard.update(&s, .delivered(.logLines(stream: old, FleetFixture.logLines(count: 5, instances: ["i-1"]), dropped: 0)))
        #expect(s.logs.received == 0)
        _ = FleetDashboard.update(&s, .delivered(.logLines(stream: s.logStream, FleetFixture.logLines(count: 5, instances: ["i-1"]), dropped: 3)))
        #expect(s.logs.received == 8 && s.logs.dropped == 3 && s.logs.rows.count == 5)
    }

    @Test func filterSortAndFaultedOnly() {
        var s = FleetFixture.state()
        _ = press(&s, .character("/"))
        type(&s, "breaker=open")
        #expect(s.overviewRows.map(\.name) == ["deepseek-r1-distill-qwen-32b"])  // applied while typing
        _ = press(&s, .escape)
        #expect(s.overviewRows.count == 9)  // esc restores the filter before
        _ = press(&s, .character("/"))
        type(&s, "err>1")
        _ = press(&s, .enter)
        #expect(s.filterText == "err>1")
        #expect(s.overviewRows.allSatisfy { ($0.errorRatio.value ?? 0) > 0.01 })
        _ = press(&s, .character("/"), .ctrl("u"), .enter)
        _ = press(&s, .character("4"))
        let rates = s.overviewRows.compactMap(\.requestRate.value)
        #expect(rates == rates.sorted(by: >))
        _ = press(&s, .character("f"))
        #expect(Set(s.overviewRows.map(\.name)) == ["deepseek-r1-distill-qwen-32b", "whisper-large-v3"])
    }

    @Test func aFilterMistakeIsExplainedAndTheLastGoodFilterKept() {
        var s = FleetFixture.state()
        _ = press(&s, .character("/"))
        type(&s, "eror>1")
        #expect(s.message.contains("eror"), "\(s.message)")
        #expect(s.message.contains("err"), "\(s.message)")
        #expect(s.filterText == "eror")  // the last text that parsed, a substring matching nothing
        #expect(s.overviewRows.isEmpty)
    }

    @Test func acknowledgeAndSnoozeWithANote() {
        var s = FleetFixture.state()
        _ = press(&s, .character("A"))
        #expect(s.page == .alerts)
        let first = s.watch.alerts.sorted[0]
        _ = press(&s, .character("a"))
        type(&s, "on it")
        _ = press(&s, .enter)
        #expect(s.watch.alerts.alerts[first.id]?.acknowledged == true)
        #expect(s.alertNotes[first.id] == "on it")
        _ = press(&s, .character("z"), .escape)  // esc cancels: nothing snoozed
        #expect(s.watch.alerts.alerts[first.id]?.snoozedUntil == nil)
        _ = press(&s, .character("z"), .enter)
        #expect(s.watch.alerts.alerts[first.id]?.snoozedUntil == s.now + 3600)
    }

    @Test func pollResultsAloneDoNotAskForAFrameButANewSecondDoes() {
        var s = FleetFixture.state()
        let before = s.revision
        let key = InstanceKey(chute: FleetFixture.name(0), instance: "i-1")
        _ = FleetDashboard.update(&s, .delivered(.watch(.polled(PollTarget(key, .health), .report(HealthReport(status: .pass)), at: s.now))))
        #expect(s.revision == before)
        let effects = FleetDashboard.update(&s, .delivered(.woke(now: s.now + 1)))
        #expect(s.revision > before)
        #expect(effects.contains { if case .perform(.wake) = $0 { true } else { false } })
    }

    @Test func logBufferDropsTheOldestAndCountsThem() {
        var b = LogBuffer(capacity: 4)
        b.append(FleetFixture.logLines(count: 10, instances: ["i-1"]).map { ($0.instance, $0.entry) })
        #expect(b.rows.map(\.sequence) == [6, 7, 8, 9])
        #expect(b.dropped == 6 && b.received == 10)
    }

    @Test func logSearchMovesWithoutHidingAndRequestFocusShowsOneRequest() {
        var b = LogBuffer()
        b.append(FleetFixture.logLines(count: 40, instances: ["i-1", "i-2"]).map { ($0.instance, $0.entry) })
        b.search = "timed out"
        #expect(b.shown.count == 40)  // search hides nothing
        let foundLast = b.jumpToMatch(forward: false)
        #expect(foundLast)
        let first = b.selected!
        let rows = b.rows
        #expect(rows[first].entry.level == .error)
        let foundEarlier = b.jumpToMatch(forward: false)
        #expect(foundEarlier)
        #expect(b.selected! < first && !b.follow)
        let foundAgain = b.jumpToMatch(forward: true)
        #expect(foundAgain)
        #expect(b.selected == first)
        let focused = b.toggleRequestFocus()
        #expect(focused)
        #expect(b.shown.count == 2 && Set(b.shown.map(\.entry.requestID)).count == 1)
        b.cycleLevel()
        #expect(b.minimumLevel == .debug)
        let unfocused = b.toggleRequestFocus()
        #expect(unfocused)
        #expect(b.requestFocus == nil)
    }

    /// A search whose match is the newest line pins it: following on, the next lines pushed the
    /// match out of view (a tmux run of the logs flow saw "search …: 1 lines" over a screen
    /// without it).
    @Test func aSearchMatchingTheNewestLineStopsFollowingThere() {
        var s = FleetFixture.state()
        s.selectedChute = FleetFixture.name(0)
        _ = press(&s, .enter, .character("l"))
        // 41 lines: the last is the only one of request req-1020.
        let lines = FleetFixture.logLines(count: 41, instances: ["i-1", "i-2"])
        s.logs.append(lines.map { ($0.instance, $0.entry) })
        #expect(s.logs.follow)
        _ = press(&s, .character("/"))
        type(&s, "req-1020")
        _ = press(&s, .enter)
        #expect(!s.logs.follow)
        let newest = s.logs.rows.last!.sequence
        #expect(s.logs.selected == newest)
        s.logs.append(FleetFixture.logLines(count: 20, instances: ["i-1"]).map { ($0.instance, $0.entry) })
        let shown = s.logs.shown
        #expect(s.logs.selectedIndex(in: shown).map { shown[$0].sequence } == newest, "the match moved out of the selection")
    }

    @Test func paletteCompletesRunsAndRemembers() {
        var p = CommandPalette(commands: [.init("sort", ["name", "err", "p95"], ""), .init("status", [], ""), .init("quit", [], "")])
        _ = p.handle(.character("s"))
        _ = p.handle(.tab)
        #expect(p.candidates == ["sort", "status"])
        _ = p.handle(.character("o"))
        _ = p.handle(.tab)
        #expect(p.input.text == "sort ")
        _ = p.handle(.character("e"))
        _ = p.handle(.tab)
        #expect(p.input.text == "sort err")
        #expect(p.handle(.enter) == .run(name: "sort", argument: "err"))
        var again = CommandPalette(commands: p.commands, history: p.history)
        _ = again.handle(.up)
        #expect(again.input.text == "sort err")
        _ = again.handle(.ctrl("u"))
        for c in "sort bogus" { _ = again.handle(.character(c)) }
        #expect(again.handle(.enter) == .editing)
        #expect(again.problem?.contains("not one of") == true)
    }

    @Test func paletteSwitchesContextByEndingTheLoop() {
        var s = FleetFixture.state()
        _ = press(&s, .character(":"))
        type(&s, "context prod")
        let effects = press(&s, .enter)
        #expect(s.switchTo == "prod")
        #expect(effects.contains { if case .quit = $0 { true } else { false } })
    }

    @Test func keyMapRefusesConflictsAndReadsFromTheConfig() throws {
        #expect(throws: KeyMap.Conflict.self) { try KeyMap(overrides: [.faultedOnly: [.character("/")]]) }
        #expect(throws: KeyMap.Conflict.self) { try KeyMap(overrides: [.alerts: [.character("n")]]) }  // everywhere vs logs
        let moved = try KeyMap(overrides: [.follow: [.character("/")], .search: [.character("s")]])
        #expect(moved.action(for: .character("/"), in: .logs) == .follow)
        #expect(moved.action(for: .character("/"), in: .overview) == .filter)
        let yaml = """
            keys:
              quit: Q
              alerts: [ctrl-a, F2]
            contexts:
              - name: a
                source: {kind: simulator}
            """
        let config = try ConfigParser.parse(yaml, file: "keys.yaml")
        #expect(config.keyMap.action(for: .character("Q"), in: .overview) == .quit)
        #expect(config.keyMap.action(for: .character("q"), in: .overview) == nil)
        #expect(config.keyMap.action(for: .function(2), in: .logs) == .alerts)
        let clash = "keys:\n  faultedOnly: /\ncontexts:\n  - name: a\n    source: {kind: simulator}\n"
        #expect {
            try ConfigParser.parse(clash, file: "keys.yaml")
        } throws: { error in
            "\(error)".hasPrefix("keys.yaml:2:") && "\(error)".contains("'/' is bound to both filter and faultedOnly")
        }
        let unknown = "keys:\n  qiut: x\ncontexts:\n  - name: a\n    source: {kind: simulator}\n"
        #expect { try ConfigParser.parse(unknown, file: "keys.yaml") } throws: { "\($0)".contains("did you mean 'quit'") }
    }
}
