import Dashboard
import FleetEngine
import DashboardViews
import Monitoring
import TerminalUI
import TestSupport
import TestLanes
import Testing

/// Every dashboard view at 80x24 and 160x48 (text and role mask), on the fixture fleet: the
/// overview, a filter being typed, chute detail, instance detail, the raw-metrics browser,
/// logs with a search, alerts, help and the command palette. Record with
/// CHUTETOP_RECORD_SNAPSHOTS=1 after checking the change by eye.
@Suite(.lane(.compute)) struct FleetDashboardViewTests {
    static let sizes = [(80, 24), (160, 48)]

    func keys(_ s: inout FleetDashboardState, _ keys: [Key]) {
        for k in keys { _ = FleetDashboard.update(&s, .keyPressed(k)) }
    }

    func typed(_ text: String) -> [Key] { text.map { .character($0) } }

    func verify(_ s: FleetDashboardState, _ name: String, _ width: Int, _ height: Int) {
        let screen = FleetDashboardView.render(s, size: Size(width: width, height: height))
        #expect(ScreenSnapshot.verify(screen, named: "dashboard-\(name)-\(width)x\(height)") == nil)
    }

    @Test(arguments: sizes) func overview(width: Int, height: Int) {
        verify(FleetFixture.state(), "overview", width, height)
    }

    /// At 80 columns the banner still says what matters at 3 a.m.: the context, read-only,
    /// what fires and the data's age (it was cut after the instance count), leaving out the
    /// program's name and the source kind first, and saying the totals shorter.
    @Test func theBannerKeepsAlertsAndDataAgeAt80Columns() {
        let banner = FleetDashboardView.render(FleetFixture.state(), size: Size(width: 80, height: 24)).textLines[0]
        for words in ["staging", "READ-ONLY", "15/16 ready", "960/s", "err 0.73%", "✖ 3 firing", "data 1s"] {
            #expect(banner.contains(words), "\(banner)")
        }
        #expect(!banner.contains("…"), "\(banner)")
    }

    /// Each chute's trend has its own shape: the fixture's chutes swing at periods of their
    /// own, and the overview draws each from that chute's history (a constant rate drew the
    /// same ramp for every chute, which could not tell a mixed-up history from a right one).
    @Test func theOverviewTrendsDifferFromChuteToChute() {
        let lines = FleetDashboardView.render(FleetFixture.state(), size: Size(width: 160, height: 48)).textLines
        let blocks = Set("▁▂▃▄▅▆▇█")
        let rows = lines.filter { line in (0..<9).contains { line.contains(" \(FleetFixture.name($0)) ") } }
        #expect(rows.count == 9)
        let trends = rows.map { line in String(line.dropLast().reversed().prefix { blocks.contains($0) }.reversed()) }.filter { !$0.isEmpty }
        #expect(trends.count == 8, "\(trends)")
        #expect(Set(trends).count == trends.count, "chutes share a trend: \(trends)")
    }

    /// `c` cycles the column sets: automatic (LLM columns only when wide), LLM at any width
    /// (replacing GPU, errors, p95, breakers and the trend when narrow), standard (none).
    @Test func theColumnKeyCyclesTheLLMColumnSet() {
        var s = FleetFixture.state()
        let header = { (s: FleetDashboardState, width: Int) in FleetDashboardView.render(s, size: Size(width: width, height: 24)).textLines[3] }
        #expect(!header(s, 80).contains("Queue") && header(s, 160).contains("Queue"))
        keys(&s, [.character("c")])
        #expect(s.overview.columnSet == .llm && s.message.contains("LLM"))
        let narrow = header(s, 80)
        #expect(narrow.contains("Queue") && narrow.contains("TTFT95") && narrow.contains("Saturation"), "\(narrow)")
        #expect(!narrow.contains("GPU") && !narrow.contains("p95"), "\(narrow)")
        keys(&s, [.character("c")])
        #expect(s.overview.columnSet == .standard && !header(s, 160).contains("Queue") && header(s, 160).contains("GPU"))
        keys(&s, [.character("c")])
        #expect(s.overview.columnSet == .automatic)
    }

    /// Help taller than an 80x24 screen scrolls with j/k (and says where it is) instead of being
    /// cut off with the rest of the keys out of reach (a newcomer's review).
    @Test func helpScrollsOnASmallScreen() {
        var s = FleetFixture.state()
        s.size = Size(width: 80, height: 24)
        keys(&s, [.character("?")])
        let text = { (s: FleetDashboardState) in FleetDashboardView.render(s, size: Size(width: 80, height: 24)).textLines.joined(separator: "\n") }
        let first = text(s)
        #expect(first.contains("j/k · esc close") && first.contains("1-"), "\(first)")
        keys(&s, Array(repeating: .character("j"), count: 60))
        let last = text(s)
        let unseen = Set(last.split(separator: "\n")).subtracting(first.split(separator: "\n"))
        #expect(unseen.contains { $0.contains("│") && $0.count > 20 }, "keys below the first screen come into view: \(last)")
        keys(&s, [.character("k")])
        #expect(text(s) != last, "one k moves back at once")
        keys(&s, [.escape])
        #expect(s.overlay == nil)
    }

    @Test(arguments: sizes) func overviewFilterTyped(width: Int, height: Int) {
        var s = FleetFixture.state()
        keys(&s, [.character("/")] + typed("err>1 gpu>"))
        verify(s, "filter", width, height)
    }

    @Test(arguments: sizes) func chuteDetail(width: Int, height: Int) {
        var s = FleetFixture.state()
        s.selectedChute = "deepseek-r1-distill-qwen-32b"  // the breaker that opened
        keys(&s, [.enter])
        verify(s, "chute", width, height)
    }

    @Test(arguments: sizes) func instanceDetail(width: Int, height: Int) {
        var s = FleetFixture.state()
        s.selectedChute = "whisper-large-v3"  // i-2's health poll fails
        keys(&s, [.enter, .down, .enter])
        verify(s, "instance", width, height)
    }

    @Test(arguments: sizes) func rawMetrics(width: Int, height: Int) {
        var s = FleetFixture.state()
        keys(&s, [.enter, .enter, .character("m")])
        let key = InstanceKey(chute: FleetFixture.name(0), instance: "i-1")
        let families = [
            RawMetricsPage.Family(name: "http_requests", type: "counter", help: "Requests by status code.",
                                  samples: [.init(series: "http_requests_total{code=\"200\"}", value: "51230"),
                                            .init(series: "http_requests_total{code=\"500\"}", value: "12")]),
            RawMetricsPage.Family(name: "DCGM_FI_DEV_GPU_UTIL", type: "gauge", help: "GPU utilization (in %).",
                                  samples: [.init(series: "DCGM_FI_DEV_GPU_UTIL{gpu=\"0\"}", value: "87")]),
        ]
        _ = FleetDashboard.update(&s, .delivered(.rawMetrics(key, .success(RawMetricsPage(time: s.now - 2, families: families, issues: ["line 9: invalid value '0x10'"])))))
        keys(&s, [.character("/")] + typed("http") + [.enter])
        verify(s, "metrics", width, height)
    }

    @Test(arguments: sizes) func logsWithSearch(width: Int, height: Int) {
        var s = FleetFixture.state()
        keys(&s, [.character("l")])
        let lines = FleetFixture.logLines(count: 60, instances: ["i-1", "i-2"])
        _ = FleetDashboard.update(&s, .delivered(.logLines(stream: s.logStream, lines, dropped: 25)))
        keys(&s, [.character("/")] + typed("timed out") + [.enter])
        verify(s, "logs", width, height)
    }

    @Test(arguments: sizes) func alerts(width: Int, height: Int) {
        var s = FleetFixture.state()
        keys(&s, [.character("A"), .character("a")] + typed("looking into it") + [.enter])
        verify(s, "alerts", width, height)
        // Every row names what its alert is about: the chute, and the instance whole.
        let lines = FleetDashboardView.render(s, size: Size(width: width, height: height)).textLines
        let alerts = s.alertList
        #expect(alerts.contains { $0.instance != nil })
        for (r, a) in alerts.enumerated() {
            let row = lines[4 + r]
            #expect(row.contains(a.instance.map { "/\($0) " } ?? String(a.chute.prefix(4))), "\(a.rule) \(a.chute): \(row)")
            // The summary does not say the instance again: at 80 columns its room is what was
            // measured ("i-1: GPU ut…" said less than "GPU utilis…").
            if let instance = a.instance { #expect(!row.contains(" \(instance): "), "\(row)") }
        }
        // The selected alert is said whole under the table (at 80 columns its row cuts it).
        let selected = alerts[s.selectedAlert]
        #expect(lines.contains { $0.contains(selected.summaryAfterID) && $0.contains(selected.chute) }, "\(selected.summaryAfterID)")
        #expect(lines.contains { $0.contains("acked") && $0.contains("looking into it") })
    }

    /// With an Alertmanager: its panel below chutetop's alerts (one firing, one silenced), the
    /// selected one's labels and description; a read that then fails says so with its age.
    @Test(arguments: sizes) func alertsWithAlertmanager(width: Int, height: Int) {
        var s = FleetFixture.state()
        s.watch.alertmanagerInterval = 2
        let firing = AlertmanagerAlert(fingerprint: "e4d28da5858428ef",
                                       labels: [Label("alertname", "ChuteErrorRate"), Label("chute", FleetFixture.name(1)), Label("severity", "critical")],
                                       summary: "5xx ratio 15%", description: "More than 5% of requests failed.", state: .active, startsAt: s.now - 95)
        let silenced = AlertmanagerAlert(fingerprint: "b3c5993329a121ed", labels: [Label("alertname", "GPUHot"), Label("chute", FleetFixture.name(2))],
                                         state: .suppressed, silencedBy: ["87bc90f7-e003-48ea-961a-6f9982d1e88f"], startsAt: s.now - 600)
        _ = FleetDashboard.update(&s, .delivered(.watch(.alertmanagerRead(.alerts([silenced, firing]), at: s.now - 12))))
        _ = FleetDashboard.update(&s, .delivered(.watch(.alertmanagerRead(.failed("alertmanager: connection refused"), at: s.now - 4))))
        keys(&s, [.character("A"), .character("G"), .up])
        verify(s, "alerts-alertmanager", width, height)
    }

    /// With no alert and the source failing, the alerts view does not say "every rule is quiet":
    /// nothing is being judged, and why is said in full (the banner cuts it at 80 columns).
    @Test func theAlertsViewSaysTheRulesAreHeldWhileTheSourceFails() {
        var settings = PollSettings()
        settings.intervals = ProbeIntervals(health: 0, ready: 0, metrics: 30)
        var watch = FleetWatchState(settings: settings, names: .standard, rules: AlertRule.defaults, plan: ReadingPlan(fleetWide: [.metrics]))
        _ = FleetWatch.update(&watch, .listed(FleetFixture.inventory(chutes: 1, instances: 1), at: 1000))
        let refused = "the platform refused the key (HTTP 401): check CHUTES_API_KEY"
        _ = FleetWatch.update(&watch, .polled(.fleet(.metrics), .failed(refused), at: 1000))
        var s = FleetDashboardState(context: .init(name: "account", source: "chutes", readOnly: false, production: false),
                                    watch: watch, keyMap: try! KeyMap(), glyphs: .unicode, contexts: ["account"], now: 1001)
        keys(&s, [.character("A")])
        let text = FleetDashboardView.render(s, size: Size(width: 80, height: 24)).textLines.joined(separator: "\n")
        #expect(!text.contains("every rule is quiet"), "\(text)")
        #expect(text.contains("rules not judged") && text.contains("HTTP 401"), "\(text)")
    }

    /// A failing scrape says how old its error is, as every figure says its age, first so a
    /// long error cut by the column keeps it (the column showed "connection refused" alone: a
    /// minute-old error looked like the latest word).
    @Test func aScrapeErrorInTheChuteViewCarriesItsAge() {
        var settings = PollSettings()
        settings.intervals = ProbeIntervals(health: 0, ready: 0, metrics: 30)
        var watch = FleetWatchState(settings: settings, names: .standard, rules: AlertRule.defaults, plan: ReadingPlan())
        let fleet = FleetFixture.inventory(chutes: 1, instances: 1)
        _ = FleetWatch.update(&watch, .listed(fleet, at: 1000))
        let key = try! #require(fleet.instanceKeys.first)
        _ = FleetWatch.update(&watch, .polled(PollTarget(key, .metrics), .failed("connection refused"), at: 1000))
        _ = FleetWatch.update(&watch, .tick(now: 1001))
        var s = FleetDashboardState(context: .init(name: "staging", source: "direct", readOnly: false, production: false),
                                    watch: watch, keyMap: try! KeyMap(), glyphs: .unicode, contexts: ["staging"], now: 1007)
        s.selectedChute = key.chute
        let overview = FleetDashboardView.render(s, size: Size(width: 160, height: 48)).textLines.joined(separator: "\n")
        #expect(overview.contains(" 1 chute ") && !overview.contains("1 chutes"), "\(overview)")
        keys(&s, [.enter])
        let text = FleetDashboardView.render(s, size: Size(width: 160, height: 48)).textLines.joined(separator: "\n")
        #expect(text.contains("7s ago: connection refused"), "\(text)")
        #expect(text.contains(" 1 chute ("), "the header's count is a plural only above one: \(text)")
        #expect(!text.contains("1 chutes"), "\(text)")
    }

    @Test(arguments: sizes) func help(width: Int, height: Int) {
        var s = FleetFixture.state()
        keys(&s, [.character("?")])
        verify(s, "help", width, height)
    }

    @Test(arguments: sizes) func palette(width: Int, height: Int) {
        var s = FleetFixture.state()
        keys(&s, [.character(":"), .character("s"), .tab])
        verify(s, "palette", width, height)
    }

    @Test(arguments: sizes) func actionMenuAndConfirmation(width: Int, height: Int) {
        var s = FleetFixture.state()
        s.context = .init(name: "staging", source: "direct", readOnly: false, production: false, protected: true, controlAPI: "http://10.0.0.1/api/v1")
        s.actions = BuiltinActions.catalog(source: "direct", controlAPI: "http://10.0.0.1/api/v1")
        s.selectedChute = FleetFixture.name(0)
        keys(&s, [.character("x")])
        verify(s, "action-menu", width, height)
        keys(&s, [.enter])
        verify(s, "action-form", width, height)  // the count selected, the limits below it
        keys(&s, typed("1") + [.enter])
        verify(s, "action-confirm", width, height)
    }

    @Test(arguments: sizes) func auditLog(width: Int, height: Int) {
        var s = FleetFixture.state()
        let target = PreparedAction.Target(context: "staging", chute: FleetFixture.name(0))
        let action = BuiltinActions.catalog(source: "direct", controlAPI: "http://10.0.0.1/api/v1")[0]
        let prepared = try! PreparedAction.prepare(action, target: target, inputs: ["instances": "4"], controlAPI: "http://10.0.0.1/api/v1", environment: [:]).get()
        var intent = AuditRecord(id: "1", phase: "intent", time: s.now - 90, user: "oncall", host: "laptop", prepared: prepared, reason: nil)
        var result = intent
        result.phase = "result"
        result.succeeded = true
        result.detail = "HTTP 202"
        intent.time = s.now - 91
        _ = FleetDashboard.update(&s, .delivered(.auditLoaded([intent, result])))
        keys(&s, [.character("U")])
        verify(s, "audit", width, height)
    }

    @Test(arguments: sizes) func timeline(width: Int, height: Int) {
        var s = FleetFixture.state()
        keys(&s, [.character("i")] + typed("db team paged") + [.enter, .character(":")] + typed("incident start llama breaker") + [.enter])
        keys(&s, [.character("T")])
        verify(s, "timeline", width, height)
        keys(&s, [.character("t"), .character("t")])  // breakers only
        verify(s, "timeline-breakers", width, height)
    }

    /// Help and the status line spell the keys bound now: rebinding an action moves both.
    @Test func reboundKeysShowInHelpAndHints() throws {
        var s = FleetFixture.state()
        s.keyMap = try KeyMap(overrides: [.help: [.character("h")], .logs: [.character("o")]])
        let footer = FleetDashboardView.render(s, size: Size(width: 160, height: 48)).textLines.last!
        #expect(footer.contains("o logs") && footer.contains("h help") && !footer.contains("? help"), "\(footer)")
        keys(&s, [.character("h")])
        let help = FleetDashboardView.render(s, size: Size(width: 160, height: 48)).textLines
        #expect(help.contains { $0.contains(" h  this help") }, "\(help.joined(separator: "\n"))")
        #expect(help.contains { $0.contains(" o  logs of the selected chute or instance") })
        #expect(!help.contains { $0.contains("? F1") })
    }

    @Test func productionAsciiBanner() {
        var s = FleetFixture.state(glyphs: .ascii)
        s.context.production = true
        let screen = FleetDashboardView.render(s, size: Size(width: 80, height: 24))
        #expect(ScreenSnapshot.verify(screen, named: "dashboard-production-ascii-80x24") == nil)
        #expect(screen.row(0).allSatisfy { $0.role == .productionBanner })
    }

    @Test func statusIsNeverColourAlone() {
        let s = FleetFixture.state()
        let text = ScreenSnapshot.render(FleetDashboardView.render(s, size: Size(width: 160, height: 48)))
        // deepseek's open breaker fails it; whisper's failing poll warns; sdxl has no instances.
        #expect(text.contains("✖ fail  deepseek"), "\(text)")
        #expect(text.contains("▲ warn  whisper"))
        #expect(text.contains("? cold  sdxl-turbo"))
        #expect(text.contains("1 open"))
    }

    @Test func tooSmallSaysSo() {
        let screen = FleetDashboardView.render(FleetFixture.state(), size: Size(width: 40, height: 10))
        #expect(ScreenSnapshot.render(screen).contains("need 60x16"))
    }

    /// Every view at the sizes operators use, in both glyph sets: the banner and frame are
    /// there, nothing is cut mid-border, and no control character reaches a cell.
    @Test(arguments: [(80, 24), (100, 30), (120, 40), (200, 60), (250, 80)])
    func everyViewLaysOut(width: Int, height: Int) {
        for glyphs in [GlyphSet.unicode, .ascii] {
            var s = FleetFixture.state(glyphs: glyphs)
            s.selectedChute = "deepseek-r1-distill-qwen-32b"
            var screens = [FleetDashboardView.render(s, size: Size(width: width, height: height))]
            for key: Key in [.enter, .enter, .character("m"), .escape, .character("l"), .escape, .escape, .escape, .character("A"), .character("?")] {
                _ = FleetDashboard.update(&s, .keyPressed(key))
                screens.append(FleetDashboardView.render(s, size: Size(width: width, height: height)))
            }
            for screen in screens {
                let lines = screen.textLines
                #expect(lines[0].contains("staging") && lines[0].contains("data "), "\(lines[0])")
                #expect(lines.allSatisfy { $0.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F } })
                #expect(lines[2].hasSuffix(String(glyphs.topRight)) || lines[2].hasSuffix(" "), "\(lines[2])")
            }
        }
    }
}

/// A Chutes platform account: the overview's Busy (concurrency) column and a GPU column that
/// says the platform does not expose GPU, and the chute view's busy gauge, means, 429 share,
/// the row's age and the platform's facts.
@Suite(.lane(.compute)) struct PlatformDashboardViewTests {
    func verify(_ s: FleetDashboardState, _ name: String, _ width: Int, _ height: Int) {
        let screen = FleetDashboardView.render(s, size: Size(width: width, height: height))
        #expect(ScreenSnapshot.verify(screen, named: "dashboard-\(name)-\(width)x\(height)") == nil)
    }

    @Test(arguments: FleetDashboardViewTests.sizes) func overview(width: Int, height: Int) {
        let s = PlatformFleetFixture.state()
        let text = FleetDashboardView.render(s, size: Size(width: width, height: height)).textLines.joined(separator: "\n")
        #expect(text.contains("Busy (concurrency)") && text.contains("not exposed"), "\(text)")
        #expect(width < 160 || (text.contains("GPU not exposed") && text.contains("err —")), "\(text)")
        verify(s, "platform-overview", width, height)
    }

    @Test(arguments: FleetDashboardViewTests.sizes) func chuteView(width: Int, height: Int) {
        var s = PlatformFleetFixture.state()
        _ = FleetDashboard.update(&s, .keyPressed(.enter))
        let text = FleetDashboardView.render(s, size: Size(width: width, height: height)).textLines.joined(separator: "\n")
        #expect(text.contains("busy (concurrency)"), "\(text)")
        verify(s, "platform-chute", width, height)
    }
}

extension PlatformDashboardViewTests {
    /// An instance as the platform lists it: active, verified, region, when last verified.
    @Test(arguments: FleetDashboardViewTests.sizes) func instanceView(width: Int, height: Int) {
        var s = PlatformFleetFixture.state()
        _ = FleetDashboard.update(&s, .keyPressed(.enter))
        _ = FleetDashboard.update(&s, .keyPressed(.enter))
        let text = FleetDashboardView.render(s, size: Size(width: width, height: height)).textLines.joined(separator: "\n")
        #expect(text.contains("platform: active yes  verified yes  region n/a"), "\(text)")
        verify(s, "platform-instance", width, height)
    }
}
