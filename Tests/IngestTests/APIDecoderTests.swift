import Foundation
import Ingest
import Monitoring
import TestSupport
import TestLanes
import Testing

@Suite(.lane(.compute)) struct APIDecoderTests {
    func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: BuildProducts.packageRoot().appendingPathComponent("Fixtures/api/\(name)"))
    }

    @Test func chuteListToleratesNullsUnknownFieldsAndOddTypes() throws {
        let page = try ChutesAPI.chutePage(try fixture("chutes-list.json"))
        #expect(page.total == 3)
        #expect(page.items.map(\.name) == ["llama-3.1-70b-instruct", "sdxl-turbo", "whisper-large-v3"])
        let llama = page.items[0]
        #expect(llama.gpuCount == 8)
        #expect(llama.maxInstances == 8)
        #expect(llama.scalingThreshold == 0.75)
        #expect(llama.instances.map(\.active) == [true, false])
        #expect(llama.instances[1].lastVerifiedAt == nil)
        #expect(page.items[1].maxInstances == nil)
        #expect(page.items[1].tagline == nil)
        #expect(page.items[2].gpuCount == 1)  // "1" as a string
        #expect(page.items[2].supportedGPUs == ["a10"])
    }

    @Test func controlAPIInstancesSayWhenTheyStarted() throws {
        let body = Array(#"[{"name": "llm", "instances": [{"id": "i-1", "phase": "starting", "started_at": 1795334400.5},"#.utf8)
            + Array(#"{"id": "i-2", "phase": "ready", "started_at": "2026-11-30T00:00:00Z"}, {"id": "i-3"}]}]"#.utf8)
        let chute = try #require(try ControlAPI.chutes(body).first)
        #expect(chute.instances.map(\.startedAt) == [1_795_334_400.5, 1_795_996_800, nil])
        #expect(chute.instances[0].phase == "starting")
    }

    @Test func chuteDetail() throws {
        let chute = try ChutesAPI.chute(try fixture("chute-detail.json"))
        #expect(chute.chuteID == "5b1d2a3e-8c4f-5e61-9a7b-0c1d2e3f4a5b")
        #expect(chute.hot == true)
        #expect(chute.concurrency == 64)
    }

    @Test func utilisationRowsSkipWhatDoesNotDecode() throws {
        let rows = try ChutesAPI.utilization(try fixture("utilization.json"))
        #expect(rows.count == 2)
        #expect(rows[0].targetCount == 8)
        #expect(rows[0].activeInstanceCount == 7)
        #expect(rows[0].actionTaken == "scale_up_candidate")
        #expect(rows[1].utilizationCurrent == nil)
        #expect(rows[1].utilization5m == 0.05)
    }

    @Test func quickWarmup() throws {
        let w = try ChutesAPI.quickWarmup(try fixture("warmup-quick.json"))
        #expect(w.status == "cold")
        #expect(w.instances.first?.gpuModel == "h100_sxm")
        #expect(w.instances.first?.gpuCount == 8)
    }

    @Test func prometheusVectorWithNaNAndInfStrings() throws {
        let reply = try PrometheusAPI.decode(try fixture("prometheus-vector.json"))
        guard case .vector(let series) = reply.result else { Issue.record("not a vector"); return }
        #expect(series.count == 3)
        #expect(series[0].labels == [Label("chute", "llama-3.1-70b-instruct"), Label("job", "chutes")])
        #expect(series[0].points == [.init(time: 1_763_694_000.123, value: 412.5)])
        #expect(series[1].points[0].value.isNaN)
        #expect(series[2].points[0].value == .infinity)
        #expect(reply.warnings.count == 1)
    }

    @Test func prometheusMatrixScalarAndError() throws {
        guard case .matrix(let m) = try PrometheusAPI.decode(try fixture("prometheus-matrix.json")).result else { Issue.record("not a matrix"); return }
        #expect(m[0].points.map(\.value) == [1, 1, 0])
        #expect(m[1].points.isEmpty)
        guard case .scalar(let p) = try PrometheusAPI.decode(try fixture("prometheus-scalar.json")).result else { Issue.record("not a scalar"); return }
        #expect(p.value == -.infinity)
        #expect(throws: PrometheusAPI.Failure(errorType: "bad_data", message: "invalid parameter \"query\": 1:6: parse error: unexpected end of input")) {
            try PrometheusAPI.decode(try fixture("prometheus-error.json"))
        }
        #expect(throws: PrometheusAPI.Failure.self) { try PrometheusAPI.decode(Data("<html>502</html>".utf8)) }
    }

    /// The byte-level reader against what a JSON parser would make of the same bodies: escapes
    /// and surrogate pairs, whitespace and key order, unknown keys skipped, hostile text
    /// sanitised, and every kind of broken body a failure rather than a partial answer.
    @Test func prometheusRepliesReadFromBytes() throws {
        let body = """
            { "data" : { "result" : [ { "value" : [ 1.5 , "7" ] , "metric" : { "z" : "a\\"b\\u00e9\\ud83d\\ude00" , "__name__" : "up" , "evil" : "\\u001b[2Jx" } , "extra" : {"k": [1, true, null]} } ] , "resultType" : "vector" } ,
              "status" : "success", "infos": ["i"], "warnings" : [ "w\\nx" ] }
            """
        let reply = try PrometheusAPI.decode(Data(body.utf8))
        guard case .vector(let series) = reply.result else { Issue.record("not a vector"); return }
        #expect(series.count == 1 && series[0].points == [.init(time: 1.5, value: 7)])
        #expect(series[0].labels.map(\.name) == ["__name__", "evil", "z"])
        #expect(series[0].labels[2].value == "a\"bé😀")
        #expect(!series[0].labels[1].value.contains("\u{1B}"), "escape sequences never reach the terminal")
        #expect(reply.warnings.count == 1 && !reply.warnings[0].contains("\n"))
        for broken in [#"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"2"]}"#,
                       #"{"status":"success","data":{"resultType":"vector","result":[]}} trailing"#,
                       #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":"b}}]}}"#, "", "[]"] {
            #expect(throws: PrometheusAPI.Failure.self, "\(broken)") { try PrometheusAPI.decode(Data(broken.utf8)) }
        }
        guard case .string(_, let text) = try PrometheusAPI.decode(Data(#"{"status":"success","data":{"resultType":"string","result":[3,"hi"]}}"#.utf8)).result else {
            Issue.record("not a string"); return
        }
        #expect(text == "hi")
    }

    /// A high surrogate escape followed by an escape that is not a low surrogate (the fuzzer's
    /// find: `\uDaed\uDaed` trapped on an overflow) reads as U+FFFD, never a crash; a lone low
    /// surrogate too; a proper pair is one character.
    @Test func brokenSurrogatePairsAreReplacementCharacters() throws {
        let crashed = Data(base64Encoded: "BnsiXHVEYWVkXHVEYWVkXHVmZmZmZmZ1ZmZmZmZmZmw=")!.dropFirst()
        #expect(throws: PrometheusAPI.Failure.self) { try PrometheusAPI.decode(crashed) }
        for (escaped, read) in [(#"\uDaed\uDaed"#, "\u{FFFD}\u{FFFD}"), (#"\ud83d\u0041"#, "\u{FFFD}A"), (#"\ude00x"#, "\u{FFFD}x"),
                                (#"\ud83d\ude00"#, "😀"), (#"\ud83d"#, "\u{FFFD}")] {
            let body = #"{"status":"success","data":{"resultType":"string","result":[3,"\#(escaped)"]}}"#
            guard case .string(_, let text) = try PrometheusAPI.decode(Data(body.utf8)).result else { Issue.record("not a string: \(escaped)"); continue }
            #expect(text == read, "\(escaped)")
        }
    }
}
