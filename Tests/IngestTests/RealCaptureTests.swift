import Ingest
import Monitoring
import TestSupport
import TestLanes
import Testing

/// Every real capture in ../shared/corpus parses with zero errors and the expected number of
/// samples. The expected counts are the files' sample lines (non-comment, non-blank lines, as
/// `grep -v '^#' FILE | grep -cv '^$'` counts them), less the `_created` lines, which are
/// creation stamps rather than samples.
@Suite(.lane(.compute), .enabled(if: SharedCorpus.shouldRun, "../shared/corpus is not present"))
struct RealCaptureTests {
    @Test(arguments: [
        ("node_exporter.e2e-output.txt", 3027, 0, ExpositionPage.Format.text),
        ("nvidia_gpu_exporter.h100-80gb-hbm3.load.metrics", 138, 0, .text),
        ("nvidia_gpu_exporter.h100-mig.load.metrics", 128, 0, .text),
        ("prometheus-openmetrics.1histogram.om.txt", 42, 0, .openMetrics),
        ("prometheus-openmetrics.alltypes.5mfs.om.txt", 44, 9, .openMetrics),
        ("prometheus-selfmetrics.alltypes.237mfs.prom.txt", 1857, 0, .text),
    ])
    func captureParsesCleanly(file: String, samples: Int, created: Int, format: ExpositionPage.Format) throws {
        let page = ExpositionParser().parse(try SharedCorpus.bytes(file))
        #expect(page.issues.isEmpty, "\(page.issues.prefix(5))")
        #expect(page.samples.count == samples)
        #expect(page.created.count == created)
        #expect(page.format == format)
        #expect(page.duplicateCount == 0)
    }

    /// (alltypes.5mfs is Prometheus' parser test data and has negative sums on purpose, which
    /// strict OpenMetrics forbids; it parses with zero errors in the normal mode above.)
    @Test func histogramCaptureIsStrictOpenMetrics() throws {
        for file in ["prometheus-openmetrics.1histogram.om.txt"] {
            let page = ExpositionParser(options: .init(format: .openMetrics, strict: true)).parse(try SharedCorpus.bytes(file))
            #expect(page.issues.isEmpty, "\(file): \(page.issues.prefix(3))")
        }
    }

    @Test func selfMetricsFamiliesAndNaNQuantiles() throws {
        let page = ExpositionParser().parse(try SharedCorpus.bytes("prometheus-selfmetrics.alltypes.237mfs.prom.txt"))
        #expect(page.families.filter { $0.type != .unknown }.count == 237)
        #expect(page.samples.filter { $0.value.isNaN }.count == 12)
        #expect(page.families.first { $0.name == "go_gc_duration_seconds" }?.type == .summary)
    }

    @Test func gpuExporterValuesAndLabels() throws {
        let page = ExpositionParser().parse(try SharedCorpus.bytes("nvidia_gpu_exporter.h100-80gb-hbm3.load.metrics"))
        let util = page.samples.first { $0.name == "nvidia_smi_utilization_gpu_ratio" }
        #expect(util != nil)
        #expect(util?.label("uuid") != nil)
        #expect((0...1).contains(util?.value ?? -1))
    }

    @Test func exemplarsAreKeptOutOfTheWay() throws {
        let page = ExpositionParser().parse(try SharedCorpus.bytes("prometheus-openmetrics.alltypes.5mfs.om.txt"))
        #expect(page.exemplarCount > 0)
        #expect(page.samples.allSatisfy { !$0.name.hasSuffix("_created") })
    }
}
