import Foundation
import TestSupport
import TestLanes
import Testing

/// `chutetop parse …` as a command-line contract: output shapes and exit codes 0 / 1 / 2.
@Suite(.lane(.live)) struct ParseCommandTests {
    func chutetop(_ args: [String], stdin: String? = nil) throws -> ChildProcess.Result {
        var argv = [try BuildProducts.executable("chutetop")] + args
        if let stdin {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("chutetop-stdin-\(UUID().uuidString)").path
            try stdin.write(toFile: path, atomically: true, encoding: .utf8)
            argv = ["/bin/sh", "-c", "exec \"$0\" \"$@\" < '\(path)'"] + argv
        }
        return try ChildProcess.run(argv, environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"])
    }

    func fixture(_ path: String) -> String { BuildProducts.packageRoot().appendingPathComponent("Fixtures/\(path)").path }

    @Test func metricsJSONContract() throws {
        let r = try chutetop(["parse", "metrics", "--json", "-"],
                             stdin: "# TYPE a gauge\na{x=\"1\"} NaN 1700000000000\nb +Inf\nc{q=\"\\\"\"} -2.5e-3\n")
        #expect(r.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let samples = object?["samples"] as? [[String: Any]]
        #expect(samples?.count == 3)
        #expect(samples?[0]["value"] as? String == "NaN")
        #expect((samples?[0]["timestamp_ms"] as? NSNumber)?.int64Value == 1_700_000_000_000)
        #expect(samples?[1]["value"] as? String == "+Inf")
        #expect(samples?[1]["timestamp_ms"] == nil)
        #expect((samples?[2]["value"] as? NSNumber)?.doubleValue == -0.0025)
        #expect((samples?[2]["labels"] as? [String: String])?["q"] == "\"")
        #expect((object?["errors"] as? [Any])?.isEmpty == true)
    }

    @Test func metricsWithErrorsExit1AndKeepWhatWasRecovered() throws {
        let r = try chutetop(["parse", "metrics", "--json", "-"], stdin: "a 1\nb 0x10\nc 3\n")
        #expect(r.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect((object?["samples"] as? [Any])?.count == 2)
        let errors = object?["errors"] as? [[String: Any]]
        #expect(errors?.first?["line"] as? Int == 2)
        #expect(errors?.first?["message"] as? String == "invalid value '0x10'")
    }

    @Test func usageAndIOErrorsExit2() throws {
        #expect(try chutetop(["parse", "metrics", "/nonexistent/file"]).status == 2)
        #expect(try chutetop(["parse", "metrics", "--format", "yaml", "-"], stdin: "").status == 2)
        #expect(try chutetop(["parse", "health", "--status", "abc", "-"], stdin: "").status == 2)
    }

    @Test func healthContract() throws {
        let r = try chutetop(["parse", "health", "--status", "200", "--json", fixture("health/project-ready.json")])
        #expect(r.status == 0)
        #expect(r.stdout == #"{"status":"pass","checks":[{"name":"cache","status":"warn","message":null},{"name":"database","status":"pass","message":null},{"name":"upstream-model","status":"fail","message":"connection refused"}]}"# + "\n")
        let html = try chutetop(["parse", "health", "--status", "502", "--json", fixture("health/nginx-502.html")])
        #expect(html.status == 1)
        #expect(html.stdout.hasPrefix(#"{"status":"fail","checks":[]"#))
    }

    @Test func logsPrintExactlyWhatTheDashboardShows() throws {
        let r = try chutetop(["parse", "logs", fixture("logs/mixed.log")])
        #expect(r.status == 1)  // the last line is truncated JSON
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 7)
        #expect(lines[0] == "03:04:05.678 INFO  request done req=req-7f3a duration_ms=41.2 status=200")
        #expect(lines[1] == "03:04:05.123 ERROR CUDA out of memory⏎Tried to allocate 2.00 GiB req=4bf92f3577b34da6")
        #expect(!r.stdout.contains("\u{1B}") && !r.stdout.contains("\u{202E}"))
        #expect(r.stderr.contains(":6: line looks like JSON"))
        let sse = try chutetop(["parse", "logs", fixture("logs/sidecar.sse")])
        #expect(sse.status == 0)
        #expect(sse.stdout.contains("03:04:05.000 ERROR engine dead req=r-1"))
        #expect(sse.stdout.contains("[stream] connected filename=current"))
    }
}
