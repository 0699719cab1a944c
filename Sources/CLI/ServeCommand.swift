import CSystem
import Dispatch
import Foundation
import HTTP
import Server
import Support

/// `careportal serve`: the login gate in front of the site, until SIGTERM or SIGINT.
enum ServeCommand {
    static func run(_ words: [String], console: Console) throws(UsageError) -> CommandStatus {
        let arguments = try Configuration.optionsOnly(words)
        let settings = try Configuration(arguments: arguments).serverSettings()
        return serve(settings, console: console)
    }

    private static func serve(_ settings: ServerSettings, console: Console) -> CommandStatus {
        // Two arenas for the whole server: its threads share caches, and memory stays flat
        // over days instead of growing with fragmentation (measured by bench/soak.sh).
        _ = careportal_limit_malloc_arenas(2)
        // Blocks from 1 MiB up (a password hash's 19 MiB) mapped and unmapped on their own.
        _ = careportal_fix_mmap_threshold(1 << 20)
        // Freed memory back to the kernel once a second: the resident size then follows what
        // is in use (87-93 MiB under the soak) instead of its highest point.
        let trimming = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        trimming.schedule(deadline: .now() + 1, repeating: 1)
        trimming.setEventHandler { _ = careportal_trim_memory() }
        trimming.resume()
        defer { trimming.cancel() }
        // A line per request, written in pieces; what is left goes out when serve returns.
        let logs = LogBuffer()
        defer { logs.stop() }
        let logger = Logger.buffered(label: "careportal", into: logs)
        // Before anything else: a SIGTERM that comes early still stops the server cleanly.
        let stopping = StopSignal()
        let portal: PortalServer
        let server: HTTPServer
        do {
            portal = try PortalServer(settings: settings, logger: logger)
            server = try HTTPServer(
                host: settings.host, port: settings.port, limits: HTTPLimits(),
                isSlow: PortalServer.isSlow, handler: portal.handle)
        } catch {
            console.err("careportal serve: \(error)")
            return .failure
        }
        logger.info(
            "listening",
            ["address": "http://\(settings.host):\(server.port)", "site": settings.site.path])
        stopping.wait()
        logger.info("stopping", [:])
        server.stop(grace: 10)
        portal.shutdown()
        logger.info("stopped", [:])
        return .success
    }

}

/// SIGTERM and SIGINT, taken over from the default (which ends the process at once) as soon
/// as this is made, and waited for with `wait`.
final class StopSignal {
    private let done = DispatchSemaphore(value: 0)
    private var sources: [DispatchSourceSignal] = []

    init() {
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [done] in done.signal() }
            source.resume()
            sources.append(source)
        }
    }

    /// Blocks until one of the signals came, also if it came before this call.
    func wait() {
        done.wait()
        for source in sources { source.cancel() }
    }
}
