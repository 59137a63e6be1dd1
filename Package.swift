// swift-tools-version: 6.0
// Swift 6 language mode for every target (strict concurrency checks are errors).
import PackageDescription

// Layers (see ARCHITECTURE.md). Dependencies point down only; pure targets import no I/O.
//   4  chutetop                                   composition root
//   3  DashboardRuntime  LiveServices  NcursesTerminal  FleetSimulator   the shell (all I/O)
//   2  DashboardViews                              pure: state -> Screen
//   1  Dashboard  Ingest  TerminalUI  FleetEngine  pure: decisions, parsing, drawing kit, the engine
//   0  Monitoring                                  pure: domain values and rules
let package = Package(
    name: "chutetop",
    products: [
        .executable(name: "chutetop", targets: ["chutetop"]),
        // For the fuzz harnesses in Fuzz/ (a separate package): the decoders of untrusted input
        // and the parsers of the operator's files (config and runbooks, themes, scenarios).
        .library(name: "ChutetopIngest", targets: ["Ingest"]),
        .library(name: "ChutetopConfig", targets: ["Dashboard"]),
        .library(name: "ChutetopTheme", targets: ["TerminalUI"]),
        .library(name: "ChutetopScenarios", targets: ["SimulatorScenarios"]),
        .library(name: "ChutetopRecording", targets: ["SessionRecording"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // Already in the graph through AsyncHTTPClient; the scrape path uses its gzip decoder.
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        // Already in the graph through Hummingbird; the loopback servers stop through its graceful shutdown.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // layer 0
        .target(name: "Monitoring"),
        // layer 1
        // The pure engine: fleet watch, poll schedule, observations' judgement, history, alerts,
        // the event log and the read model views are drawn from. No UI, no YAML, no I/O.
        .target(name: "FleetEngine", dependencies: ["Monitoring"]),
        // The parser's inner loop mutates class state; runtime exclusivity checks cost a third of
        // its time (DECISIONS.md 2026-11-21), so release builds of Ingest check statically only.
        .target(name: "Ingest", dependencies: ["Monitoring"],
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .target(name: "BuiltinThemes", path: "Themes", exclude: ["README.md"],
                resources: [
                    .embedInCode("default.theme"), .embedInCode("light.theme"),
                    .embedInCode("high-contrast.theme"), .embedInCode("mono.theme"),
                ]),
        .target(name: "TerminalUI", dependencies: ["BuiltinThemes", "Monitoring"]),
        // A recorded session's file format (zlib-compressed frames of the engine's messages) and
        // the tape a replay moves an engine along; bytes in and out, no file I/O.
        .systemLibrary(name: "CZlib"),
        .target(name: "SessionRecording", dependencies: ["FleetEngine", "Monitoring", "CZlib"]),
        .target(name: "Dashboard", dependencies: [
            "Monitoring", "FleetEngine", "TerminalUI", "SessionRecording",
            .product(name: "Yams", package: "Yams"),
        ]),
        // layer 2
        .target(name: "DashboardViews", dependencies: ["Dashboard", "FleetEngine", "Ingest", "Monitoring", "TerminalUI", "SessionRecording"]),
        // layer 3
        .target(name: "DashboardRuntime", dependencies: ["Dashboard", "TerminalUI"]),
        .target(name: "LiveServices", dependencies: [
            "Dashboard", "FleetEngine", "SessionRecording", "Ingest", "Monitoring", "TerminalUI",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOTLS", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
        ]),
        .systemLibrary(name: "CNcursesw"),
        .target(name: "TermGuard"),
        // SIGINT/SIGTERM/SIGHUP/SIGWINCH routed to closures; used by headless commands too, so
        // it is not part of the ncurses module.
        .target(name: "SignalRouting"),
        .target(name: "NcursesTerminal", dependencies: ["CNcursesw", "TermGuard", "TerminalUI"]),
        .target(name: "BuiltinScenarios", path: "Fixtures/scenarios", exclude: ["README.md"],
                resources: [
                    .embedInCode("steady.scenario"),
                    .embedInCode("error-spike.scenario"),
                    .embedInCode("breaker-trip.scenario"),
                    .embedInCode("gpu-saturation.scenario"),
                    .embedInCode("cold-start.scenario"),
                    .embedInCode("crash-loop.scenario"),
                    .embedInCode("noisy-logs.scenario"),
                    .embedInCode("ungraceful-restart.scenario"),
                    .embedInCode("bad-exporter.scenario"),
                    .embedInCode("slow-target.scenario"),
                    .embedInCode("dead-target.scenario"),
                ]),
        // The scenario format and the built-in scenarios, apart from the simulator's server so
        // the fuzz harness can link the parser without Hummingbird.
        .target(name: "SimulatorScenarios", dependencies: ["Monitoring", "BuiltinScenarios"]),
        .target(name: "FleetSimulator", dependencies: [
            "Monitoring", "Ingest", "SimulatorScenarios",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // Generates BuildInfo.swift (the commit, for --version) at build time.
        .plugin(name: "BuildInfoPlugin", capability: .buildTool()),
        // layer 4
        .executableTarget(name: "chutetop", dependencies: [
            "Dashboard", "DashboardViews", "DashboardRuntime", "LiveServices", "NcursesTerminal", "FleetSimulator",
            "TerminalUI", "Monitoring", "FleetEngine", "SignalRouting", "SessionRecording",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], plugins: ["BuildInfoPlugin"]),
        // Test-only: draws a screen through NcursesTerminal, then crashes on purpose, so the
        // end-to-end tests can prove the crash guard leaves a sane tty.
        .executableTarget(name: "TerminalCrashProbe", dependencies: ["NcursesTerminal", "TerminalUI"]),
        // benchmarks (not tests): see BENCHMARKS.md
        .executableTarget(name: "ParserBenchmark", dependencies: ["Ingest"], path: "Benchmarks/ParserBenchmark"),
        .executableTarget(name: "DashboardBenchmark", dependencies: ["Dashboard", "DashboardViews", "FleetEngine", "TerminalUI", "TestSupport"],
                          path: "Benchmarks/DashboardBenchmark"),
        .executableTarget(name: "BenchTargets", dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
                          path: "Benchmarks/BenchTargets"),
        .executableTarget(name: "RecordingBenchmark", dependencies: ["Dashboard", "FleetEngine", "FleetSimulator", "LiveServices", "Monitoring",
                                                                  "SessionRecording"], path: "Benchmarks/RecordingBenchmark"),
        .executableTarget(name: "FleetMemoryBenchmark", dependencies: ["FleetEngine", "Monitoring"], path: "Benchmarks/FleetMemoryBenchmark"),
        // tests
        // Which tests run at once (Tests/TestLanes/TestLane.swift): every test target's suites name a lane.
        .target(name: "TestLanes", path: "Tests/TestLanes"),
        .target(name: "TestSupport", dependencies: ["TerminalUI", "Dashboard", "FleetEngine", "Ingest", "Monitoring", "SessionRecording"],
                path: "Tests/TestSupport"),
        .testTarget(name: "MonitoringTests", dependencies: ["TestLanes", "Monitoring"]),
        .testTarget(name: "FleetEngineTests", dependencies: ["TestLanes", "FleetEngine", "Monitoring"]),
        .testTarget(name: "SessionRecordingTests", dependencies: ["TestLanes", "SessionRecording", "FleetEngine", "Monitoring", "TestSupport"]),
        .testTarget(name: "IngestTests", dependencies: ["TestLanes", "Ingest", "Monitoring", "TestSupport"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TestLanes", "TerminalUI", "TestSupport"]),
        .testTarget(name: "DashboardTests", dependencies: ["TestLanes", "Dashboard", "FleetEngine", "Monitoring", "TerminalUI", "TestSupport"]),
        .testTarget(name: "DashboardViewsTests",
                    dependencies: ["TestLanes", "DashboardViews", "Dashboard", "FleetEngine", "TerminalUI", "TestSupport"],
                    exclude: ["__Snapshots__"]),
        .testTarget(name: "DashboardRuntimeTests",
                    dependencies: ["TestLanes", "DashboardRuntime", "Dashboard", "DashboardViews", "Monitoring", "TerminalUI"]),
        .testTarget(name: "NcursesTerminalTests", dependencies: ["TestLanes", "NcursesTerminal", "TerminalUI"]),
        .testTarget(name: "LiveServicesTests", dependencies: [
            "TestLanes",
            "LiveServices", "Dashboard", "FleetEngine", "Monitoring", "TerminalUI", "FleetSimulator", "TestSupport",
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        .testTarget(name: "FleetSimulatorTests", dependencies: [
            "TestLanes",
            "FleetSimulator", "SimulatorScenarios", "Ingest", "Monitoring", "TestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestLanes", "TestSupport", "chutetop", "TerminalCrashProbe"]),
    ]
)
