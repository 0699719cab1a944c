import Foundation
import Server
import Store
import Support

/// `invite`, `reset`, `unlock`, `users` and `audit`.
enum AccountCommands {
    static func run(
        _ name: String, _ words: [String], console: Console
    ) throws(UsageError) -> CommandStatus {
        let valued: Set<String> = ["--site", "--state", "--client", "--user", "--limit"]
        let switches: Set<String> = ["users", "audit"].contains(name) ? ["--json"] : []
        let arguments = try Arguments(words, valued: valued, switches: switches)
        let settings = ServerSettings(
            site: URL(fileURLWithPath: arguments.options["--site"] ?? "site"),
            state: URL(fileURLWithPath: arguments.options["--state"] ?? "state"))
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
