import Foundation
import Hummingbird
import Ingest

/// A Chutes-platform facade under /platform/ with the shapes of CHUTES-PLATFORM.md §2-§6: the
/// chute list (paginated) and detail, /chutes/utilization, instance log streams of `{"log": …}`
/// frames, `PUT /chutes/{id}` with `{"disabled": bool}`, and warm-up (SSE, or `?quick=true` JSON).
/// The same `Authorization` check as the control API, reading the header's last token (401 for
/// a bad key), and the platform's rate limit (429 with `Retry-After` on a burst). Like the
/// platform, some numbers arrive as strings (utilisation figures, `scaling_threshold`).
public enum PlatformFacade {
    /// The facade's requests a minute before 429 (the platform's, as its maintainer put it).
    public static let defaultRequestsPerMinute = 60

    static func routes(_ router: Router<BasicRequestContext>, _ engine: SimulatorEngine, _ token: String?, requestsPerMinute: Int) {
        let platform = router.group("platform").add(middleware: PlatformRateLimit(perMinute: requestsPerMinute))
            .add(middleware: BearerTokenCheck(token: token, platform: true))
        platform.get("chutes") { request, _ in
            let page = max(0, request.uri.queryParameters.get("page", as: Int.self) ?? 0)
            let limit = min(5000, max(1, request.uri.queryParameters.get("limit", as: Int.self) ?? 25))
            let body = try engine.read { sim in
                text(["total": sim.chutes.count, "page": page, "limit": limit, "cord_refs": [String: Any](),
                      "items": sim.chutes.dropFirst(page * limit).prefix(limit).map { chute($0, now: sim.time, list: true) }])
            }
            return json(body)
        }
        platform.get("chutes/utilization") { _, _ in
            return json(try engine.read { sim in text(sim.chutes.map { utilization($0, now: sim.time) }) })
        }
        platform.get("chutes/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let found = try engine.read({ sim in sim.chutes.first { matches($0, id) }.map { text(chute($0, now: sim.time, list: false)) } }) else {
                return detail(.notFound, "Chute not found")
            }
            return json(found)
        }
        platform.put("chutes/:id") { request, context in
            let id = try context.parameters.require("id")
            let body = try await request.body.collect(upTo: 64 * 1024)
            guard let fields = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any],
                  let flag = fields["disabled"] as? NSNumber, String(cString: flag.objCType) == "c" else {
                return detail(.unprocessableContent, "expected {\"disabled\": true|false}")
            }
            let result = try engine.act { sim throws(FleetSimulation.ActionError) -> String? in
                guard let c = sim.chutes.first(where: { matches($0, id) }) else { return nil }
                try sim.setDisabled(flag.boolValue, chute: c.profile.name)
                return text(chute(sim.chutes.first { matches($0, id) }!, now: sim.time, list: false))
            }
            guard let result else { return detail(.notFound, "Chute not found") }
            return json(result)
        }
        platform.get("chutes/warmup/:id") { request, context in
            let id = try context.parameters.require("id")
            let state = try engine.act { sim throws(FleetSimulation.ActionError) -> (name: String, disabled: Bool)? in
                guard let c = sim.chutes.first(where: { matches($0, id) }) else { return nil }
                if !c.disabled && c.targetInstances == 0 { try sim.warmUp(chute: c.profile.name) }
                return (c.profile.name, c.disabled)
            }
            guard let state else { return detail(.notFound, "Chute not found") }
            if state.disabled { return detail(.serviceUnavailable, "This chute is currently disabled.") }
            if request.uri.queryParameters.get("quick") == "true" {
                return json(try engine.read { sim in text(quickWarmup(sim.chutes.first { $0.profile.name == state.name }!)) })
            }
            return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: ResponseBody { writer in
                for _ in 0..<600 {
                    let ready = try engine.read { sim in sim.chutes.first { $0.profile.name == state.name }!.readyCount }
                    let frame: [String: Any] = ready > 0
                        ? ["status": "hot", "log": "chute is hot, \(ready) instances available"]
                        : ["status": "cold", "log": "waiting for instances ..."]
                    try await writer.write(ByteBuffer(string: "data: \(text(frame))\n\n"))
                    if ready > 0 || !GracefulServer.keepsStreaming { break }
                    try await Task.sleep(for: .seconds(1))
                }
                try await writer.finish(nil)
            })
        }
        platform.get("instances/:id/logs") { request, context in
            let id = try context.parameters.require("id")
            let backfill = min(10_000, max(0, request.uri.queryParameters.get("backfill", as: Int.self) ?? 100))
            let found = try engine.read { sim in
                sim.chutes.lazy.compactMap { c in c.instances.first { platformID(c, $0.id) == id }.map { (c.profile.name, $0.id) } }.first
            }
            guard let (chute, instance) = found else { return detail(.notFound, "Instance not found") }
            let lines = try engine.read { $0.recentLogLines(chute: chute, instance: instance, count: backfill) } ?? []
            var frames = "data: {\"event\": \"connected\", \"filename\": \"current\"}\n\n"
            for line in lines { frames += "data: \(text(["log": line]))\n\n" }
            let follow = request.uri.queryParameters.get("follow") != "false"
            let startedAt = engine.now, backfilled = frames
            // The backfill, then new lines as the instance writes them (the sidecar's
            // /logs/stream), until the client goes or the instance does.
            return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: backfilled))
                var cursor = startedAt
                var lastWrite = ContinuousClock.now
                while follow && GracefulServer.keepsStreaming {
                    try await Task.sleep(for: .milliseconds(200))
                    let now = engine.now
                    guard let more = (try? engine.read({ $0.logLines(chute: chute, instance: instance, from: cursor, to: now) })) ?? nil else { break }
                    cursor = now
                    if !more.isEmpty {
                        try await writer.write(ByteBuffer(string: more.map { "data: \(text(["log": $0]))\n\n" }.joined()))
                        lastWrite = ContinuousClock.now
                    } else if ContinuousClock.now - lastWrite > .seconds(15) {
                        // A keep-alive comment (clients skip it): a client that left is noticed.
                        try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                        lastWrite = ContinuousClock.now
                    }
                }
                try await writer.finish(nil)
            })
        }
    }

    // MARK: shapes

    /// Instances the platform would list: starting or ready (draining ones are being deleted).
    static func listed(_ c: SimulatedChute) -> [SimulatedInstance] {
        c.instances.filter { $0.phase == .starting || $0.phase == .ready }
    }

    static func platformID(_ c: SimulatedChute, _ instance: String) -> String { ChuteIdentity.id(of: c.profile.name + "/" + instance) }

    static func matches(_ c: SimulatedChute, _ id: String) -> Bool { c.profile.name == id || ChuteIdentity.id(of: c.profile.name) == id }

    static func gpuID(_ model: String) -> String {
        let m = model.lowercased()
        if m.contains("h100") { return "h100" }
        if m.contains("a100") { return "a100" }
        if m.contains("l40s") { return "l40s" }
        if m.contains("l4") { return "l4" }
        return "a10"
    }

    static func chute(_ c: SimulatedChute, now: Double, list: Bool) -> [String: Any] {
        let p = c.profile
        let requests = c.instances.reduce(0.0) { $0 + $1.requests.values.reduce(0, +) }
        return [
            "chute_id": ChuteIdentity.id(of: p.name), "name": p.name, "tagline": "\(p.workload.rawValue) on \(p.gpusPerInstance)x \(p.gpuModel)",
            "readme": "", "slug": "oncall-" + p.name.replacingOccurrences(of: ".", with: "-"), "public": false,
            "version": ChuteIdentity.id(of: p.name + "@1"), "standard_template": p.workload == .llm ? "vllm" : NSNull(),
            "created_at": Timestamps.iso8601(now - 86_400 * 30), "updated_at": Timestamps.iso8601(now - 3600),
            "node_selector": ["gpu_count": p.gpusPerInstance, "min_vram_gb_per_gpu": Int(p.gpuMemoryMiB / 1024), "include": [gpuID(p.gpuModel)], "exclude": NSNull()],
            "supported_gpus": [gpuID(p.gpuModel)], "cords": list ? NSNull() : [Any](), "concurrency": p.concurrency,
            "max_instances": p.maxInstances, "scaling_threshold": String(p.scalingThreshold), "shutdown_after_seconds": Int(p.shutdownAfterSeconds),
            "preemptible": false, "invocation_count": Int(requests), "hot": c.readyCount > 0,
            "instances": listed(c).map { i in
                ["instance_id": platformID(c, i.id), "region": "n/a", "active": i.isReady, "verified": i.isReady,
                 "last_verified_at": i.isReady ? Timestamps.iso8601(i.phaseUntil) as Any : NSNull()] as [String: Any]
            },
        ]
    }

    static func utilization(_ c: SimulatedChute, now: Double) -> [String: Any] {
        let ready = c.instances.filter(\.isReady)
        let util = ready.isEmpty ? 0 : ready.reduce(0) { $0 + $1.utilization } / Double(ready.count)
        let rate = c.instances.reduce(0) { $0 + $1.requestRate }
        let errors = c.instances.reduce(0) { $0 + $1.errorRate }
        let limited = c.instances.reduce(0) { $0 + $1.rejectedRate }
        var row: [String: Any] = ["chute_id": ChuteIdentity.id(of: c.profile.name), "name": c.profile.name, "timestamp": Timestamps.iso8601(now)]
        // The simulator keeps no utilisation history, so every window shows the current value.
        // As a database numeric column serialises: a string (the decoders take both).
        for w in ["current", "5m", "15m", "1h"] { row["utilization_\(w)"] = String(util) }
        for (w, s) in [("5m", 300.0), ("15m", 900.0), ("1h", 3600.0)] {
            row["rate_limit_ratio_\(w)"] = String(rate > 0 ? limited / rate : 0)
            row["total_requests_\(w)"] = Int(rate * s)
            row["completed_requests_\(w)"] = Int((rate - errors - limited) * s)
            row["rate_limited_requests_\(w)"] = Int(limited * s)
        }
        row["instance_count"] = ready.count
        row["target_count"] = c.targetInstances
        row["action_taken"] = c.targetInstances > ready.count ? "scale_up_candidate" : "no_action"
        row["effective_multiplier"] = 1.0
        row["total_instance_count"] = listed(c).count
        row["active_instance_count"] = ready.count
        return row
    }

    static func quickWarmup(_ c: SimulatedChute) -> [String: Any] {
        ["status": c.readyCount > 0 ? "hot" : "cold", "instance_count": listed(c).count,
         "instances": listed(c).map { i in
             ["instance_id": platformID(c, i.id), "active": i.isReady, "gpu_model_name": gpuID(c.profile.gpuModel), "gpu_count": c.profile.gpusPerInstance] as [String: Any]
         }]
    }

    static func text(_ value: Any) -> String {
        (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func json(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        SimulatorRoutes.text(status, body, type: "application/json")
    }

    /// FastAPI's error shape, as the platform answers.
    static func detail(_ status: HTTPResponse.Status, _ message: String) -> Response { json(text(["detail": message]), status: status) }
}
