/// A Mustache template parsed once into an immutable tree, safe to render from many threads.
public struct Template: Sendable {
    let nodes: [Node]
    private let capacityHint: Int

    /// Parses `source`; `name` identifies the template in error messages.
    public init(_ source: String, name: String) throws(MustacheError) {
        var parser = Parser(source: source, templateName: name)
        self.nodes = try parser.parse()

        // Room for the literal text plus some values avoids most regrowth while rendering.
        let sourceSize = source.utf8.count
        self.capacityHint = sourceSize + sourceSize / 2 + 64
    }

    /// Renders with `context` as the root value; `partials` resolves `{{>name}}` tags.
    public func render(_ context: MustacheValue, partials: [String: Template] = [:]) -> String {
        render(layered: [context], partials: partials)
    }

    /// Renders with several root values, the last searched first: shared values (a theme's
    /// strings) need not be copied into each call's own values.
    public func render(layered contexts: [MustacheValue], partials: [String: Template] = [:])
        -> String
    {
        var renderer = Renderer(contexts: contexts, partials: partials, capacity: capacityHint)
        renderer.render(nodes, indentation: "")
        return String(decoding: renderer.output, as: UTF8.self)
    }
}
