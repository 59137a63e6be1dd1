import TestLanes
import Testing
@testable import Monitoring

/// Secrets never reach a line shown or audited: the action's own values, the value after a
/// scheme or a secret's name, and tokens shaped like keys; ordinary text is left alone.
@Suite(.lane(.compute)) struct SecretRedactorTests {
    @Test func knownValuesAndShapesAreRedacted() {
        let r = SecretRedactor(values: ["plain-secret-value", "ab"])
        #expect(r.redact("exit 0: got plain-secret-value twice: plain-secret-value") == "exit 0: got <redacted> twice: <redacted>")
        #expect(r.redact("Authorization: Bearer abc.def") == "Authorization: Bearer <redacted>")
        #expect(r.redact("HTTP 401 {\"error\": \"bad token\", \"token\": \"t0k\"}") == "HTTP 401 {\"error\": \"bad token\", \"token\": \"<redacted>\"}")
        #expect(r.redact("curl -H x-api-key:abc123 ?password=pw1") == "curl -H x-api-key:<redacted> ?password=<redacted>")
        #expect(r.redact("key cpk_0123456789abcdef.0123 used") == "key <redacted> used")
        #expect(r.redact("sk-proj-AAAAbbbbCCCC1234 and ghp_abcdefghijklmnop1234") == "<redacted> and <redacted>")
        #expect(r.redact("raw Zx9qLm2Pw8Rt4Yv6Bn1Kc3Jd5Hf7Gs0Aq") == "raw <redacted>")
    }

    @Test func ordinaryTextIsLeftAlone() {
        let r = SecretRedactor(values: ["ab"])  // too short to be redacted anywhere it appears
        let lines = ["HTTP 202", "POST http://127.0.0.1:9400/api/v1/chutes/llama-3.1-70b-instruct/scale",
                     "chute 5b1d2a3e-8c4f-5e61-9a7b-0c1d2e3f4a5b", "the token expired", "exit 1: about to abort",
                     "GPU-5fd4ab4c-1b2e-4c3d-9e8f-0a1b2c3d4e5f busy", "run kubectl rollout restart deploy/ab"]
        for line in lines { #expect(r.redact(line) == line) }
    }
}
