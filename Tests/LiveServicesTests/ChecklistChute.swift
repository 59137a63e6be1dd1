import Foundation
import Hummingbird
import Synchronization

/// A chute on a loopback port, built as well or as badly as a test says (and changeable while
/// it runs): its control API (`/api/chutes/{name}`: limits and instances with phases), and per
/// instance `/i/{id}/health`, `/ready`, `/metrics` and `/logs` (server-sent events).
final class ChecklistChute: Sendable {
    struct Build: Sendable {
        var healthBody = #"{"status":"ok"}"#
        var healthDelay = 0.0
        /// nil: no readiness path (404).
        var readyBody: String? = #"{"status":"ready","checks":{"model":true,"database":true}}"#
        /// Readiness of an instance by id, when it differs from `readyBody` (503 not ready).
        var notReady: Set<String> = []
        var statusLabel: String? = "code"
        var histogram = true
        var summaryOnly = false
        var breakers = true
        var gpus = true
        var malformedLine = false
        enum Logs: Sendable { case json, plain, silent }
        var logs = Logs.json
        var minInstances = 1
        var shutdownAfter: Int? = 300
        var instances: [(id: String, phase: String)] = [("i-1", "ready")]
    }

    /// The build, shared with the server's handlers.
    final class Shared: Sendable {
        let build: Mutex<Build>
        /// Health requests received and not answered yet.
        let healthInFlight = Mutex(0)
        init(_ build: Build) { self.build = Mutex(build) }
        func get() -> Build { build.withLock { $0 } }
    }

    let name: String
    let shared: Shared
    private let server: LoopbackServer

    var baseURL: String { server.baseURL }
    var controlAPI: String { server.baseURL + "/api" }

    private init(name: String, shared: Shared, server: LoopbackServer) {
        self.name = name
        self.shared = shared
        self.server = server
    }

    static func start(name: String, _ build: Build = Build()) async throws -> ChecklistChute {
        let state = Shared(build)
        let router = Router()
        let base = BaseURL()
        let listing = { @Sendable () -> String in
            let b = state.get()
            let host = base.value.withLock { $0 }
            let instances = b.instances.map { #"{"id":"\#($0.id)","phase":"\#($0.phase)","base_url":"\#(host)/i/\#($0.id)"}"# }
            let shutdown = b.shutdownAfter.map { #","shutdown_after_seconds":\#($0)"# } ?? ""
            return #"{"name":"\#(name)","min_instances":\#(b.minInstances),"max_instances":4,"target_instances":\#(b.instances.count),"scaling_threshold":0.75\#(shutdown),"instances":[\#(instances.joined(separator: ","))]}"#
        }
        router.get("api/chutes/:name") { _, _ in text(listing(), type: "application/json") }
        // The whole fleet (this one chute), for a context whose control API lists the chutes.
        router.get("api/chutes") { _, _ in text("[" + listing() + "]", type: "application/json") }
        router.get("i/:id/health") { _, _ in
            let b = state.get()
            state.healthInFlight.withLock { $0 += 1 }
            defer { state.healthInFlight.withLock { $0 -= 1 } }
            if b.healthDelay > 0 { try await Task.sleep(for: .milliseconds(Int(b.healthDelay * 1000))) }
            return text(b.healthBody, type: "application/json")
        }
        router.get("i/:id/ready") { _, context in
            let id = try context.parameters.require("id")
            let b = state.get()
            guard let body = b.readyBody else { return Response(status: .notFound) }
            if b.notReady.contains(id) {
                return text(#"{"status":"not_ready","checks":{"model":false}}"#, type: "application/json", status: .serviceUnavailable)
            }
            return text(body, type: "application/json")
        }
        router.get("i/:id/metrics") { _, _ in text(metrics(state.get()), type: "text/plain; version=0.0.4") }
        router.get("i/:id/logs") { _, context in
            let id = try context.parameters.require("id")
            return Response(status: .ok, headers: [.contentType: "text/event-stream"], body: ResponseBody { writer in
                var n = 0
                while !Task.isCancelled {
                    let style = state.get().logs
                    n += 1
                    let line: String
                    switch style {
                    case .json:
                        line = "data: {\"time\":\"2026-11-30T03:00:00Z\",\"level\":\"info\",\"message\":\"POST /generate 200 12ms\",\"request_id\":\"req-\(id)-\(n)\"}\n\n"
                    case .plain:
                        line = "data: POST /generate 200 12ms\n\n"
                    case .silent:
                        line = ": keep-alive\n\n"
                    }
                    try await writer.write(ByteBuffer(string: line))
                    try await Task.sleep(for: .milliseconds(200))
                }
                try await writer.finish(nil)
            })
        }
        let server = try await LoopbackServer.start(router)
        base.value.withLock { $0 = server.baseURL }
        return ChecklistChute(name: name, shared: state, server: server)
    }

    func change(_ edit: (inout Build) -> Void) { shared.build.withLock { edit(&$0) } }

    /// Health requests the server is answering now.
    var healthProbesInFlight: Int { shared.healthInFlight.withLock { $0 } }

    /// The server's own address, known once it listens (instances' base URLs name it).
    final class BaseURL: Sendable { let value = Mutex("") }

    func stop() { server.stop() }

    /// Stops and waits until the server has shut down (`LoopbackServer.stopped`).
    func stopped() async { await server.stopped() }

    static func text(_ body: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    static func metrics(_ b: Build) -> String {
        var page = "# TYPE http_requests_total counter\n"
        let label = { (status: String) in b.statusLabel.map { "{\($0)=\"\(status)\"}" } ?? "" }
        page += "http_requests_total\(label("200")) 1000\n"
        if b.statusLabel != nil { page += "http_requests_total\(label("500")) 4\n" }
        if b.summaryOnly {
            page += "# TYPE http_request_duration_seconds summary\n"
            page += "http_request_duration_seconds{quantile=\"0.5\"} 0.2\nhttp_request_duration_seconds{quantile=\"0.99\"} 0.9\n"
            page += "http_request_duration_seconds_sum 250\nhttp_request_duration_seconds_count 1004\n"
        } else if b.histogram {
            page += "# TYPE http_request_duration_seconds histogram\n"
            for (le, n) in [("0.5", 800), ("1", 990), ("10", 1004), ("+Inf", 1004)] {
                page += "http_request_duration_seconds_bucket{le=\"\(le)\"} \(n)\n"
            }
            page += "http_request_duration_seconds_sum 250\nhttp_request_duration_seconds_count 1004\n"
        }
        if b.breakers {
            page += "# TYPE resilience4j_circuitbreaker_state gauge\n"
            for s in ["closed", "open", "half_open"] {
                page += "resilience4j_circuitbreaker_state{name=\"database\",state=\"\(s)\"} \(s == "closed" ? 1 : 0)\n"
            }
        }
        if b.gpus { page += "# TYPE DCGM_FI_DEV_GPU_UTIL gauge\nDCGM_FI_DEV_GPU_UTIL{gpu=\"0\",UUID=\"GPU-1\"} 40\n" }
        if b.malformedLine { page += "broken_metric{gpu=\"0\" 1\n" }
        return page
    }
}
