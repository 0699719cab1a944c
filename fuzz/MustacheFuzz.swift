// Fuzz target: the bytes are a theme template. It is parsed, and when it parses it is
// rendered against values shaped like a page's, with one partial. The same bytes are also
// used as a value, to check escaping. Compiled into one module with Sources/Mustache.

/// libFuzzer calls this once per input; a broken property stops the run through `fatalError`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    let source = String(decoding: bytes, as: UTF8.self)

    renderTemplate(source)
    checkEscaping(source)
    return 0
}

/// Values of the kinds pages use, with text that needs escaping.
///
/// No list holds more than one item: sections nest, and nested lists of two would make
/// render time grow as 2^depth, a hang the fuzzer would find in any Mustache engine.
let pageValues: MustacheValue = [
    "title": "Voortgang <november> & \"school\"",
    "count": 3,
    "ratio": 1.25,
    "shown": true,
    "hidden": false,
    "none": .null,
    "empty": [],
    "items": [["name": "Sanne", "href": "/clients/sanne/"]],
    "client": ["name": "Sanne", "worker": ["name": "Mirjam", "role": "mentor"]],
]

/// Partials are theme files too. Only `deep` includes a partial, itself, once per level, so
/// the depth limit is reached in linear time; a partial naming itself twice would branch.
let partials = [
    "item": fixedTemplate("<li>{{name}}</li>\n"),
    "deep": fixedTemplate("{{title}}\n  {{>deep}}\n"),
]

/// The three ways a theme prints a value: escaped, and raw in two spellings.
let escapedX = fixedTemplate("{{x}}")
let tripleX = fixedTemplate("{{{x}}}")
let ampersandX = fixedTemplate("{{&x}}")

func fixedTemplate(_ source: String) -> Template {
    do {
        return try Template(source, name: "fixed")
    } catch {
        fatalError("harness: a fixed template does not parse: \(error)")
    }
}

/// Equal as bytes; `==` on strings would accept a changed but equivalent Unicode form.
func same(_ one: String, _ other: String) -> Bool {
    one.utf8.elementsEqual(other.utf8)
}

/// Parses and renders; a refused template must say where, inside the source.
func renderTemplate(_ source: String) {
    let template: Template
    do {
        template = try Template(source, name: "fuzz.mustache")
    } catch {
        checkErrorPlace(error, in: source)
        return
    }

    let output = template.render(pageValues, partials: partials)
    if !hasOpeningDelimiter(source) {
        check(same(output, source), "a template without tags did not render as itself")
    }
    let layered = template.render(layered: [[:], pageValues], partials: partials)
    check(same(layered, output), "an empty first layer changed the output")
}

/// Looks at bytes: a combining mark after the second `{` hides `{{` from a Character search,
/// while the parser, which scans bytes, still sees a tag.
func hasOpeningDelimiter(_ source: String) -> Bool {
    let bytes = Array(source.utf8)
    return zip(bytes, bytes.dropFirst()).contains { $0 == 0x7B && $1 == 0x7B }
}

/// Errors name the template and a line and column that exist in it.
func checkErrorPlace(_ error: MustacheError, in source: String) {
    let lines = source.utf8.count { $0 == UInt8(ascii: "\n") } + 1
    check(error.templateName == "fuzz.mustache", "error names another template: \(error)")
    check(
        error.line >= 1 && error.line <= lines && error.column >= 1,
        "error placed outside the template's \(lines) lines: \(error)")
}

/// `{{x}}` escapes `& < > " '` and nothing else; `{{{x}}}` and `{{&x}}` copy the value.
/// Compared as bytes: a combining mark after `<` would hide it from a Character search.
func checkEscaping(_ text: String) {
    let value: MustacheValue = ["x": .string(text)]
    let html = escapedX.render(value)
    check(same(html, htmlEscaped(text)), "{{x}} and htmlEscaped disagree")
    let markup = Array("<>\"'".utf8)
    check(!html.utf8.contains(where: markup.contains), "markup left unescaped in \(html)")
    check(unescaped(Array(html.utf8)) == Array(text.utf8), "escaping lost text: \(html)")
    check(same(tripleX.render(value), text), "{{{x}}} changed the value")
    check(same(ampersandX.render(value), text), "{{&x}} changed the value")
}

/// Undoes the five entities in one pass, so `&amp;lt;` stays `&lt;`.
func unescaped(_ html: [UInt8]) -> [UInt8] {
    let entities = ["&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'"]
        .map { (Array($0.key.utf8), Array($0.value.utf8)) }
    var output: [UInt8] = []
    var index = 0
    while index < html.count {
        let rest = html[index...]
        if let (entity, byte) = entities.first(where: { rest.starts(with: $0.0) }) {
            output += byte
            index += entity.count
        } else {
            output.append(html[index])
            index += 1
        }
    }
    return output
}
