import Monitoring
import TerminalUI

/// Running an action from the dashboard, one step at a time: pick it from the menu of the
/// selected chute or instance, fill its inputs, read exactly what will be sent and confirm
/// (Cancel is focused; a protected context also wants the chute's name typed).
public enum ActionFlow: Sendable {
    case menu(ActionMenu)
    case form(ActionForm)
    case confirm(ActionConfirmation)
}

public struct ActionMenu: Sendable {
    public var target: PreparedAction.Target
    public var choices: [RunbookAction]
    public var selected = 0
    /// Values the form starts with, by input name (a silence's matchers from an alert's labels).
    public var prefill: [String: String] = [:]
}

/// The inputs of an action: one field per input, prefilled with what is set now and selected
/// (typing replaces it), and a note per field saying what it takes, what it is now and, for
/// the scale actions, the chute's limits or that they are unknown.
public struct ActionForm: Sendable {
    public var action: RunbookAction
    public var target: PreparedAction.Target
    public var fields: [TextInput]
    public var notes: [String]
    public var focus = 0
    public var problem: String?
}

public struct ActionConfirmation: Sendable {
    public var prepared: PreparedAction
    public var dialog: ConfirmationDialog
    /// In a protected context: the chute's name must be typed here before Confirm counts.
    public var typed: TextInput?
}

/// Watching an action's effect until the fleet shows it: a scale until ready == current ==
/// wanted, a restart until every instance has been seen down (or replaced) and all are ready
/// again. Gives up after `timeout`.
public struct ActionWatch: Sendable, Hashable {
    public enum Goal: Sendable, Hashable {
        case scale(to: Int)
        case restartChute(instances: Set<String>)
        case restartInstance(String)
    }

    public static let timeout = 300.0

    public var target: PreparedAction.Target
    public var action: String
    public var goal: Goal
    public var started: Double
    public var seenDown: Set<String> = []
    public var progress = "waiting for the fleet"

    public init(target: PreparedAction.Target, action: String, goal: Goal, started: Double) {
        self.target = target
        self.action = action
        self.goal = goal
        self.started = started
    }

    /// Updates progress from a picture; returns the final word when done or timed out.
    public mutating func observe(_ picture: FleetPicture) -> String? {
        let elapsed = picture.time - started
        guard let c = picture.chutes.first(where: { $0.name == target.chute }) else {
            return elapsed > Self.timeout ? "gave up after \(Int(Self.timeout))s: \(target.chute) is not listed" : nil
        }
        let readyIDs = Set(c.instances.filter { $0.ready.status == .pass || ($0.ready.status == nil && $0.health.status == .pass) }.map(\.id))
        let present = Set(c.instances.map(\.id))
        switch goal {
        case .scale(let n):
            progress = "ready \(c.counts.ready)/\(n), instances \(c.counts.current)"
            if c.counts.ready == n && c.counts.current == n { return "converged: \(n) instances ready" }
        case .restartChute(let originals):
            for id in originals where !readyIDs.contains(id) || !present.contains(id) { seenDown.insert(id) }
            progress = "cycled \(seenDown.count)/\(originals.count), ready \(c.counts.ready)/\(c.counts.current)"
            if seenDown.isSuperset(of: originals) && c.counts.current > 0 && c.counts.ready == c.counts.current {
                return "restart complete: every instance cycled, \(c.counts.ready) ready"
            }
        case .restartInstance(let id):
            if !readyIDs.contains(id) { seenDown.insert(id) }
            progress = seenDown.isEmpty ? "waiting for \(id) to go down" : "\(id) restarting, ready \(c.counts.ready)/\(c.counts.current)"
            if !seenDown.isEmpty && (readyIDs.contains(id) || (!present.contains(id) && c.counts.ready == c.counts.current)) {
                return "restart complete: \(id) ready again"
            }
        }
        return elapsed > Self.timeout ? "did not converge within \(Int(Self.timeout / 60))m (\(progress))" : nil
    }
}
