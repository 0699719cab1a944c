import Foundation
import Store
import Support

/// Removes sessions and audit events past their retention, now and then.
final class Housekeeping: Sendable {
    private let periodic: Periodic

    init(store: StateStore, settings: ServerSettings, logger: Logger) {
        let work: @Sendable () -> Void = {
            let now = settings.clock()
            do {
                try store.deleteEndedSessions(
                    now: now, idle: settings.idleTimeout, keep: settings.sessionRetention)
                if let retention = settings.auditRetention {
                    let removed = try store.deleteAuditEvents(before: now - retention)
                    if removed > 0 {
                        logger.info(
                            "audit events past retention removed", ["count": String(removed)])
                    }
                }
            } catch {
                logger.error("cannot remove ended sessions or old events", ["error": "\(error)"])
            }
        }
        work()
        periodic = Periodic(name: "careportal-housekeeping", interval: 600, work: work)
    }

    func stop() {
        periodic.stop()
    }
}
