import TerminalUI
import TestLanes
import Testing

/// A line of parts that fits its width by saying less, least important first: each part's
/// short form, then parts left out, in order; what must stay is cut only when nothing else
/// can give way.
@Suite(.lane(.compute)) struct PartsLineTests {
    let parts: [PartsLine.Part] = [
        .init("chutetop", rank: 1),
        .init("staging"),
        .init("9 chutes (8 hot, 1 cold)", short: "9 chutes", rank: 4),
        .init("GPUs 24/26 busy", rank: 3),
        .init("! 3 firing"),
        .init("data 1s"),
    ]

    @Test func aWideLineSaysEverything() {
        #expect(PartsLine.fit(parts, separator: " | ", width: 200) == "chutetop | staging | 9 chutes (8 hot, 1 cold) | GPUs 24/26 busy | ! 3 firing | data 1s")
    }

    @Test func theLeastImportantGiveWayFirst() {
        // Short forms first (the whole line minus 16 columns of "(8 hot, 1 cold)").
        #expect(PartsLine.fit(parts, separator: " | ", width: 70) == "chutetop | staging | 9 chutes | GPUs 24/26 busy | ! 3 firing | data 1s")
        // Then parts left out, least important first, keeping the order of the rest.
        #expect(PartsLine.fit(parts, separator: " | ", width: 59) == "staging | 9 chutes | GPUs 24/26 busy | ! 3 firing | data 1s")
        #expect(PartsLine.fit(parts, separator: " | ", width: 41) == "staging | 9 chutes | ! 3 firing | data 1s")
        // The room GPUs left beyond what was needed takes back the program's name.
        #expect(PartsLine.fit(parts, separator: " | ", width: 55) == "chutetop | staging | 9 chutes | ! 3 firing | data 1s")
        #expect(PartsLine.fit(parts, separator: " | ", width: 30) == "staging | ! 3 firing | data 1s")
        // What is always kept is cut at the end when nothing else is left to give way.
        #expect(PartsLine.fit(parts, separator: " | ", width: 20) == "staging | ! 3 firin…")
    }

    /// What is always kept says its long form as long as anything else can give way: a failing
    /// source's error was cut to "source failing 2s" at 160 columns while the program's name
    /// was still there. And room left at the end takes back long forms, most important first.
    @Test func whatIsAlwaysKeptIsShortenedLast() {
        let parts: [PartsLine.Part] = [
            .init("chutetop", rank: 1),
            .init("staging"),
            .init("metrics source failing 2s: connection refused", short: "metrics source failing 2s"),
            .init("inst 15/16 ready", short: "15/16 ready", rank: 7),
            .init("data 1s"),
        ]
        #expect(PartsLine.fit(parts, separator: " | ", width: 95) == "chutetop | staging | metrics source failing 2s: connection refused | inst 15/16 ready | data 1s")
        #expect(PartsLine.fit(parts, separator: " | ", width: 90) == "chutetop | staging | metrics source failing 2s: connection refused | 15/16 ready | data 1s")
        #expect(PartsLine.fit(parts, separator: " | ", width: 80) == "staging | metrics source failing 2s: connection refused | 15/16 ready | data 1s")
        // Shortened, the error made room for the instances, and 5 columns more for their long form.
        #expect(PartsLine.fit(parts, separator: " | ", width: 64) == "staging | metrics source failing 2s | inst 15/16 ready | data 1s")
        #expect(PartsLine.fit(parts, separator: " | ", width: 60) == "staging | metrics source failing 2s | 15/16 ready | data 1s")
        #expect(PartsLine.fit(parts, separator: " | ", width: 0) == "")
        #expect(PartsLine.fit([], separator: " | ", width: 10) == "")
    }
}
