import Mustache
import Testing

/// Runs every case of the official spec files against the engine.
@Suite("Mustache spec")
struct SpecTests {
    @Test(arguments: specCases(file: "interpolation"))
    func interpolation(_ specCase: SpecCase) throws {
        try check(specCase)
    }

    @Test(arguments: specCases(file: "sections"))
    func sections(_ specCase: SpecCase) throws {
        try check(specCase)
    }

    @Test(arguments: specCases(file: "inverted"))
    func inverted(_ specCase: SpecCase) throws {
        try check(specCase)
    }

    @Test(arguments: specCases(file: "comments"))
    func comments(_ specCase: SpecCase) throws {
        try check(specCase)
    }

    @Test(arguments: specCases(file: "partials"))
    func partials(_ specCase: SpecCase) throws {
        try check(specCase)
    }

    @Test(arguments: specCases(file: "delimiters"))
    func delimiters(_ specCase: SpecCase) throws {
        try check(specCase)
    }

    /// Guards against a folder that loads but silently holds fewer cases than expected.
    @Test(arguments: [
        "interpolation", "sections", "inverted", "comments", "partials", "delimiters",
    ])
    func fileHasCases(_ file: String) {
        let cases = specCases(file: file)

        #expect(cases.count >= 10)
        #expect(cases.allSatisfy { $0.loadError == nil })
    }

    private func check(_ specCase: SpecCase) throws {
        if let loadError = specCase.loadError {
            Issue.record(Comment(rawValue: loadError))
            return
        }

        var partials: [String: Template] = [:]
        for (name, source) in specCase.partials {
            partials[name] = try Template(source, name: name)
        }
        let template = try Template(specCase.template, name: specCase.name)

        #expect(template.render(specCase.data, partials: partials) == specCase.expected)
    }
}
