import FleetEngine
import TestLanes
import TestSupport
import Testing
@testable import SessionRecording

/// A message written against its subject's previous one decodes to exactly its text, whatever
/// its numbers look like, and keeps only what changed.
@Suite(.lane(.compute)) struct MessageDeltaTests {
    func roundTrip(_ new: String, _ base: String) -> [UInt8] {
        let stored = MessageDelta.encode(.init(Array(new.utf8)), against: .init(Array(base.utf8)))
        #expect(MessageDelta.decode(stored[...], base: .init(Array(base.utf8))).map { String(decoding: $0, as: UTF8.self) } == new, "\(new) against \(base)")
        return stored
    }

    @Test func everyKindOfNumberComesBackExactly() {
        let base = #"{"a":1796020695,"b":0.25,"c":-3,"d":1e5,"e":"GPU-0045-i-1","f":[0,0,7],"g":12.5e-3}"#
        for new in [
            #"{"a":1796020700,"b":0.25,"c":-3,"d":1e5,"e":"GPU-0045-i-1","f":[0,0,7],"g":12.5e-3}"#,  // a counter grew
            #"{"a":1796020695,"b":0.5,"c":4,"d":2E+7,"e":"GPU-0046-i-2","f":[1,-0,7],"g":0}"#,  // floats, -0, leading zeros
            #"{"a":-9223372036854775808,"b":9223372036854775807,"c":-3,"d":1e5,"e":"x","f":[0,0,7],"g":1}"#,  // the integer limits
            #"{"a":1,"b":2}"#,  // another shape: stored whole
            base,
        ] {
            _ = roundTrip(new, base)
        }
        #expect(roundTrip(base, base) == Array("D,,,,,,,,,".utf8), "unchanged: one empty entry a number")
        #expect(roundTrip("no numbers", "no numbers") == Array("D".utf8))
        #expect(roundTrip("1200", "1197") == Array("D+3".utf8))
        #expect(roundTrip("12", "9") == Array("F12".utf8), "a delta no shorter than the text is not used")
        #expect(roundTrip("id 0070 n 5", "id 0060 n 5") == Array("D=0070,".utf8), "a token with a leading zero is kept as written")
    }

    @Test func aReadingsDeltaIsAFractionOfIt() throws {
        let messages = SyntheticSession.messages(seconds: 20)
        let encoder = SessionCoding.encoder()
        var deltas = DeltaEncoder(), readers = DeltaDecoder()
        var whole = 0, stored = 0
        for m in messages {
            let json = Array(try encoder.encode(m))
            let (subject, form) = deltas.encode(m, json: json)
            #expect(readers.decode(subject: subject, stored: form[...]) == json)
            guard subject != 0 else { continue }
            whole += json.count
            stored += form.count
        }
        #expect(stored * 3 < whole, "readings and listings: \(stored) bytes stored for \(whole) of JSON")
    }

    @Test func aDeltaThatDoesNotFitItsBaseIsRefused() {
        let base = Array(#"{"a":1,"b":2}"#.utf8)
        for bad in ["D+1", "D,,", "D+x,", "D*3,", "X{}", "", "D+9223372036854775807,"] {
            #expect(MessageDelta.decode(Array(bad.utf8)[...], base: .init(base)) == nil, "\(bad)")
        }
        #expect(MessageDelta.decode(Array("D,".utf8)[...], base: nil) == nil, "a delta with no message before it")
        var readers = DeltaDecoder()
        #expect(readers.decode(subject: 3, stored: Array("D+1".utf8)[...]) == nil)
    }
}
