import Foundation
import Hummingbird

/// The simulator's HTTP endpoints on one listener (the FleetSimulator issue): per-instance
/// health, readiness and metrics; the control API; Prometheus http_sd targets; and the truth.
public enum SimulatorRoutes {
    /// `platformRequestsPerMinute`: the /platform/ facade's rate limit (0: none).
    public static func router(engine: SimulatorEngine, token: String?, advertisedHost: @escaping @Sendable () -> String,
                              deadHost: String? = nil, platformRequestsPerMinute: Int = PlatformFacade.defaultRequestsPerMinute) -> Router<BasicRequestContext> {
        let deadHost = deadHost ?? "127.0.0.1:\(ClosedPort.make())"
        let router = Router()
        instanceRoutes(router, engine)
        logRoute(router, engine)
        controlRoutes(router, engine, token) { (advertisedHost(), deadHost) }
        PlatformFacade.routes(router, engine, token, requestsPerMinute: platformRequestsPerMinute)
        router.get("sim/truth") { request, _ in
            // ?window=W&at=T: counted figures over the W seconds ending at simulated second T.
            let window = request.uri.queryParameters.get("window", as: Int.self) ?? 60
            let at = request.uri.queryParameters.get("at", as: Double.self)
            return json(try engine.read { sim in
                sim.truth(window: window, secondsAgo: at.map { Int((sim.time - $0).rounded()) } ?? 0)
            })
        }
        router.get("sim/targets") { _, _ in
            let host = advertisedHost()
            let targets = try engine.read { sim in
                sim.chutes.flatMap { c in
                    c.instances.map { i in
                        SimulatorJSON.Target(targets: [c.faults[i.id]?.dead == true ? deadHost : host], labels: [
                            "__metrics_path__": "/chutes/\(c.profile.name)/instances/\(i.id)/metrics",
                            "chute": c.profile.name, "chute_instance": i.id,
                        ])
                    }
                }
            }
            return json(targets)
        }
        return router
    }

    private static func instanceRoutes(_ router: Router<BasicRequestContext>, _ engine: SimulatorEngine) {
        router.get("chutes/:chute/instances/:instance/health") { _, context in
            let (chute, id) = try names(context)
            try await slowDown(engine, chute, id)
            let (phase, build) = try engine.read { sim throws(FleetSimulation.ActionError) in
                (try instance(sim, chute, id).phase, sim.chutes[try sim.chuteIndex(chute)].profile.build)
            }
            // A sloppy chute's health is a bare "OK" (and its readiness the same).
            if !build.readinessChecks { return text(.ok, "OK", type: "text/plain") }
            return text(phase == .gone ? .serviceUnavailable : .ok, "{\"status\":\"\(phase == .gone ? "down" : "ok")\"}", type: "application/json")
        }
        router.get("chutes/:chute/instances/:instance/ready") { _, context in
            let (chute, id) = try names(context)
            try await slowDown(engine, chute, id)
            let (ready, checks, named) = try engine.read { sim throws(FleetSimulation.ActionError) -> (Bool, [String: Bool], Bool) in
                let c = sim.chutes[try sim.chuteIndex(chute)]
                let inst = try instance(sim, chute, id)
                // The model itself (loaded once the instance is ready), then each dependency.
                var checks = Dictionary(uniqueKeysWithValues: c.profile.dependencies.map { ($0, !c.dependenciesDown.contains($0)) })
                checks["model"] = inst.isReady
                return (inst.isReady && checks.values.allSatisfy { $0 }, checks, c.profile.build.readinessChecks)
            }
            // A sloppy chute's readiness is its health: "OK", even while it starts.
            if !named { return text(.ok, "OK", type: "text/plain") }
            let body = "{\"status\":\"\(ready ? "ready" : "not_ready")\",\"checks\":{"
                + checks.keys.sorted().map { "\"\($0)\":\(checks[$0]!)" }.joined(separator: ",") + "}}"
            return text(ready ? .ok : .serviceUnavailable, body, type: "application/json")
        }
        router.get("chutes/:chute/instances/:instance/metrics") { request, context in
            let (chute, id) = try names(context)
            try await slowDown(engine, chute, id)
            let openMetrics = request.headers[.accept]?.contains("application/openmetrics-text") == true
            let page = try engine.read { sim throws(FleetSimulation.ActionError) -> String in
                let broken = sim.fault(chute: chute, instance: id)?.badExporter == true
                guard let page = sim.metrics(chute: chute, instance: id, openMetrics: openMetrics, malformed: broken) else { throw .unknownInstance(id) }
                return page
            }
            return text(.ok, page, type: openMetrics ? "application/openmetrics-text; version=1.0.0; charset=utf-8" : "text/plain; version=0.0.4; charset=utf-8")
        }
    }

