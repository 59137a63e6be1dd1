import Dashboard
import Foundation
import Monitoring
import TestLanes
import Testing
@testable import LiveServices

/// A control API that stops answering keeps the fleet it last listed: the chutes and their
/// instances stay (so they are still probed and their alerts stand), each chute saying the
/// error and when it was last listed; only a control API never read is a placeholder row.
/// Found by a newcomer's review: a control API stopped for 20 s emptied the fleet and its alerts.
@Suite(.lane(.live)) struct ControlAPIOutageTests {
    static func inventories(_ config: DirectSourceConfig, while chute: ChecklistChute) async throws -> (up: FleetInventory, down: FleetInventory) {
        let source = try DirectSource(config, settings: generousSettings { $0.connectTimeout = 2; $0.readTimeout = 2 })
        return try await shutDownAfter(source) { source in
            let up = await source.inventory()
            await chute.stopped()
            return (up, await source.inventory())
        }
    }

    @Test(arguments: [false, true]) func aFailedListingKeepsTheLastOne(contextWide: Bool) async throws {
        var build = ChecklistChute.Build()
        build.instances = [("i-1", "ready"), ("i-2", "ready")]
        let chute = try await ChecklistChute.start(name: "kept", build)
        let config = contextWide ? DirectSourceConfig(chutes: [], controlAPI: chute.controlAPI)
            : DirectSourceConfig(chutes: [.init(name: "kept", controlAPI: chute.controlAPI)])
        let (up, down) = try await Self.inventories(config, while: chute)
        #expect(up.chutes.map(\.name) == ["kept"])
        #expect(up.chutes.first?.controlError == nil)
        #expect(down.chutes.map(\.name) == ["kept"])
        #expect(down.chutes.first?.instances.map(\.id) == ["i-1", "i-2"])
        #expect(down.chutes.first?.minInstances == 1)
        let error = try #require(down.chutes.first?.controlError)
        // The error as the fetcher says it (a pooled connection the stopped server closed, or
        // refused), then the listing's time.
        #expect(error.range(of: #"^.+; showing its listing of \d\d:\d\d:\d\dZ$"#, options: .regularExpression) != nil, "\(error)")
    }

    @Test func aControlAPINeverReadIsAPlaceholderRow() async throws {
        let chute = try await ChecklistChute.start(name: "never")
        await chute.stopped()
        let source = try DirectSource(DirectSourceConfig(chutes: [], controlAPI: chute.controlAPI), settings: generousSettings())
        let fleet = try await shutDownAfter(source) { source in await source.inventory() }
        #expect(fleet.chutes.map(\.name) == ["(control API)"])
        #expect(fleet.chutes.first?.controlError?.contains("connection refused") == true)
    }
}
