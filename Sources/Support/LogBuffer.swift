import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Log lines collected in memory and written to a descriptor in large pieces: by a background
/// thread every `interval` seconds, at once when the buffer is full, and on `flush`.
///
/// A server writes a line per request; a `write(2)` each cost about as much as building the
/// page. Lines keep their order: they are taken from the buffer and written under one lock.
///
/// Known limit: a crash (kill -9) loses the lines of at most the last `interval` seconds. The
/// audit log in the database, not this log, is the record of who saw what.
public final class LogBuffer: Sendable {
    private let descriptor: Int32
    private let capacity: Int
    private let pending = Mutex<[UInt8]>([])
    /// Held while writing, so pieces taken out in order are also written in order.
    private let writing = Mutex<Void>(())
    private let running = Atomic<Bool>(true)

    public init(descriptor: Int32 = 2, interval: TimeInterval = 0.1, capacity: Int = 64 * 1024) {
        self.descriptor = descriptor
        self.capacity = capacity
        let thread = Thread { [self] in
            while running.load(ordering: .relaxed) {
                Thread.sleep(forTimeInterval: interval)
                flush()
            }
        }
        thread.name = "careportal-log"
        thread.start()
    }

    /// The sink for `Logger`: warnings and errors go out at once, other lines with the next
    /// write.
    public func sink(urgent: Bool) -> @Sendable (String) -> Void {
        { [self] line in append(line, now: urgent) }
    }

    public func append(_ line: String, now urgent: Bool = false) {
        let full = pending.withLock { bytes in
            bytes.append(contentsOf: line.utf8)
            bytes.append(0x0A)
            return bytes.count >= capacity
        }
        if full || urgent { flush() }
    }

    /// Writes everything collected so far.
    public func flush() {
        writing.withLock { _ in
            let bytes = pending.withLock { bytes in
                defer { bytes.removeAll(keepingCapacity: true) }
                return bytes
            }
            Self.write(bytes, to: descriptor)
        }
    }

    /// Writes what is left and stops the background thread.
    public func stop() {
        running.store(false, ordering: .relaxed)
        flush()
    }

    static func write(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(
                    descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
