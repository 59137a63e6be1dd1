import TestLanes
import Testing
@testable import Monitoring

/// GPU figures from DCGM and nvidia_gpu_exporter names; breakers from one-hot and numeric gauges.
@Suite(.lane(.compute)) struct GPUAndBreakerTests {
    func s(_ name: String, _ labels: [(String, String)], _ v: Double) -> MetricSample {
        MetricSample(name: name, labels: labels.map { Label($0.0, $0.1) }.sorted(), value: v)
    }

    @Test func dcgmGPUsWithMemoryTotalFromUsedFreeReserved() {
        let gpu0: [(String, String)] = [("gpu", "0"), ("UUID", "GPU-a"), ("modelName", "NVIDIA H100 80GB HBM3")]
        let gpu1: [(String, String)] = [("gpu", "1"), ("UUID", "GPU-b"), ("modelName", "NVIDIA H100 80GB HBM3")]
        let readings = GPUReading.readings(from: [
            s("DCGM_FI_DEV_GPU_UTIL", gpu0, 90), s("DCGM_FI_DEV_GPU_UTIL", gpu1, 50),
            s("DCGM_FI_DEV_FB_USED", gpu0, 1000), s("DCGM_FI_DEV_FB_FREE", gpu0, 3000), s("DCGM_FI_DEV_FB_RESERVED", gpu0, 96),
            s("DCGM_FI_DEV_GPU_TEMP", gpu0, 70), s("DCGM_FI_DEV_GPU_TEMP", gpu1, 60),
            s("DCGM_FI_DEV_POWER_USAGE", gpu0, 500), s("DCGM_FI_DEV_POWER_USAGE", gpu1, 300),
        ])
        #expect(readings.map(\.id) == ["GPU-a", "GPU-b"])
        #expect(readings[0].memoryUsedBytes == 1000.0 * 1_048_576)
        #expect(readings[0].memoryTotalBytes == 4096.0 * 1_048_576)
        #expect(readings[0].model == "NVIDIA H100 80GB HBM3")
        let summary = GPUSummary(readings)
        #expect(summary.meanUtilization == 70)
        #expect(summary.maxUtilization == 90)
        #expect(summary.maxTemperatureCelsius == 70)
        #expect(summary.powerWatts == 800)
    }

    @Test func nvidiaSMINamesInRatioAndBytesAndMIGRows() {
        let u: [(String, String)] = [("uuid", "GPU-c")]
        let readings = GPUReading.readings(from: [
            s("nvidia_smi_gpu_info", [("uuid", "GPU-c"), ("name", "NVIDIA L4")], 1),
            s("nvidia_smi_utilization_gpu_ratio", u, 0.25),
            s("nvidia_smi_memory_used_bytes", u, 2e9), s("nvidia_smi_memory_total_bytes", u, 24e9),
            s("nvidia_smi_temperature_gpu", u, 55), s("nvidia_smi_power_draw_watts", u, 40),
            s("DCGM_FI_DEV_GPU_UTIL", [("gpu", "0"), ("UUID", "GPU-m"), ("GPU_I_ID", "3")], 12),
        ])
        #expect(readings.count == 2)
        #expect(readings[0] == GPUReading(id: "GPU-c", model: "NVIDIA L4", utilization: 25, memoryUsedBytes: 2e9, memoryTotalBytes: 24e9,
                                          temperatureCelsius: 55, powerWatts: 40))
        #expect(readings[1].id == "GPU-m/mig3")
    }

    @Test func oneHotBreakersWithMinusOneFailureRates() {
        let samples = ["closed", "open", "half_open", "disabled", "forced_open", "metrics_only"].flatMap { state in
            [s("resilience4j_circuitbreaker_state", [("name", "db"), ("state", state)], state == "open" ? 1 : 0),
             s("resilience4j_circuitbreaker_state", [("name", "cache"), ("state", state)], state == "closed" ? 1 : 0)]
        } + [s("resilience4j_circuitbreaker_failure_rate", [("name", "db")], 62.5),
             s("resilience4j_circuitbreaker_failure_rate", [("name", "cache")], -1)]
        let b = BreakerReading.readings(from: samples, names: .standard)
        #expect(b == [BreakerReading(name: "db", state: .open, failureRate: 62.5), BreakerReading(name: "cache", state: .closed, failureRate: nil)])
    }

    @Test func oneHotWithoutExactlyOneCurrentStateIsLeftOut() {
        let samples = [s("circuit_breaker_state", [("upstream", "kv"), ("state", "open")], 1),
                       s("circuit_breaker_state", [("upstream", "kv"), ("state", "half-open")], 1),
                       s("circuit_breaker_state", [("upstream", "tok"), ("state", "halfOpen")], 1)]
        #expect(BreakerReading.readings(from: samples, names: .standard) == [BreakerReading(name: "tok", state: .halfOpen)])
    }

    @Test func aNumericStateGaugeWithItsMapping() {
        var names = MetricNames.standard
        names.breakerNumericGauge = "breaker_state"
        names.breakerNumericStates = [0: .closed, 1: .open, 2: .halfOpen]
        let b = BreakerReading.readings(from: [s("breaker_state", [("name", "a")], 2), s("breaker_state", [("name", "b")], 7)], names: names)
        #expect(b == [BreakerReading(name: "a", state: .halfOpen)])
    }
}
