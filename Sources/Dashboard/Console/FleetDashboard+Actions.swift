import Monitoring
import TerminalUI

extension FleetDashboard {
    /// `x`: the actions of the selected chute (overview, chute view) or instance (instance
    /// view). A read-only context offers none.
    static func openActionMenu(_ s: inout FleetDashboardState) {
        guard !s.context.readOnly else {
            s.message = "read-only context: no actions (start with --write to allow them)"
            return
        }
        var target: PreparedAction.Target
        switch s.page {
        case .overview:
            guard let name = s.selectedChute ?? s.overviewRows.first?.name else { return }
            target = .init(context: s.context.name, chute: name)
        case .chute(let name): target = .init(context: s.context.name, chute: name)
        case .instance(let key), .metrics(let key): target = .init(context: s.context.name, chute: key.chute, instance: key.instance)
        case .alerts:
            openSilenceMenu(&s)
            return
        case .logs, .audit, .timeline:
            s.message = "actions act on a chute or an instance: open one first"
            return
        }
        target.chuteID = s.chute(target.chute)?.id
        let scope: RunbookAction.Scope = target.instance == nil ? .chute : .instance
        let choices = s.actions.filter { $0.scope == scope }
        guard !choices.isEmpty else {
            s.message = "no actions for \(scope == .chute ? "a chute" : "an instance") in this context"
            return
        }
        s.overlay = .action(.menu(ActionMenu(target: target, choices: choices)))
    }

    static func handleActionKey(_ s: inout FleetDashboardState, _ flow: ActionFlow, _ key: Key) -> [Effect] {
        switch flow {
        case .menu(var menu):
            switch key {
            case .escape, .character("q"): s.overlay = nil
            case .up, .character("k"): menu.selected = max(0, menu.selected - 1)
            case .down, .character("j"): menu.selected = min(menu.choices.count - 1, menu.selected + 1)
            case .enter:
                let action = menu.choices[menu.selected]
                if let reason = action.unsupported {
                    s.message = "\(action.name) is not available: \(reason)"
                    return []
                }
                if action.inputs.isEmpty { return prepare(&s, action, menu.target, values: [:]) }
                s.overlay = .action(.form(form(action, menu.target, s, prefill: menu.prefill)))
                return []
            default: break
            }
            if case .action = s.overlay { s.overlay = .action(.menu(menu)) }
        case .form(var form):
            switch key {
            case .tab, .down:
                form.focus = (form.focus + 1) % form.fields.count
            case .backTab, .up:
                form.focus = (form.focus + form.fields.count - 1) % form.fields.count
            default:
                switch form.fields[form.focus].handle(key) {
                case .editing: break
                case .cancelled:
                    s.overlay = nil
                    s.message = "cancelled: nothing sent"
                    return []
                case .submitted:
                    if form.focus < form.fields.count - 1 {
                        form.focus += 1
                    } else {
                        var values: [String: String] = [:]
                        for (input, field) in zip(form.action.inputs, form.fields) { values[input.name] = field.text }
                        let effects = prepare(&s, form.action, form.target, values: values)
                        if case .action(.confirm)? = s.overlay { return effects }
                        if !effects.isEmpty { return effects }
                        form.problem = s.message
                    }
                }
            }
            s.overlay = .action(.form(form))
        case .confirm(var confirmation):
            if var typed = confirmation.typed, isTyping(key) {
                _ = typed.handle(key)
                confirmation.typed = typed
                s.overlay = .action(.confirm(confirmation))
                return []
            }
            switch confirmation.dialog.handle(key) {
            case .pending:
                s.overlay = .action(.confirm(confirmation))
            case .dismissed, .chose(0):
                s.overlay = nil
                s.message = "cancelled: nothing sent"
            case .chose:
                if let typed = confirmation.typed, typed.text != confirmation.prepared.target.chute {
                    s.message = "protected context: type the chute name exactly to confirm"
                    s.overlay = .action(.confirm(confirmation))
                    return []
                }
                s.overlay = nil
                return run(&s, confirmation.prepared)
            }
        }
        return []
    }

