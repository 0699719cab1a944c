import Foundation

/// `careportal config`: every setting's effective value and where it came from, secrets masked.
enum ConfigCommand {
    static func run(_ words: [String], console: Console) throws(UsageError) -> CommandStatus {
        let arguments = try Configuration.optionsOnly(words)
        let configuration = try Configuration(arguments: arguments)
        _ = try configuration.serverSettings()
        console.out("# configuration file: \(configuration.file ?? "none")")
        console.out("# order: option, then environment, then file, then default")
        for setting in Configuration.settings {
            guard let (value, source) = configuration.values[setting.key] else {
                console.out("\(setting.key): (not set)")
                continue
            }
            let shown = setting.secret ? "******** (\(value.utf8.count) characters)" : value
            console.out("\(setting.key): \(shown)  # from \(source.rawValue)")
        }
        return .success
    }
}
