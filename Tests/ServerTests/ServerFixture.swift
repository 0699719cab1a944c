import Fixtures
import Testing
import Foundation
import HTTP
import Server
import Site
import Store
import Support
import Synchronization

/// A built example site, a state folder and a running server on 127.0.0.1, all temporary.
final class ServerFixture: @unchecked Sendable {
    let content: ContentFixture
    let state: URL
    let settings: ServerSettings
    private(set) var portal: PortalServer
    private(set) var http: HTTPServer
    let clock = Locked(ServerFixture.start)
    let logLines = Locked<[String]>([])

    /// Today in the example content's month, so this week has appointments.
    static let start = Date(timeIntervalSince1970: 1_796_300_000)

    init(
        minimal: Bool = false, smtp: String? = nil, limits: HTTPLimits = HTTPLimits(),
        state: URL? = nil, trustedProxies: Set<String> = []
    ) throws {
        content = minimal ? try ContentFixture() : try ContentFixture.example()
        if let smtp {
            let file = content.content.appendingPathComponent("portal.yaml")
            let text = try String(contentsOf: file, encoding: .utf8)
            try (text + "  smtp: \(smtp)\n").write(to: file, atomically: true, encoding: .utf8)
        }
        try Self.build(content)
        self.state = state ?? content.root.appendingPathComponent("state")
        let clock = self.clock
        var settings = ServerSettings(site: content.site, state: self.state)
        settings.port = 0
        settings.clock = { clock.value }
        settings.mailInterval = 0.2
        settings.buildCheckInterval = 0.1
        settings.trustedProxies = trustedProxies
        self.settings = settings
        let lines = logLines
        let logger = Logger(label: "test") { line in lines.update { $0.append(line) } }
        portal = try PortalServer(settings: settings, logger: logger)
        http = try HTTPServer(
            host: "127.0.0.1", port: 0, limits: limits, isSlow: PortalServer.isSlow,
            handler: portal.handle)
    }

    deinit {
        http.stop(grace: 1)
        portal.shutdown()
    }

    var now: Date { clock.value }

    /// Stops the server, as `systemctl stop` would.
    func stop() {
        http.stop(grace: 1)
        portal.shutdown()
    }

    /// Stops the server and starts a new one on the same site and state, as after a crash or
    /// a deploy; moves `browsers` to its port.
    func restart(_ browsers: TestClient...) throws {
        http.stop(grace: 1)
        portal.shutdown()
        let lines = logLines
        portal = try PortalServer(
            settings: settings,
            logger: Logger(label: "test") { line in lines.update { $0.append(line) } })
        http = try HTTPServer(
            host: "127.0.0.1", port: 0, limits: HTTPLimits(), isSlow: PortalServer.isSlow,
            handler: portal.handle)
        for browser in browsers { browser.move(to: http.port) }
    }

    /// Adds a care worker's message to a conversation file of the content, as a care worker
    /// would in git.
    func appendMessage(to file: String, at time: String, text: String) throws {
        let url = content.content.appendingPathComponent("clients/\(file)")
        let old = try String(contentsOf: url, encoding: .utf8)
        let author = try #require(
            old.range(of: #"from: [^\n]+"#, options: .regularExpression).map { old[$0] })
        let added = "  - at: \(time)\n    \(author)\n    text: \(text)\n"
        try (old + added).write(to: url, atomically: true, encoding: .utf8)
    }

    func advance(_ seconds: TimeInterval) {
        clock.update { $0 = $0.addingTimeInterval(seconds) }
    }

    /// Builds the content again into the same site link, as CI does after a push.
    func rebuild() throws {
        try Self.build(content)
    }

    /// Builds `content` into its site link.
    static func build(_ content: ContentFixture) throws {
        _ = try SiteBuilder(
            options: BuildOptions(
                content: content.content, themes: ContentFixture.themes, output: content.site)
        ).build()
    }

    func client() -> TestClient {
        TestClient(port: http.port)
    }

    /// The state database, opened apart from the server as another process would.
    func store() throws -> StateStore {
        try StateStore(folder: state)
    }

    func admin() throws -> Administration {
        try Administration(settings: settings, logger: Logger(label: "test", minimum: .error))
    }

    /// The `.eml` files waiting in the outbox, oldest first.
    func outbox() throws -> [String] {
        let folder = state.appendingPathComponent("outbox")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".eml") }.sorted()
        return try names.map {
            try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
        }
    }
}

/// Runs a command-line tool and returns its standard output, trimmed.
func tool(_ path: String, _ arguments: [String], input: Data? = nil) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    let inputPipe = Pipe()
    if input != nil { process.standardInput = inputPipe }
    try process.run()
    if let input {
        inputPipe.fileHandleForWriting.write(input)
        try inputPipe.fileHandleForWriting.close()
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

/// The code an authenticator app shows at `time`, computed by the real oathtool.
func oathtool(_ secret: String, at time: Date) throws -> String {
    try tool(
        "/usr/bin/oathtool",
        [
            "--totp", "-b", secret.replacingOccurrences(of: " ", with: ""),
            "-N", "@\(Int(time.timeIntervalSince1970))",
        ])
}

/// A value shared between threads behind a lock.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) {
        mutex = Mutex(value)
    }

    var value: Value { mutex.withLock { $0 } }

    func update(_ change: (inout Value) -> Void) {
        mutex.withLock { change(&$0) }
    }
}
