import Fixtures
import Foundation
import Testing

@testable import Content

/// A corpus of broken content: every file of a valid client cut off at many points, and
/// garbage of several kinds in its place. Loading never crashes, and every problem names its
/// file, line and column.
@Suite struct BrokenContentTests {
    static let files = [
        "portal.yaml", "clients/anna/client.yaml", "clients/anna/reports/2026-11-02-intake.md",
        "clients/anna/documents/plan.md", "clients/anna/agenda.yaml",
        "clients/anna/conversations/2026-11-28-weekend.yaml",
    ]

    static let garbage: [(String, [UInt8])] = [
        ("empty", []),
        ("only a front matter fence", Array("---\n".utf8)),
        ("NUL bytes", [0, 0, 0, 10, 0]),
        ("invalid UTF-8", [0x74, 0x69, 0x74, 0x6c, 0x65, 0x3a, 0x20, 0xc3, 0x28, 0xff, 0x0a]),
        ("a tab as indentation", Array("title: x\n\tdate: 2026-01-01\n".utf8)),
        (
            "an alias bomb",
            Array("a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n".utf8)
        ),
        ("a mapping where text belongs", Array("title: {a: 1}\nname: [1, 2]\n".utf8)),
        ("an unclosed quote", Array("title: \"never closed\nname: x\n".utf8)),
        ("a very long line", Array(("title: " + String(repeating: "x", count: 200_000)).utf8)),
        ("deep nesting", Array((String(repeating: "- ", count: 300) + "x\n").utf8)),
        ("binary", (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) }),
    ]

    /// Problems must look like `path:line:column: text`.
    private func expectPositioned(_ problems: [String], _ what: String) {
        for problem in problems {
            let parts = problem.split(separator: ":", maxSplits: 3)
            #expect(
                parts.count == 4 && Int(parts[1]) != nil && Int(parts[2]) != nil,
                "\(what): \(problem)")
        }
    }

    @Test(arguments: files)
    func everyCutOfAValidFileLoadsOrSaysWhere(file: String) throws {
        let fixture = try ContentFixture()
        let whole = try Data(contentsOf: fixture.content.appendingPathComponent(file))
        let step = max(1, whole.count / 40)
        for length in stride(from: 0, to: whole.count, by: step) {
            try fixture.write(file, data: whole.prefix(length))
            expectPositioned(load(fixture).problems, "\(file) cut at \(length)")
        }
    }

    @Test(arguments: files)
    func garbageInAnyFileGivesPositionedProblems(file: String) throws {
        let fixture = try ContentFixture()
        for (what, bytes) in Self.garbage {
            try fixture.write(file, data: Data(bytes))
            let problems = load(fixture).problems
            #expect(
                !problems.isEmpty || what == "empty" && file.hasSuffix(".md") == false,
                "\(what) in \(file) was accepted")
            expectPositioned(problems, "\(what) in \(file)")
        }
    }
}
