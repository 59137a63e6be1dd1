import Foundation

/// Decoders for the Chutes platform API (CHUTES-PLATFORM.md §2-§5), tolerant of unknown
/// fields, missing fields and nulls. Every string is sanitised.
public enum ChutesAPI {
    public struct Instance: Decodable, Sendable, Hashable {
        public var instanceID: String
        public var region: String?
        public var active: Bool
        public var verified: Bool
        public var lastVerifiedAt: String?
        public var gpuModel: String?
        public var gpuCount: Int?

        enum Keys: String, CodingKey {
            case instance_id, region, active, verified, last_verified_at, gpu_model_name, gpu_count
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            instanceID = c.text(.instance_id) ?? "?"
            region = c.text(.region)
            active = c.lenient(Bool.self, .active) ?? false
            verified = c.lenient(Bool.self, .verified) ?? false
            lastVerifiedAt = c.text(.last_verified_at)
            gpuModel = c.text(.gpu_model_name)
            gpuCount = c.integer(.gpu_count)
        }
    }

    public struct Chute: Decodable, Sendable, Hashable {
        public var chuteID: String
        public var name: String
        public var tagline: String?
        public var slug: String?
        public var isPublic: Bool?
        public var hot: Bool?
        public var gpuCount: Int?
        public var minVRAMPerGPU: Int?
        public var supportedGPUs: [String]
        public var concurrency: Int?
        public var maxInstances: Int?
        public var scalingThreshold: Double?
        public var shutdownAfterSeconds: Int?
        public var instances: [Instance]

        enum Keys: String, CodingKey {
            case chute_id, name, tagline, slug, `public`, hot, node_selector, supported_gpus, concurrency
            case max_instances, scaling_threshold, shutdown_after_seconds, instances
        }

        enum SelectorKeys: String, CodingKey { case gpu_count, min_vram_gb_per_gpu }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            chuteID = c.text(.chute_id) ?? "?"
            name = c.text(.name) ?? chuteID
            tagline = c.text(.tagline)
            slug = c.text(.slug)
            isPublic = c.lenient(Bool.self, .public)
            hot = c.lenient(Bool.self, .hot)
            let selector = try? c.nestedContainer(keyedBy: SelectorKeys.self, forKey: .node_selector)
            gpuCount = selector?.integer(.gpu_count)
            minVRAMPerGPU = selector?.integer(.min_vram_gb_per_gpu)
            supportedGPUs = (c.lenient([String?].self, .supported_gpus) ?? []).compactMap { $0.map(TerminalSanitizer.sanitize) }
            concurrency = c.integer(.concurrency)
            maxInstances = c.integer(.max_instances)
            scalingThreshold = c.number(.scaling_threshold)
            shutdownAfterSeconds = c.integer(.shutdown_after_seconds)
            instances = c.lenient([Instance].self, .instances) ?? []
        }
    }

    /// `GET /chutes/`: `{total, page, limit, items[]}`.
    public struct ChutePage: Decodable, Sendable {
        public var total: Int?
        public var page: Int?
        public var limit: Int?
        public var items: [Chute]

        enum Keys: String, CodingKey { case total, page, limit, items }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            total = c.integer(.total)
            page = c.integer(.page)
            limit = c.integer(.limit)
            items = c.lenient([Chute].self, .items) ?? []
        }
    }

    /// One row of `GET /chutes/utilization`.
    public struct Utilization: Decodable, Sendable, Hashable {
        public var chuteID: String
        public var name: String?
        public var timestamp: String?
        public var utilizationCurrent, utilization5m, utilization15m, utilization1h: Double?
        public var rateLimitRatio5m, rateLimitRatio1h: Double?
        public var totalRequests5m, totalRequests1h, completedRequests5m, rateLimitedRequests5m: Double?
        public var instanceCount, targetCount, totalInstanceCount, activeInstanceCount: Int?
        public var actionTaken: String?

        enum Keys: String, CodingKey {
            case chute_id, name, timestamp, utilization_current, utilization_5m, utilization_15m, utilization_1h
            case rate_limit_ratio_5m, rate_limit_ratio_1h, total_requests_5m, total_requests_1h, completed_requests_5m
            case rate_limited_requests_5m, instance_count, target_count, total_instance_count, active_instance_count, action_taken
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            chuteID = c.text(.chute_id) ?? "?"
            name = c.text(.name)
            timestamp = c.text(.timestamp)
            utilizationCurrent = c.number(.utilization_current)
            utilization5m = c.number(.utilization_5m)
            utilization15m = c.number(.utilization_15m)
            utilization1h = c.number(.utilization_1h)
            rateLimitRatio5m = c.number(.rate_limit_ratio_5m)
            rateLimitRatio1h = c.number(.rate_limit_ratio_1h)
            totalRequests5m = c.number(.total_requests_5m)
            totalRequests1h = c.number(.total_requests_1h)
            completedRequests5m = c.number(.completed_requests_5m)
            rateLimitedRequests5m = c.number(.rate_limited_requests_5m)
            instanceCount = c.integer(.instance_count)
            targetCount = c.integer(.target_count)
            totalInstanceCount = c.integer(.total_instance_count)
            activeInstanceCount = c.integer(.active_instance_count)
            actionTaken = c.text(.action_taken)
        }
    }

    /// `GET /chutes/warmup/{id}?quick=true`.
    public struct QuickWarmup: Decodable, Sendable {
        public var status: String?
        public var instanceCount: Int?
        public var instances: [Instance]

        enum Keys: String, CodingKey { case status, instance_count, instances }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            status = c.text(.status)
            instanceCount = c.integer(.instance_count)
            instances = c.lenient([Instance].self, .instances) ?? []
        }
    }

    public static func chutePage(_ data: Data) throws -> ChutePage { try JSONDecoder().decode(ChutePage.self, from: data) }
    public static func chute(_ data: Data) throws -> Chute { try JSONDecoder().decode(Chute.self, from: data) }
    public static func utilization(_ data: Data) throws -> [Utilization] {
        try JSONDecoder().decode([LossyElement<Utilization>].self, from: data).compactMap(\.value)
    }
    public static func quickWarmup(_ data: Data) throws -> QuickWarmup { try JSONDecoder().decode(QuickWarmup.self, from: data) }
}

/// An array element that is skipped, not fatal, when it does not decode.
struct LossyElement<T: Decodable>: Decodable {
    var value: T?
    init(from decoder: Decoder) throws { value = try? T(from: decoder) }
}
