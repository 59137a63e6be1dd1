import Foundation
import Hummingbird
import Logging

// Serves one exposition file as N scrape targets (`/targets/{n}/metrics`, n = 1...N) on one
// loopback port, for the engine benchmark (BENCHMARKS.md): chutetop and a real Prometheus
// scrape the same targets in the same run. Each target also answers `/health` and `/ready`
// (pass) and `/logs`: a log stream (server-sent events of JSON lines, 4,096 distinct lines
// repeated) sent as fast as the reader takes it, for the log-ingest benchmark. `/stats` says how
// the targets were scraped since the last `/stats/reset` (`ScrapeGaps`), for the soak.
//   BenchTargets FILE COUNT PORT
let arguments = CommandLine.arguments
guard arguments.count == 4, let count = Int(arguments[2]), let port = Int(arguments[3]),
      let page = FileManager.default.contents(atPath: arguments[1]) else {
    FileHandle.standardError.write(Data("usage: BenchTargets FILE COUNT PORT\n".utf8))
    exit(2)
}
let body = ByteBuffer(bytes: page)
let logEvents = ByteBuffer(bytes: Array(BenchLogLines.events(4096).utf8))
let gaps = ScrapeGaps(count: count)
let router = Router()
router.get("targets/:n/metrics") { _, context in
    guard let n = context.parameters.get("n", as: Int.self), (1...count).contains(n) else { return Response(status: .notFound) }
    gaps.scraped(n)
    return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"], body: ResponseBody(byteBuffer: body))
}
for probe in ["health", "ready"] {
    router.get("targets/:n/\(probe)") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"status":"pass"}"#)))
    }
}
router.get("targets/:n/logs") { _, _ in
    Response(status: .ok, headers: [.contentType: "text/event-stream"], body: ResponseBody { writer in
        while !Task.isCancelled {
            var offset = 0
            while offset < logEvents.readableBytes {
                let length = min(65536, logEvents.readableBytes - offset)
                try await writer.write(logEvents.getSlice(at: offset, length: length)!)
                offset += length
            }
        }
        try await writer.finish(nil)
    })
}
router.get("stats") { _, _ in
    Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: gaps.json)))
}
router.post("stats/reset") { _, _ in
    gaps.reset()
    return Response(status: .noContent)
}
var logger = Logger(label: "bench-targets")
logger.logLevel = .error
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
