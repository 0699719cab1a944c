import Content
import Foundation
import Site

/// How a command ended, mapped to the process exit status by `main`.
public enum CommandStatus: Int32, Sendable {
    case success = 0
    /// The content or theme has problems, listed on standard error.
    case contentProblems = 1
    /// The command line was wrong.
    case usage = 2
    /// Something outside the content failed: the disk, permissions.
    case failure = 3
}

/// Where a command writes: standard output for results, standard error for problems.
public struct Console: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void

    public init(
        out: @escaping @Sendable (String) -> Void,
        err: @escaping @Sendable (String) -> Void
    ) {
        self.out = out
        self.err = err
    }

    public static let standard = Console(
        out: { text in FileHandle.standardOutput.write(Data((text + "\n").utf8)) },
        err: { text in FileHandle.standardError.write(Data((text + "\n").utf8)) })
}

/// Dispatches `careportal COMMAND …` to the command's code.
public enum CareportalCommand {
    public static func run(_ words: [String], console: Console = .standard) -> CommandStatus {
        guard let name = words.first, name != "--help", name != "-h", name != "help" else {
            console.out(Help.overview)
            return words.isEmpty ? .usage : .success
        }
        let rest = Array(words.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            guard let text = Help.command(name) else { return unknown(name, console) }
            console.out(text)
            return .success
        }
        do {
            switch name {
            case "check": return try BuildCommand.run(rest, dryRun: true, console: console)
            case "build": return try BuildCommand.run(rest, dryRun: false, console: console)
            case "serve": return try ServeCommand.run(rest, console: console)
            case "invite", "reset", "unlock", "users", "audit", "stats", "doctor":
                return try AccountCommands.run(name, rest, console: console)
            case "inbox", "export":
                return try StaffCommands.run(name, rest, console: console)
            case "config": return try ConfigCommand.run(rest, console: console)
            case "backup", "restore":
                return try StateCommands.run(name, rest, console: console)
            default: return unknown(name, console)
            }
        } catch {
            console.err("careportal \(name): \(error.message)")
            console.err("Run 'careportal \(name) --help' for the options.")
            return .usage
        }
    }

    private static func unknown(_ name: String, _ console: Console) -> CommandStatus {
        let close = Help.commands.min {
            Arguments.distance($0.name, name) < Arguments.distance($1.name, name)
        }
        var message = "careportal: unknown command '\(name)'."
        if let close, Arguments.distance(close.name, name) <= 2 {
            message += " Did you mean '\(close.name)'?"
        }
        console.err(message + " Run 'careportal --help' for the list.")
        return .usage
    }
}
