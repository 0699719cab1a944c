import Foundation
import Mustache
import Synchronization
import Testing

struct ConcurrencyTests {
    @Test func rendersFromManyThreadsAtOnce() throws {
        let row = try Template("<li class='{{kind}}'>{{name}}</li>\n", name: "row")
        let page = try Template("<ul>\n{{#rows}}\n  {{>row}}\n{{/rows}}\n</ul>\n", name: "page")
        let partials = ["row": row]
        let context: MustacheValue = [
            "rows": [
                ["kind": "a", "name": "Ann & Bo"],
                ["kind": "b", "name": "<Cy>"],
            ]
        ]
        let expected = page.render(context, partials: partials)
        let mismatches = Mutex(0)

        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            var local = 0
            for _ in 0..<2_000 where page.render(context, partials: partials) != expected {
                local += 1
            }
            mismatches.withLock { $0 += local }
        }

        #expect(mismatches.withLock { $0 } == 0)
        #expect(expected.contains("<li class='b'>&lt;Cy&gt;</li>"))
    }

    @Test func rendersFromConcurrentTasks() async throws {
        let template = try Template("{{#n}}{{.}},{{/n}}", name: "tasks")

        let outputs = await withTaskGroup(of: String.self) { group in
            for index in 0..<16 {
                group.addTask { template.render(["n": [.number(Double(index)), 1]]) }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }

        #expect(Set(outputs) == Set((0..<16).map { "\($0),1," }))
    }
}
