import Synchronization
import TestLanes
import Testing
@testable import TerminalUI

@Suite(.lane(.compute)) struct WidgetTests {
    @Test func panelDrawsBorderTitleAndReturnsTheInside() {
        var s = Screen(size: Size(width: 12, height: 3))
        let inner = Panel(title: "GPU").draw(in: s.bounds, on: &s)
        #expect(inner == Rect(x: 1, y: 1, width: 10, height: 1))
        #expect(s.textLines == ["╭ GPU ─────╮", "│          │", "╰──────────╯"])
        #expect(s.roleMaskLines[0] == "bTTTTTbbbbbb")
    }

    @Test func asciiPanel() {
        var s = Screen(size: Size(width: 8, height: 2), glyphs: .ascii)
        Panel(title: "x").draw(in: s.bounds, on: &s)
        #expect(s.textLines == ["+ x ---+", "+------+"])
    }

    @Test func tableSizesColumnsAlignsNumbersAndTruncates() {
        var s = Screen(size: Size(width: 24, height: 3))
        let table = Table(columns: [.init("Name", min: 6, max: 12, grow: 1), .init("Req/s", min: 6, alignment: .right)],
                          rowCount: 2, selectedRow: 1) { i in
            [.init(["llama-3.1-70b-instruct", "sdxl"][i]), .init(["412.5", "7"][i])]
        }
        #expect(table.columnWidths(for: 24) == [12, 6])
        table.draw(in: s.bounds, on: &s)
        #expect(s.trimmedText == "Name          Req/s\nllama-3.1-7…  412.5\nsdxl              7")
        #expect(s.roleMaskLines[2] == String(repeating: "S", count: 24))
        #expect(s.roleMaskLines[0].hasPrefix("HHHHHHHHHHHH"))
    }

    @Test func tableDropsColumnsThatDoNotFit() {
        let table = Table(columns: [.init("A", min: 10), .init("B", min: 10), .init("C", min: 10)], rowCount: 0) { _ in [] }
        #expect(table.columnWidths(for: 25) == [10, 10, 0])
    }

    @Test func tableAsksOnlyForVisibleRowsOfTenThousand() {
        let asked = Mutex<[Int]>([])
        let table = Table(columns: [.init("#", min: 6, alignment: .right)], rowCount: 10_000, selectedRow: 9_999) { i in
            asked.withLock { $0.append(i) }
            return [.init(String(i))]
        }
        var s = Screen(size: Size(width: 20, height: 6))
        let offset = table.draw(in: s.bounds, on: &s)
        #expect(offset == 9_995)
        #expect(asked.withLock { $0 } == Array(9_995..<10_000))
        #expect(s.textLines[5].contains("9999"))
        #expect(s.textLines[5].last == "┃")
    }

    @Test func scrollOffsetKeepsTheSelectionVisible() {
        #expect(Table.scrollOffset(selected: 0, current: 5, visibleRows: 4, rowCount: 20) == 0)
        #expect(Table.scrollOffset(selected: 10, current: 0, visibleRows: 4, rowCount: 20) == 7)
        #expect(Table.scrollOffset(selected: 6, current: 5, visibleRows: 4, rowCount: 20) == 5)
        #expect(Table.scrollOffset(selected: 3, current: 9, visibleRows: 10, rowCount: 5) == 0)
    }

    @Test func sparklineScalesToBlocksAndLeavesGapsForNaN() {
        var s = Screen(size: Size(width: 5, height: 1))
        Sparkline(values: [0, 1, .nan, 4, 8]).draw(in: s.bounds, on: &s)
        #expect(s.textLines == ["▁▂ ▅█"])
        var a = Screen(size: Size(width: 3, height: 1), glyphs: .ascii)
        Sparkline(values: [0, 4, 8]).draw(in: a.bounds, on: &a)
        #expect(a.textLines == ["_=#"])
    }

    @Test func gaugeFollowsThresholds() {
        var s = Screen(size: Size(width: 10, height: 1))
        let g = Gauge(fraction: 0.5, label: "50%")
        g.draw(in: s.bounds, on: &s)
        #expect(s.textLines == ["███░░░ 50%"])
        #expect(g.role == .gaugeOK)
        #expect(Gauge(fraction: 0.85, label: "").role == .gaugeWarning)
        #expect(Gauge(fraction: 0.99, label: "").role == .gaugeCritical)
        #expect(Gauge(fraction: .nan, label: "").role == .muted)
    }

    @Test func brailleChartDrawsDotsAndLabels() {
        var s = Screen(size: Size(width: 8, height: 2))
        BrailleChart(series: [.init(values: [0, 0, 10, 10], role: .series1)]).draw(in: s.bounds, on: &s)
        #expect(s.textLines[0].hasPrefix("10"))
        #expect(s.textLines[1].hasPrefix(" 0"))
        // Two dots per cell: (0, 0) along the bottom of one cell, then a vertical join up to
        // (10, 10) along the top of the next.
        #expect(s.textLines[1].hasSuffix("⣀⡇"))
        #expect(s.textLines[0].hasSuffix("⡏"))
        #expect(BrailleChart.dotBit(column: 1, row: 3) == 0x80)
    }

    @Test func brailleChartFallsBackToASCII() {
        var s = Screen(size: Size(width: 6, height: 2), glyphs: .ascii)
        BrailleChart(series: [.init(values: [0, 1], role: .series1)]).draw(in: s.bounds, on: &s)
        #expect(s.textLines == ["1    *", "0   * "])
    }

    @Test func statusLineShowsHintsAndMessage() {
        var s = Screen(size: Size(width: 30, height: 1))
        StatusLine(hints: [("q", "quit"), ("?", "help")], message: "ok").draw(in: s.bounds, on: &s)
        #expect(s.textLines == [" q quit  ? help            ok "])
        #expect(s.roleMaskLines[0].hasPrefix("QkQ"))
    }

    @Test func helpOverlayListsKeys() {
        var s = Screen(size: Size(width: 40, height: 10))
        HelpOverlay(title: "Keys", sections: [.init("Move", [("j", "down"), ("k", "up")])]).draw(in: s.bounds, on: &s)
        let text = s.textLines.joined(separator: "\n")
        #expect(text.contains("Keys"))
        #expect(text.contains("j  down"))
    }
}

