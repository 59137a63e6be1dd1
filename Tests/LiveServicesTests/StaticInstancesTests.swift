import Dashboard
import FleetEngine
import FleetSimulator
import Foundation
import Monitoring
import TestLanes
import Testing
@testable import LiveServices

/// A direct source given its instances as static URLs (no control API) reads real figures from
/// them: the simulator's instances, addressed by the base URLs its control API advertises, are
/// configured by hand and read for health, readiness, metrics and GPUs; the figures agree with
/// what the same instances say through the control-API source.
@Suite(.lane(.live), .serialized) struct StaticInstancesTests {
    @Test func staticInstanceURLsAreReadForRealFigures() async throws {
        let fleet = try await SimulatedFleet.start(scenario: "steady")
        let listed = try #require(await fleet.source.inventory().chute(named: "llama-3.1-70b-instruct"))
        let urls = listed.instances.compactMap(\.baseURL)
        #expect(urls.count >= 2)
        let config = DirectSourceConfig(chutes: [DirectSourceConfig.Chute(
            name: "llama", instances: urls.enumerated().map { DirectSourceConfig.Instance(id: "node-\($0.offset + 1)", url: $0.element) })])
        let settings = fleet.context.poll
        let source = try DirectSource(config, settings: settings)
        let context = ContextConfig(name: "static", source: .direct(config), poll: settings)
        let snapshot = await FleetSnapshotter.take(sources: FleetSources(source), context: context, window: 2)
        let chute = try #require(snapshot.picture.chutes.first)
        #expect(chute.name == "llama")
        #expect(chute.instances.map(\.id) == urls.indices.map { "node-\($0 + 1)" })
        #expect(chute.counts.target == nil, "no control API: the target is not known, not made up")
        for i in chute.instances {
            #expect(i.health.status == .pass && i.ready.status == .pass, "\(i.id): \(i.health) \(i.ready)")
            #expect(i.metrics.error == nil && i.metrics.ageSeconds != nil, "\(i.id): \(i.metrics)")
            #expect((i.requestRate.value ?? 0) > 0, "\(i.id) read no traffic")
            #expect(i.gpus.count == 8, "\(i.id): llama runs on 8 GPUs, read \(i.gpus.count)")
            #expect(i.breakers.map(\.name).sorted() == ["cache", "database"], "\(i.id): \(i.breakers)")
            #expect(i.inference != nil, "\(i.id): the vLLM engine's figures")
        }
        #expect(chute.counts.ready == urls.count)
        #expect((chute.requestRate.value ?? 0) > 0 && chute.p95.value != nil)
        await source.shutdown()
        await fleet.stop()
    }
}
