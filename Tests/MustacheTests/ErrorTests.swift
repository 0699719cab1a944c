import Mustache
import Testing

struct ErrorTests {
    private func parseError(_ source: String) -> MustacheError? {
        do {
            _ = try Template(source, name: "page.mustache")
            return nil
        } catch {
            return error
        }
    }

    @Test func unclosedSectionPointsAtOpeningTag() throws {
        let error = try #require(parseError("<ul>\n  {{#items}}\n  <li>{{name}}</li>\n</ul>\n"))

        #expect(error.line == 2)
        #expect(error.column == 3)
        #expect(error.message == "section 'items' opened here is never closed; add {{/items}}")
        #expect(error.description.hasPrefix("page.mustache:2:3: section 'items'"))
    }

    @Test func mismatchedClosingTagPointsAtCloser() throws {
        let error = try #require(parseError("{{#a}}\n x {{#b}}\n{{/a}}"))

        #expect(error.line == 3)
        #expect(error.column == 1)
        #expect(error.message.contains("'a' does not match section 'b' opened at 2:4"))
        #expect(error.message.contains("{{/b}}"))
    }

    @Test func strayClosingTag() throws {
        let error = try #require(parseError("hi {{/a}}"))

        #expect(error.line == 1)
        #expect(error.column == 4)
    }

    @Test func unclosedTag() throws {
        let error = try #require(parseError("Hello\nöö {{name"))

        #expect(error.line == 2)
        #expect(error.column == 4)
        #expect(error.message.contains("never closed"))
    }

    @Test(arguments: ["{{=<% =}}", "{{=<% %> x=}}", "{{=<% %>}}", "{{= a= b =}}"])
    func badDelimiters(_ source: String) throws {
        let error = try #require(parseError("x\n" + source))

        #expect(error.line == 2)
        #expect(error.column == 1)
        #expect(error.message.contains("set-delimiter"))
    }

    @Test(arguments: ["{{}}", "{{#}}{{/}}", "{{a b}}", "{{a..b}}", "{{>}}"])
    func badNames(_ source: String) {
        #expect(parseError(source) != nil)
    }

    @Test func unclosedSectionHintUsesCurrentDelimiters() throws {
        let error = try #require(parseError("{{=<% %>=}}<%#list%>"))

        #expect(error.message.hasSuffix("add <%/list%>"))
    }
}
