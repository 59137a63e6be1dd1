import Foundation
import Ingest
import Monitoring
import TestSupport
import TestLanes
import Testing

@Suite(.lane(.compute)) struct LogDecoderTests {
    @Test func jsonWithFieldAliases() {
        let e = LogDecoder.decode(#"{"ts":"2026-11-21T03:04:05.5Z","lvl":"warning","event":"slow","traceId":"abc","gpu":3,"ok":true}"#).entry
        #expect(e.time == 1_795_230_245.5)
        #expect(e.level == .warn)
        #expect(e.message == "slow")
        #expect(e.requestID == "abc")
        #expect(e.fields == [Label("gpu", "3"), Label("ok", "true")])
    }

    @Test(arguments: ["time", "timestamp", "ts", "@timestamp"])
    func everyTimeAlias(key: String) {
        #expect(LogDecoder.decode("{\"\(key)\":\"2026-11-21T00:00:00+01:00\",\"msg\":\"x\"}").entry.time == 1_795_215_600)
    }

    @Test func numericTimesInSecondsMillisecondsAndNanoseconds() {
        #expect(LogDecoder.decode(#"{"time":1795230245,"msg":"s"}"#).entry.time == 1_795_230_245)
        #expect(LogDecoder.decode(#"{"time":1795230245123,"msg":"ms"}"#).entry.time == 1_795_230_245.123)
        #expect(LogDecoder.decode(#"{"time":1795230245123456789,"msg":"ns"}"#).entry.time.map { abs($0 - 1_795_230_245.123) < 0.001 } == true)
    }

    /// The common shape (a flat object) is read without Foundation; every entry is the one the
    /// general path (JSONSerialization) makes of the same line, and what the fast path does not
    /// read (nested values, a lone surrogate, a number beyond 64 bits, broken JSON) still reads
    /// as before.
    @Test(arguments: [
        #"{"ts":"2026-11-21T03:04:05.5Z","lvl":"warning","event":"slow","traceId":"abc","gpu":3,"ok":true}"#,
        #"{ "msg" : "spaced" , "n" : -0 , "x" : null , "f" : false }"#,
        #"{"msg":"esc \" \\ \/ \b\f\n\r\t é \u00e9 \ud83d\ude00 end","a":"\u0041"}"#,
        #"{"msg":"numbers","a":1.50,"b":1e3,"c":2.5E-3,"d":12345678901234567890,"e":-7,"f":0.1,"g":1.0}"#,
        #"{"msg":"first","msg":"second","z":"1","a":"2","z":"3"}"#,
        #"{"time":1795230245123,"msg":"ms"}"#, #"{"ts":"not a time","time":1795230245,"msg":"s"}"#,
        #"{"msg":"nested","ctx":{"b":1,"a":[1,2]},"list":[true,null]}"#,
        #"{"msg":"lone \ud83d surrogate"}"#, #"{"msg":"big","n":123456789012345678901234567890}"#,
        #"{"msg":"trunc"#, #"{"msg":"raw"# + "\u{01}" + #"control"}"#, #"{"msg":"x",}"#, #"{"msg":"x"} tail"#,
        #"{"n":01}"#, #"{"n":1.}"#, #"{"n":-}"#, #"{"n":1e}"#, #"{"b":tru}"#, "{}", #"{"level":"ERROR","message":"m","request_id":"r-1"}"#,
        // Fractions of more than 15 digits, which Foundation keeps exactly (the fuzzer's find).
        #"{"dur":23333333333333333333333333333333.00,"a":1234567890123456.0,"b":9007199254740993.0,"c":123456789012345678.5}"#,
        #"{"a":1234567890123.25,"b":1.0e16,"c":1e15,"d":0.000001,"e":100.10,"f":12345678901234567.0e2}"#,
    ])
    func flatJSONReadsAsFoundationDoes(line: String) {
        let fast = LogDecoder.decode(line), general = LogDecoder.decode(line, flatJSONFastPath: false)
        #expect(fast.entry == general.entry)
        #expect((fast.problem == nil) == (general.problem == nil))
    }

    @Test func logfmt() {
        let e = LogDecoder.decode(#"time=2026-11-21T03:04:05Z level=error msg="engine dead: \"oom\"" request_id=r-9 gpu=2"#).entry
        #expect(e.level == .error)
        #expect(e.message == "engine dead: \"oom\"")
        #expect(e.requestID == "r-9")
        #expect(e.fields == [Label("gpu", "2")])
    }

    @Test func plainTextWithTimeAndLevel() {
        let e = LogDecoder.decode("2026-11-21T03:04:07Z WARNING engine step took 812 ms").entry
        #expect(e.level == .warn)
        #expect(e.time == 1_795_230_247)
        #expect(e.message == "engine step took 812 ms")
        #expect(LogDecoder.decode("just words here").entry.message == "just words here")
    }

    @Test func brokenJSONIsReportedAndKeptAsText() {
        let r = LogDecoder.decode(#"{"msg":"trunc"#)
        #expect(r.problem != nil)
        #expect(r.entry.message == #"{"msg":"trunc"#)
    }

    @Test func oneEntryStaysOneSafeLine() {
        let e = LogDecoder.decode(#"{"msg":"a\nb\u001b[31mred\u001b[0m \u202Eevil","request_id":"x\u001b]52;c;AA==\u0007"}"#).entry
        let line = LogLineFormat.line(e, instance: "i-1")
        #expect(line == "[i-1] --:--:--.---       a⏎bred evil req=x")
        #expect(!line.contains("\n") && !line.contains("\u{1B}"))
    }

    /// Found by the fuzzer: a huge leading number crashed the clock column.
    @Test func implausibleNumbersAreNotTimes() {
        let e = LogDecoder.decode("0" + String(repeating: "5", count: 300) + " x").entry
        #expect(e.time == nil)
        #expect(LogLineFormat.line(e).hasPrefix("--:--:--.---"))
        #expect(LogDecoder.decode("404 not found").entry.time == nil)
        #expect(LogDecoder.decode(#"{"time":1e300,"msg":"x"}"#).entry.time == nil)
        #expect(Timestamps.clock(.infinity) == "--:--:--.---")
        #expect(Timestamps.clock(1e300) == "--:--:--.---")
    }

    @Test func rfc3339Variants() {
        #expect(Timestamps.parse("2001-09-09T01:46:40Z") == 1_000_000_000)
        #expect(Timestamps.parse("1970-01-01T00:00:00Z") == nil)  // outside 2000-2100: not a log time
        #expect(Timestamps.parse("2000-02-29 12:00:00.25-02:30") == 951_834_600.25)
        #expect(Timestamps.parse("2026-13-01T00:00:00Z") == nil)
        #expect(Timestamps.parse("yesterday") == nil)
        #expect(Timestamps.clock(1_795_230_245.678) == "03:04:05.678")
        #expect(Timestamps.iso8601(1_795_230_245.678) == "2026-11-21T03:04:05.678Z")
        #expect(Timestamps.parse(Timestamps.iso8601(951_834_600.25)) == 951_834_600.25)
    }
}

@Suite(.lane(.compute)) struct ServerSentEventTests {
    @Test func framesDataEventIdRetryAndComments() {
        var d = ServerSentEventDecoder()
        let events = d.feed(Array(": hi\nevent: log\nid: 7\nretry: 1500\ndata: line one\ndata:line two\n\ndata: x\r\n\r\n".utf8))
        #expect(events == [ServerSentEvent(event: "log", data: "line one\nline two", id: "7"), ServerSentEvent(event: nil, data: "x", id: nil)])
        #expect(d.retryMilliseconds == 1500)
        #expect(d.lastEventID == "7")
        #expect(d.comments == 1)
    }

    @Test func eventsSplitAcrossChunksAndCRLineEndings() {
        var d = ServerSentEventDecoder()
        var all: [ServerSentEvent] = []
        for chunk in ["da", "ta: a", "b\r", "\r", "data: c\r\n", "\r\n"] { all += d.feed(Array(chunk.utf8)) }
        #expect(all.map(\.data) == ["ab", "c"])
    }

    /// Found by the fuzzer: the event cap counts bytes received, and invalid bytes are read as
    /// U+FFFD, three bytes of UTF-8 each, so a kept event's text may be up to three times the
    /// cap (still bounded); the harness had held the text itself to the cap.
    @Test func anEventWithinTheCapKeepsItsInvalidBytesReplaced() {
        var d = ServerSentEventDecoder(maxEventBytes: 16)
        let events = d.feed(Array("data: ".utf8) + [UInt8](repeating: 0xFF, count: 8) + [0x0A, 0x0A])
        #expect(events.map(\.data) == [String(repeating: "\u{FFFD}", count: 8)])
        #expect(events[0].data.utf8.count == 24 && d.oversizedEvents == 0)
    }

    @Test func emptyEventsAreNotDispatchedAndOversizedOnesAreDropped() {
        var d = ServerSentEventDecoder(maxEventBytes: 16)
        #expect(d.feed(Array("event: x\n\n".utf8)).isEmpty)
        let events = d.feed(Array("data: \(String(repeating: "z", count: 100))\n\ndata: ok\n\n".utf8))
        #expect(events.map(\.data) == ["ok"])
        #expect(d.oversizedEvents == 1)
    }

    @Test func chutesSidecarFrames() {
        func frame(_ data: String) -> ChutesLogFrame { ChutesLogFrame.decode(ServerSentEvent(event: nil, data: data, id: nil)) }
        #expect(frame(#"{"log": "hello"}"#) == .line("hello"))
        #expect(frame(#"{"event": "connected", "filename": "current"}"#) == .control(event: "connected", detail: "filename=current"))
        #expect(frame(#"{"event": "too_many_errors"}"#) == .control(event: "too_many_errors", detail: nil))
        #expect(frame(#"{"error": "gone"}"#) == .error("gone"))
        #expect(frame(".") == .keepAlive)
        #expect(frame("raw \u{1B}[31mtext") == .other("raw text"))
    }
}
