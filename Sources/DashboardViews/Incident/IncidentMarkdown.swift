import FleetEngine
import Monitoring
import TerminalUI

/// An incident report as Markdown for a handoff: title and span, what is firing now, the
/// timeline in order, the actions taken with their results, the notes, and per affected chute
/// a text chart of request rate and error % over the span (one column per minute, or per
/// group of minutes when the span is longer than `chartColumns` minutes).
public enum IncidentMarkdown {
    public static let chartColumns = 60

    public static func render(_ r: IncidentReport) -> String {
        var out: [String] = []
        out.append("# Incident: \(inline(r.title))")
        out.append("")
        out.append("- Context: \(inline(r.context))")
        if let id = r.incident { out.append("- Incident: \(id)") }
        out.append("- Span: \(r.start) to \(r.end ?? "now (still open)")")
        out.append("- Generated: \(r.generated)")
        if let recording = r.recording { out.append("- Recording: \(inline(recording))") }
        out.append("")
        out.append("## Firing now")
        out.append("")
        if let firing = r.firing {
            if firing.isEmpty { out.append("Nothing is firing.") }
            for a in firing {
                var handled: [String] = []
                if a.acknowledged { handled.append("acknowledged") }
                if let until = a.snoozedUntil { handled.append("snoozed until \(until)") }
                out.append("- **\(a.severity.uppercased())** \(inline(a.id)): \(inline(a.summary)) (since \(a.since)"
                           + (handled.isEmpty ? "" : "; " + handled.joined(separator: ", ")) + ")")
            }
        } else {
            out.append("Unknown: \(inline(r.firingProblem ?? "not read")).")
        }
        out.append("")
        out.append("## Timeline")
        out.append("")
        if r.timeline.isEmpty { out.append("Nothing was recorded over the span.") }
        for e in r.timeline {
            let on = e.chute.map { $0 + (e.instance.map { "/" + $0 } ?? "") } ?? "fleet"
            out.append("- \(e.time) · \(inline(on)) · \(e.kind) · \(inline(e.text))")
        }
        out.append("")
        out.append("## Actions taken")
        out.append("")
        if r.actions.isEmpty { out.append("No actions were taken over the span.") }
        for a in r.actions {
            var line = "- \(a.time) · \(inline(a.action)) on \(inline(a.target)): \(a.succeeded ? "done" : "FAILED")"
            if !a.detail.isEmpty { line += " (\(inline(a.detail)))" }
            if let user = a.user { line += " · by \(inline(user))" }
            if let after = a.after { line += " · \(inline(after))" }
            if let id = a.auditID { line += " · audit \(id)" }
            out.append(line)
        }
        out.append("")
        out.append("## Notes")
        out.append("")
        if r.notes.isEmpty { out.append("No notes.") }
        for n in r.notes { out.append("- \(n.time) · \(inline(n.on)) · \(inline(n.text))") }
        out.append("")
        out.append("## Affected chutes")
        out.append("")
        if r.chutes.isEmpty { out.append("No chute was affected over the span.") }
        for c in r.chutes {
            out.append("### \(inline(c.chute))")
            out.append("")
            out += chart(c)
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    /// Two sparklines in a code block, with each series' peak and last value; a span with no
    /// minute summarised says so.
    static func chart(_ c: IncidentReport.ChuteTraffic) -> [String] {
        guard c.requestRate.contains(where: { $0 != nil }) || c.errorRatio.contains(where: { $0 != nil }) else {
            return ["No request rate or error ratio was known over the span (chutetop was not watching this context, or had no figures yet)."]
        }
        let group = max(1, (c.requestRate.count + chartColumns - 1) / chartColumns)
        let rates = grouped(c.requestRate, by: group), errors = grouped(c.errorRatio, by: group).map { $0.map { $0 * 100 } }
        let say = { (values: [Double?], text: (Double) -> String) -> String in
            let known = values.compactMap { $0 }
            return "peak \(known.max().map(text) ?? "—"), last \(known.last.map(text) ?? "—")"
        }
        let minutes = group == 1 ? "1 column = 1 minute" : "1 column = \(group) minutes"
        return ["```text",
                "req/s    " + sparkline(rates) + "  " + say(rates) { NumberText.compact($0) },
                "error %  " + sparkline(errors) + "  " + say(errors) { NumberText.fixed($0, decimals: 1) + " %" },
                "         from \(c.firstMinute), \(minutes); a gap: no summary",
                "```"]
    }

    /// Means of `group` minutes at a time (nil where none of them is known).
    static func grouped(_ values: [Double?], by group: Int) -> [Double?] {
        stride(from: 0, to: values.count, by: group).map { k in
            let known = values[k..<min(values.count, k + group)].compactMap { $0 }
            return known.isEmpty ? nil : known.reduce(0, +) / Double(known.count)
        }
    }

    /// The `Sparkline` widget drawn on a one-row screen, as text (a gap is a space).
    static func sparkline(_ values: [Double?]) -> String {
        var screen = Screen(size: Size(width: values.count, height: 1))
        Sparkline(values: values.map { $0 ?? .nan }).draw(in: screen.bounds, on: &screen)
        return screen.textLines.first ?? ""
    }

    /// Operator and upstream text on one line: newlines and control characters out.
    static func inline(_ text: String) -> String {
        String(text.map { $0.isNewline || ($0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) ? " " : $0 })
    }
}
