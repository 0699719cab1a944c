import Foundation
import Testing

/// The vector file is found beside a checkout, wherever the checkout lives.
@Suite struct TestDataTests {
    @Test func folderIsFoundByWalkingUpFromTheTestFile() throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("testdata-\(UUID().uuidString)")
        let shared = root.appendingPathComponent("shared/test-data")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }

        let testFile = root.appendingPathComponent("main/Tests/AccountsTests/X.swift").path
        #expect(TestData.folder(from: testFile).standardizedFileURL.path == shared.path)
    }

    @Test func fallbackIsTheWorkspaceFolder() {
        #expect(TestData.folder(from: "/nowhere/Tests/X.swift") == TestData.fallback)
    }
}
