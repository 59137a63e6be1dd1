/// GPU figures over several GPUs (one instance's, or a chute's): mean and max utilisation,
/// memory used and total, hottest temperature, total power. Nil where no GPU reported it.
public struct GPUSummary: Sendable, Hashable, Codable {
    public var count: Int
    public var meanUtilization: Double?
    public var maxUtilization: Double?
    public var memoryUsedBytes: Double?
    public var memoryTotalBytes: Double?
    public var maxTemperatureCelsius: Double?
    public var powerWatts: Double?
    /// Seconds since the oldest reading behind these figures was taken (nil: not known).
    public var ageSeconds: Double?
    /// GPUs at `busyUtilization` or more, over those whose utilisation is known (nil when none
    /// is: an unknown utilisation is not 0).
    public var busy: Int?

    /// A GPU counts as busy at this utilisation (percent) or more.
    public static let busyUtilization = 10.0

    public init(_ gpus: [GPUReading], age: Double? = nil) {
        ageSeconds = age
        count = gpus.count
        let util = gpus.compactMap(\.utilization)
        meanUtilization = util.isEmpty ? nil : util.reduce(0, +) / Double(util.count)
        maxUtilization = util.max()
        busy = util.isEmpty ? nil : util.count { $0 >= Self.busyUtilization }
        let used = gpus.compactMap(\.memoryUsedBytes), total = gpus.compactMap(\.memoryTotalBytes)
        memoryUsedBytes = used.isEmpty ? nil : used.reduce(0, +)
        memoryTotalBytes = total.isEmpty ? nil : total.reduce(0, +)
        maxTemperatureCelsius = gpus.compactMap(\.temperatureCelsius).max()
        let power = gpus.compactMap(\.powerWatts)
        powerWatts = power.isEmpty ? nil : power.reduce(0, +)
    }
}
