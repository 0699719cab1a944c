internal import CSQLite

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

extension Database {
    /// Copies one consistent snapshot of the database into a new file at `target` (mode
    /// 0600) while other threads and processes keep writing. Existing files are refused.
    public func backup(to target: String) throws(SQLiteError) {
        try createExclusively(target)

        do throws(SQLiteError) {
            try copySnapshot(into: target)
        } catch {
            unlink(target)
            throw error
        }
    }

    private func copySnapshot(into target: String) throws(SQLiteError) {
        // A second handle reads the snapshot, so this Database's lock stays free for writers
        // (WAL lets readers and a writer run at once).
        let source = try Connection.openSource(
            path: connection.filePath, busyTimeoutMilliseconds: busyTimeoutMilliseconds
        )
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX
        let destination = try Connection(path: target, flags: flags)

        try destination.copy(from: source)
    }
}

/// Creates `path` as an empty file readable only by its owner; an existing file is refused.
/// O_EXCL makes the check and the creation one step, so a racing writer cannot slip in.
private func createExclusively(_ path: String) throws(SQLiteError) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    let reason = errno

    guard descriptor >= 0 else {
        guard reason != EEXIST else {
            throw .misuse("the backup target \(path) already exists; choose a new path")
        }
        let text = String(cString: strerror(reason))
        throw .failure("could not create the backup file \(path): \(text); check the directory")
    }
    close(descriptor)
}

extension Connection {
    /// Replaces this (new, empty) database with the contents of `source`.
    func copy(from source: Connection) throws(SQLiteError) {
        try execute("PRAGMA synchronous = FULL", doing: "preparing the backup file")
        let job = try BackupJob(from: source, to: self)

        // -1 copies every page in one step under one read transaction on the source, so the
        // copy is a single consistent snapshot (sqlite3_backup_step docs).
        let stepCode = job.copyAll()
        let finishCode = job.finish()

        guard stepCode == SQLITE_DONE else { throw error(stepCode, doing: "copying pages") }
        guard finishCode == SQLITE_OK else { throw error(finishCode, doing: "finishing backup") }
    }
}

/// Owns one sqlite3_backup handle; `finish` (or deinit) releases it.
final class BackupJob {
    private var handle: OpaquePointer?

    init(from source: Connection, to destination: Connection) throws(SQLiteError) {
        handle = sqlite3_backup_init(destination.handle, "main", source.handle, "main")

        guard handle != nil else {
            let code = sqlite3_errcode(destination.handle)
            throw destination.error(code, doing: "starting the backup")
        }
    }

    deinit {
        // sqlite3_backup_finish(NULL) is a harmless no-op, per its docs.
        sqlite3_backup_finish(handle)
    }

    /// Copies all remaining pages; SQLITE_DONE on success.
    func copyAll() -> Int32 {
        sqlite3_backup_step(handle, -1)
    }

    /// Releases the handle and returns SQLite's verdict on the whole backup.
    func finish() -> Int32 {
        defer { handle = nil }

        return sqlite3_backup_finish(handle)
    }
}
