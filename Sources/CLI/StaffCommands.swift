import Foundation
import Server
import Support

/// `inbox` and `export`: what the care workers and the privacy officer read.
enum StaffCommands {
    static func run(
        _ name: String, _ words: [String], console: Console
    ) throws(UsageError) -> CommandStatus {
        let arguments = try Arguments(
            words, valued: ["--config", "--site", "--state", "--client", "--output"],
            switches: ["--json", "--peek"])
        if name == "export" && arguments.positional.count != 1 {
            throw UsageError("give one CLIENT, for example: careportal export sanne")
        }
        if name == "inbox", let extra = arguments.positional.first {
            throw UsageError("unexpected '\(extra)'; to pick a client use --client \(extra)")
        }
        let settings = try Configuration(arguments: arguments).serverSettings()
        do {
            let admin = try Administration(
                settings: settings, logger: Logger(label: "careportal", minimum: .warning))
            if name == "export" {
                return try export(arguments.positional[0], arguments, admin, console)
            }
            return try inbox(arguments, admin, console)
        } catch {
            console.err("careportal \(name): \(error)")
            return .failure
        }
    }

    private static func inbox(
        _ arguments: Arguments, _ admin: Administration, _ console: Console
    ) throws -> CommandStatus {
        let entries = try admin.inbox(
            client: arguments.options["--client"], peek: arguments.flags.contains("--peek"))
        if arguments.flags.contains("--json") {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            console.out(String(decoding: try encoder.encode(entries), as: UTF8.self))
            return .success
        }
        guard !entries.isEmpty else {
            console.out("No new comments or replies.")
            return .success
        }
        console.out(InboxText.render(entries))
        return .success
    }

    private static func export(
        _ client: String, _ arguments: Arguments, _ admin: Administration, _ console: Console
    ) throws -> CommandStatus {
        let document = try admin.export(client: client)
        guard let output = arguments.options["--output"] else {
            console.out(String(decoding: document, as: UTF8.self))
            return .success
        }
        try document.write(to: URL(fileURLWithPath: output), options: [.atomic])
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: output)
        console.err("Wrote everything held about \(client) to \(output).")
        return .success
    }
}

/// The inbox as text: a heading per client and item, then each message indented.
enum InboxText {
    static func render(_ entries: [InboxEntry]) -> String {
        var lines: [String] = []
        var client = ""
        var item = ""
        for entry in entries {
            if entry.client != client {
                if !lines.isEmpty { lines.append("") }
                lines.append("\(entry.clientName) (\(entry.client))")
                client = entry.client
                item = ""
            }
            if entry.item != item {
                let what = entry.kind == "comment" ? "comments on" : "replies in"
                lines.append("  \(what) \"\(entry.itemTitle)\" (\(entry.item))")
                item = entry.item
            }
            lines.append("    \(entry.at)  \(entry.author) (\(entry.username)):")
            for line in entry.text.split(separator: "\n", omittingEmptySubsequences: false) {
                lines.append("      \(line)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
