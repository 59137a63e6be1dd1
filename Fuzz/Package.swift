// swift-tools-version: 6.0
// libFuzzer harnesses for the decoders of untrusted input. Built only by Fuzz/run.sh with
// -sanitize=fuzzer,address; never part of the main build or tests.
import PackageDescription

let package = Package(
    name: "chutetop-fuzz",
    dependencies: [.package(name: "chutetop", path: "..")],
    targets: [
        .executableTarget(
            name: "IngestFuzz",
            dependencies: [
                .product(name: "ChutetopIngest", package: "chutetop"),
                .product(name: "ChutetopConfig", package: "chutetop"),
                .product(name: "ChutetopTheme", package: "chutetop"),
                .product(name: "ChutetopScenarios", package: "chutetop"),
                .product(name: "ChutetopRecording", package: "chutetop"),
            ]
        ),
    ]
)
