import Dashboard
import FleetEngine
import Hummingbird
import Monitoring
import Synchronization
import Testing
@testable import LiveServices

/// A chute that logs faster than the reader takes lines is held back by the connection, not
/// buffered: lines are read from the socket only as they are asked for. (The stream used to be
/// pumped into an unbounded buffer by a task of its own; the dashboard on a loopback flood grew
/// from 434 to 1,691 MiB in 20 s, Benchmarks/log-ingest.sh.)
@Suite struct LogBackpressureTests {
    /// Every byte the server managed to hand to the connection.
    final class Written: Sendable {
        let bytes = Atomic<Int>(0)
    }

    @Test func aFloodingStreamIsReadOnlyAsFastAsLinesAreTaken() async throws {
        let written = Written()
        let event = ByteBuffer(string: String(repeating: "data: {\"level\":\"info\",\"msg\":\"flood\"}\n\n", count: 1024))
        let router = Router()
        router.get("flood/logs") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/event-stream"], body: ResponseBody { writer in
                while !Task.isCancelled {
                    try await writer.write(event)
                    written.bytes.add(event.readableBytes, ordering: .relaxed)
                }
                try await writer.finish(nil)
            })
        }
        let server = try await LoopbackServer.start(router)
        defer { server.stop() }
        var settings = PollSettings()
        (settings.connectTimeout, settings.readTimeout) = (5, 20)
        let instance = DirectSourceConfig.Instance(id: "i-1", url: server.baseURL + "/flood")
        let source = try DirectSource(DirectSourceConfig(chutes: [.init(name: "chatty", instances: [instance])]), settings: settings)
        let inventory = FleetInventory(chutes: [.init(name: "chatty", instances: [.init(id: "i-1", baseURL: instance.url)])])
        var iterator = source.logs(of: InstanceKey(chute: "chatty", instance: "i-1"), in: inventory, backfill: 0).makeAsyncIterator()
        for _ in 0..<100 {
            let entry = try #require(try await iterator.next())
            #expect(entry.message == "flood")
        }
        // The reader holds the stream open and takes nothing for a while: a reader that ran
        // ahead would keep pulling the flood (hundreds of MiB a second on loopback); one that
        // reads on demand stops at what the socket buffers hold (tcp_rmem 32 MiB at most here,
        // plus the sender's 4 MiB).
        try await Task.sleep(for: .seconds(2))
        let bytes = written.bytes.load(ordering: .relaxed)
        #expect(bytes < 64 << 20, "the server handed \(bytes >> 20) MiB to a reader that took one line")
        _ = iterator
        await source.shutdown()
    }
}
