/// The texts of `careportal --help` and `careportal COMMAND --help`.
enum Help {
    struct Command {
        var name: String
        var summary: String
        var usage: String
        var details: String
    }

    static let commands = [
        Command(
            name: "check", summary: "check the content for problems without building",
            usage: "careportal check [--content DIR] [--themes DIR]",
            details: """
                Loads every file and renders every page in memory, then lists every problem as
                  path:line:column: what is wrong and how to fix it
                Exits 0 when the content is fine, 1 when there are problems.

                Options:
                  --content DIR   the content folder (default: content)
                  --themes DIR    the folder holding the themes (default: themes)
                """),
        Command(
            name: "build", summary: "render the content into the site folder",
            usage: "careportal build [--content DIR] [--out DIR] [--themes DIR]",
            details: """
                Renders every client's pages and publishes them in one atomic step: OUT is a link
                to a folder in OUT.builds/, replaced only when the whole build succeeded. A failed
                or interrupted build leaves the previous site as it was. Clients whose files did
                not change are reused from the previous build.

                Options:
                  --content DIR   the content folder (default: content)
                  --out DIR       the site link to publish (default: site)
                  --themes DIR    the folder holding the themes (default: themes)
                """),
    ]

    static var overview: String {
        let width = commands.map(\.name.count).max() ?? 0
        let lines = commands.map {
            "  \($0.name)\(String(repeating: " ", count: width - $0.name.count + 3))\($0.summary)"
        }
        return """
            careportal: a client portal for youth-care and healthcare organisations.

            Usage: careportal COMMAND [options]

            Commands:
            \(lines.joined(separator: "\n"))

            Run 'careportal COMMAND --help' for a command's options.
            """
    }

    static func command(_ name: String) -> String? {
        guard let command = commands.first(where: { $0.name == name }) else { return nil }
        return "Usage: \(command.usage)\n\n\(command.details)"
    }
}
