import Dashboard
import SessionRecording
import TerminalUI

/// The replay's screen: the position bar on the first row (playing or paused, the speed, the
/// time on screen, where it is in the recording, the keys), the dashboard below it as live.
public enum ReplayView {
    public static func render(_ s: ReplayState, size: Size) -> Screen {
        var screen = Screen(size: size, glyphs: s.dashboard.glyphs)
        guard size.height > 1 else { return FleetDashboardView.render(s.dashboard, size: size) }
        screen.place(FleetDashboardView.render(s.dashboard, size: Size(width: size.width, height: size.height - 1)), at: Point(x: 0, y: 1))
        drawBar(s, in: Rect(x: 0, y: 0, width: size.width, height: 1), on: &screen)
        if let input = s.seekInput {
            let row = Rect(x: 0, y: size.height - 1, width: size.width, height: 1)
            screen.fill(row, role: .input)
            input.draw(in: row, on: &screen)
        }
        return screen
    }

    /// `REPLAY PAUSED 2× 03:12:30 UTC ━━━━●──── 12:30 of 1:00:00  space play  +- speed …`
    static func drawBar(_ s: ReplayState, in rect: Rect, on screen: inout Screen) {
        screen.fill(rect, role: .statusBar)
        let r = s.recording
        let state = s.problem != nil ? "STOPPED" : s.playing ? "PLAYING" : "PAUSED"
        var x = rect.x
        x += screen.put(" REPLAY \(state) \(Replay.speedText(s.speed)) ", x: x, y: rect.y, role: s.playing ? .accent : .warning, clip: rect)
        x += screen.put(" \(RecordingTime.clock(s.position, tenths: true)) UTC ", x: x, y: rect.y, role: .emphasis, clip: rect)
        let total = max(0, r.end - r.start)
        let tail = " \(RecordingTime.span(s.position - r.start)) of \(RecordingTime.span(total))" + (r.cut != nil ? " (cut off)" : "") + " "
        let keys = "  space play/pause  +- speed  ., step  [] event  {} 1 min  0 start  @ seek"
        let barWidth = max(10, min(60, rect.width - x - tail.count - keys.count))
        let filled = total > 0 ? Int((Double(barWidth - 1) * (s.position - r.start) / total).rounded()) : 0
        for k in 0..<barWidth {
            let ch: Character = k == filled ? screen.glyphs.pointer : k < filled ? screen.glyphs.gaugeFull : screen.glyphs.gaugeEmpty
            screen.put(ch, x: x + k, y: rect.y, role: k <= filled ? .gaugeOK : .gaugeTrack)
        }
        x += barWidth
        x += screen.put(tail, x: x, y: rect.y, role: .statusBar, clip: rect)
        screen.put(keys, x: x, y: rect.y, role: .keyHint, clip: rect)
    }
}
