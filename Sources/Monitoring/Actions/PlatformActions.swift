/// The built-in actions on the Chutes platform (CHUTES-PLATFORM.md §6): warm-up (the SSE
/// stream, shown as it goes until the chute is hot or the platform's timeout), disable and
/// enable (`PUT /chutes/{id}` with `{"disabled": …}`); scale, restarts and scale limits have no
/// endpoint there and stay listed, disabled, with the platform's reason.
public enum PlatformActions {
    /// The runbook shipped for a scaling change (Fixtures/runbooks/chutes-platform.yaml).
    public static let redeployRunbook = "chutes-redeploy-max"

    public static func catalog() -> [RunbookAction] {
        let json = [Label("Content-Type", "application/json")]
        let redeploy = "redeploy with a new max_instances instead: the \(redeployRunbook) runbook (chutes deploy)"
        return [
            builtin(.scale, "set the number of instances", scope: .chute, dangerous: true,
                    unsupported: "the Chutes platform has no endpoint to set an instance count (its autoscaler owns the target); " + redeploy),
            builtin(.restart, "rolling restart of every instance of the chute", scope: .chute, dangerous: true,
                    unsupported: "the Chutes platform has no restart: on a private chute disable, enable and warm up, or redeploy (chutes deploy)"),
            builtin(.restartInstance, "restart one instance", scope: .instance, dangerous: true,
                    unsupported: "on the Chutes platform only the miner running an instance can delete it; an owner cannot restart one"),
            builtin(.warmUp, "ask the platform to start an instance of a cold chute (needs a positive balance), shown until it is hot",
                    scope: .chute, steps: [.http(method: "GET", url: "{{controlAPI}}/chutes/warmup/{{chuteID}}", headers: [], body: nil)],
                    dangerous: false),
            builtin(.disable, "stop serving the chute: on a private chute the platform DELETES all its instances, and warm-up is refused until enabled",
                    scope: .chute, steps: [.http(method: "PUT", url: "{{controlAPI}}/chutes/{{chuteID}}", headers: json, body: #"{"disabled": true}"#)],
                    dangerous: true),
            builtin(.enable, "serve a disabled chute again (it comes back cold: warm it up)",
                    scope: .chute, steps: [.http(method: "PUT", url: "{{controlAPI}}/chutes/{{chuteID}}", headers: json, body: #"{"disabled": false}"#)],
                    dangerous: false),
            builtin(.scaleLimits, "set the autoscaler's minimum and maximum instances", scope: .chute, dangerous: true,
                    unsupported: "the Chutes platform ignores max_instances, scaling_threshold and shutdown_after_seconds sent with PUT "
                        + "and has no minimum; " + redeploy),
        ]
    }

    private static func builtin(_ action: BuiltinAction, _ summary: String, scope: RunbookAction.Scope, steps: [ActionStep] = [],
                                dangerous: Bool, unsupported: String? = nil) -> RunbookAction {
        RunbookAction(name: action.rawValue, summary: summary, scope: scope, steps: steps, dangerous: dangerous,
                      unsupported: unsupported, builtin: action)
    }
}