    private static func isTyping(_ key: Key) -> Bool {
        switch key {
        case .character, .backspace, .delete: true
        default: false
        }
    }

    /// `x` in the alerts view: on one of Alertmanager's alerts, its silence actions with the
    /// matchers taken from its labels (and the silence that mutes it, to expire).
    private static func openSilenceMenu(_ s: inout FleetDashboardState) {
        guard let alert = s.selectedAlertmanagerAlert else {
            s.message = "actions act on a chute, an instance or one of Alertmanager's alerts: open or select one first"
            return
        }
        let choices = s.actions.filter { $0.builtin?.isSilence == true }
        guard !choices.isEmpty else {
            s.message = "no silence actions: this context has no Alertmanager"
            return
        }
        var prefill = ["matchers": alert.matcherText]
        if let id = alert.silencedBy.first { prefill["silence"] = id }
        let target = PreparedAction.Target(context: s.context.name, chute: alert.chute ?? alert.name, chuteID: alert.chute.flatMap { s.chute($0)?.id })
        s.overlay = .action(.menu(ActionMenu(target: target, choices: choices, prefill: prefill)))
    }

    /// The form of `action`: each field prefilled with what is set now, selected so that typing
    /// replaces it, and its note.
    /// `prefill`: values to start from instead (a silence's matchers from an alert's labels).
    static func form(_ action: RunbookAction, _ target: PreparedAction.Target, _ s: FleetDashboardState,
                     prefill: [String: String] = [:]) -> ActionForm {
        let limits = InstanceLimits(chute: target.chute, counts: s.chute(target.chute)?.counts)
        var fields: [TextInput] = [], notes: [String] = []
        for input in action.inputs {
            let now = suggestedValue(input, action, target, s)
            let start = prefill[input.name] ?? input.defaultValue.flatMap { $0.isEmpty ? nil : $0 } ?? now
            fields.append(TextInput(prompt: "\(input.name): ", text: start, selected: true))
            let count = action.builtin == .scale && input.name == "instances"
            let known = limits.min != nil || limits.max != nil
            let expected = count && known ? "a whole number" : input.expected
            var note = input.help.isEmpty ? expected : "\(input.help), \(expected)"
            if action.builtin == .scaleLimits && input.name == "min_instances" { note += ", at most max_instances" }
            if !now.isEmpty && action.builtin?.isSilence != true { note += "; now \(now)" }
            if count { note += ". " + limits.said + (known ? "; change them with scale-limits" : ": the control plane will check the count") }
            notes.append(note)
        }
        return ActionForm(action: action, target: target, fields: fields, notes: notes)
    }

    /// For the scale actions: what is set now, so the fields start from what is there; for a
    /// silence of a chute, its `chute` matcher and the silence muting its alerts.
    private static func suggestedValue(_ input: ActionInput, _ action: RunbookAction, _ target: PreparedAction.Target, _ s: FleetDashboardState) -> String {
        switch (action.builtin, input.name) {
        case (.silence?, "matchers"): return SilenceMatcher.text([SilenceMatcher(name: "chute", value: target.chute)])
        case (.expireSilence?, "silence"): return s.alertmanagerAlerts.first { $0.chute == target.chute && !$0.silencedBy.isEmpty }?.silencedBy.first ?? ""
        default: break
        }
        guard let c = s.chute(target.chute)?.counts else { return "" }
        switch (action.builtin, input.name) {
        case (.scale?, "instances"): return String(c.target ?? c.current)
        case (.scaleLimits?, "min_instances"): return c.min.map(String.init) ?? ""
        case (.scaleLimits?, "max_instances"): return c.max.map(String.init) ?? ""
        default: return ""
        }
    }

