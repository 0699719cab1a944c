import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive lock on a state folder, held by the server while it runs (`flock` on
/// `state/serve.lock`), so that a second server or a restore cannot work on the same state
/// at the same time. The kernel drops the lock when the process ends, also after `kill -9`.
public final class StateLock: Sendable {
    private let descriptor: Int32

    /// Takes the lock, or throws when another process holds it.
    public init(folder: URL) throws {
        let path = folder.appendingPathComponent("serve.lock").path
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StoreError.restore("cannot open \(path): errno \(errno)")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw StateLockError.held(folder.path)
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

public enum StateLockError: Error, CustomStringConvertible {
    case held(String)

    public var description: String {
        switch self {
        case .held(let folder):
            return "a careportal server is running on \(folder); stop it first "
                + "(systemctl stop careportal)"
        }
    }
}
