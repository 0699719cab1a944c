import Foundation
import Store
import Support

/// Removes ended sessions now and then, so the table holds only live ones.
final class Housekeeping: Sendable {
    private let periodic: Periodic

    init(store: StateStore, settings: ServerSettings, logger: Logger) {
        periodic = Periodic(name: "careportal-housekeeping", interval: 600) {
            do {
                try store.deleteEndedSessions(now: settings.clock(), idle: settings.idleTimeout)
            } catch {
                logger.error("cannot remove ended sessions", ["error": "\(error)"])
            }
        }
    }

    func stop() {
        periodic.stop()
    }
}
