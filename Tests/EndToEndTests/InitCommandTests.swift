import Foundation
import TestSupport
import TestLanes
import Testing

/// `chutetop init` on each source kind against loopback servers (the simulator's instances and
/// control API, a real Prometheus and Alertmanager): the file it writes is private, is kept
/// unless --force, passes `config check`, and the dashboard opens on it.
@Suite(.lane(.live)) struct InitCommandTests {
    /// A home of its own: `$XDG_CONFIG_HOME/chutetop/config.yaml` is where init writes.
    struct Home {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-init-\(UUID().uuidString)")
        var config: String { dir.appendingPathComponent("xdg/chutetop/config.yaml").path }
        var environment: [String: String] {
            ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": dir.path, "XDG_CONFIG_HOME": dir.appendingPathComponent("xdg").path,
             "XDG_STATE_HOME": dir.appendingPathComponent("state").path, "XDG_CONFIG_DIRS": dir.appendingPathComponent("etc").path]
        }

        init() throws { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) }
        func remove() { try? FileManager.default.removeItem(at: dir) }

        func chutetop(_ args: [String], extra: [String: String] = [:]) async throws -> ChildProcess.Result {
            try await ChildProcess.runOffPool([try BuildProducts.executable("chutetop")] + args, environment: environment.merging(extra) { $1 })
        }

        /// `config check` accepts the file and names the context; the dashboard opens on it in
        /// tmux and shows `expect`.
        func checksAndOpens(context: String, showing expect: String, extra: [String: String] = [:]) async throws {
            let check = try await chutetop(["config", "check"], extra: extra)
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
            #expect(check.stdout.contains("\(context) (default): "), "\(check.stdout)")
            #expect(check.stdout.contains("OK: no problems"))
            let exports = environment.merging(extra) { $1 }
            let tmux = try TmuxSession(width: 140, height: 36, shellCommand: "exec '\(try BuildProducts.executable("chutetop"))'",
                                       environment: exports)
            try await tmux.waitFor(text: expect)
            try await tmux.waitFor(text: " \(context) \u{2502} ")  // the banner (the program's name gives way first when it is long)
            try tmux.send("q")
        }
    }

    @Test func initDemoWritesAPrivateFileKeptUnlessForced() async throws {
        let home = try Home()
        defer { home.remove() }
        let r = try await home.chutetop(["init", "--demo"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("wrote \(home.config) (mode 0600): context 'demo', simulator source"), "\(r.stdout)")
        #expect(r.stdout.contains("simulator: reachable; 10 chutes"), "\(r.stdout)")
        #expect(r.stdout.contains("Start:  chutetop"))
        let mode = try FileManager.default.attributesOfItem(atPath: home.config)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // A second init keeps the file and says how to replace it; --force replaces it.
        let again = try await home.chutetop(["init", "--demo", "--name", "other"])
        #expect(again.status == 3)
        #expect(again.stderr.contains("already exists; pass --force"), "\(again.stderr)")
        #expect(try String(contentsOfFile: home.config, encoding: .utf8).contains(#"name: "demo""#))
        let forced = try await home.chutetop(["init", "--demo", "--name", "trial", "--force", "--no-probe"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: home.config, encoding: .utf8).contains(#"name: "trial""#))
        try await home.checksAndOpens(context: "trial", showing: "llama-3.1-70b-instruct")
    }

    @Test func initWithNoFleetAndNoTerminalIsAUsageError() async throws {
        let home = try Home()
        defer { home.remove() }
        let r = try await home.chutetop(["init"])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("say which fleet to watch"))
        #expect(!FileManager.default.fileExists(atPath: home.config))
    }

    /// On a terminal with no fleet given, init asks (here: the simulated fleet, the default).
    @Test func initAsksOnATerminal() async throws {
        let home = try Home()
        defer { home.remove() }
        let tmux = try TmuxSession(width: 100, height: 30, shellCommand: "'\(try BuildProducts.executable("chutetop"))' init --no-probe; echo EXIT=$?",
                                   environment: home.environment)
        try await tmux.waitFor(text: "Which fleet should chutetop watch?")
        try await tmux.waitFor(text: "Choice [1]:")
        try tmux.send("Enter")
        try await tmux.waitFor(text: "EXIT=0")
        #expect(try String(contentsOfFile: home.config, encoding: .utf8).contains("kind: simulator"))
    }

    /// The simulator served as a separate process: its instances read directly (--direct), and
    /// its control API (--control-api); an instance that is not there is reported.
    @Test func initDirectAndControlAPIAgainstTheSimulator() async throws {
        let home = try Home()
        defer { home.remove() }
        let port = BackgroundProcess.freePort()
        let sim = try BackgroundProcess([try BuildProducts.executable("chutetop"), "sim", "--listen", "127.0.0.1:\(port)", "--seed", "4"],
                                        logPath: home.dir.appendingPathComponent("sim.log").path)
        defer { sim.stop() }
        try await waitForHTTP("http://127.0.0.1:\(port)/sim/truth", sim)
        // i-1 of a chute is there for as long as the simulator runs (the autoscaler may take
        // the second away).
        let base = "http://127.0.0.1:\(port)/chutes/whisper-large-v3/instances"
        let direct = try await home.chutetop(["init", "--direct", "\(base)/i-1"])
        #expect(direct.status == 0, "\(direct.stdout)\(direct.stderr)")
        #expect(direct.stdout.contains("context 'direct', direct source"))
        #expect(direct.stdout.contains("direct: reachable; 1 chute, 1 instance (1 ready)"), "\(direct.stdout)")
        #expect(try String(contentsOfFile: home.config, encoding: .utf8).contains(#"- name: "whisper-large-v3""#))
        try await home.checksAndOpens(context: "direct", showing: "whisper-large-v3")

        let api = try await home.chutetop(["init", "--force", "--control-api", "http://127.0.0.1:\(port)/api/v1", "--name", "lab"])
        #expect(api.status == 0, "\(api.stdout)\(api.stderr)")
        #expect(api.stdout.contains("direct: reachable; 10 chutes"), "\(api.stdout)")
        try await home.checksAndOpens(context: "lab", showing: "llama-3.1-70b-instruct")

        // An instance nobody serves: written, and the probe says so (exit 1).
        let dead = BackgroundProcess.refusingPort()
        let missing = try await home.chutetop(["init", "--force", "--direct", "\(base)/i-1", "http://127.0.0.1:\(dead)", "--chute", "whisper-large-v3"])
        #expect(missing.status == 1, "\(missing.stdout)")
        #expect(missing.stdout.contains("direct: reachable; 1 chute, 2 instances"), "\(missing.stdout)")
        #expect(missing.stdout.contains("1 instance not answering, e.g. i-2:"), "\(missing.stdout)")
    }

    /// The Chutes platform as the simulator serves it (`/platform`, the key `cpk_test`): the
    /// key is named, never written; a refused key is said at once.
    @Test func initChutesAgainstThePlatformFacade() async throws {
        let home = try Home()
        defer { home.remove() }
        let port = BackgroundProcess.freePort()
        let sim = try BackgroundProcess([try BuildProducts.executable("chutetop"), "sim", "--listen", "127.0.0.1:\(port)", "--seed", "8", "--token", "cpk_test"],
                                        logPath: home.dir.appendingPathComponent("sim.log").path)
        defer { sim.stop() }
        try await waitForHTTP("http://127.0.0.1:\(port)/sim/truth", sim)
        let platform = "http://127.0.0.1:\(port)/platform"
        let key = ["CHUTES_API_KEY": "cpk_test"]
        let r = try await home.chutetop(["init", "--chutes", "--chutes-url", platform], extra: key)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("context 'chutes', chutes source"), "\(r.stdout)")
        #expect(r.stdout.contains("chutes: reachable; 10 chutes"), "\(r.stdout)")
        let text = try String(contentsOfFile: home.config, encoding: .utf8)
        #expect(text.contains("kind: chutes") && text.contains(#"tokenEnv: "CHUTES_API_KEY""#) && !text.contains("cpk_test"), "\(text)")
        let check = try await home.chutetop(["config", "check"], extra: key)
        #expect(check.stdout.contains("API key from $CHUTES_API_KEY (sent as basic) (resolved)"), "\(check.stdout)")
        try await home.checksAndOpens(context: "chutes", showing: "llama-3.1-70b-instruct", extra: key)
        // A key the platform refuses: written, and the probe says the listing was refused.
        let refused = try await home.chutetop(["init", "--chutes", "--chutes-url", platform, "--force", "--key-env", "OTHER_KEY"],
                                              extra: ["OTHER_KEY": "cpk_wrong"])
        #expect(refused.status == 1, "\(refused.stdout)")
        #expect(refused.stdout.contains("401"), "\(refused.stdout)")
        // No key at all: said before anything is sent.
        let unset = try await home.chutetop(["init", "--chutes", "--chutes-url", platform, "--force", "--key-env", "NOT_SET"])
        #expect(unset.status == 1 && unset.stdout.contains("credential variable $NOT_SET is not set"), "\(unset.stdout)")
    }

    /// A real Prometheus scraping the simulator, and a real Alertmanager.
    @Test(.enabled(if: PrometheusServer.shouldRun && AlertmanagerServer.shouldRun, "prometheus or alertmanager is not installed"))
    func initPrometheusWithAlertmanager() async throws {
        let home = try Home()
        defer { home.remove() }
        let port = BackgroundProcess.freePort()
        let sim = try BackgroundProcess([try BuildProducts.executable("chutetop"), "sim", "--listen", "127.0.0.1:\(port)", "--seed", "6"],
                                        logPath: home.dir.appendingPathComponent("sim.log").path)
        defer { sim.stop() }
        let prometheus = try PrometheusServer(simulatorPort: port)
        defer { prometheus.stop() }
        let alertmanager = try AlertmanagerServer()
        defer { alertmanager.stop() }
        // What init says is what Prometheus sees then: the chutes with a target, counted by
        // Prometheus just before and just after (a scaled-to-zero chute comes and goes: a run
        // saw 9 of the 10 while its instance was not yet discovered).
        let chutesSeen = #"count(count by (chute) (up{job="chutes"}))"#
        // Every target up, and the chutes' targets scraped at least once: Prometheus spreads a
        // job's first scrapes over its interval, so ten targets up can still be six chutes (a
        // run on a loaded machine read "6 chutes" after waiting for ten targets).
        try await prometheus.waitUntil("the simulated fleet scraped", timeout: .seconds(60)) {
            try prometheus.everyChuteTargetUp(atLeast: 10) && (prometheus.value(chutesSeen) ?? 0) >= 9
        }
        try await alertmanager.waitUntil("alertmanager up", timeout: .seconds(60)) { try alertmanager.get("/api/v2/status") != nil }
        let before = Int(try prometheus.value(chutesSeen) ?? 0)
        let r = try await home.chutetop(["init", "--prometheus", prometheus.url, "--alertmanager", alertmanager.url])
        let after = Int(try prometheus.value(chutesSeen) ?? 0)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let said = r.stdout.firstMatch(of: /prometheus: reachable; (\d+) chutes/).flatMap { Int($0.1) }
        #expect(said.map { $0 >= min(before, after) && $0 <= max(before, after) && $0 >= 9 } == true,
                "init said \(said.map(String.init) ?? "nothing"), Prometheus saw \(before) then \(after): \(r.stdout)")
        #expect(r.stdout.contains("alertmanager: reachable; 0 alerts firing"), "\(r.stdout)")
        try await home.checksAndOpens(context: "prometheus", showing: "llama-3.1-70b-instruct")
    }

    func waitForHTTP(_ url: String, _ process: BackgroundProcess) async throws {
        for _ in 0..<200 {
            if (try? await ChildProcess.runOffPool(["/usr/bin/curl", "-sf", "-o", "/dev/null", url]))?.status == 0 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("\(url) did not answer: \(process.logTail)")
    }
}