    /// `…/logs?backfill=N&follow=false`: server-sent events, one JSON log line per event; the last
    /// N lines first, then new lines as they happen (unless follow=false), with a keep-alive
    /// comment every 15 seconds.
    private static func logRoute(_ router: Router<BasicRequestContext>, _ engine: SimulatorEngine) {
        router.get("chutes/:chute/instances/:instance/logs") { request, context in
            let (chute, id) = try names(context)
            let backfill = min(10_000, max(0, request.uri.queryParameters.get("backfill", as: Int.self) ?? 0))
            let follow = request.uri.queryParameters.get("follow") != "false"
            let first = try engine.read { sim throws(FleetSimulation.ActionError) -> [String] in
                guard let lines = sim.recentLogLines(chute: chute, instance: id, count: backfill) else { throw .unknownInstance(id) }
                return lines
            }
            let startedAt = engine.now
            return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: first.map { "data: \($0)\n\n" }.joined()))
                guard follow else { try await writer.finish(nil); return }
                var cursor = startedAt
                var lastKeepAlive = ContinuousClock.now
                while GracefulServer.keepsStreaming {
                    try await Task.sleep(for: .milliseconds(100))
                    let now = engine.now
                    let lines = (try? engine.read { $0.logLines(chute: chute, instance: id, from: cursor, to: now) }) ?? nil
                    cursor = now
                    guard let lines else { break }  // the instance is gone
                    if !lines.isEmpty {
                        try await writer.write(ByteBuffer(string: lines.map { "data: \($0)\n\n" }.joined()))
                    } else if ContinuousClock.now - lastKeepAlive > .seconds(15) {
                        try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                        lastKeepAlive = ContinuousClock.now
                    }
                }
                try await writer.finish(nil)
            })
        }
    }

    private static func controlRoutes(_ router: Router<BasicRequestContext>, _ engine: SimulatorEngine, _ token: String?,
                                      _ hosts: @escaping @Sendable () -> (live: String, dead: String)) {
        let api = router.group("api/v1").add(middleware: BearerTokenCheck(token: token))
        api.get("chutes") { _, _ in
            let h = hosts()
            return json(try engine.read { $0.chutes.map { SimulatorJSON.summary($0, hosts: h) } })
        }
        api.get("chutes/:chute") { _, context in
            let chute = try context.parameters.require("chute")
            let h = hosts()
            return json(try engine.read { sim throws(FleetSimulation.ActionError) in SimulatorJSON.summary(sim.chutes[try sim.chuteIndex(chute)], hosts: h) })
        }
        api.post("chutes/:chute/scale") { request, context in
            let chute = try context.parameters.require("chute")
            let body = try await request.body.collect(upTo: 64 * 1024)
            switch ScaleRequest.parse(Array(buffer: body)) {
            case .failure(let e):
                return failure(.badRequest, e.message)
            case .success(let s):
                let summary = try engine.act { sim throws(FleetSimulation.ActionError) in
                    try sim.scale(chute: chute, instances: s.instances, minInstances: s.minInstances, maxInstances: s.maxInstances)
                    return SimulatorJSON.summary(sim.chutes[try sim.chuteIndex(chute)])
                }
                return json(summary, status: .accepted)
            }
        }
        api.post("chutes/:chute/restart") { _, context in
            let chute = try context.parameters.require("chute")
            let summary = try engine.act { sim throws(FleetSimulation.ActionError) in
                try sim.restart(chute: chute)
                return SimulatorJSON.summary(sim.chutes[try sim.chuteIndex(chute)])
            }
            return json(summary, status: .accepted)
        }
        api.post("chutes/:chute/instances/:instance/restart") { _, context in
            let (chute, id) = try names(context)
            let summary = try engine.act { sim throws(FleetSimulation.ActionError) in
                try sim.restart(chute: chute, instance: id)
                return SimulatorJSON.summary(sim.chutes[try sim.chuteIndex(chute)])
            }
            return json(summary, status: .accepted)
        }
    }

    // MARK: helpers

    /// The slow-target scenario: the instance answers only after its delay.
    private static func slowDown(_ engine: SimulatorEngine, _ chute: String, _ id: String) async throws {
        let delay = try engine.read { $0.fault(chute: chute, instance: id)?.slowSeconds }
        if let delay, delay > 0 { try await Task.sleep(for: .milliseconds(Int(delay * 1000))) }
    }

    private static func names(_ context: BasicRequestContext) throws -> (String, String) {
        (try context.parameters.require("chute"), try context.parameters.require("instance"))
    }

    private static func instance(_ sim: FleetSimulation, _ chute: String, _ id: String) throws(FleetSimulation.ActionError) -> SimulatedInstance {
        let c = sim.chutes[try sim.chuteIndex(chute)]
        guard let inst = c.instances.first(where: { $0.id == id }) else { throw .unknownInstance(id) }
        return inst
    }

    static func text(_ status: HTTPResponse.Status, _ body: String, type: String) -> Response {
        Response(status: status, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        text(status, SimulatorJSON.encode(value), type: "application/json")
    }

    static func failure(_ status: HTTPResponse.Status, _ message: String) -> Response {
        json(SimulatorJSON.Failure(error: message), status: status)
    }
}

extension FleetSimulation.ActionError: HTTPResponseError {
    public var status: HTTPResponse.Status {
        switch self {
        case .unknownChute, .unknownInstance: .notFound
        case .invalid: .badRequest
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        SimulatorRoutes.failure(status, description)
    }
}

/// With `--token`, the control API needs `Authorization: Bearer <token>` (the platform reads the
/// last token of the header, so `Basic <token>` and a bare token work too); otherwise 401.
struct BearerTokenCheck: RouterMiddleware {
    typealias Context = BasicRequestContext
    let token: String?
    /// Refuse in the platform's shape (FastAPI's `{"detail": …}`) rather than the control API's.
    var platform = false

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token else { return try await next(request, context) }
        let given = request.headers[.authorization]?.split(separator: " ").last.map(String.init)
        guard given == token else {
            if platform { return PlatformFacade.detail(.unauthorized, given == nil ? "Not authenticated" : "Invalid token.") }
            return SimulatorRoutes.failure(.unauthorized, given == nil ? "missing Authorization header" : "wrong token")
        }
        return try await next(request, context)
    }
}
