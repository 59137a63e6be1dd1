import FleetEngine
import Dashboard
import Foundation
import Ingest
import Monitoring
import Synchronization

/// Carries out a prepared action exactly once: audit the intent (fsync'd; if that fails nothing
/// is sent), send each step in order (a step addressed to the control plane — its template
/// began with `{{controlAPI}}` — goes through the control plane with its credential; any other
/// HTTP step goes without credentials; commands are spawned without a shell), stop at the
/// first failure, audit the result with the state the source lists just after. Secrets (the
/// action's own, and anything shaped like one) are redacted from the outcome, so neither the
/// audit log nor the screen sees them in command output or an error body. Never retries; one
/// action per target at a time.
public final class ActionRunner: Sendable {
    let control: (any ControlPlane)?
    let alertmanager: (any AlertSource)?
    /// Where the state after an action is read (nil: not recorded).
    let inventory: (any InventorySource)?
    let plainFetcher: HTTPFetcher
    let audit: AuditLog
    let environment: [String: String]
    let clock: WallClock
    private let running = Mutex<Set<PreparedAction.Target>>([])

    /// `alertmanager`: where silence steps go (with its credential).
    /// `inventory`: where the state after an action is read, for the audit's result record.
    public init(control: (any ControlPlane)?, settings: PollSettings, audit: AuditLog,
                environment: [String: String] = ProcessInfo.processInfo.environment, clock: WallClock = .system,
                alertmanager: (any AlertSource)? = nil, inventory: (any InventorySource)? = nil) {
        self.control = control
        self.alertmanager = alertmanager
        self.inventory = inventory
        plainFetcher = HTTPFetcher(settings: settings, tls: TLSSettings(), authorization: nil)
        self.audit = audit
        self.environment = environment
        self.clock = clock
    }

    public func shutdown() async { await plainFetcher.shutdown() }

    /// `progress`: what a long step says while it runs (a warm-up's stream), as it says it.
    public func run(_ action: PreparedAction, dryRun: Bool, reason: String? = nil,
                    progress: @escaping @Sendable (String) -> Void = { _ in }) async -> ActionOutcome {
        if dryRun { return ActionOutcome(succeeded: true, detail: "dry run: nothing sent", duration: 0, dryRun: true) }
        guard running.withLock({ $0.insert(action.target).inserted }) else {
            return ActionOutcome(succeeded: false, detail: "refused: an action on \(action.target) is already running", duration: 0)
        }
        defer { _ = running.withLock { $0.remove(action.target) } }
        let id = UUID().uuidString.lowercased()
        let (user, host) = (Self.user(environment), Self.host())
        var intent = AuditRecord(id: id, phase: "intent", time: clock.now(), user: user, host: host, prepared: action, reason: reason)
        do { try audit.append(intent) } catch {
            return ActionOutcome(succeeded: false, detail: "refused: the audit log cannot be written (\(error)); nothing was sent", duration: 0)
        }
        let started = ContinuousClock.now
        var outcome = ActionOutcome(succeeded: true, detail: "", duration: 0)
        for (k, step) in action.steps.enumerated() {
            let (ok, detail) = action.alertmanagerSteps.contains(k)
                ? await sendToAlertmanager(step)
                : await perform(step, viaControlPlane: action.addressesControlPlane(step: k), progress: progress)
            outcome.detail = outcome.detail.isEmpty ? detail : outcome.detail + "; " + detail
            if !ok {
                outcome.succeeded = false
                break
            }
        }
        let d = (ContinuousClock.now - started).components
        outcome.duration = Double(d.seconds) + Double(d.attoseconds) / 1e18
        outcome.detail = action.redactor.redact(outcome.detail)
        intent.phase = "result"
        intent.time = clock.now()
        intent.succeeded = outcome.succeeded
        intent.detail = outcome.detail
        intent.durationSeconds = outcome.duration
        if let inventory {
            intent.after = ObservedState(await inventory.inventory(), target: action.target, at: clock.now())
            outcome.after = intent.after
        }
        do {
            try audit.append(intent)
            outcome.audit = intent
        } catch {
            outcome.detail += " (the result could not be audited: \(error))"
        }
        return outcome
    }

