import Foundation
import Server
import Store
import Support

/// `invite`, `reset`, `unlock`, `users` and `audit`.
enum AccountCommands {
    static func run(
        _ name: String, _ words: [String], console: Console
    ) throws(UsageError) -> CommandStatus {
        let valued: Set<String> = [
            "--config", "--site", "--state", "--client", "--user", "--limit",
        ]
        let switches: Set<String> = ["users", "audit", "stats"].contains(name) ? ["--json"] : []
        let arguments = try Arguments(words, valued: valued, switches: switches)
        let settings = try Configuration(arguments: arguments).serverSettings()
        let needsUser = ["invite", "reset", "unlock"].contains(name)
        if needsUser && arguments.positional.count != 1 {
            throw UsageError("give one USERNAME, for example: careportal \(name) marieke.devries")
        }
        if !needsUser, let extra = arguments.positional.first {
            throw UsageError("unexpected '\(extra)'")
        }
        do {
            let admin = try Administration(
                settings: settings, logger: Logger(label: "careportal", minimum: .warning))
            return try perform(name, arguments, admin, console)
        } catch let error as UsageError {
            throw error
        } catch {
            console.err("careportal \(name): \(error)")
            return .failure
        }
    }

    private static func perform(
        _ name: String, _ arguments: Arguments, _ admin: Administration, _ console: Console
    ) throws -> CommandStatus {
        let username = arguments.positional.first ?? ""
        switch name {
        case "invite", "reset":
            let link = try admin.invite(username, reset: name == "reset")
            console.out(
                "\(name == "reset" ? "Reset and invited" : "Invited") \(username); "
                    + "the mail is in the outbox. Activation link (valid once): \(link)")
        case "unlock":
            try admin.unlock(username)
            console.out("Unlocked \(username).")
        case "users" where arguments.flags.contains("--json"):
            console.out(
                try JSONText.encode(
                    admin.users().map {
                        ["username": $0.username, "state": $0.state, "clients": $0.clients]
                            as [String: any Sendable]
                    }))
        case "users":
            for user in try admin.users() {
                console.out(
                    "\(user.username)\t\(user.state)\t\(user.clients.joined(separator: ","))")
            }
        case "stats":
            try stats(arguments, admin, console)
        case "doctor":
            let checks = admin.doctor(libraries: LinkedLibraries.versions)
            for check in checks {
                console.out("\(check.level.rawValue.uppercased())\t\(check.what)")
            }
            return checks.contains { $0.level == .fail } ? .contentProblems : .success
        default:
            try audit(arguments, admin, console)
        }
        return .success
    }

    private static func audit(
        _ arguments: Arguments, _ admin: Administration, _ console: Console
    ) throws {
        let limit = Int(arguments.options["--limit"] ?? "200") ?? 200
        let events = try admin.audit(
            client: arguments.options["--client"], username: arguments.options["--user"],
            limit: limit)
        let formatter = ISO8601DateFormatter()
        if arguments.flags.contains("--json") {
            console.out(try JSONText.encode(events.reversed().map { json($0, formatter) }))
            return
        }
        for event in events.reversed() {
            let time = Date(timeIntervalSince1970: TimeInterval(event.at))
            console.out(
                [
                    formatter.string(from: time), event.event, event.username ?? "-",
                    event.client ?? "-", event.target ?? "-", event.address ?? "-",
                    event.detail ?? "",
                ].joined(separator: "\t"))
        }
    }
}

extension AccountCommands {
    fileprivate static func stats(
        _ arguments: Arguments, _ admin: Administration, _ console: Console
    ) throws {
        let stats = try admin.stats()
        if arguments.flags.contains("--json") {
            console.out(
                try JSONText.encode([
                    "accounts": stats.accounts, "last_24_hours": stats.lastDay,
                    "mail_queued": stats.mailQueued, "unseen_messages": stats.unseenMessages,
                    "unread": stats.unread,
                ]))
            return
        }
        let accounts = stats.accounts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
        console.out("accounts: " + accounts.joined(separator: ", "))
        console.out(
            "last 24 hours: \(stats.lastDay["login", default: 0]) logins, "
                + "\(stats.lastDay["login_failed", default: 0]) failed, "
                + "\(stats.lastDay["lockout", default: 0]) lockouts")
        console.out("mail queued: \(stats.mailQueued)")
        console.out("comments and replies not seen by staff: \(stats.unseenMessages)")
        for (client, users) in stats.unread.sorted(by: { $0.key < $1.key }) {
            let list = users.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            console.out("unread in \(client): " + list.joined(separator: ", "))
        }
    }

    /// One audit event for `audit --json`; absent fields are left out.
    fileprivate static func json(_ event: AuditEvent, _ formatter: ISO8601DateFormatter)
        -> [String: String]
    {
        let time = Date(timeIntervalSince1970: TimeInterval(event.at))
        var fields = ["at": formatter.string(from: time), "event": event.event]
        fields["user"] = event.username
        fields["client"] = event.client
        fields["target"] = event.target
        fields["address"] = event.address
        fields["detail"] = event.detail
        return fields
    }
}

/// JSON for tools: sorted keys, one document.
enum JSONText {
    static func encode(_ value: Any) throws -> String {
        let data = try JSONSerialization.data(
            withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
