/// The actions every source is asked about: scale, rolling restart of a chute, restart of one
/// instance (through a direct source's control API), and the Chutes platform's warm-up and
/// disable/enable. What a source cannot do is kept, disabled, with the reason.
public enum BuiltinActions {
    /// `controlAPI`: the direct source's control API, if configured. `source`: its kind.
    public static func catalog(source: String, controlAPI: String?, maxInstances: Int = 100) -> [RunbookAction] {
        let noControl = controlAPI == nil ? "this source has no control API (set controlAPI in the context's source)" : nil
        let platformOnly = "only the Chutes platform offers it, and this context reads a \(source) source"
        return [
            builtin(.scale, summary: "set the number of instances (the autoscaler may move it again)", scope: .chute,
                    inputs: [ActionInput(name: "instances", kind: .integer(min: 0, max: maxInstances), help: "instances wanted")],
                    steps: [.http(method: "POST", url: "{{controlAPI}}/chutes/{{chute}}/scale", headers: [Label("Content-Type", "application/json")],
                                  body: "{\"instances\": {{inputs.instances}}}")],
                    dangerous: true, unsupported: noControl),
            builtin(.restart, summary: "rolling restart of every instance of the chute", scope: .chute,
                    steps: [.http(method: "POST", url: "{{controlAPI}}/chutes/{{chute}}/restart", headers: [], body: nil)],
                    dangerous: true, unsupported: noControl),
            builtin(.restartInstance, summary: "restart one instance", scope: .instance,
                    steps: [.http(method: "POST", url: "{{controlAPI}}/chutes/{{chute}}/instances/{{instance}}/restart", headers: [], body: nil)],
                    dangerous: true, unsupported: noControl),
            builtin(.warmUp, summary: "ask the platform to start an instance of a cold chute", scope: .chute,
                    steps: [], dangerous: false, unsupported: platformOnly),
            builtin(.disable, summary: "stop serving the chute (the platform keeps it)", scope: .chute,
                    steps: [], dangerous: true, unsupported: platformOnly),
            builtin(.enable, summary: "serve a disabled chute again", scope: .chute,
                    steps: [], dangerous: false, unsupported: platformOnly),
            builtin(.scaleLimits, summary: "set the autoscaler's minimum and maximum instances", scope: .chute,
                    inputs: [ActionInput(name: "min_instances", kind: .integer(min: 0, max: maxInstances), help: "fewest instances"),
                             ActionInput(name: "max_instances", kind: .integer(min: 1, max: maxInstances), help: "most instances")],
                    steps: [.http(method: "POST", url: "{{controlAPI}}/chutes/{{chute}}/scale", headers: [Label("Content-Type", "application/json")],
                                  body: "{\"min_instances\": {{inputs.min_instances}}, \"max_instances\": {{inputs.max_instances}}}")],
                    dangerous: true, unsupported: noControl),
        ]
    }

    /// The names a runbook may not take.
    public static let names: Set<String> = Set(BuiltinAction.allCases.map(\.rawValue))

    private static func builtin(_ action: BuiltinAction, summary: String, scope: RunbookAction.Scope, inputs: [ActionInput] = [],
                                steps: [ActionStep], dangerous: Bool, unsupported: String?) -> RunbookAction {
        RunbookAction(name: action.rawValue, summary: summary, scope: scope, inputs: inputs, steps: steps, dangerous: dangerous,
                      unsupported: unsupported, builtin: action)
    }
}

/// How an action went: sent or not, the HTTP status or exit code, how long, what went wrong.
public struct ActionOutcome: Sendable, Hashable {
    public var succeeded: Bool
    /// "HTTP 202", "exit 0", "dry run: nothing sent", "refused: …".
    public var detail: String
    public var duration: Double
    public var dryRun: Bool
    /// What the source listed just after (as audited), when it was read.
    public var after: ObservedState?
    /// The result's audit record as written (nil: not sent, or it could not be written).
    public var audit: AuditRecord?

    public init(succeeded: Bool, detail: String, duration: Double, dryRun: Bool = false) {
        self.succeeded = succeeded
        self.detail = detail
        self.duration = duration
        self.dryRun = dryRun
    }
}

/// What a scale will do, in the words the confirmation uses: "8 → 2 instances, capacity −75 %,
/// projected utilisation 91 %".
public enum BlastRadius {
    public static func scale(from current: Int, to wanted: Int, utilizationPercent: Double?) -> String {
        var text = "\(current) → \(wanted) instances"
        if current > 0 {
            let change = Double(wanted - current) / Double(current) * 100
            text += ", capacity \(change >= 0 ? "+" : "−")\(Int(abs(change).rounded())) %"
            if let u = utilizationPercent {
                text += wanted == 0 ? ", no capacity left" : ", projected utilisation \(Int((u * Double(current) / Double(wanted)).rounded())) %"
            }
        }
        return text
    }
}
