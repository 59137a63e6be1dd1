/// A derived value with the age of the newest data behind it (seconds); the value is nil when
/// it cannot be computed (no data, no traffic, a broken histogram).
public struct Figure: Sendable, Hashable, Codable {
    public var value: Double?
    public var ageSeconds: Double?
    /// For a rate, ratio or quantile over another span than its window: the seconds it covers
    /// ("over 14 s"): less while chutetop has not yet watched for a whole window, more for a
    /// source that computes over its own span (the Chutes platform: "over 300 s"). Nil when it
    /// covers the window, or is no rate.
    public var spanSeconds: Double?

    public init(_ value: Double?, age: Double?, span: Double? = nil) {
        self.value = value.flatMap { $0.isFinite ? $0 : nil }
        self.ageSeconds = age
        self.spanSeconds = self.value == nil ? nil : span
    }

    public static let none = Figure(nil, age: nil)
}
