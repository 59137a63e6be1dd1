/// Realistic chutes for the simulated fleet: LLMs on 8x/4x/2x H100, image models on one L40S or
/// H100, speech on A10, embeddings on L4/A100. With more chutes than templates, names get a
/// numeric suffix; the same seed always gives the same fleet.
public enum ChuteCatalog {
    static let templates: [ChuteProfile] = [
        ChuteProfile(name: "llama-3.1-70b-instruct", workload: .llm, gpuModel: "NVIDIA H100 80GB HBM3", gpusPerInstance: 8,
                     gpuMemoryMiB: 81_559, minInstances: 2, maxInstances: 8, concurrency: 64,
                     load: LoadCurve(peakRequestsPerSecond: 120), baseLatency: 1.8, coldStartSeconds: 240,
                     dependencies: ["database", "cache"], handler: "/v1/chat/completions"),
        ChuteProfile(name: "deepseek-r1-distill-qwen-32b", workload: .llm, gpuModel: "NVIDIA H100 80GB HBM3", gpusPerInstance: 4,
                     gpuMemoryMiB: 81_559, minInstances: 1, maxInstances: 6, concurrency: 32,
                     load: LoadCurve(peakRequestsPerSecond: 45), baseLatency: 3.2, coldStartSeconds: 180,
                     dependencies: ["database", "upstream-model"], handler: "/v1/chat/completions", engine: .sglang),
        ChuteProfile(name: "qwen2.5-coder-32b-instruct", workload: .llm, gpuModel: "NVIDIA H100 80GB HBM3", gpusPerInstance: 2,
                     gpuMemoryMiB: 81_559, minInstances: 1, maxInstances: 4, concurrency: 32,
                     load: LoadCurve(peakRequestsPerSecond: 30), baseLatency: 2.1, coldStartSeconds: 150,
                     dependencies: ["cache"], handler: "/v1/completions"),
        ChuteProfile(name: "sdxl-turbo", workload: .image, gpuModel: "NVIDIA L40S", gpusPerInstance: 1,
                     gpuMemoryMiB: 46_068, minInstances: 1, maxInstances: 4, concurrency: 4,
                     load: LoadCurve(peakRequestsPerSecond: 12), baseLatency: 0.9, coldStartSeconds: 90,
                     dependencies: ["object-store"], handler: "/generate"),
        ChuteProfile(name: "flux.1-schnell", workload: .image, gpuModel: "NVIDIA H100 80GB HBM3", gpusPerInstance: 1,
                     gpuMemoryMiB: 81_559, minInstances: 0, maxInstances: 3, concurrency: 2,
                     load: LoadCurve(peakRequestsPerSecond: 3), baseLatency: 1.6, coldStartSeconds: 120,
                     dependencies: ["object-store"], handler: "/generate"),
        ChuteProfile(name: "whisper-large-v3", workload: .speech, gpuModel: "NVIDIA A10", gpusPerInstance: 1,
                     gpuMemoryMiB: 23_028, minInstances: 1, maxInstances: 4, concurrency: 8,
                     load: LoadCurve(peakRequestsPerSecond: 20), baseLatency: 0.6, coldStartSeconds: 60,
                     dependencies: ["object-store"], handler: "/transcribe"),
        ChuteProfile(name: "kokoro-82m-tts", workload: .speech, gpuModel: "NVIDIA A10", gpusPerInstance: 1,
                     gpuMemoryMiB: 23_028, minInstances: 1, maxInstances: 2, concurrency: 16,
                     load: LoadCurve(peakRequestsPerSecond: 15), baseLatency: 0.25, coldStartSeconds: 45,
                     dependencies: [], handler: "/speak"),
        ChuteProfile(name: "bge-m3", workload: .embedding, gpuModel: "NVIDIA L4", gpusPerInstance: 1,
                     gpuMemoryMiB: 23_034, minInstances: 1, maxInstances: 4, concurrency: 128,
                     load: LoadCurve(peakRequestsPerSecond: 400), baseLatency: 0.03, coldStartSeconds: 40,
                     dependencies: ["cache"], handler: "/embed"),
        ChuteProfile(name: "e5-mistral-7b-instruct", workload: .embedding, gpuModel: "NVIDIA A100-SXM4-80GB", gpusPerInstance: 1,
                     gpuMemoryMiB: 81_920, minInstances: 1, maxInstances: 3, concurrency: 64,
                     load: LoadCurve(peakRequestsPerSecond: 150), baseLatency: 0.08, coldStartSeconds: 60,
                     dependencies: ["cache"], handler: "/embed"),
        sloppy,
    ]

    /// The chute built without the checklist: readiness that says only `OK` (as health does),
    /// latency as a summary, plain-text logs without levels or ids, no breaker metrics, no
    /// shutdown-after, and instances that vanish while ready (`ChuteProfile.Build.sloppy`).
    static var sloppy: ChuteProfile {
        var p = ChuteProfile(name: "legacy-upscaler", workload: .image, gpuModel: "NVIDIA A10", gpusPerInstance: 1,
                             gpuMemoryMiB: 23_028, minInstances: 1, maxInstances: 3, concurrency: 8,
                             load: LoadCurve(peakRequestsPerSecond: 4), baseLatency: 0.45, coldStartSeconds: 10,
                             dependencies: [], handler: "/upscale")
        p.build = .sloppy
        return p
    }

    /// The chutes of the default fleet (`--demo`, `chutetop sim`): one of each template.
    public static let defaultCount = 10

    /// `count` chutes; with `instancesPerChute`, every chute starts with exactly that many
    /// instances (its min and max widened to allow it).
    public static func fleet(chutes count: Int, instancesPerChute: Int? = nil, seed: UInt64) -> [ChuteProfile] {
        var generator = SeededGenerator(seed: seed)
        return (0..<max(0, count)).map { i in
            var p = templates[i % templates.count]
            let round = i / templates.count
            if round > 0 { p.name += "-\(round + 1)" }
            if let n = instancesPerChute {
                p.minInstances = min(p.minInstances, n)
                p.maxInstances = max(p.maxInstances, n)
                p.startingInstances = n
            }
            // Spread bursts and scale demand a little per chute, deterministically.
            p.load.phase = Double(generator.next() % 1800)
            p.load.peakRequestsPerSecond *= 0.8 + Double(generator.next() % 400) / 1000
            return p
        }
    }
}
