import Foundation
import Ingest
import Monitoring
import TestLanes
import Testing
@testable import FleetSimulator
@testable import SimulatorScenarios

@Suite(.lane(.compute)) struct ScenarioParserTests {
    @Test func parsesEventsInTimeOrder() throws {
        let s = try ScenarioParser.parse("""
            name   demo
            description  two things happen
            # comment
            2m     llama-3.1-70b-instruct   dependency-up database   # back
            30s    *                        bursts off
            1h30m  sdxl-turbo               slow-target i-1 2.5
            """, file: "demo.scenario")
        #expect(s.name == "demo")
        #expect(s.description == "two things happen")
        #expect(s.events.map(\.at) == [30, 120, 5400])
        #expect(s.events[0].target == .everyChute)
        #expect(s.events[1].action == .dependency("database", down: false))
        #expect(s.events[2].action == .slowTarget(instance: "i-1", seconds: 2.5))
    }

    @Test func errorsNameFileLineAndAction() {
        #expect(throws: ScenarioError(file: "f", line: 2, message: "unknown action 'dependncy-down' (did you mean 'dependency-down'?)")) {
            try ScenarioParser.parse("name x\n10s llama dependncy-down db\n", file: "f")
        }
        #expect(throws: ScenarioError(file: "f", line: 1, message: "'soon' is not a time (use 90s, 2m, 1h30m)")) {
            try ScenarioParser.parse("soon * bursts off", file: "f")
        }
        #expect(throws: ScenarioError(file: "f", line: 1, message: "action 'errors' needs a ratio in 0.0...1.0")) {
            try ScenarioParser.parse("0 * errors 5", file: "f")
        }
        #expect(throws: ScenarioError(file: "f", line: 1, message: "action 'crash-loop' needs an instance id")) {
            try ScenarioParser.parse("0 whisper crash-loop", file: "f")
        }
    }

    @Test func everyShippedScenarioParsesAndFitsTheDefaultFleet() throws {
        #expect(ScenarioCatalog.names.count == 11)
        for name in ScenarioCatalog.names {
            let scenario = try ScenarioCatalog.load(name)
            #expect(!scenario.events.isEmpty && !scenario.description.isEmpty, "\(name)")
            var sim = FleetSimulation(profiles: ChuteCatalog.fleet(chutes: ChuteCatalog.defaultCount, seed: 1), seed: 1, startTime: 1_795_334_400)
            try sim.load(scenario)
        }
    }

    @Test func aScenarioNamingAMissingChuteIsRefused() throws {
        var sim = FleetSimulation(profiles: ChuteCatalog.fleet(chutes: 2, seed: 1), seed: 1, startTime: 1_795_334_400)
        #expect(throws: FleetSimulation.ActionError.unknownChute("sdxl-turbo")) { try sim.load(try ScenarioCatalog.load("bad-exporter")) }
    }
}

@Suite(.lane(.compute)) struct ScenarioBehaviourTests {
    static let start = 1_795_334_400.0 + 16 * 3600

    func run(_ name: String, chutes: Int = 9) throws -> FleetSimulation {
        var sim = FleetSimulation(profiles: ChuteCatalog.fleet(chutes: chutes, seed: 3), seed: 3, startTime: Self.start)
        try sim.load(try ScenarioCatalog.load(name))
        return sim
    }

    func chute(_ sim: FleetSimulation, _ name: String) -> FleetTruth.Chute { sim.truth().chutes.first { $0.name == name }! }

    @Test func breakerTripOpensHalfOpensAndCloses() throws {
        var sim = try run("breaker-trip")
        sim.advance(to: Self.start + 35)
        #expect(chute(sim, "llama-3.1-70b-instruct").instances.filter(\.ready).allSatisfy { $0.breakers["database"] == "open" })
        sim.advance(to: Self.start + 70)
        #expect(chute(sim, "llama-3.1-70b-instruct").instances.filter(\.ready).allSatisfy { $0.breakers["database"] == "open" })
        sim.advance(to: Self.start + 200)
        let llama = sim.chutes.first { $0.profile.name == "llama-3.1-70b-instruct" }!
        #expect(llama.instances.filter(\.isReady).allSatisfy { $0.breakers.first { $0.name == "database" }!.state == .closed })
        #expect(llama.instances[0].breakers[0].transitions.map(\.to).contains(.halfOpen))
    }

    @Test func coldStartScalesFromZero() throws {
        var sim = try run("cold-start")
        sim.advance(to: Self.start + 30)
        #expect(chute(sim, "flux.1-schnell").readyInstances == 0)
        sim.advance(to: Self.start + 61)
        #expect(chute(sim, "flux.1-schnell").targetInstances == 2)
        #expect(chute(sim, "flux.1-schnell").readyInstances == 0)
        sim.advance(to: Self.start + 60 + 125)
        #expect(chute(sim, "flux.1-schnell").readyInstances == 2)
    }

    @Test func crashLoopFlapsReadiness() throws {
        var sim = try run("crash-loop")
        var states: [Bool] = []
        for t in stride(from: 1.0, through: 200, by: 5) {
            sim.advance(to: Self.start + t)
            states.append(chute(sim, "whisper-large-v3").instances.first { $0.id == "i-1" }!.ready)
        }
        let flips = zip(states, states.dropFirst()).filter { $0 != $1 }.count
        #expect(flips >= 4)
        #expect(chute(sim, "whisper-large-v3").instances.first { $0.id == "i-1" }!.restarts >= 3)
    }

    @Test func badExporterPagesHaveExactlyTwoBadLines() throws {
        var sim = try run("bad-exporter")
        sim.advance(to: Self.start + 10)
        let broken = sim.fault(chute: "sdxl-turbo", instance: "i-1")?.badExporter == true
        let page = sim.metrics(chute: "sdxl-turbo", instance: "i-1", openMetrics: false, malformed: broken)!
        let parsed = ExpositionParser().parse(Array(page.utf8))
        #expect(parsed.issues.count == 2)
        #expect(parsed.samples.count > 20)
    }

    @Test func gpuSaturationPinsTheAutoscalerAtMax() throws {
        var sim = try run("gpu-saturation")
        sim.advance(to: Self.start + 600)
        let llama = chute(sim, "llama-3.1-70b-instruct")
        #expect(llama.targetInstances == llama.maxInstances)
        #expect(llama.meanGPUUtilization > 95)
    }
}