    private func perform(_ step: ActionStep, viaControlPlane: Bool, progress: @escaping @Sendable (String) -> Void) async -> (Bool, String) {
        switch step {
        case .http(let method, let url, let headers, let body):
            do {
                let fields = headers.map { ($0.name, $0.value) }
                let r = if viaControlPlane, let control {
                    try await control.send(method: method, url: url, headers: fields, body: body, progress: progress)
                } else {
                    try await plainFetcher.send(method: method, url: url, headers: fields, body: body)
                }
                let ok = (200..<300).contains(r.status)
                // The answer's body is kept when it explains a refusal.
                let clean = ok ? "" : TerminalSanitizer.sanitize(r.body.prefix(300))
                let wait = r.status == 429 ? r.retryAfter.map { " (the server asks to wait \(TerminalSanitizer.sanitize($0)) s; not retried)" } ?? "" : ""
                return (ok, "HTTP \(r.status)" + (clean.isEmpty ? "" : " \(clean)") + wait)
            } catch {
                return (false, "\(method) \(url): \(error)")
            }
        case .command(let argv):
            return await CommandStep.run(argv, environment: environment)
        }
    }

    /// A silence request, through the Alertmanager (with its credential); a created silence's
    /// id is part of the outcome.
    private func sendToAlertmanager(_ step: ActionStep) async -> (Bool, String) {
        guard case .http(let method, let url, let headers, let body) = step else { return (false, "refused: not an HTTP request") }
        guard let alertmanager else { return (false, "refused: this context has no Alertmanager; nothing was sent") }
        do {
            let r = try await alertmanager.send(method: method, url: url, headers: headers.map { ($0.name, $0.value) }, body: body)
            guard (200..<300).contains(r.status) else {
                let clean = TerminalSanitizer.sanitize(r.body.prefix(300))
                return (false, "HTTP \(r.status)" + (clean.isEmpty ? "" : " \(clean)"))
            }
            guard method == "POST" else { return (true, "HTTP \(r.status)") }
            switch Result(catching: { () throws(AlertmanagerAPI.Failure) in try AlertmanagerAPI.createdSilence(Data(r.body)) }) {
            case .success(let id): return (true, "HTTP \(r.status) silence \(id)")
            case .failure(let e): return (true, "HTTP \(r.status) (\(e))")
            }
        } catch {
            return (false, "\(method) \(url): \(error)")
        }
    }

    /// Who asks, for a silence's `createdBy`: user@host.
    public static func operatorName(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        user(environment) + "@" + host()
    }

    static func user(_ environment: [String: String]) -> String {
        if let name = environment["USER"] ?? environment["LOGNAME"], !name.isEmpty { return name }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return String(getuid())
    }

    static func host() -> String {
        var name = [CChar](repeating: 0, count: 256)
        guard gethostname(&name, name.count) == 0 else { return "unknown" }
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// A runbook's command step: argv run directly (no shell, so spaces and metacharacters are
/// plain characters), stdin from /dev/null, output captured (never to the terminal), 120 s
/// at most.
enum CommandStep {
    static func run(_ argv: [String], environment: [String: String], timeout: Double = 120) async -> (Bool, String) {
        guard let program = resolve(argv[0], environment: environment) else { return (false, "\(argv[0]): not found on PATH") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = Array(argv.dropFirst())
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        do { try process.run() } catch { return (false, "\(argv[0]): \(error.localizedDescription)") }
        let reader = Task.detached { output.fileHandleForReading.readDataToEndOfFile() }
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                break
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        process.waitUntilExit()
        let data = await reader.value
        let clean = TerminalSanitizer.sanitize(data.suffix(300))
        let status = process.terminationStatus
        return (status == 0 && process.terminationReason == .exit, "exit \(status)" + (clean.isEmpty ? "" : ": \(clean)"))
    }

    static func resolve(_ name: String, environment: [String: String]) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        for dir in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
