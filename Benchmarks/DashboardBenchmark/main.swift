import Dashboard
import DashboardViews
import Foundation
import TerminalUI
import TestSupport

// Frame build time (BENCHMARKS.md "The dashboard"): the fixture fleet (FleetFixture: pages
// written per instance, parsed, fed through the fleet watch) with CHUTES chutes of 2 instances,
// rendered to a Screen at WIDTHxHEIGHT, ITERATIONS times per view; prints medians.
//   swift build -c release --product DashboardBenchmark
//   .build/release/DashboardBenchmark [CHUTES] [WIDTH] [HEIGHT] [ITERATIONS]
let args = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let chutes = args.count > 0 ? args[0] : 1000
let size = Size(width: args.count > 1 ? args[1] : 200, height: args.count > 2 ? args[2] : 60)
let iterations = args.count > 3 ? args[3] : 200

let built = ContinuousClock.now
var state = FleetFixture.state(chutes: chutes, instances: 2, cycles: 24)
print("fixture: \(chutes) chutes x 2 instances, 24 judgements, built in \(ContinuousClock.now - built)")

func measure(_ name: String, _ body: () -> Void) {
    for _ in 0..<5 { body() }  // warm-up
    var samples: [Double] = []
    for _ in 0..<iterations {
        let t = ContinuousClock.now
        body()
        let d = (ContinuousClock.now - t).components
        samples.append(Double(d.seconds) * 1000 + Double(d.attoseconds) / 1e15)
    }
    samples.sort()
    let p = { (q: Double) in samples[min(samples.count - 1, Int(q * Double(samples.count)))] }
    print(String(format: "| %@ | %d | %.3f ms | %.3f ms | %.3f ms |", name, iterations, p(0.5), p(0.9), samples.last!))
}

var sink = 0
print("| frame (\(size), \(chutes) chutes) | runs | median | p90 | max |")
print("|---|---|---|---|---|")
measure("overview") { sink &+= FleetDashboardView.render(state, size: size).cells.count }
measure("overview, key j then frame") {
    _ = FleetDashboard.update(&state, .keyPressed(.character("j")))
    sink &+= FleetDashboardView.render(state, size: size).cells.count
}
measure("key: re-sort by err and filter gpu>50, then frame") {
    var s = state
    s.overview.sort(by: .err)
    s.overview.filter = try! FleetFilter(parsing: "gpu>50")
    sink &+= FleetDashboardView.render(s, size: size).cells.count
}
state.selectedChute = FleetFixture.name(1)
_ = FleetDashboard.update(&state, .keyPressed(.enter))
measure("chute detail") { sink &+= FleetDashboardView.render(state, size: size).cells.count }
_ = FleetDashboard.update(&state, .keyPressed(.enter))
measure("instance detail") { sink &+= FleetDashboardView.render(state, size: size).cells.count }
_ = FleetDashboard.update(&state, .keyPressed(.character("l")))
_ = FleetDashboard.update(&state, .delivered(.logLines(stream: state.logStream, FleetFixture.logLines(count: 10_000, instances: ["i-1"]), dropped: 0)))
measure("logs (10,000 lines buffered)") { sink &+= FleetDashboardView.render(state, size: size).cells.count }
if sink == 42 { print("") }
