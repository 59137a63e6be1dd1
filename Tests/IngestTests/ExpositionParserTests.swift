import Ingest
import Monitoring
import TestLanes
import Testing

@Suite(.lane(.compute)) struct ExpositionParserTests {
    func text(_ s: String, strict: Bool = false) -> ExpositionPage {
        ExpositionParser(options: .init(format: .text, strict: strict)).parse(Array(s.utf8))
    }

    func om(_ s: String, strict: Bool = true) -> ExpositionPage {
        ExpositionParser(options: .init(format: .openMetrics, strict: strict)).parse(Array(s.utf8))
    }

    @Test func textBasics() {
        let page = text("""
            # HELP http_requests_total Requests.\\nSecond line \\\\ and \\" kept
            # TYPE http_requests_total counter
            http_requests_total{method="GET",code="200"} 1027 1395066363000
            http_requests_total{code="400",method="POST"} 3 -5
            vllm:num_requests_running{model_name="llama"} 4
            """ + "\n")
        #expect(page.issues.isEmpty)
        #expect(page.samples.count == 3)
        let s = page.samples[0]
        #expect(s.labels == [Label("code", "200"), Label("method", "GET")])
        #expect(s.timestamp == .milliseconds(1_395_066_363_000))
        #expect(page.samples[1].labels.map(\.name) == ["code", "method"])
        #expect(page.samples[1].timestamp?.milliseconds == -5)
        #expect(page.samples[2].name == "vllm:num_requests_running")
        #expect(page.families[page.samples[0].family].type == .counter)
        #expect(page.families[0].help == "Requests.\nSecond line \\ and \\\" kept")
    }

    @Test func textToleratesWhitespaceAndTrailingCommas() {
        let page = text("metric { quantile = \"0.9\" , a=\"b\", }\t 1.5  \n\t# random comment\n\nother\t2\n")
        #expect(page.issues.isEmpty, "\(page.issues)")
        #expect(page.samples.map(\.value) == [1.5, 2])
        #expect(page.samples[0].labels == [Label("a", "b"), Label("quantile", "0.9")])
    }

    @Test func missingFinalNewlineIsFine() {
        #expect(text("a 1\nb 2").samples.count == 2)
    }

    @Test func hashBracesAndEscapesInsideLabelValues() {
        let page = text(#"a{x="foo # bar",y="b{a}z",z="q\"uo\\te\nnl",u="keep \z"} 1"# + "\n")
        #expect(page.issues.isEmpty)
        #expect(page.samples[0].labels == [Label("u", "keep \\z"), Label("x", "foo # bar"), Label("y", "b{a}z"), Label("z", "q\"uo\\te\nnl")])
    }

    @Test(arguments: ["0x10", "0x1p-3", "1_000", "nan(0x1)", "1.7976931348623157e309", "1e", "--1", "+", ".", "1.2.3", "Infinit", "NaNa", "１"])
    func rejectsValuesOutsideTheGrammar(value: String) {
        let page = text("a \(value)\n")
        #expect(page.samples.isEmpty)
        #expect(page.issues.count == 1)
        #expect(page.issues.first?.message.hasPrefix("invalid value") == true)
    }

    @Test(arguments: [("NaN", Double.nan), ("+Inf", .infinity), ("-Inf", -.infinity), ("infinity", .infinity), ("-INFINITY", -.infinity),
                      ("1e3", 1000), ("-0.5", -0.5), (".5", 0.5), ("5.", 5), ("0000012", 12), ("1E-2", 0.01),
                      ("9223372036854775794", 9.223372036854775794e18), ("12345678901234567890.1234567890", 12345678901234567890.123456789),
                      ("2.2250738585072014e-308", 2.2250738585072014e-308), ("0.1", 0.1), ("3.0000000000000004", 3.0000000000000004)])
    func acceptsEverySpellingTheFormatsAllow(value: String, expected: Double) {
        let page = text("a \(value)\n")
        #expect(page.issues.isEmpty)
        let v = page.samples.first?.value ?? 0
        #expect(expected.isNaN ? v.isNaN : v == expected)
    }

    @Test func openMetricsGivesNaNNoSign() {
        #expect(!om("a +NaN\n# EOF\n", strict: false).issues.isEmpty)
        #expect(om("a NaN\n# EOF\n", strict: false).issues.isEmpty)
    }

    @Test func aBadLineIsSkippedAndReportedAndParsingResumes() {
        let page = text("a 1\nb{x=\"1} 2\nc oops\nd 4\n")
        #expect(page.samples.map(\.name) == ["a", "d"])
        #expect(page.issues.map(\.line) == [2, 3])
        #expect(page.issues[1].message == "invalid value 'oops'")
    }

    @Test func controlCharactersInErrorsAreMadeSafe() {
        let page = text("a \u{1B}]52;c;x\u{07}\n")
        #expect(page.issues.first?.message.contains("\u{1B}") == false)
    }

    @Test func duplicateSeriesFirstWinsAndIsFlagged() {
        let page = text("a{x=\"1\"} 1\na{x=\"2\"} 2\na{x=\"1\"} 3\n")
        #expect(page.samples.map(\.value) == [1, 2])
        #expect(page.duplicateCount == 1)
        #expect(page.issues.first?.line == 3)
        #expect(page.issues.first?.message.contains("first seen on line 1") == true)
    }

    @Test func labelOrderDoesNotMakeADifferentSeries() {
        let page = text("a{x=\"1\",y=\"2\"} 1\na{y=\"2\",x=\"1\"} 3\n")
        #expect(page.samples.count == 1)
        #expect(page.duplicateCount == 1)
    }

    @Test func duplicateLabelNamesAreErrors() {
        #expect(text("a{x=\"1\",x=\"2\"} 1\n").issues.first?.message == "duplicate label x")
    }

    @Test func timestampUnits() {
        #expect(text("a 1 1700000000123\n").samples[0].timestamp?.milliseconds == 1_700_000_000_123)
        #expect(!text("a 1 1.5\n").issues.isEmpty)
        let o = om("a 1 1700000000.123\n# EOF\n")
        #expect(o.samples[0].timestamp == .seconds(1_700_000_000.123))
        #expect(o.samples[0].timestamp?.milliseconds == 1_700_000_000_123)
    }

    @Test func createdSamplesAreStampsNotMetrics() {
        let o = om("# TYPE req counter\nreq_total{a=\"1\"} 5\nreq_created{a=\"1\"} 1700000000.5\n# EOF\n")
        #expect(o.issues.isEmpty)
        #expect(o.samples.map(\.name) == ["req_total"])
        #expect(o.created == [.init(family: "req", labels: [Label("a", "1")], created: 1_700_000_000.5)])
        // prometheus_client (vLLM) writes _created as a gauge family of its own in text format.
        let t = text("# TYPE vllm:req_total counter\nvllm:req_total 5\n# TYPE vllm:req_created gauge\nvllm:req_created 1.7e9\n")
        #expect(t.samples.map(\.name) == ["vllm:req_total"])
        #expect(t.created.first?.created == 1.7e9)
    }

    @Test func invalidUTF8InALabelValueIsAnError() {
        var bytes = Array("a{x=\"".utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array("\"} 1\nb 2\n".utf8)
        let page = ExpositionParser(options: .init(format: .text)).parse(bytes)
        #expect(page.samples.map(\.name) == ["b"])
        #expect(page.issues.first?.message.contains("UTF-8") == true)
    }

    @Test func nullBytesAreAllowedInHelpAndLabelValues() {
        let page = text("# HELP a he\u{0}lp\na{x=\"a\u{0}b\"} 1\n")
        #expect(page.issues.isEmpty)
        #expect(page.samples[0].labels[0].value == "a\u{0}b")
    }

    @Test func exemplarsOnlyInOpenMetrics() {
        #expect(text("a_total 1 # {t=\"x\"} 1\n").issues.first?.message == "exemplars are only allowed in OpenMetrics")
        let o = om("# TYPE a counter\na_total 1 # {t=\"x\"} 1 1.5\n# EOF\n")
        #expect(o.issues.isEmpty)
        #expect(o.samples.count == 1)
        #expect(o.exemplarCount == 1)
    }

    @Test func inputSizeCap() {
        let page = ExpositionParser(options: .init(maxBytes: 10)).parse(Array("a 1\nb 2\nc 3\n".utf8))
        #expect(page.samples.isEmpty)
        #expect(page.issues.first?.message.contains("over the 10-byte limit") == true)
    }

    @Test func formatDetection() {
        let omBody = Array("a 1\n# EOF\n".utf8)
        #expect(ExpositionParser().parse(omBody).format == .openMetrics)
        #expect(ExpositionParser().parse(Array("a 1\n".utf8)).format == .text)
        #expect(ExpositionParser().parse(omBody, contentType: "text/plain; version=0.0.4").format == .text)
        #expect(ExpositionParser().parse(Array("a 1\n".utf8), contentType: "application/openmetrics-text; version=1.0.0").format == .openMetrics)
        #expect(ExpositionParser().parse(Array("a 1\n".utf8), contentType: "application/openmetrics-text").issues.first?.message.contains("# EOF") == true)
    }

    @Test func aReusedParserKeepsWorking() {
        let parser = ExpositionParser()
        for i in 0..<3 {
            let page = parser.parse(Array("a{pod=\"p\(i)\"} \(i)\nb 2\n".utf8))
            #expect(page.samples.map(\.value) == [Double(i), 2])
            #expect(page.samples[0].labels == [Label("pod", "p\(i)")])
        }
    }

    @Test func metricNamesAndLabelNamesAreChecked() {
        #expect(!text("0a 1\n").issues.isEmpty)
        #expect(!text("a-b 1\n").issues.isEmpty)
        #expect(!text("a{1=\"x\"} 1\n").issues.isEmpty)
        #expect(!text("a{a:b=\"x\"} 1\n").issues.isEmpty)
        #expect(text("a:b:c 1\n").issues.isEmpty)
    }
}
