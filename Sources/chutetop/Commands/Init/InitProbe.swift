import Dashboard
import Foundation
import LiveServices
import Monitoring

/// What `chutetop init` found at the fleet it was given: the written file read back as the
/// dashboard reads it, then one snapshot (two polls a second apart): reachable, authorised,
/// how many chutes and instances, and the Alertmanager's answer.
enum InitProbe {
    struct Report {
        var lines: [String]
        var healthy: Bool
    }

    static func probe(_ text: String, file: String, environment: [String: String]) async -> Report {
        let context: ContextConfig
        do { context = try ConfigParser.parse(text, file: file).context(nil) } catch {
            return Report(lines: ["the file does not read back: \(error)"], healthy: false)
        }
        for spec in [context.source.credentials, context.alertmanager?.credentials].compactMap({ $0 }) {
            do { _ = try CredentialResolver.authorization(spec, environment: environment) } catch {
                return Report(lines: ["not probed: \(error)"], healthy: false)
            }
        }
        let connection: FleetConnection
        do { connection = try await FleetConnection.open(context) } catch {
            return Report(lines: ["cannot open the source: \(error)"], healthy: false)
        }
        let snapshot = await FleetSnapshotter.take(sources: connection.sources, context: context, window: 1)
        await connection.close(stoppingSimulator: false)
        return report(snapshot, source: connection.sources.kind)
    }

    static func report(_ s: FleetSnapshotter.Snapshot, source: String) -> Report {
        var lines: [String] = []
        var healthy = true
        if let blind = HeadlessRun.unreadable(s) {
            lines.append("\(source): \(blind)")
            healthy = false
        } else {
            let chutes = s.picture.chutes
            let instances = chutes.flatMap(\.instances)
            let ready = chutes.reduce(0) { $0 + $1.counts.ready }
            lines.append("\(source): reachable; \(chutes.count) chute\(chutes.count == 1 ? "" : "s"), \(instances.count) instance\(instances.count == 1 ? "" : "s") (\(ready) ready)")
            let failing = instances.filter { $0.metrics.error != nil || $0.health.error != nil }
            if let first = failing.first {
                lines.append("\(failing.count) instance\(failing.count == 1 ? "" : "s") not answering, e.g. \(first.id): \(first.metrics.error ?? first.health.error ?? "")")
                healthy = false
            }
            if chutes.isEmpty {
                lines.append("the source lists no chutes yet")
                healthy = false
            }
        }
        switch s.alertmanager {
        case .alerts(let list)?: lines.append("alertmanager: reachable; \(list.filter(\.isFiring).count) alerts firing")
        case .failed(let error)?:
            lines.append("alertmanager: \(error)")
            healthy = false
        case nil: break
        }
        return Report(lines: lines, healthy: healthy)
    }
}
