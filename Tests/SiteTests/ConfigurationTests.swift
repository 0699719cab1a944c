import Foundation
import Testing

@testable import CLI

/// One order for every setting: option, environment, file, default.
@Suite struct ConfigurationTests {
    private func file(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("careportal-\(UUID().uuidString).yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func optionsBeatTheEnvironmentWhichBeatsTheFileWhichBeatsTheDefault() throws {
        let path = try file("site: /srv/file/site\nstate: /srv/file/state\nport: 9000\n")
        let arguments = try Arguments(
            ["--config", path, "--site", "/srv/option/site"], valued: ["--config", "--site"])
        let configuration = try Configuration(
            arguments: arguments,
            environment: ["CAREPORTAL_STATE": "/srv/env/state", "CAREPORTAL_SITE": "/srv/env/site"])
        #expect(configuration.values["site"]?.value == "/srv/option/site")
        #expect(configuration.values["site"]?.source == .option)
        #expect(configuration.values["state"]?.value == "/srv/env/state")
        #expect(configuration.values["state"]?.source == .environment)
        #expect(configuration.values["port"]?.value == "9000")
        #expect(configuration.values["port"]?.source == .file)
        #expect(configuration.values["host"]?.source == .default)
        let settings = try configuration.serverSettings()
        #expect(settings.port == 9000)
        #expect(settings.site.path == "/srv/option/site")
    }

    @Test func anUnknownKeyIsAnErrorWithItsPlace() throws {
        let path = try file("site: x\nprot: 80\n")
        let arguments = try Arguments(["--config", path], valued: ["--config"])
        #expect(throws: UsageError.self) {
            _ = try Configuration(arguments: arguments, environment: [:])
        }
        do {
            _ = try Configuration(arguments: arguments, environment: [:])
        } catch {
            #expect(error.message.contains("\(path):2:1: unknown key"))
        }
    }

    @Test func retentionsAreDaysAndABadOneSaysWhatItMustBe() throws {
        let path = try file("session_retention_days: 30\naudit_retention_days: 0\n")
        let arguments = try Arguments(["--config", path], valued: ["--config"])
        let settings = try Configuration(arguments: arguments, environment: [:]).serverSettings()
        #expect(settings.sessionRetention == 30 * 24 * 3600)
        #expect(settings.auditRetention == nil, "0 keeps every audit event")

        let bad = try Configuration(
            arguments: arguments, environment: ["CAREPORTAL_SESSION_RETENTION_DAYS": "a week"])
        #expect(throws: UsageError.self) { _ = try bad.serverSettings() }
    }

    @Test func configShowsSourcesAndMasksTheSecret() throws {
        let key = String(repeating: "A", count: 43)
        let path = try file("secret_key: \(key)\nport: 8081\n")
        let result = runCommand(["config", "--config", path])
        #expect(result.status == .success)
        #expect(result.out.contains("port: 8081  # from file"))
        #expect(result.out.contains("secret_key: ******** (43 characters)  # from file"))
        #expect(!result.out.contains(key))
    }
}
