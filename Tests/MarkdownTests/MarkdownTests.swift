import Testing

@testable import Markdown

@Suite struct MarkdownTests {
    @Test func rendersCommonMark() {
        let html = Markdown.render("# Title\n\nSome *text*.\n").html
        #expect(html == "<h1>Title</h1>\n<p>Some <em>text</em>.</p>\n")
    }

    @Test func rawHTMLNeverReachesThePage() {
        let html = Markdown.render("<script>alert(1)</script>\n\nok <b onclick=x>b</b>\n").html
        #expect(!html.contains("<script"))
        #expect(!html.contains("onclick"))
        #expect(html.contains("raw HTML omitted"))
    }

    @Test func dangerousLinksAreDropped() {
        let html = Markdown.render(
            "[x](javascript:alert(1)) [y](vbscript:z) ![i](data:text/html,x)"
        )
        .html
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("vbscript:"))
        #expect(!html.contains("data:text/html"))
    }

    @Test func linksAreReportedAndRewritten() {
        let text = "Intro\n\nSee [the plan](../documents/plan.md) and [site](https://example.nl).\n"
        let rendered = Markdown.render(text) { link in
            link.destination.hasSuffix(".md") ? "/clients/a/documents/plan.html" : nil
        }
        #expect(
            rendered.links.map(\.destination) == ["../documents/plan.md", "https://example.nl"])
        #expect(rendered.links.map(\.line) == [3, 3])
        #expect(rendered.html.contains("href=\"/clients/a/documents/plan.html\""))
        #expect(rendered.html.contains("href=\"https://example.nl\""))
    }

    @Test func smartPunctuation() {
        #expect(Markdown.render("\"quoted\" -- dash").html.contains("“quoted”"))
    }
}