    /// Validates and fills the action; opens the confirmation (or runs an unconfirmed runbook).
    static func prepare(_ s: inout FleetDashboardState, _ action: RunbookAction, _ target: PreparedAction.Target, values: [String: String]) -> [Effect] {
        let before = s.chute(target.chute)?.counts
        let silence = s.context.alertmanager.map { SilenceActions.Settings(alertmanager: $0, now: s.now, createdBy: s.context.operatorName) }
        switch PreparedAction.prepare(action, target: target, inputs: values, controlAPI: s.context.controlAPI, environment: s.secrets, before: before,
                                      silence: silence) {
        case .failure(let problem):
            s.message = problem.description
            return []
        case .success(let prepared):
            guard action.confirm else {
                s.overlay = nil
                return run(&s, prepared)
            }
            var lines = [action.summary]
            if action.builtin == .scale, let n = prepared.parameters.first.flatMap({ Int($0.value) }), let before {
                lines.append(BlastRadius.scale(from: before.current, to: n, utilizationPercent: s.chute(target.chute)?.gpu?.meanUtilization))
            }
            lines.append("")
            lines += prepared.shown.flatMap(PreparedAction.describe)
            lines.append("")
            lines.append("context \(s.context.name)" + (s.context.dryRun ? ", DRY RUN: nothing will be sent" : ", audited before and after, never retried"))
            if s.context.protected { lines.append("protected context: type \(target.chute) below, then choose Confirm") }
            let dialog = ConfirmationDialog(title: "\(action.name) \(target)?", lines: lines, isDangerous: action.dangerous)
            s.overlay = .action(.confirm(ActionConfirmation(prepared: prepared, dialog: dialog,
                                                            typed: s.context.protected ? TextInput(prompt: "chute name: ") : nil)))
            return []
        }
    }

    /// One mutation per target at a time; the shell runs it once.
    static func run(_ s: inout FleetDashboardState, _ prepared: PreparedAction) -> [Effect] {
        guard !s.actionsInFlight.contains(prepared.target) else {
            s.message = "refused: an action on \(prepared.target) is still running"
            return []
        }
        s.actionsInFlight.insert(prepared.target)
        s.message = "\(prepared.action) \(prepared.target): " + (s.context.dryRun ? "dry run…" : "sending…")
        return [.perform(.runAction(prepared, dryRun: s.context.dryRun))]
    }

    static func actionFinished(_ s: inout FleetDashboardState, _ prepared: PreparedAction, _ outcome: ActionOutcome) -> [Effect] {
        s.actionsInFlight.remove(prepared.target)
        let verdict = outcome.dryRun ? "dry run, nothing sent" : (outcome.succeeded ? "done" : "FAILED")
        s.message = "\(prepared.action) \(prepared.target): \(verdict): \(outcome.detail)" + (outcome.after.map { " · " + $0.said } ?? "")
        guard outcome.succeeded, !outcome.dryRun else { return outcome.dryRun ? [] : [.perform(.loadAudit)] }
        let goal: ActionWatch.Goal?
        switch prepared.builtin {
        case .scale?: goal = prepared.parameters.first.flatMap { Int($0.value) }.map { .scale(to: $0) }
        case .restart?: goal = .restartChute(instances: Set(s.chute(prepared.target.chute)?.instances.map(\.id) ?? []))
        case .restartInstance?: goal = prepared.target.instance.map { .restartInstance($0) }
        case .warmUp?, .disable?, .enable?, .scaleLimits?, .silence?, .expireSilence?, nil: goal = nil
        }
        if let goal {
            s.watches.removeAll { $0.target == prepared.target }
            s.watches.append(ActionWatch(target: prepared.target, action: prepared.action, goal: goal, started: s.now))
        }
        return [.perform(.loadAudit)]
    }

    static func observeWatches(_ s: inout FleetDashboardState, _ picture: FleetPicture) {
        for i in s.watches.indices.reversed() {
            if let end = s.watches[i].observe(picture) {
                s.message = "\(s.watches[i].action) \(s.watches[i].target): \(end)"
                s.watches.remove(at: i)
            }
        }
    }
}
