import Foundation
import Hummingbird
import HummingbirdTesting
import Ingest
import Logging
import Monitoring
import TestSupport
import TestLanes
import Testing
@testable import FleetSimulator

/// A real Prometheus (Debian's 2.42, installed by .ci/run) discovers the simulated fleet through
/// http_sd from /sim/targets and scrapes it every second over loopback. Every live instance
/// reaches up == 1, the dead target up == 0, and sum(rate(http_requests_total[1m])) agrees with
/// what /sim/truth counted over the same minute within 2 %. Takes about 80 seconds. Under CI=true a missing prometheus fails.
@Suite(.lane(.live), .enabled(if: PrometheusServer.shouldRun, "prometheus is not installed"))
struct PrometheusIntegrationTests {
    @Test func prometheusScrapesTheFleetAndAgreesWithTheTruth() async throws {
        let start = Date().timeIntervalSince1970.rounded(.down)
        var simulation = FleetSimulation(profiles: ChuteCatalog.fleet(chutes: 9, seed: 21), seed: 21, startTime: start)
        try simulation.load(try ScenarioParser.parse("0 * bursts off\n0 e5-mistral-7b-instruct dead-target i-1", file: "test"))
        let engine = SimulatorEngine(simulation: simulation, clock: SimulatorEngine.realTime(start: start, speed: 1))
        var logger = Logger(label: "prometheus-test")
        logger.logLevel = .error
        let app = SimulatorServer.application(engine: engine, host: "127.0.0.1", port: 0, token: nil, logger: logger)
        try await app.test(.live) { client in
            let prometheus = try PrometheusServer(simulatorPort: client.port)
            defer { prometheus.stop() }

            // Every instance the simulator lists is discovered and scraped. The autoscaler may add
            // instances meanwhile, so the live count is read again on each check.
            try await prometheus.waitUntil("every live target up and the dead one down", timeout: .seconds(60)) {
                let live = try engine.read { sim in sim.chutes.reduce(0) { $0 + $1.instances.count } } - 1
                return try prometheus.value("count(up == 1)") == Double(live)
                    && prometheus.value(#"up{chute="e5-mistral-7b-instruct",chute_instance="i-1"}"#) == 0
            }
            // A full minute of samples for rate(), then both sides over the same 60 simulated
            // seconds (the samples carry the simulated second they describe), leaving out the
            // chute whose dead instance the simulator counts but nobody can scrape.
            try await Task.sleep(for: .seconds(65))
            let at = engine.now.rounded(.down) - 2
            let measured = try #require(try prometheus.value(#"sum(rate(http_requests_total{chute!="e5-mistral-7b-instruct"}[1m]))"#, at: at))
            let truth = try engine.read { sim in
                sim.truth(window: 60, secondsAgo: Int(sim.time - at)).chutes.filter { $0.name != "e5-mistral-7b-instruct" }
                    .reduce(0) { $0 + $1.countedRequestRate }
            }
            print("prometheus sum(rate(http_requests_total[1m])) = \(measured) req/s; /sim/truth = \(truth) req/s; difference \(abs(measured - truth) / truth * 100) %")
            #expect(truth > 100)
            #expect(abs(measured - truth) / truth < 0.02, "Prometheus \(measured) req/s, truth \(truth) req/s")
        }
    }
}
