import Foundation
import Server
import YAML

/// Where each setting comes from, in one documented order: a command-line option wins over an
/// environment variable, which wins over the configuration file, which wins over the default.
///
/// The file is `--config FILE`, else `$CAREPORTAL_CONFIG`, else `/etc/careportal/careportal.yaml`
/// when it exists. It is YAML with the keys below; an unknown key is an error, not ignored.
struct Configuration {
    enum Source: String {
        case option, environment, file, `default`
    }

    struct Setting {
        let key: String
        let option: String
        let variable: String
        let fallback: String?
        /// Shown masked by `careportal config`.
        var secret = false
    }

    static let settings = [
        Setting(key: "site", option: "--site", variable: "CAREPORTAL_SITE", fallback: "site"),
        Setting(key: "state", option: "--state", variable: "CAREPORTAL_STATE", fallback: "state"),
        Setting(key: "host", option: "--host", variable: "CAREPORTAL_HOST", fallback: "127.0.0.1"),
        Setting(key: "port", option: "--port", variable: "CAREPORTAL_PORT", fallback: "8080"),
        Setting(
            key: "trusted_proxy", option: "--trusted-proxy",
            variable: "CAREPORTAL_TRUSTED_PROXY", fallback: nil),
        Setting(
            key: "audit_retention_days", option: "--audit-retention-days",
            variable: "CAREPORTAL_AUDIT_RETENTION_DAYS", fallback: "1826"),
        Setting(
            key: "session_retention_days", option: "--session-retention-days",
            variable: "CAREPORTAL_SESSION_RETENTION_DAYS", fallback: "0"),
        Setting(
            key: "secret_key", option: "", variable: "CAREPORTAL_SECRET_KEY", fallback: nil,
            secret: true),
    ]

    static let defaultFile = "/etc/careportal/careportal.yaml"

    /// The options of `serve` and `config`: every setting that has one, and `--config`.
    static let serveOptions: Set<String> = Set(settings.map(\.option).filter { !$0.isEmpty })
        .union(["--config"])

    /// The arguments of a command that takes only the serve options.
    static func optionsOnly(_ words: [String]) throws(UsageError) -> Arguments {
        let arguments = try Arguments(words, valued: serveOptions)
        if let extra = arguments.positional.first {
            throw UsageError("unexpected '\(extra)'; this command takes only options")
        }
        return arguments
    }

    private(set) var values: [String: (value: String, source: Source)] = [:]
    let file: String?

    init(
        arguments: Arguments, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(UsageError) {
        let named = arguments.options["--config"] ?? environment["CAREPORTAL_CONFIG"]
        let path =
            named
            ?? (FileManager.default.fileExists(atPath: Self.defaultFile)
                ? Self.defaultFile : nil)
        file = path
        let fromFile = try path.map(Self.read) ?? [:]
        for setting in Self.settings {
            if !setting.option.isEmpty, let value = arguments.options[setting.option] {
                values[setting.key] = (value, .option)
            } else if let value = environment[setting.variable], !value.isEmpty {
                values[setting.key] = (value, .environment)
            } else if let value = fromFile[setting.key] {
                values[setting.key] = (value, .file)
            } else if let value = setting.fallback {
                values[setting.key] = (value, .default)
            }
        }
    }

    subscript(key: String) -> String? { values[key]?.value }

    /// The server's settings from these values.
    func serverSettings() throws(UsageError) -> ServerSettings {
        var settings = ServerSettings(
            site: URL(fileURLWithPath: self["site"] ?? "site"),
            state: URL(fileURLWithPath: self["state"] ?? "state"))
        settings.host = self["host"] ?? "127.0.0.1"
        guard let port = UInt16(self["port"] ?? "8080") else {
            throw UsageError("port must be a number from 0 to 65535, not '\(self["port"] ?? "")'")
        }
        settings.port = port
        guard let days = Int(self["audit_retention_days"] ?? "1826"), days >= 0 else {
            throw UsageError("audit_retention_days must be a whole number of days, 0 to keep all")
        }
        settings.auditRetention = days == 0 ? nil : Double(days) * 24 * 3600
        guard let kept = Int(self["session_retention_days"] ?? "0"), kept >= 0 else {
            throw UsageError(
                "session_retention_days must be a whole number of days, 0 to remove ended "
                    + "sessions at once")
        }
        settings.sessionRetention = Double(kept) * 24 * 3600
        settings.secretKey = self["secret_key"]
        if let proxies = self["trusted_proxy"] {
            settings.trustedProxies = Set(
                proxies.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        return settings
    }

    /// The file's keys and values; problems name the file, line and key.
    private static func read(_ path: String) throws(UsageError) -> [String: String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw UsageError("cannot read the configuration file \(path)")
        }
        let node: Node?
        do {
            node = try YAMLParser.parse(text)
        } catch {
            throw UsageError("\(path): \(error)")
        }
        guard let node else { return [:] }
        guard case .mapping(let pairs) = node.kind else {
            throw UsageError("\(path):1:1: the configuration must be a mapping of key: value")
        }
        let known = Set(settings.map(\.key))
        var values: [String: String] = [:]
        for pair in pairs {
            let place = "\(path):\(pair.key.mark.line):\(pair.key.mark.column)"
            guard let key = pair.key.scalar, known.contains(key) else {
                let names = known.sorted().joined(separator: ", ")
                throw UsageError("\(place): unknown key; the keys are: \(names)")
            }
            guard let value = pair.value.scalar else {
                throw UsageError("\(place): '\(key)' must be a single value")
            }
            values[key] = value
        }
        return values
    }
}
