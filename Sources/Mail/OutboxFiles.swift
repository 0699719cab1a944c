import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The file operations the outbox relies on for durability, on POSIX calls.
enum OutboxFiles {
    /// Writes to a hidden temporary file in the same folder, fsyncs it, then renames it over
    /// `target`: readers see the old file or the complete new one, never a part.
    static func writeAtomically(
        _ bytes: [UInt8], to target: URL, beforeCommit: (URL) -> Void = { _ in }
    ) throws(MailError) {
        let folder = target.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).tmp")
        do {
            try writeSynced(bytes, to: temporary)
            beforeCommit(temporary)
            try move(temporary, to: target)
        } catch {
            unlink(temporary.path)
            throw error
        }
    }

    /// Renames within one file system (atomic) and makes the rename durable.
    static func move(_ source: URL, to target: URL) throws(MailError) {
        guard rename(source.path, target.path) == 0 else {
            throw failure("moving \(source.lastPathComponent)")
        }
        try syncFolder(target.deletingLastPathComponent())
        if source.deletingLastPathComponent() != target.deletingLastPathComponent() {
            try syncFolder(source.deletingLastPathComponent())
        }
    }

    static func read(_ file: URL) throws(MailError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw MailError.storage(reason: "reading \(file.lastPathComponent) failed")
        }
        return Array(data)
    }

    static func remove(_ file: URL) throws(MailError) {
        guard unlink(file.path) == 0 || errno == ENOENT else {
            throw failure("removing \(file.lastPathComponent)")
        }
    }

    /// The visible file names in `folder`; temporary files start with a dot.
    static func names(in folder: URL) throws(MailError) -> [String] {
        do {
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            return names.filter { !$0.hasPrefix(".") }
        } catch {
            throw MailError.storage(reason: "the folder \(folder.lastPathComponent) is unreadable")
        }
    }

    /// Runs `body` holding an exclusive flock on `<folder>/.lock`.
    ///
    /// flock locks belong to the open file description, so two threads of this process
    /// exclude each other as two processes do; closing the descriptor releases the lock.
    static func withLock<T>(in folder: URL, _ body: () -> T) throws(MailError) -> T {
        let path = folder.appendingPathComponent(".lock").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("opening the outbox lock") }
        defer { close(descriptor) }

        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw failure("locking the outbox") }
        }
        return body()
    }

    private static func writeSynced(_ bytes: [UInt8], to file: URL) throws(MailError) {
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("creating \(file.lastPathComponent)") }
        defer { close(descriptor) }

        guard writeAll(bytes, to: descriptor), fsync(descriptor) == 0 else {
            throw failure("writing \(file.lastPathComponent)")
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let count = write(descriptor, raw.baseAddress?.advanced(by: done), raw.count - done)
                if count < 0, errno == EINTR {
                    continue
                }
                guard count > 0 else { return false }
                done += count
            }
            return true
        }
    }

    /// A rename is durable only once its folder is fsynced (POSIX leaves it to the caller).
    private static func syncFolder(_ folder: URL) throws(MailError) {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("opening \(folder.lastPathComponent)") }
        defer { close(descriptor) }

        guard fsync(descriptor) == 0 else { throw failure("syncing \(folder.lastPathComponent)") }
    }

    private static func failure(_ step: String) -> MailError {
        MailError.storage(reason: "\(step) failed: \(String(cString: strerror(errno)))")
    }
}
