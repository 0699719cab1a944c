import Foundation
import SQLite

/// Online backups of the state database and putting one back.
extension StateStore {
    /// A consistent copy of the database at `target` (mode 0600), taken while the server keeps
    /// writing: every write acknowledged before the copy started is in it.
    public func backup(to target: URL) throws {
        try database.backup(to: target.path)
    }

    /// Replaces the database in `folder` with the backup at `source`, after checking that the
    /// backup is sound and not from a newer careportal. The server must be stopped: a running
    /// server would go on writing to the file this replaces.
    public static func restore(from source: URL, into folder: URL) throws {
        let lock = try StateLock(folder: folder)
        defer { withExtendedLifetime(lock) {} }
        let live = folder.appendingPathComponent(fileName)
        let staged = folder.appendingPathComponent(fileName + ".restoring")
        let manager = FileManager.default
        try? manager.removeItem(at: staged)
        try manager.copyItem(at: source, to: staged)
        do {
            try check(staged)
            for suffix in ["-wal", "-shm"] {
                try? manager.removeItem(atPath: live.path + suffix)
            }
            guard rename(staged.path, live.path) == 0 else {
                throw StoreError.restore("cannot move the backup into place: errno \(errno)")
            }
        } catch {
            try? manager.removeItem(at: staged)
            throw error
        }
    }

    private static func check(_ staged: URL) throws {
        let database = try Database(path: staged.path)
        let problems = try database.integrityCheck()
        guard problems == ["ok"] else {
            throw StoreError.restore("the backup is damaged: \(problems.prefix(3))")
        }
        let version = try database.queryOne("PRAGMA user_version")?.int("user_version") ?? 0
        let newest = Schema.migrations.last?.version ?? 0
        guard version <= newest else {
            throw StoreError.restore(
                "the backup is from a newer careportal (schema \(version), this one knows "
                    + "\(newest)); restore it with that version")
        }
        try database.migrate(Schema.migrations)
    }
}
