import Foundation
import Monitoring
import TestLanes
import Testing

/// O(1) lookups of chutes and instances in an inventory: the same answers as a search chute by
/// chute, kept up to date when the inventory changes, and invisible to equality and coding.
@Suite(.lane(.compute)) struct FleetInventoryIndexTests {
    let fleet = FleetInventory(chutes: [
        .init(name: "llm", instances: [.init(id: "a", baseURL: "http://a"), .init(id: "b", baseURL: "http://b"), .init(id: "a", baseURL: "http://a2")]),
        .init(name: "tts", instances: [.init(id: "a", baseURL: "http://tts-a")], id: "chute-2"),
        .init(name: "llm", instances: [.init(id: "c", baseURL: "http://c")], id: "shadowed"),
        .init(name: "empty", instances: []),
    ])

    /// What the lookups replace.
    func searched(_ inventory: FleetInventory, _ key: InstanceKey) -> FleetInventory.Instance? {
        inventory.chutes.first { $0.name == key.chute }?.instances.first { $0.id == key.instance }
    }

    @Test func lookupsAnswerAsASearchChuteByChuteWould() {
        let keys = ["llm", "tts", "empty", "none"].flatMap { c in ["a", "b", "c", "z"].map { InstanceKey(chute: c, instance: $0) } }
        for key in keys { #expect(fleet.instance(key) == searched(fleet, key), "\(key)") }
        #expect(fleet.instance(InstanceKey(chute: "llm", instance: "a"))?.baseURL == "http://a")  // the first of two
        #expect(fleet.instance(InstanceKey(chute: "llm", instance: "c")) == nil)  // in a later chute of the same name
        #expect(fleet.chute(named: "llm")?.id == nil)
        #expect(fleet.chute(named: "tts")?.id == "chute-2")
        #expect(fleet.chute(named: "empty")?.instances.isEmpty == true)
        #expect(fleet.chute(named: "none") == nil)
    }

    @Test func lookupsFollowChangesToTheInventory() {
        var inventory = fleet
        inventory.chutes[1].instances[0].baseURL = "http://moved"
        inventory.chutes[0].instances.remove(at: 0)
        inventory.chutes.append(.init(name: "new", instances: [.init(id: "n")]))
        #expect(inventory.instance(InstanceKey(chute: "tts", instance: "a"))?.baseURL == "http://moved")
        #expect(inventory.instance(InstanceKey(chute: "llm", instance: "a"))?.baseURL == "http://a2")
        #expect(inventory.instance(InstanceKey(chute: "llm", instance: "b"))?.baseURL == "http://b")
        #expect(inventory.instance(InstanceKey(chute: "new", instance: "n")) != nil)
        inventory.chutes.removeAll()
        #expect(inventory.chute(named: "llm") == nil)
        #expect(inventory.instance(InstanceKey(chute: "new", instance: "n")) == nil)
        #expect(fleet.instance(InstanceKey(chute: "tts", instance: "a"))?.baseURL == "http://tts-a")  // the original is a value
    }

    @Test func equalityHashingAndCodingSeeOnlyTheChutes() throws {
        var rebuilt = FleetInventory(chutes: [])
        for c in fleet.chutes { rebuilt.chutes.append(c) }
        #expect(rebuilt == fleet)
        #expect(rebuilt.hashValue == fleet.hashValue)
        #expect(Set([rebuilt, fleet]).count == 1)

        let json = try JSONEncoder().encode(fleet)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(Array(object.keys) == ["chutes"])
        let decoded = try JSONDecoder().decode(FleetInventory.self, from: json)
        #expect(decoded == fleet)
        #expect(decoded.instance(InstanceKey(chute: "tts", instance: "a"))?.baseURL == "http://tts-a")
        #expect(decoded.chute(named: "tts")?.id == "chute-2")
    }

    @Test func aLargeFleetIsIndexedInstanceByInstance() {
        let big = FleetInventory(chutes: (0..<2_000).map { c in .init(name: "c\(c)", instances: (0..<3).map { .init(id: "i\($0)", baseURL: "http://\(c)/\($0)") }) })
        for c in stride(from: 0, to: 2_000, by: 97) {
            #expect(big.instance(InstanceKey(chute: "c\(c)", instance: "i2"))?.baseURL == "http://\(c)/2")
            #expect(big.chute(named: "c\(c)")?.instances.count == 3)
        }
    }
}
