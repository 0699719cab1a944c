import Foundation
import Store

/// `backup` and `restore`: the state database copied out while the server runs, and put back
/// while it is stopped.
enum StateCommands {
    static func run(
        _ name: String, _ words: [String], console: Console
    ) throws(UsageError) -> CommandStatus {
        let arguments = try Arguments(words, valued: ["--config", "--state"])
        guard arguments.positional.count == 1 else {
            throw UsageError(
                "give one FILE, for example: careportal \(name) /var/backups/careportal.sqlite")
        }
        let file = URL(fileURLWithPath: arguments.positional[0])
        let state = try Configuration(arguments: arguments).serverSettings().state
        do {
            if name == "backup" {
                try StateStore(folder: state).backup(to: file)
                console.out("Backed up \(state.path) to \(file.path).")
            } else {
                try StateStore.restore(from: file, into: state)
                console.out("Restored \(file.path) into \(state.path); start the server again.")
            }
            return .success
        } catch {
            console.err("careportal \(name): \(error)")
            return .failure
        }
    }
}
