import Mustache
import Testing

struct EscapingTests {
    @Test func escapesApostropheForAttributes() throws {
        let template = try Template("<a title='{{title}}'>", name: "link")

        #expect(template.render(["title": "Kim's plan"]) == "<a title='Kim&#39;s plan'>")
    }

    @Test func escapesAllFiveCharacters() throws {
        let template = try Template("{{x}}", name: "all")

        #expect(template.render(["x": "&<>\"'"]) == "&amp;&lt;&gt;&quot;&#39;")
    }

    @Test func keepsMultiByteTextAroundEscapes() throws {
        let template = try Template("{{x}}", name: "utf8")

        #expect(template.render(["x": "é'ü<👩‍👧>"]) == "é&#39;ü&lt;👩‍👧&gt;")
    }

    @Test func tripleAndAmpersandDoNotEscape() throws {
        let template = try Template("{{{x}}}{{&x}}", name: "raw")

        #expect(template.render(["x": "'<"]) == "'<'<")
    }

    @Test(arguments: [
        (MustacheValue.number(85), "85"),
        (.number(1.210), "1.21"),
        (.number(-3), "-3"),
        (.number(0.5), "0.5"),
        (.bool(true), "true"),
        (.list(["a"]), ""),
    ])
    func valueText(_ value: MustacheValue, _ expected: String) throws {
        let template = try Template("{{v}}", name: "value")

        #expect(template.render(["v": value]) == expected)
    }
}
