import Foundation

/// The body of `POST /api/v1/chutes/{chute}/scale`: `{"instances":N}` and/or
/// `{"min_instances":…, "max_instances":…}`. Every problem is named.
struct ScaleRequest: Equatable {
    var instances: Int?
    var minInstances: Int?
    var maxInstances: Int?

    static let keys = ["instances", "min_instances", "max_instances"]

    static func parse(_ body: [UInt8]) -> Result<ScaleRequest, ScaleRequestError> {
        guard !body.isEmpty else { return .failure(.init("the body is empty; send JSON such as {\"instances\": 4}")) }
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            return .failure(.init("the body is not a JSON object"))
        }
        if let unknown = object.keys.sorted().first(where: { !keys.contains($0) }) {
            return .failure(.init("unknown field '\(unknown)' (expected instances, min_instances or max_instances)"))
        }
        var request = ScaleRequest()
        for key in keys {
            guard let raw = object[key] else { continue }
            // JSON true/false arrive as NSNumber of type "c" on Linux: not numbers here.
            guard let n = raw as? NSNumber, String(cString: n.objCType) != "c", let value = Int(exactly: n.doubleValue) else {
                return .failure(.init("'\(key)' must be a whole number"))
            }
            switch key {
            case "instances": request.instances = value
            case "min_instances": request.minInstances = value
            default: request.maxInstances = value
            }
        }
        if request == ScaleRequest() { return .failure(.init("give instances, min_instances or max_instances")) }
        return .success(request)
    }
}

struct ScaleRequestError: Error, Equatable {
    var message: String
    init(_ message: String) { self.message = message }
}
