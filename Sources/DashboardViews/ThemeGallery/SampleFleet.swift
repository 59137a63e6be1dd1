/// Fixed sample data for the theme gallery, so every frame is reproducible.
enum SampleFleet {
    enum Status { case ok, warning, critical, stale }

    struct Row {
        var status: Status
        var name: String
        var ready: Int
        var target: Int
        var gpu: Double
        var requests: Double
        var errorRatio: Double
        var p95: Double
    }

    static let rows: [Row] = [
        Row(status: .ok, name: "llama-3.1-70b-instruct", ready: 8, target: 8, gpu: 71, requests: 412.5, errorRatio: 0.002, p95: 1.84),
        Row(status: .critical, name: "deepseek-r1-distill-32b", ready: 3, target: 6, gpu: 99, requests: 230.1, errorRatio: 0.127, p95: 9.3),
        Row(status: .warning, name: "sdxl-turbo", ready: 2, target: 2, gpu: 88, requests: 37.9, errorRatio: 0.011, p95: 0.92),
        Row(status: .ok, name: "whisper-large-v3", ready: 4, target: 4, gpu: 54, requests: 96.0, errorRatio: 0.0, p95: 0.41),
        Row(status: .ok, name: "bge-m3-embeddings", ready: 2, target: 2, gpu: 23, requests: 1830, errorRatio: 0.0004, p95: 0.031),
        Row(status: .stale, name: "flux.1-dev", ready: 0, target: 1, gpu: .nan, requests: 0, errorRatio: .nan, p95: .nan),
        Row(status: .ok, name: "qwen2.5-coder-32b", ready: 3, target: 3, gpu: 64, requests: 120.4, errorRatio: 0.004, p95: 2.2),
        Row(status: .warning, name: "mistral-small-24b", ready: 1, target: 2, gpu: 81, requests: 45.2, errorRatio: 0.02, p95: 3.1),
        Row(status: .ok, name: "kokoro-tts-82m", ready: 1, target: 1, gpu: 12, requests: 8.4, errorRatio: 0, p95: 0.18),
        Row(status: .ok, name: "llava-1.6-34b", ready: 2, target: 2, gpu: 47, requests: 14.9, errorRatio: 0.001, p95: 4.7),
        Row(status: .ok, name: "e5-mistral-7b", ready: 1, target: 1, gpu: 30, requests: 210, errorRatio: 0, p95: 0.06),
        Row(status: .critical, name: "gemma-2-27b-it 日本語", ready: 0, target: 2, gpu: 0, requests: 0, errorRatio: 1, p95: .nan),
    ]

    /// A daily-curve-like request rate with a burst, 120 points.
    static let requests: [Double] = (0..<120).map { (i: Int) -> Double in
        let burst: Double = i > 80 && i < 90 ? 220 : 0
        return 300.0 + 120.0 * sine(Double(i) / 19.0) + burst
    }
    static let errors: [Double] = (0..<120).map { (i: Int) -> Double in
        if i > 82 && i < 95 { return 140.0 - Double(abs(i - 88)) * 12.0 }
        return 6.0 + 4.0 * sine(Double(i) / 7.0)
    }
    static let latency: [Double] = (0..<120).map { (i: Int) -> Double in
        let burst: Double = i > 84 && i < 92 ? 1.5 : 0
        return 0.8 + 0.3 * sine(Double(i) / 11.0) + burst
    }
    static let gauges: [(String, Double)] = [("gpu 0", 0.42), ("gpu 1", 0.83), ("gpu 2", 0.97), ("gpu 3", .nan)]

    /// sin without Foundation (Taylor series after range reduction; plenty for sample shapes).
    private static func sine(_ x: Double) -> Double {
        let twoPi = 6.283185307179586
        var r = x.truncatingRemainder(dividingBy: twoPi)
        if r > twoPi / 2 { r -= twoPi }
        if r < -twoPi / 2 { r += twoPi }
        var term = r, sum = r
        for n in 1..<10 {
            term *= -r * r / Double((2 * n) * (2 * n + 1))
            sum += term
        }
        return sum
    }
}
