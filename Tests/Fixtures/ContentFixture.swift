import Foundation

/// A content folder in a fresh temporary directory, for tests that build real files.
public final class ContentFixture: @unchecked Sendable {
    /// The temporary folder holding `content/`, `themes` (a link to the repo's) and outputs.
    public let root: URL
    public var content: URL { root.appendingPathComponent("content") }
    public var site: URL { root.appendingPathComponent("site") }

    /// The repository root, found from this file's path.
    public static let repository: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(
                atPath: url.appendingPathComponent("Package.swift").path)
            {
                return url
            }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    public static var themes: URL { repository.appendingPathComponent("themes") }
    public static var exampleContent: URL { repository.appendingPathComponent("content") }

    /// An empty fixture, or one holding a small valid portal with one client.
    public init(minimal: Bool = true) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("careportal-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if minimal { try writeMinimal() }
    }

    /// A copy of the repository's example content.
    public static func example() throws -> ContentFixture {
        let fixture = try ContentFixture(minimal: false)
        try FileManager.default.copyItem(at: exampleContent, to: fixture.content)
        return fixture
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// Writes `text` at `path` under `content/`, creating folders.
    public func write(_ path: String, _ text: String) throws {
        try write(path, data: Data(text.utf8))
    }

    public func write(_ path: String, data: Data) throws {
        let url = content.appendingPathComponent(path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(),
            withIntermediateDirectories: true)
        try data.write(to: url)
    }

    public func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: content.appendingPathComponent(path))
    }

    public func read(site path: String) throws -> String {
        try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
    }

    public static let portal = """
        organisation: Stichting Test
        issuer: Test Portaal
        base_url: https://portaal.example.nl
        language: nl
        time_zone: Europe/Amsterdam

        """

    public static let client = """
        name: Anna Jansen
        dossier: "T-001"
        birth_date: 2011-03-04
        care_workers:
          - name: Bea Smit
            role: Jeugdhulpverlener
            email: bea@example.nl
        users:
          - username: ouder.jansen
            name: Petra Jansen
            email: petra@example.nl
            relation: moeder

        """

    private func writeMinimal() throws {
        try write("portal.yaml", Self.portal)
        try write("clients/anna/client.yaml", Self.client)
        try write(
            "clients/anna/reports/2026-11-02-intake.md",
            """
            ---
            title: Intake
            date: 2026-11-02
            author: Bea Smit
            ---
            Eerste gesprek. Zie [het plan](../documents/plan.md).

            """)
        try write(
            "clients/anna/documents/plan.md",
            """
            ---
            title: Plan
            date: 2026-11-01
            ---
            Het plan.

            """)
        try write(
            "clients/anna/agenda.yaml",
            """
            - title: Gesprek
              start: 2026-12-03 10:00
              end: 2026-12-03 11:00
              location: Kantoor
            - title: Studiedag
              date: 2026-12-04

            """)
        try write(
            "clients/anna/conversations/2026-11-28-weekend.yaml",
            """
            title: Weekend
            messages:
              - at: 2026-11-28 09:15
                from: Bea Smit
                text: |
                  Hoe was het weekend?

            """)
    }
}
