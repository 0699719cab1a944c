import Foundation

/// One password hash at a time in the whole server.
///
/// An argon2id hash takes 19 MiB and a core for tens of milliseconds. Each worker thread could
/// otherwise run one at once: under a burst of logins that was most of both cores, and the
/// soak's peak memory was 117 MiB against 99 with one at a time. One at a time leaves a core
/// to the pages and bounds the memory; logins queue instead. Every login hashes, known user or
/// not, so waiting here says nothing about which usernames exist.
enum PasswordGate {
    private static let slot = DispatchSemaphore(value: 1)

    static func run<T>(_ body: () -> T) -> T {
        slot.wait()
        defer { slot.signal() }
        return body()
    }
}
