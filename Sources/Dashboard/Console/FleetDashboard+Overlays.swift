import FleetEngine
import Monitoring
import TerminalUI

extension FleetDashboard {
    /// A key while an overlay is open: the overlay takes it.
    static func handleOverlayKey(_ s: inout FleetDashboardState, _ key: Key) -> [Effect] {
        switch s.overlay {
        case .help:
            let action = s.keyMap.action(for: key, in: s.page.scope)
            switch action {
            case .down?: s.helpScroll += 1
            case .up?: s.helpScroll = max(0, s.helpScroll - 1)
            case .pageDown?: s.helpScroll += 10
            case .pageUp?: s.helpScroll = max(0, s.helpScroll - 10)
            case .top?: s.helpScroll = 0
            case .bottom?: s.helpScroll = .max
            default:
                if key == .escape || key == .enter || action.map({ $0 == .help || $0 == .quit || $0 == .back }) == true {
                    s.overlay = nil
                }
            }
            // Within the list as drawn between the banner and the key hints.
            let sections = CommandTable.help(for: s.page, keyMap: s.keyMap, replaying: s.replaying)
            s.helpScroll = min(s.helpScroll, HelpOverlay.maxScroll(sections, height: s.size.height - 2))
        case .filter(var input, let previous):
            let outcome = input.handle(key)
            switch outcome {
            case .editing:
                s.overlay = .filter(input, previous: previous)
                applyFilter(input.text, &s, final: false)
            case .submitted(let text):
                s.overlay = nil
                applyFilter(text, &s, final: true)
            case .cancelled:
                s.overlay = nil
                applyFilter(previous, &s, final: true)
            }
        case .palette(var palette):
            switch palette.handle(key) {
            case .editing: s.overlay = .palette(palette)
            case .cancelled: s.overlay = nil
            case .run(let word, let argument):
                s.overlay = nil
                s.paletteHistory = palette.history
                guard let entry = CommandTable.entry(word: word) else { return [] }
                return perform(entry.command, argument, &s)
            }
        case .search(var input):
            switch input.handle(key) {
            case .editing: s.overlay = .search(input)
            case .cancelled: s.overlay = nil
            case .submitted(let text):
                s.overlay = nil
                s.logs.search = text.isEmpty ? nil : text
                guard !text.isEmpty else { return [] }
                if !s.logs.selectNearestMatch() { s.message = "no line matches '\(text)' yet" }
            }
        case .findFamily(var input):
            switch input.handle(key) {
            case .editing:
                s.overlay = .findFamily(input)
                s.familyQuery = input.text
                s.selectedFamily = 0
            case .cancelled, .submitted:
                s.overlay = nil
                s.familyQuery = input.text
            }
        case .alertNote(var input, let id, let snooze):
            switch input.handle(key) {
            case .editing: s.overlay = .alertNote(input, alertID: id, snooze: snooze)
            case .cancelled: s.overlay = nil
            case .submitted(let note):
                s.overlay = nil
                if !note.isEmpty { s.alertNotes[id] = note }
                let handled = FleetWatchMessage.alertHandled(id: id, acknowledged: !snooze, snoozedUntil: snooze ? s.now + 3600 : nil,
                                                             note: note.isEmpty ? nil : note, at: s.now)
                _ = s.feed(handled)
                s.message = snooze ? "snoozed for 1h" : "acknowledged"
                s.refresh()
            }
        case .note(var input, let chute, let instance):
            switch input.handle(key) {
            case .editing: s.overlay = .note(input, chute: chute, instance: instance)
            case .cancelled: s.overlay = nil
            case .submitted(let text):
                s.overlay = nil
                addNote(text, chute: chute, instance: instance, &s)
            }
        case .action(let flow):
            return handleActionKey(&s, flow, key)
        case nil:
            break
        }
        return []
    }

    /// Applies filter text; while typing, a text that does not parse yet keeps the last good
    /// filter and says why.
    static func applyFilter(_ text: String, _ s: inout FleetDashboardState, final: Bool) {
        do {
            s.overview.filter = try FleetFilter(parsing: text)
            s.filterText = text
            s.message = text.isEmpty || !final ? "" : "filter: \(text)"
        } catch {
            s.message = "\(error)"
            if final { s.filterText = text.isEmpty ? "" : s.filterText }
        }
    }
}
