import Fixtures
import Foundation
import Store
import Testing

/// `careportal backup` while comments pour in, and `careportal restore` after: every comment
/// acknowledged before the backup began is back.
@Suite struct BackupTests {
    let report = "/clients/sanne/reports/2026-11-19-voortgangsgesprek-november.html"

    private func careportal(_ words: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = Executable.careportal
        process.arguments = words
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(
            decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test func aBackupUnderWriteLoadRestoresEveryEarlierWrite() throws {
        let server = try ServerFixture()
        let mother = try server.loggedIn("marieke.devries")
        let token = try csrf(try mother.get(report).text)
        let acknowledged = Locked<[String]>([])
        let stop = Locked(false)
        let posting = Thread {
            var number = 0
            while !stop.value {
                number += 1
                let text = "voor de back-up \(number)"
                let answer = try? mother.post(
                    self.report,
                    form: [
                        ("_csrf", token), ("_once", "backuptoken\(number)xxxxx"), ("text", text),
                    ])
                if answer?.status == 303 { acknowledged.update { $0.append(text) } }
            }
        }
        posting.start()
        Thread.sleep(forTimeInterval: 0.5)
        let before = acknowledged.value
        let file = server.content.root.appendingPathComponent("backup.sqlite")
        let (status, message) = try careportal(
            ["backup", file.path, "--state", server.state.path])
        #expect(status == 0, "\(message)")
        Thread.sleep(forTimeInterval: 0.3)
        stop.update { $0 = true }
        while posting.isExecuting { Thread.sleep(forTimeInterval: 0.05) }

        let refused = try careportal(["restore", file.path, "--state", server.state.path])
        #expect(refused.0 != 0 && refused.1.contains("server is running"))
        server.stop()
        let restored = try careportal(["restore", file.path, "--state", server.state.path])
        #expect(restored.0 == 0, "\(restored.1)")

        let store = try StateStore(folder: server.state)
        #expect(try store.integrityCheck() == ["ok"])
        let texts = Set(try store.messages(client: "sanne").map(\.body))
        #expect(before.count > 10, "the load ran")
        #expect(before.allSatisfy(texts.contains), "every write before the backup is back")
        #expect(texts.count < acknowledged.value.count, "writes after the backup are not")
    }

    @Test func aDamagedOrForeignFileIsNotRestored() throws {
        let server = try ServerFixture()
        server.stop()
        let junk = server.content.root.appendingPathComponent("junk.sqlite")
        try Data("not a database at all".utf8).write(to: junk)
        let (status, message) = try careportal(["restore", junk.path, "--state", server.state.path])
        #expect(status != 0)
        #expect(message.contains("careportal restore:"))
        #expect(try StateStore(folder: server.state).integrityCheck() == ["ok"], "left as it was")
    }
}
