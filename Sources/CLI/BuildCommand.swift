import Content
import Foundation
import Site

/// `careportal check` and `careportal build`.
enum BuildCommand {
    static func run(
        _ words: [String], dryRun: Bool,
        console: Console
    ) throws(UsageError) -> CommandStatus {
        let valued: Set<String> =
            dryRun
            ? ["--content", "--themes", "--format"]
            : ["--content", "--themes", "--out", "--format"]
        let arguments = try Arguments(words, valued: valued)
        let format = try ProblemFormat.named(arguments.options["--format"])
        if let extra = arguments.positional.first {
            throw UsageError("unexpected '\(extra)'; this command takes only options")
        }
        let content = arguments.options["--content"] ?? "content"
        let options = BuildOptions(
            content: URL(fileURLWithPath: content),
            themes: URL(fileURLWithPath: arguments.options["--themes"] ?? "themes"),
            output: URL(fileURLWithPath: arguments.options["--out"] ?? "site"),
            dryRun: dryRun)

        let started = Date()
        do {
            let summary = try SiteBuilder(options: options).build()
            let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
            if dryRun {
                console.out(
                    "\(content): no problems in \(summary.clients) clients "
                        + "(\(summary.pages) pages) in \(seconds) s")
            } else {
                console.out(
                    "built \(summary.clients) clients into \(options.output.path): "
                        + "\(summary.clientsRendered) rendered, "
                        + "\(summary.clients - summary.clientsRendered) unchanged, "
                        + "\(summary.pages) pages in \(seconds) s")
            }
            return .success
        } catch {
            switch error {
            case .problems(let problems):
                report(problems, content: content, format: format, console: console)
                return .contentProblems
            case .output(let message):
                console.err("careportal build: \(message). The previous site is still in place.")
                return .failure
            }
        }
    }

    /// Problems with paths as the user typed the content folder, so editors can open them.
    private static func report(
        _ problems: [ContentProblem], content: String, format: ProblemFormat, console: Console
    ) {
        let shown = problems.map { problem in
            var shown = problem
            if !problem.file.hasPrefix("themes/") {
                shown.file = (content as NSString).appendingPathComponent(problem.file)
            }
            return shown
        }
        format.print(shown, console: console)
        let count = problems.count
        console.err("\(count) problem\(count == 1 ? "" : "s") found; nothing was published.")
    }
}
