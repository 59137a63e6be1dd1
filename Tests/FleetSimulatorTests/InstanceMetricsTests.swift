import Foundation
import Ingest
import Monitoring
import TestSupport
import TestLanes
import Testing
@testable import FleetSimulator

/// Every simulated /metrics body parses with chutetop's parser with zero errors (OpenMetrics in
/// strict mode) and passes `promtool check metrics` (lint warnings allowed).
@Suite(.lane(.live)) struct InstanceMetricsTests {
    static func fleet() -> FleetSimulation {
        var f = FleetSimulation(profiles: ChuteCatalog.fleet(chutes: 9, seed: 5), seed: 5, startTime: 1_795_334_400)
        f.advance(to: f.time + 120)
        return f
    }

    static var pages: [(String, String, Bool)] {
        let f = fleet()
        return f.chutes.flatMap { c in c.instances.flatMap { i in [false, true].map { om in
            ("\(c.profile.name)/\(i.id)", f.metrics(chute: c.profile.name, instance: i.id, openMetrics: om)!, om)
        } } }
    }

    @Test func everyPageParsesWithZeroErrors() {
        for (name, page, om) in Self.pages {
            let parsed = ExpositionParser(options: .init(format: om ? .openMetrics : .text, strict: om)).parse(Array(page.utf8))
            #expect(parsed.issues.isEmpty, "\(name) \(om ? "OpenMetrics" : "text"): \(parsed.issues.prefix(3))")
            #expect(parsed.samples.count > 20)
        }
    }

    @Test func theNamesRealChutesUse() throws {
        let f = Self.fleet()
        let llm = f.chutes[0]
        let page = ExpositionParser().parse(Array(f.metrics(chute: llm.profile.name, instance: llm.instances[0].id, openMetrics: false)!.utf8))
        let names = Set(page.samples.map(\.name))
        for name in ["http_requests_total", "http_request_duration_seconds_bucket", "invocation_total", "invocation_duration_count",
                     "DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_FB_USED", "DCGM_FI_DEV_FB_FREE", "DCGM_FI_DEV_GPU_TEMP", "DCGM_FI_DEV_POWER_USAGE",
                     "vllm:num_requests_running", "vllm:num_requests_waiting", "vllm:kv_cache_usage_perc",
                     "resilience4j_circuitbreaker_state", "resilience4j_circuitbreaker_failure_rate",
                     "resilience4j_circuitbreaker_not_permitted_calls_total", "process_cpu_seconds_total"] {
            #expect(names.contains(name), "missing \(name)")
        }
        // One-hot breaker state: exactly one 1 per breaker.
        let states = page.samples.filter { $0.name == "resilience4j_circuitbreaker_state" }
        for breaker in Set(states.compactMap { $0.label("name") }) {
            #expect(states.filter { $0.label("name") == breaker && $0.value == 1 }.count == 1)
        }
        #expect(page.samples.filter { $0.name == "DCGM_FI_DEV_GPU_UTIL" }.count == llm.profile.gpusPerInstance)
        let histograms = MetricGroups.histograms(in: page)
        #expect(histograms.allSatisfy { $0.hasInfiniteBucket && $0.buckets.map(\.cumulativeCount) == $0.buckets.map(\.cumulativeCount).sorted() })
    }

    @Test func malformedPagesHaveExactlyTheBadLines() {
        let f = Self.fleet()
        let c = f.chutes[0]
        let page = ExpositionParser().parse(Array(f.metrics(chute: c.profile.name, instance: c.instances[0].id, openMetrics: false, malformed: true)!.utf8))
        #expect(page.issues.count == 2)
    }

    @Test(.enabled(if: PromtoolCheck.shouldRun, "promtool is not installed"))
    func promtoolAcceptsEveryPage() throws {
        for (name, page, _) in Self.pages.prefix(12) {
            let result = try PromtoolCheck.run(page)
            #expect(result.status == 0 || result.status == 3, "\(name): promtool exit \(result.status): \(result.stdout)\(result.stderr)")
            #expect(!result.stderr.contains("error"), "\(name): \(result.stderr)")
        }
    }
}

/// `promtool check metrics` from Debian's prometheus package. Under CI=true a missing promtool is
/// a failure (.ci/run installs it).
enum PromtoolCheck {
    static var shouldRun: Bool { TestEnvironment.shouldRun(needing: TestEnvironment.commandWorks(["promtool", "--version"])) }

    static func run(_ page: String) throws -> ChildProcess.Result {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-promtool-\(UUID().uuidString).prom").path
        try page.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try ChildProcess.run(["/bin/sh", "-c", "promtool check metrics < '\(path)'"])
    }
}
