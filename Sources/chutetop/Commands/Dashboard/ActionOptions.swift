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
        var names = Set<String>()
        for r in runbooks {
            for step in r.steps {
                let texts: [String]
                switch step {
                case .http(_, let url, let headers, let body): texts = [url, body ?? ""] + headers.map(\.value)
                case .command(let argv): texts = argv
                }
                for t in texts {
                    var rest = Substring(t)
                    while let open = rest.firstRange(of: "{{env."), let close = rest[open.upperBound...].firstRange(of: "}}") {
                        names.insert(String(rest[open.upperBound..<close.lowerBound]))
                        rest = rest[close.upperBound...]
                    }
                }
            }
        }
        return environment.filter { names.contains($0.key) }
    }
}
