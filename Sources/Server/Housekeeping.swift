import Foundation
import Store
import Support
import Synchronization

/// Removes ended sessions now and then, so the table holds only live ones.
final class Housekeeping: Sendable {
    private let running = Atomic<Bool>(true)
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    init(store: StateStore, settings: ServerSettings, logger: Logger) {
        let thread = Thread { [self] in
            while running.load(ordering: .relaxed) {
                do {
                    try store.deleteEndedSessions(
                        now: settings.clock(), idle: settings.idleTimeout)
                } catch {
                    logger.error("cannot remove ended sessions", ["error": "\(error)"])
                }
                _ = wake.wait(timeout: .now() + 600)
            }
            finished.signal()
        }
        thread.name = "careportal-housekeeping"
        thread.start()
    }

    func stop() {
        guard running.exchange(false, ordering: .relaxed) else { return }
        wake.signal()
        finished.wait()
    }
}
