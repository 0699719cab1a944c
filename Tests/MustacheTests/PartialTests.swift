import Testing

@testable import Mustache

struct PartialTests {
    @Test func recursivePartialStopsAtDepthLimit() throws {
        let loop = try Template("x{{>loop}}", name: "loop")

        let output = loop.render(.null, partials: ["loop": loop])

        #expect(output == String(repeating: "x", count: Renderer.maxPartialDepth + 1))
    }

    @Test func deepDataDrivenRecursionIsCut() throws {
        let node = try Template("({{#child}}{{>node}}{{/child}})", name: "node")
        var tree: MustacheValue = [:]
        for _ in 0..<500 {
            tree = ["child": tree]
        }

        let output = node.render(tree, partials: ["node": node])

        #expect(output.count == 2 * (Renderer.maxPartialDepth + 1))
    }

    @Test func nestedStandalonePartialsAddIndentation() throws {
        let outer = try Template("<div>\n  {{>inner}}\n</div>\n", name: "outer")
        let inner = try Template("<p>\n  {{>leaf}}\n</p>\n", name: "inner")
        let leaf = try Template("{{#items}}\n<i>{{.}}</i>\n{{/items}}\n", name: "leaf")
        let partials = ["inner": inner, "leaf": leaf]

        let output = outer.render(["items": ["a", "b"]], partials: partials)

        #expect(output == "<div>\n  <p>\n    <i>a</i>\n    <i>b</i>\n  </p>\n</div>\n")
    }

    @Test func partialsKeepTheirOwnDelimiters() throws {
        let page = try Template("{{=<% %>=}}<%>part%>", name: "page")
        let part = try Template("{{v}}", name: "part")

        #expect(page.render(["v": "ok"], partials: ["part": part]) == "ok")
    }
}

struct PartialIndentationTests {
    @Test func inlinePartialInsideIndentedPartialIsNotIndented() throws {
        let outer = try Template("  {{>middle}}\n", name: "outer")
        let middle = try Template("x {{>inner}}\n", name: "middle")
        let inner = try Template("a\nb", name: "inner")

        let output = outer.render(.null, partials: ["middle": middle, "inner": inner])

        #expect(output == "  x a\nb\n")
    }

    @Test func emptyPartialLinesGetNoTrailingIndentation() throws {
        let outer = try Template("<div>\n    {{>body}}\n</div>", name: "outer")
        let body = try Template("a\n\nb\r\n\r\n{{c}}\n", name: "body")

        let output = outer.render(["c": "C"], partials: ["body": body])

        #expect(output == "<div>\n    a\n\n    b\r\n\r\n    C\n</div>")
    }

    @Test func interpolatedNewlinesAreNotIndented() throws {
        let outer = try Template("  {{>body}}", name: "outer")
        let body = try Template("{{text}}|\n", name: "body")

        #expect(outer.render(["text": "1\n2"], partials: ["body": body]) == "  1\n2|\n")
    }
}
