// In-process parser throughput: parses each file repeatedly (one reused parser, as the poller
// uses it) and prints the median time per parse, MB/s and samples/s.
//   swift build -c release --product ParserBenchmark
//   .build/release/ParserBenchmark FILE... [--seconds 3]
import Foundation
import Ingest

var files: [String] = []
var seconds = 3.0
var args = CommandLine.arguments.dropFirst()
while let a = args.popFirst() {
    if a == "--seconds", let v = args.popFirst().flatMap(Double.init) { seconds = v } else { files.append(a) }
}
guard !files.isEmpty else {
    print("usage: ParserBenchmark FILE... [--seconds S]")
    exit(2)
}
print("| file | bytes | samples | parses | median ms/parse | MB/s | samples/s |")
print("|---|---|---|---|---|---|---|")
for file in files {
    guard let data = FileManager.default.contents(atPath: file) else { print("cannot read \(file)"); exit(2) }
    let bytes = [UInt8](data)
    let parser = ExpositionParser()
    var samples = 0
    _ = parser.parse(bytes)  // warm-up (interns the strings, as a poller's second scrape would)
    var times: [Double] = []
    let clock = ContinuousClock()
    let budget = clock.now + .seconds(seconds)
    while times.count < 5 || clock.now < budget {
        let start = clock.now
        let page = parser.parse(bytes)
        let d = clock.now - start
        samples = page.samples.count
        times.append(Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
    }
    times.sort()
    let median = times[times.count / 2]
    let name = (file as NSString).lastPathComponent
    print(String(format: "| %@ | %d | %d | %d | %.3f | %.1f | %.0f |", name, bytes.count, samples, times.count,
                 median * 1000, Double(bytes.count) / median / 1e6, Double(samples) / median))
}