@Suite(.lane(.compute)) struct DialogTests {
    @Test func cancelIsTheDefaultAndOnlyEnterChooses() {
        var d = ConfirmationDialog(title: "Scale", lines: ["8 → 2"])
        #expect(d.focusedButton == 0)
        #expect(d.buttons[0] == "Cancel")
        #expect(d.handle(.character("y")) == .pending)
        #expect(d.handle(.enter) == .chose(0))
        _ = d.handle(.tab)
        #expect(d.handle(.enter) == .chose(1))
        _ = d.handle(.right)
        #expect(d.focusedButton == 0)
        #expect(d.handle(.escape) == .dismissed)
    }

    @Test func dialogDrawsFocusedButton() {
        var s = Screen(size: Size(width: 40, height: 10))
        ConfirmationDialog(title: "Scale", lines: ["scale llama 8 → 2"]).draw(in: s.bounds, on: &s)
        let row = s.textLines.firstIndex { $0.contains("[ Cancel ]") }
        #expect(row != nil)
        if let row, let col = s.textLines[row].firstRange(of: "[ Cancel ]") {
            let x = s.textLines[row].distance(from: s.textLines[row].startIndex, to: col.lowerBound)
            #expect(s[x, row].role == .dialogButtonFocused)
        }
    }

    @Test func textInputEdits() {
        var t = TextInput(prompt: "> ")
        for c in "gpu>9" { _ = t.handle(.character(c)) }
        _ = t.handle(.backspace)
        _ = t.handle(.home)
        _ = t.handle(.character("!"))
        #expect(t.text == "!gpu>")
        #expect(t.handle(.enter) == .submitted("!gpu>"))
        _ = t.handle(.ctrl("u"))
        #expect(t.text.isEmpty)
        #expect(t.handle(.escape) == .cancelled)
    }

    /// A prefilled, selected value: typing replaces it, backspace clears it, a cursor key keeps
    /// it for editing, enter takes it as it is; drawn wholly highlighted.
    @Test func aSelectedValueIsReplacedByTyping() {
        var t = TextInput(prompt: "n: ", text: "12", selected: true)
        var screen = Screen(size: Size(width: 10, height: 1))
        t.draw(in: Rect(x: 0, y: 0, width: 10, height: 1), on: &screen)
        #expect(screen.textLines == ["n: 12     "])
        #expect(screen[3, 0].role == .selected && screen[4, 0].role == .selected && screen[5, 0].role == .input)
        _ = t.handle(.character("3"))
        #expect(t.text == "3" && !t.isSelected)
        _ = t.handle(.character("4"))
        #expect(t.text == "34")
        t = TextInput(prompt: "n: ", text: "12", selected: true)
        _ = t.handle(.backspace)
        #expect(t.text == "")
        t = TextInput(prompt: "n: ", text: "12", selected: true)
        _ = t.handle(.end)
        _ = t.handle(.character("0"))
        #expect(t.text == "120")
        t = TextInput(prompt: "n: ", text: "12", selected: true)
        _ = t.handle(.left)
        _ = t.handle(.character("0"))
        #expect(t.text == "012")
        t = TextInput(prompt: "n: ", text: "12", selected: true)
        #expect(t.handle(.enter) == .submitted("12"))
        #expect(!TextInput(prompt: "n: ", text: "", selected: true).isSelected)
    }

    /// A cell's suffix (an instance after its chute) survives any column width.
    @Test func aTableCellKeepsItsSuffix() {
        var screen = Screen(size: Size(width: 20, height: 2))
        Table(columns: [.init("Chute/instance", min: 14)], rowCount: 1) { _ in
            [.init("deepseek-r1-distill-qwen-32b", suffix: "/i-3")]
        }.draw(in: Rect(x: 0, y: 0, width: 14, height: 2), on: &screen)
        #expect(screen.textLines[1].hasPrefix("deeps…-32b/i-3"), "\(screen.textLines)")
    }
}
