import ArgumentParser
import Dashboard
import Foundation
import LiveServices
import Monitoring

/// The safety options every command that can act shares: read-only, dry run, the audit log.
struct ActionOptions: ParsableArguments {
    @Flag(help: "Offer and perform no mutating action (also `readOnly:` in the config, globally or per context).")
    var readOnly = false

    @Flag(help: "Allow actions even where the config says readOnly.")
    var write = false

    @Flag(help: "Show each action's request and send nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("The audit log (default: $XDG_STATE_HOME/chutetop/audit.jsonl).", valueName: "path"))
    var auditLog: String?

    func validate() throws {
        if readOnly && write { throw ValidationError("--read-only and --write contradict each other") }
    }

    func isReadOnly(config: Bool, context: ContextConfig) -> Bool {
        if write { return false }
        return readOnly || config || context.readOnly
    }

    var audit: AuditLog { AuditLog(path: auditLog ?? AuditLog.defaultPath()) }

    /// The environment values runbooks name as `{{env.NAME}}` (nothing else is kept).
    static func secrets(for runbooks: [RunbookAction], environment: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        let templates = runbooks.flatMap { $0.steps.flatMap(\.templates) }
        let names = Set(templates.flatMap { (try? ActionTemplate.placeholders(in: $0)) ?? [] }.filter { $0.hasPrefix("env.") }.map { $0.dropFirst(4) })
        return environment.filter { names.contains(Substring($0.key)) }
    }
}
