import Foundation
import Store

/// One finding of `careportal doctor`.
public struct DoctorCheck: Sendable {
    public enum Level: String, Sendable {
        case ok, warn, fail
    }

    public var level: Level
    public var what: String
}

/// The C libraries the program runs on, with the versions they report.
public struct LinkedLibraries: Sendable {
    /// SQLite 3.37.0, the first with STRICT tables.
    public static let sqliteMinimum = 3_037_000

    public var names: [(name: String, version: String)]
    public var sqliteVersion: String
    public var sqliteNumber: Int

    public init(names: [(name: String, version: String)], sqliteVersion: String, sqliteNumber: Int)
    {
        self.names = names
        self.sqliteVersion = sqliteVersion
        self.sqliteNumber = sqliteNumber
    }

    /// The program could not have started without its libraries; what is worth checking is
    /// that each is new enough, and what an admin reports with a problem is their versions.
    public var check: DoctorCheck {
        let listed = names.map { "\($0.name) \($0.version)" }.joined(separator: ", ")
        guard sqliteNumber >= Self.sqliteMinimum else {
            return DoctorCheck(
                level: .fail,
                what: "SQLite \(sqliteVersion) is older than 3.37, which the state database "
                    + "needs (STRICT tables); install Debian 12's libsqlite3-0")
        }
        return DoctorCheck(
            level: .ok, what: "C libraries: \(listed); libargon2 and libzxcvbn linked")
    }
}

/// `careportal doctor`: what a deployment needs, checked on the machine itself.
extension Administration {
    /// Every check, in the order printed. `libraries` names each C library with the version
    /// the running program linked in (the caller asks the wrapper modules).
    public func doctor(libraries: LinkedLibraries) -> [DoctorCheck] {
        [
            libraries.check, stateWritable(), database(), siteMatches(), secretKey(), baseURL(),
            mail(), clock(),
        ]
    }

    private func stateWritable() -> DoctorCheck {
        let probe = settings.state.appendingPathComponent(".doctor-\(getpid())")
        guard FileManager.default.createFile(atPath: probe.path, contents: Data("x".utf8)) else {
            return DoctorCheck(level: .fail, what: "cannot write in \(settings.state.path)")
        }
        try? FileManager.default.removeItem(at: probe)
        return DoctorCheck(level: .ok, what: "state folder \(settings.state.path) is writable")
    }

    private func database() -> DoctorCheck {
        guard let result = try? store.integrityCheck(), result == ["ok"] else {
            return DoctorCheck(
                level: .fail, what: "the state database fails its integrity check; restore a backup"
            )
        }
        return DoctorCheck(
            level: .ok, what: "state database sound (schema \(store.schemaVersion))")
    }

    private func siteMatches() -> DoctorCheck {
        let removed = ((try? users()) ?? []).filter { $0.state == "removed" }.map(\.username)
        let site = "site \(settings.site.path) has \(snapshot.manifest.clients.count) clients"
        guard removed.isEmpty else {
            return DoctorCheck(
                level: .warn,
                what: "\(site); accounts no longer in the content: "
                    + removed.joined(separator: ", "))
        }
        return DoctorCheck(level: .ok, what: "\(site), and every account is in it")
    }

    private func secretKey() -> DoctorCheck {
        if settings.secretKey != nil
            || ProcessInfo.processInfo.environment[SecretKey.environment] != nil
        {
            return DoctorCheck(level: .ok, what: "secret key given by the configuration")
        }
        let path = settings.state.appendingPathComponent(SecretKey.fileName).path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            return DoctorCheck(
                level: .warn, what: "no \(path) yet; the server makes it at its first start")
        }
        let mode = (attributes[.posixPermissions] as? Int) ?? 0
        guard mode & 0o077 == 0 else {
            return DoctorCheck(level: .fail, what: "\(path) is readable by others; chmod 600 it")
        }
        return DoctorCheck(level: .ok, what: "secret key in \(path), mode 600; keep a copy apart")
    }

    private func baseURL() -> DoctorCheck {
        let base = snapshot.manifest.portal.baseURL
        guard base.hasPrefix("https://") else {
            return DoctorCheck(
                level: .warn,
                what: "base_url \(base) is not https: cookies are not Secure; only for a demo")
        }
        return DoctorCheck(level: .ok, what: "base_url \(base) is https")
    }

    private func mail() -> DoctorCheck {
        guard let smtp = snapshot.manifest.portal.smtp, let url = URL(string: smtp),
            let host = url.host
        else {
            return DoctorCheck(
                level: .warn, what: "no mail.smtp in portal.yaml: mail stays in state/outbox/")
        }
        let port = url.port ?? (smtp.hasPrefix("smtps://") ? 465 : 25)
        guard Reachability.tcp(host: host, port: port, timeout: 5) else {
            return DoctorCheck(level: .fail, what: "cannot reach the mail server \(host):\(port)")
        }
        return DoctorCheck(level: .ok, what: "mail server \(host):\(port) answers")
    }

    /// TOTP allows one step (30 s) of skew: the clock must be synchronised.
    private func clock() -> DoctorCheck {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timedatectl")
        process.arguments = ["show", "-p", "NTPSynchronized", "--value"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else {
            return DoctorCheck(
                level: .warn,
                what: "cannot tell whether the clock is synchronised (no timedatectl); "
                    + "codes fail when it is off by more than 30 seconds")
        }
        process.waitUntilExit()
        let answer = String(
            decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard answer.trimmingCharacters(in: .whitespacesAndNewlines) == "yes" else {
            return DoctorCheck(
                level: .warn,
                what: "the clock is not synchronised (timedatectl); enable NTP, "
                    + "codes fail when it is off by more than 30 seconds")
        }
        return DoctorCheck(level: .ok, what: "the clock is synchronised")
    }
}

/// Whether a TCP connection to a host can be opened, for `doctor`.
///
/// Known limit: plain POSIX socket calls here rather than a wrapper module, because this one
/// probe is all careportal does with outgoing TCP (mail goes through libcurl); the pointers stay
/// inside these two functions.
enum Reachability {
    static func tcp(host: String, port: Int, timeout: Int) -> Bool {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let first = found else {
            return false
        }
        defer { freeaddrinfo(found) }
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            if connects(address.pointee, timeout: timeout) { return true }
            entry = address.pointee.ai_next
        }
        return false
    }

    /// A non-blocking connect, waited for with poll(2) up to `timeout` seconds.
    private static func connects(_ address: addrinfo, timeout: Int) -> Bool {
        let descriptor = socket(address.ai_family, address.ai_socktype, address.ai_protocol)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        if connect(descriptor, address.ai_addr, address.ai_addrlen) == 0 { return true }
        guard errno == EINPROGRESS else { return false }
        var waiting = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        guard poll(&waiting, 1, Int32(timeout * 1000)) == 1 else { return false }
        var failure: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &failure, &length)
        return failure == 0
    }
}
