import ArgumentParser
import Dashboard
import FleetEngine
import Foundation
import LiveServices
import Monitoring

/// `chutetop review`: watches the fleet for a while and reviews each chute against the
/// production-readiness checklist from what it saw (README "Production-readiness review").
struct ReviewCommand: AsyncParsableCommand, RunsOnEventLoops {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review chutes against the production-readiness checklist from live evidence.",
        discussion: """
            Watches the fleet for --observe (health, readiness and metrics polls, the control \
            plane's listings, every instance's log stream), then decides each check: pass, warn, \
            fail, or unknown (not enough evidence yet; the evidence says what would settle it). \
            What a source cannot see (the Chutes platform has no health path of its own) is \
            unknown, saying so. Exit status: 0 nothing warns or fails, 1 something warns, 2 \
            something fails, 3 the review could not run (usage, configuration, source, a chute \
            not listed).
            """
    )

    @Argument(help: ArgumentHelp("Chutes to review (default: every chute listed).", valueName: "chute"))
    var chutes: [String] = []

    @OptionGroup var fleet: FleetOptions

    @Flag(help: "Print JSON: {\"chutes\":[{\"name\",\"checks\":[{\"id\",\"status\",\"evidence\"}]}]}.")
    var json = false

    @Flag(help: "Print the team's Production Readiness Review form (Markdown; reviewer from $USER).")
    var markdown = false

    @Option(help: ArgumentHelp("How long to watch before deciding: seconds, or with s/m (15s, 2m).", valueName: "duration"))
    var observe = "15s"

    func validate() throws {
        if json && markdown { throw ValidationError("--json and --markdown: choose one") }
        guard let s = Self.seconds(observe), s >= 1, s <= 3600 else {
            throw ValidationError("--observe must be a duration of 1 s to 60 m (15, 15s, 2m)")
        }
    }

    /// Whether a command line runs `review` (its usage errors exit 3: its 2 means "a check fails").
    static func isInvocation(_ arguments: [String]) -> Bool { arguments.dropFirst().first == configuration.commandName }

    /// "15", "15s", "2m", "1.5m" in seconds.
    static func seconds(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t.hasSuffix("m"), let n = Double(t.dropLast()) { return n * 60 }
        if t.hasSuffix("s"), let n = Double(t.dropLast()) { return n }
        return Double(t)
    }

    func run() async throws {
        let context: ContextConfig
        do { context = try fleet.resolve() } catch { HeadlessRun.fail(error.description) }
        let connection: FleetConnection
        do { connection = try await FleetConnection.open(context) } catch { HeadlessRun.fail("context \(context.name): \(error)") }
        let wanted = Set(chutes)
        let duration = Self.seconds(observe) ?? 15
        let engine = MonitoringEngine(sources: connection.sources, context: context)
        let report = await engine.run(duration: duration, logsOf: { wanted.isEmpty || wanted.contains($0.chute) }, relistAtEnd: true)
        await connection.close()

        let state = report.state
        if let blind = state.observations.sourceProblems.first(where: { !$0.partial }) {
            HeadlessRun.fail("the source could not be read (\(blind.kind.rawValue)): \(blind.error)")
        }
        let listed = state.inventory.chutes.map(\.name)
        if let missing = chutes.first(where: { !listed.contains($0) }) {
            HeadlessRun.fail("no chute named '\(missing)' in context \(context.name) (listed: \(listed.joined(separator: ", ")))")
        }
        if listed.count == 1, let only = state.inventory.chutes.first, only.instances.isEmpty, only.name.hasPrefix("("), let e = only.controlError {
            HeadlessRun.fail("the fleet could not be listed: \(e)")
        }
        let reviews = (chutes.isEmpty ? listed : chutes).map { state.review(chute: $0) }
        let observed = "\(Int(duration.rounded())) s of watching context \(context.name)"
        if json {
            print(ReviewJSON(reviews).encoded())
        } else if markdown {
            let reviewer = ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "(unknown: $USER is not set)"
            print(ReviewForm.markdown(reviews, date: ReviewClock.date(Date().timeIntervalSince1970), reviewer: reviewer, observed: observed),
                  terminator: "")
        } else {
            print(Self.text(reviews, observed: observed), terminator: "")
        }
        throw ExitCode(Self.exitStatus(reviews))
    }

    /// 2 when something fails, 1 when something warns, else 0.
    static func exitStatus(_ reviews: [ChuteReview]) -> Int32 {
        switch reviews.map(\.worst).max() ?? .pass {
        case .fail: 2
        case .warn: 1
        case .pass, .unknown: 0
        }
    }

    /// One block per chute: its score, then a line per check.
    static func text(_ reviews: [ChuteReview], observed: String) -> String {
        var out = "Production-readiness review from \(observed)\n"
        let width = ReviewCheckID.allCases.map(\.rawValue.count).max() ?? 0
        for r in reviews {
            out += "\n\(r.chute)  \(r.score) pass\n"
            for c in r.checks {
                let id = c.id.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
                out += "  \(c.status.rawValue.uppercased().padding(toLength: 7, withPad: " ", startingAt: 0)) \(id)  \(c.evidence)\n"
            }
        }
        return out
    }
}
