import Dashboard
import DashboardViews
import Monitoring
import TerminalUI
import TestSupport
import TestLanes
import Testing

/// Clicks are matched against the zones the views mark while drawing (not a second copy of
/// the layout): the row under a click is the row drawn there, at every size.
@Suite(.lane(.compute)) struct MouseZoneTests {
    func click(_ s: inout FleetDashboardState, _ kind: MouseEvent.Kind = .click, at point: Point, size: Size) -> [FleetDashboard.Effect] {
        let screen = FleetDashboardView.render(s, size: size)
        return FleetDashboard.update(&s, .pointer(MouseEvent(kind, at: point), zones: screen.zones(at: point)))
    }

    /// The cell where `text` is drawn.
    func find(_ text: String, in s: FleetDashboardState, size: Size, below row: Int = 2) throws -> Point {
        let lines = FleetDashboardView.render(s, size: size).textLines
        for (y, line) in lines.enumerated() where y > row {
            if let r = line.range(of: text) { return Point(x: line.distance(from: line.startIndex, to: r.lowerBound), y: y) }
        }
        Issue.record("'\(text)' is not drawn")
        return Point(x: -1, y: -1)
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 160, height: 48)])
    func aClickSelectsTheRowDrawnThereAndADoubleClickOpensIt(size: Size) throws {
        var s = FleetFixture.state()
        // Names are shortened on a narrow screen: their first eight characters are drawn.
        let third = s.overviewRows[2].name
        _ = click(&s, at: try find(String(third.prefix(8)), in: s, size: size), size: size)
        #expect(s.selectedChute == third)
        #expect(s.page == .overview)
        let fifth = s.overviewRows[4].name
        _ = click(&s, .doubleClick, at: try find(String(fifth.prefix(8)), in: s, size: size), size: size)
        #expect(s.page == .chute(fifth))
        // The crumb "Fleet" goes back.
        _ = click(&s, at: Point(x: 2, y: 1), size: size)
        #expect(s.page == .overview)
    }

    @Test func theWheelMovesTheSelectionThreeRows() {
        var s = FleetFixture.state()
        let size = Size(width: 160, height: 48)
        s.selectedChute = s.overviewRows[1].name
        _ = click(&s, .wheelDown, at: Point(x: 10, y: 10), size: size)
        #expect(s.selectedChute == s.overviewRows[4].name)
        _ = click(&s, .wheelUp, at: Point(x: 10, y: 10), size: size)
        _ = click(&s, .wheelUp, at: Point(x: 10, y: 10), size: size)
        #expect(s.selectedChute == s.overviewRows[0].name, "clamped at the top")
    }

    @Test func clicksAreIgnoredUnderAnOverlay() {
        var s = FleetFixture.state()
        _ = FleetDashboard.update(&s, .keyPressed(.character("?")))
        let before = s.selectedChute
        _ = click(&s, .doubleClick, at: Point(x: 10, y: 6), size: Size(width: 160, height: 48))
        #expect(s.page == .overview && s.selectedChute == before && s.overlay != nil)
    }
}
