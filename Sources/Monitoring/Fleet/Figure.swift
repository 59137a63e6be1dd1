/// A derived value with the age of the newest data behind it (seconds); the value is nil when
/// it cannot be computed (no data, no traffic, a broken histogram).
public struct Figure: Sendable, Hashable, Codable {
    public var value: Double?
    public var ageSeconds: Double?

    public init(_ value: Double?, age: Double?) {
        self.value = value.flatMap { $0.isFinite ? $0 : nil }
        self.ageSeconds = age
    }

    public static let none = Figure(nil, age: nil)
}
