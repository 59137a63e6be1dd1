/// The scenario files in Fixtures/scenarios, embedded at build time.
public enum BuiltinScenarioFiles {
    /// (name, UTF-8 text).
    public static let all: [(name: String, text: String)] = [
        ("steady", String(decoding: PackageResources.steady_scenario, as: UTF8.self)),
        ("error-spike", String(decoding: PackageResources.error_spike_scenario, as: UTF8.self)),
        ("breaker-trip", String(decoding: PackageResources.breaker_trip_scenario, as: UTF8.self)),
        ("gpu-saturation", String(decoding: PackageResources.gpu_saturation_scenario, as: UTF8.self)),
        ("cold-start", String(decoding: PackageResources.cold_start_scenario, as: UTF8.self)),
        ("crash-loop", String(decoding: PackageResources.crash_loop_scenario, as: UTF8.self)),
        ("noisy-logs", String(decoding: PackageResources.noisy_logs_scenario, as: UTF8.self)),
        ("bad-exporter", String(decoding: PackageResources.bad_exporter_scenario, as: UTF8.self)),
        ("slow-target", String(decoding: PackageResources.slow_target_scenario, as: UTF8.self)),
        ("dead-target", String(decoding: PackageResources.dead_target_scenario, as: UTF8.self)),
        ("ungraceful-restart", String(decoding: PackageResources.ungraceful_restart_scenario, as: UTF8.self)),
    ]
}
