import ArgumentParser
import Dashboard
import Foundation
import Glibc
import LiveServices
import Monitoring

/// `chutetop run ACTION TARGET [ARGS]`: one action without the dashboard, under the same
/// policy: read-only refuses, it shows exactly what it will send, asks on the terminal unless
/// `--yes` (and refuses with no terminal), audits before and after, never retries.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one action or runbook on a chute or instance (confirmed, audited).",
        discussion: """
            Examples: chutetop run scale llama-3.1-70b-instruct 4; chutetop run restart-instance sdxl-turbo/i-2; \
            chutetop run my-runbook whisper-large-v3 replicas=3; chutetop run silence whisper-large-v3 2h "deploying" \
            (with an Alertmanager in the context); chutetop run warm-up my-llm --context my-account (a Chutes platform \
            context: warm-up, disable, enable; a warm-up's progress goes to stderr). Exit status: 0 done (or dry run), 1 the action \
            failed, 2 usage error, 3 refused or could not run (read-only, no confirmation, a value outside what the \
            chute allows, audit log not writable; nothing is sent).
            """
    )

    @Argument(help: "The action: scale, restart, restart-instance, warm-up, disable, enable (the Chutes platform), silence, expire-silence, or a runbook's name.",
              completion: CompletionCandidates.actions)
    var action: String

    @Argument(help: ArgumentHelp("The chute, or chute/instance.", valueName: "target"))
    var target: String

    @Argument(help: "The action's inputs, in order or as name=value.")
    var inputs: [String] = []

    @OptionGroup var fleet: FleetOptions
    @OptionGroup var actionOptions: ActionOptions

    @Flag(help: "Do not ask: the command line is the confirmation.")
    var yes = false

    @Option(help: "Why (recorded in the audit log).")
    var reason: String?

    func run() async throws {
        let context: ContextConfig, configReadOnly: Bool, runbooks: [RunbookAction]
        do {
            context = try fleet.resolve()
            if fleet.demo {
                (configReadOnly, runbooks) = (false, [])
            } else {
                let file = try ConfigFile.load(ConfigFile.path(explicit: fleet.config)!.path)
                (configReadOnly, runbooks) = (file.readOnly, file.runbooks)
            }
        } catch {
            fail("\(error)")
        }
        if actionOptions.isReadOnly(config: configReadOnly, context: context) {
            fail("refused: context '\(context.name)' is read-only (--write overrides)")
        }
        let connection: FleetConnection
        do { connection = try await FleetConnection.open(context) } catch { fail("cannot open context '\(context.name)': \(error)") }
        let runner = ActionRunner(control: connection.sources.control, settings: context.poll, audit: actionOptions.audit,
                                  alertmanager: connection.sources.alertmanager, inventory: connection.sources.inventory)
        let status = await perform(connection, context: context, runbooks: runbooks, runner: runner)
        await runner.shutdown()
        await connection.close()
        if status != 0 { throw ExitCode(status) }
    }

    private func perform(_ connection: FleetConnection, context: ContextConfig, runbooks: [RunbookAction], runner: ActionRunner) async -> Int32 {
        let parts = target.split(separator: "/", maxSplits: 1).map(String.init)
        let inventory = await connection.sources.inventory.inventory()
        guard let chute = inventory.chutes.first(where: { $0.name == parts[0] || $0.id == parts[0] }) else {
            return report("no chute named '\(parts[0])' (have: \(inventory.chutes.map(\.name).joined(separator: ", ")))")
        }
        if parts.count > 1, !chute.instances.contains(where: { $0.id == parts[1] }) {
            return report("\(chute.name) has no instance '\(parts[1])' (have: \(chute.instances.map(\.id).joined(separator: ", ")))")
        }
        let catalog = connection.sources.actions + runbooks
        guard let action = catalog.first(where: { $0.name == self.action }) else {
            return report("no action '\(self.action)' (have: \(catalog.map(\.name).joined(separator: ", ")))")
        }
        var values: [String: String] = [:]
        for (i, arg) in inputs.enumerated() {
            if let eq = arg.firstIndex(of: "="), action.inputs.contains(where: { $0.name == String(arg[..<eq]) }) {
                values[String(arg[..<eq])] = String(arg[arg.index(after: eq)...])
            } else if i < action.inputs.count {
                values[action.inputs[i].name] = arg
            } else {
                return report("\(action.name) takes \(action.inputs.count) input(s); '\(arg)' is one too many")
            }
        }
        let before = FleetPicture.Counts(listed: chute)
        let target = PreparedAction.Target(context: context.name, chute: chute.name, instance: parts.count > 1 ? parts[1] : nil, chuteID: chute.id)
        let prepared: PreparedAction
        let silence = connection.sources.alertmanager.map {
            SilenceActions.Settings(alertmanager: $0.endpoint, now: WallClock.system.now(), createdBy: ActionRunner.operatorName())
        }
        switch PreparedAction.prepare(action, target: target, inputs: values, controlAPI: connection.sources.control?.endpoint,
                                      environment: ActionOptions.secrets(for: runbooks), before: before, silence: silence) {
        case .failure(let p): return report("\(p)")
        case .success(let p): prepared = p
        }
        print("\(action.name) \(target) in context \(context.name)\(action.dangerous ? " (dangerous)" : "")")
        // What it does, as the dashboard's confirmation says it (a platform disable deletes the
        // instances of a private chute).
        print("  " + action.summary)
        if action.builtin == .scale, let n = prepared.parameters.first.flatMap({ Int($0.value) }) {
            print("  " + BlastRadius.scale(from: before.current, to: n, utilizationPercent: nil))
            print("  " + InstanceLimits(chute: chute.name, counts: before).said)
        }
        for line in prepared.shown.flatMap(PreparedAction.describe) { print("  " + prepared.redactor.redact(line)) }
        if actionOptions.dryRun {
            print("dry run: nothing sent")
            return 0
        }
        if !yes && action.confirm {
            guard isatty(STDIN_FILENO) == 1 else { return report("refused: no terminal to confirm on (pass --yes to confirm on the command line)") }
            let word = context.protected ? chute.name : "yes"
            print("Type \(word) to run it (anything else cancels): ", terminator: "")
            fflush(nil)
            guard readLine() == word else {
                print("cancelled: nothing sent")
                return 3
            }
        }
        // A long step's progress (the platform's warm-up) goes to stderr as it comes.
        let outcome = await runner.run(prepared, dryRun: false, reason: reason) { said in
            FileHandle.standardError.write(Data("  \(said)\n".utf8))
        }
        print((outcome.succeeded ? "done: " : "FAILED: ") + outcome.detail + String(format: " (%.2fs)", outcome.duration))
        if let after = outcome.after { print("  " + after.said) }
        if outcome.detail.hasPrefix("refused") { return 3 }
        return outcome.succeeded ? 0 : 1
    }

    private func report(_ message: String) -> Int32 {
        FileHandle.standardError.write(Data("chutetop: \(message)\n".utf8))
        return 3
    }

    private func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("chutetop: \(message)\n".utf8))
        Foundation.exit(3)
    }
}
