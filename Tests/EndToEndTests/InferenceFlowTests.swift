import Foundation
import TestSupport
import TestLanes
import Testing

/// The LLM columns and the saturation verdict as an operator sees them: `chutetop demo
/// --scenario gpu-saturation` (llama gets eight times its traffic 30 s in) in tmux.
@Suite(.lane(.live), .serialized) struct InferenceFlowTests {
    static let llama = "llama-3.1-70b-instruct"
    static let verdictWords = ["KV cache", "queue", "cold start", "engine stuck"]

    static func row(_ screen: String, _ name: String) -> String? {
        screen.split(separator: "\n").map(String.init).first { $0.contains(" \(name) ") }
    }

    @Test func gpuSaturationNamesTheKVCacheOrQueueForLlamaOnly() async throws {
        let tmux = try DashboardFlowTests.demo("--scenario gpu-saturation")
        let screen = try await tmux.waitFor("a KV-cache or queue verdict on llama's row", timeout: .seconds(150)) { screen in
            guard let line = Self.row(screen, Self.llama) else { return false }
            return line.contains("KV cache") || line.contains("queue")
        }
        let header = try #require(screen.split(separator: "\n").first { $0.contains("Status") && $0.contains("Req/s") })
        for column in ["Queue", "KV", "Tok/s", "TTFT95", "Saturation"] { #expect(header.contains(column), "\(header)") }
        // Every other chute is idle or comfortably loaded: no verdict on its row.
        for name in DashboardFlowTests.chuteNames where name != Self.llama {
            let line = try #require(Self.row(screen, name), "no row for \(name)")
            for word in Self.verdictWords { #expect(!line.contains(word), "\(name): \(line)") }
        }
        // The other LLM chutes show engine figures (a generated tokens/s), the others "—".
        for name in ["qwen2.5-coder-32b-instruct", "deepseek-r1-distill-qwen-32b"] {
            let line = try #require(Self.row(screen, name))
            #expect(line.contains("%"), "\(name) has no KV figure: \(line)")
        }
        // The verdict as a filter, then the chute view's line.
        try tmux.send("/")
        try tmux.send("-l", "saturation=any")
        try tmux.send("Enter")
        let filtered = try await tmux.waitFor(text: "filter: saturation=any")
        #expect(DashboardFlowTests.rows(filtered).map(\.name) == [Self.llama])
        try tmux.send("Enter")
        let detail = try await tmux.waitFor("the chute view's saturation line") { $0.contains("saturation: ") }
        let line = try #require(detail.split(separator: "\n").first { $0.contains("saturation: ") })
        #expect(line.contains("KV cache full") || line.contains("queue growing"), "\(line)")
        #expect(detail.contains("Tokens/s") && detail.contains("TTFT p95"))
        try tmux.send("q")
        try await TerminalLifecycleTests.expectCleanExit(tmux, status: 0)
    }
}
