import Fixtures
import Foundation
import Site
import Testing

/// A full disk while building or while writing state: a clear error, nothing half-written, the
/// last good site still served. A small tmpfs is the full disk; mounting one needs root, so
/// without it these tests are skipped and say why.
@Suite(.enabled(if: TinyDisk.canMount, "mounting a tmpfs needs root"))
struct DiskFullTests {
    @Test func aBuildOnAFullDiskFailsClearlyAndKeepsTheLastGoodSite() throws {
        let disk = try TinyDisk(megabytes: 4)
        defer { disk.unmount() }
        let content = try ContentFixture.example()
        let site = disk.folder.appendingPathComponent("site")
        let options = BuildOptions(
            content: content.content, themes: ContentFixture.themes, output: site)
        _ = try SiteBuilder(options: options).build()
        let page = site.appendingPathComponent("clients/sanne/index.html")
        let before = try Data(contentsOf: page)

        try disk.fill(leaving: 64 * 1024)
        // A new report in every client, so every client is rendered and written again.
        for client in ["sanne", "daan", "yusuf", "lotte"] {
            let workers = try String(
                contentsOf: content.content.appendingPathComponent("clients/\(client)/client.yaml"),
                encoding: .utf8)
            let worker = try #require(
                workers.range(of: #"- name: [^\n]+"#, options: .regularExpression)
                    .map { String(workers[$0].dropFirst(8)) })
            try content.write(
                "clients/\(client)/reports/2026-12-03-nieuw.md",
                "---\ntitle: Nieuw\ndate: 2026-12-03\nauthor: \(worker)\n---\nTekst.\n")
        }
        #expect {
            _ = try SiteBuilder(options: options).build()
        } throws: { error in
            guard case BuildError.output(let message) = error else { return false }
            return message.contains("No space left") || message.contains("space")
        }
        #expect(try Data(contentsOf: page) == before, "the link still shows the last good site")
        disk.emptyFiller()
        _ = try SiteBuilder(options: options).build()
        #expect(FileManager.default.fileExists(atPath: page.path))
    }

    @Test func aFullDiskRefusesACommentPolitelyAndPagesAreStillServed() throws {
        let disk = try TinyDisk(megabytes: 8)
        defer { disk.unmount() }
        let server = try ServerFixture(state: disk.folder.appendingPathComponent("state"))
        let mother = try server.loggedIn("marieke.devries")
        let report = "/clients/sanne/reports/2026-11-19-voortgangsgesprek-november.html"

        try disk.fill(leaving: 0)
        let page = try mother.get(report)
        #expect(page.status == 200, "reading needs no disk space")
        let answer = try mother.post(
            report,
            form: [
                ("_csrf", try csrf(page.text)), ("_once", try field("_once", in: page.text)),
                ("text", String(repeating: "Een lange opmerking. ", count: 90)),
            ])
        #expect(answer.status == 503)
        #expect(answer.text.contains("niet opgeslagen"))

        disk.emptyFiller()
        let again = try mother.get(report).text
        let stored = try mother.post(
            report,
            form: [
                ("_csrf", try csrf(again)), ("_once", try field("_once", in: again)),
                ("text", "Nu wel."),
            ])
        #expect(stored.status == 303)
        #expect(try server.store().integrityCheck() == ["ok"])
    }
}

/// A tmpfs of a few megabytes, and a file that fills it.
struct TinyDisk {
    let folder: URL
    private var filler: URL { folder.appendingPathComponent("filler") }

    static let canMount: Bool = {
        guard let disk = try? TinyDisk(megabytes: 1) else { return false }
        disk.unmount()
        return true
    }()

    init(megabytes: Int) throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("tiny-disk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let mounted = Process()
        mounted.executableURL = URL(fileURLWithPath: "/bin/mount")
        mounted.arguments = ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", folder.path]
        mounted.standardError = FileHandle.nullDevice
        try mounted.run()
        mounted.waitUntilExit()
        guard mounted.terminationStatus == 0 else {
            try? FileManager.default.removeItem(at: folder)
            throw TestError("cannot mount a tmpfs at \(folder.path)")
        }
    }

    /// Writes a file until only `leaving` bytes are free.
    func fill(leaving: Int) throws {
        guard FileManager.default.createFile(atPath: filler.path, contents: nil) else {
            throw TestError("cannot create \(filler.path)")
        }
        let handle = try FileHandle(forWritingTo: filler)
        defer { try? handle.close() }
        let chunk = Data(count: 4096)
        while freeBytes() > leaving + chunk.count {
            try handle.write(contentsOf: chunk)
        }
        while freeBytes() > leaving, (try? handle.write(contentsOf: Data(count: 512))) != nil {}
    }

    func emptyFiller() {
        try? FileManager.default.removeItem(at: filler)
    }

    func freeBytes() -> Int {
        var stats = statvfs()
        guard statvfs(folder.path, &stats) == 0 else { return 0 }
        return Int(stats.f_bavail) * Int(stats.f_frsize)
    }

    func unmount() {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/umount")
        process.arguments = ["-l", folder.path]
        try? process.run()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }
}
