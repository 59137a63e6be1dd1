import Dashboard
import DashboardViews
import Monitoring
import TerminalUI
import TestSupport
import TestLanes
import Testing

/// Every view and overlay, with the messages keys leave on the status line, says what it means
/// without sending the operator elsewhere: no text names a `.md` file (an operator has none of
/// the project's documents) or one of the program's own type names.
@Suite(.lane(.compute)) struct SelfContainedTextTests {
    static let controlAPI = "http://10.0.0.1/api/v1"

    /// (what was on screen, the screen) for every page, every overlay, every action in the
    /// menu (its full reason below the list), both forms, both confirmations, and messages.
    func screens() -> [(String, Screen)] {
        var out: [(String, Screen)] = []
        func shoot(_ name: String, _ s: FleetDashboardState) {
            for size in [Size(width: 80, height: 24), Size(width: 200, height: 80)] {
                out.append(("\(name) at \(size)", FleetDashboardView.render(s, size: size)))
            }
        }
        func after(_ s: FleetDashboardState, _ keys: [Key]) -> FleetDashboardState {
            var s = s
            for k in keys { _ = FleetDashboard.update(&s, .keyPressed(k)) }
            return s
        }
        var base = FleetFixture.state()
        base.context = .init(name: "staging", source: "direct", readOnly: false, production: true, protected: false, controlAPI: Self.controlAPI)
        base.actions = BuiltinActions.catalog(source: "direct", controlAPI: Self.controlAPI)
        base.selectedChute = "deepseek-r1-distill-qwen-32b"
        let pages: [(String, [Key])] = [("overview", []), ("chute", [.enter]), ("instance", [.enter, .enter]),
                                        ("raw metrics", [.enter, .enter, .character("m")]), ("logs", [.character("l")]),
                                        ("alerts", [.character("A")]), ("audit", [.character("U")])]
        for (name, keys) in pages {
            let page = after(base, keys)
            shoot(name, page)
            shoot("\(name) help", after(page, [.character("?")]))
            shoot("\(name) palette", after(page, [.character(":")]))
            shoot("\(name) slash", after(page, [.character("/")]))
            shoot("\(name) actions", after(page, [.character("x")]))
        }
        shoot("palette completing", after(base, [.character(":"), .character("s"), .tab]))
        shoot("alert note", after(base, [.character("A"), .character("a")]))
        shoot("alert snooze", after(base, [.character("A"), .character("z")]))
        var readOnly = base
        readOnly.context.readOnly = true
        shoot("read-only actions", after(readOnly, [.character("x")]))
        shoot("confirmation", after(base, [.character("x"), .enter, .enter]))
        for scope in [[Key](), [.enter, .enter]] {
            let menu = after(base, scope + [.character("x")])
            guard case .action(.menu(let m))? = menu.overlay else { Issue.record("no action menu"); continue }
            for i in m.choices.indices {
                let chosen = after(menu, Array(repeating: .down, count: i))
                shoot("menu at \(m.choices[i].name)", chosen)
                let entered = after(chosen, [.enter])
                shoot("\(m.choices[i].name) entered", entered)
                shoot("\(m.choices[i].name) entered, enter again", after(entered, [.enter, .enter]))
            }
        }
        var protected = base
        protected.context.protected = true
        shoot("protected confirmation", after(protected, [.character("x"), .enter, .enter]))
        shoot("out of range", after(base, [.character("x"), .enter, .character("9"), .character("9"), .enter]))
        return out
    }

    @Test func noTextNamesADocumentFile() throws {
        let documentFile = try Regex(#"[A-Za-z0-9_./-]+\.md\b"#)
        let shots = screens()
        #expect(shots.count > 100)
        for (name, screen) in shots {
            let text = screen.textLines.joined(separator: "\n")
            if let match = text.firstMatch(of: documentFile) {
                Issue.record("\(name) names the file '\(text[match.range])':\n\(text)")
            }
        }
        // The texts the menu and forms draw from, whole (a row may cut them short on screen).
        for action in BuiltinActions.catalog(source: "direct", controlAPI: nil) + BuiltinActions.catalog(source: "direct", controlAPI: Self.controlAPI) {
            let texts = [action.summary, action.unsupported ?? ""] + action.inputs.flatMap { [$0.help, $0.expected] }
            for text in texts where text.firstMatch(of: documentFile) != nil { Issue.record("\(action.name): \(text)") }
        }
    }

    /// The program's own type names (CamelCase words) stay out of what the operator reads.
    @Test func noTextNamesAnInternalType() throws {
        let typeName = try Regex(#"\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+\b"#)
        for (name, screen) in screens() {
            let text = screen.textLines.joined(separator: "\n")
            if let match = text.firstMatch(of: typeName) {
                Issue.record("\(name) shows '\(text[match.range])':\n\(text)")
            }
        }
    }
}
