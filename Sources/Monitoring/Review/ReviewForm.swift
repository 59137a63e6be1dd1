/// The team's "Production Readiness Review" form (the checklist's own, sections and sign-off),
/// filled in from the live review: an item is ticked when its check passed, with the check's
/// id, status and evidence under it; the form's items no running chute shows are left
/// unticked, marked to be checked by hand. Markdown, ready to paste into a ticket.
public enum ReviewForm {
    /// One form per chute, separated by a rule. `date` and `reviewer` are filled in as given;
    /// `observed` says what the evidence covers ("15 s of watching context demo").
    public static func markdown(_ reviews: [ChuteReview], date: String, reviewer: String, observed: String) -> String {
        reviews.map { form($0, date: date, reviewer: reviewer, observed: observed) }.joined(separator: "\n---\n\n")
    }

    static func form(_ r: ChuteReview, date: String, reviewer: String, observed: String) -> String {
        var out = """
            ## Production Readiness Review

            ### Service: \(r.chute)
            ### Date: \(date)
            ### Reviewer: \(reviewer)

            Checked live by chutetop review from \(observed): \(r.passed) of \(r.checks.count) checks pass.

            """
        for section in ReviewSection.allCases {
            out += "\n### \(section.rawValue)\n"
            for c in r.checks where c.id.section == section {
                let status = c.status == .pass ? "pass" : "**\(c.status.rawValue)**"
                out += "- [\(c.status == .pass ? "x" : " ")] \(c.id.item) (`\(c.id.rawValue)`: \(status))\n"
                out += "  - \(escaped(c.evidence))\n"
            }
            for item in section.byHand { out += "- [ ] \(item) (not observable from a running chute: check by hand)\n" }
        }
        let ids = { (status: ReviewStatus) in r.checks.filter { $0.status == status }.map { "`\($0.id.rawValue)`" } }
        let blockers = ids(.fail), warnings = ids(.warn), undecided = ids(.unknown)
        out += """

            ### Sign-off
            Ready for production: \(blockers.isEmpty ? "YES" : "NO")
            Blockers: \(blockers.isEmpty ? "none" : blockers.joined(separator: ", "))
            Warnings: \(warnings.isEmpty ? "none" : warnings.joined(separator: ", "))
            Not yet decided: \(undecided.isEmpty ? "none" : undecided.joined(separator: ", "))

            """
        return out
    }

    /// Evidence quotes what chutes said (log lines, bodies): characters Markdown would act on
    /// are escaped so a quoted line stays text.
    static func escaped(_ s: String) -> String {
        var out = ""
        for ch in s {
            if "\\`*_[]<>|#".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}
