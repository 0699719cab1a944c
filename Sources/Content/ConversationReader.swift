import Foundation
import YAML

/// Reads one `conversations/*.yaml` file.
struct ConversationReader {
    let file: String
    let slug: String
    let workers: Set<String>
    let reader: TimeReader

    func load(root: URL, problems: inout ProblemList) -> Conversation? {
        let loader = ContentLoader(root: root)
        guard
            let node = loader.readYAML(
                root.appendingPathComponent(file), file: file,
                problems: &problems),
            var fields = Fields(node, file: file, what: "a conversation", problems: &problems)
        else { return nil }
        let title = fields.text("title")
        let nodes = fields.list("messages")
        if let nodes, nodes.isEmpty {
            fields.problem("a conversation needs at least one message under 'messages'")
        }
        let messages = (nodes ?? []).compactMap { message($0, problems: &fields.problems) }
        problems.add(contentsOf: fields.finish())
        guard let title, let nodes, !nodes.isEmpty, messages.count == nodes.count else {
            return nil
        }
        return Conversation(
            id: "conversations/\(slug)", slug: slug, title: title,
            messages: messages.sorted { $0.at < $1.at })
    }

    private func message(_ node: Node, problems: inout ProblemList) -> Conversation.Message? {
        guard var fields = Fields(node, file: file, what: "each message", problems: &problems)
        else { return nil }
        let at = fields.time("at", reader: reader)
        let from = fields.text("from")
        let textNode = fields.value("text")
        let text = fields.text("text")
        if let from, let node = fields.value("from"), !workers.contains(from) {
            fields.problem(
                "'\(from)' is not one of this client's care_workers "
                    + "(\(workers.sorted().joined(separator: ", ")))", at: node)
        }
        problems.add(contentsOf: fields.finish())
        guard let at, let from, let text, let textNode, workers.contains(from) else { return nil }
        // A block scalar (`text: |`) starts on the line after its indicator.
        let firstLine = textNode.mark.line + (textNode.quotedStyleStartsBelow ? 1 : 0)
        let source = MarkdownSource(text: text, file: file, firstLine: firstLine)
        return Conversation.Message(at: at.instant, from: from, text: source)
    }
}

extension Node {
    /// libyaml marks a block scalar at its `|` or `>`, one line above the text itself.
    var quotedStyleStartsBelow: Bool {
        if case .scalar(let text, let quoted) = kind { return quoted && text.contains("\n") }
        return false
    }
}
