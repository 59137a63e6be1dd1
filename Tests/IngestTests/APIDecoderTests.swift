import Foundation
import Ingest
import Monitoring
import TestSupport
import Testing

@Suite struct APIDecoderTests {
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
}
