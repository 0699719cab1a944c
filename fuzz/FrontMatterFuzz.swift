import Foundation
import YAML

// Fuzz target: the bytes are one content file, read the way a build reads it: as a report
// (`readMarkdown`: front matter, YAML, fields) and as a `.yaml` file (`readYAML`, through the
// conversation reader). The YAML it holds also goes to the client, portal and agenda
// decoders, because a care worker can put any YAML in any of those files.
// Compiled into one module with Sources/Content, so internal entry points are reachable.

/// libFuzzer calls this once per input; a broken property stops the run through `fatalError`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    Sandbox.shared.write(bytes)

    var problems = ProblemList()
    let text = SourceFile.read(Sandbox.shared.fileURL, as: Sandbox.file, problems: &problems)
    checkRead(bytes, text: text, problems: problems)
    guard let text else { return 0 }

    let limits = Limits(text)
    readAsMarkdown(text, limits: limits)
    readAsYAML(text, limits: limits)
    return 0
}

/// A scratch content folder holding the one file under test, made once per process.
///
/// The loaders read files, not strings, and reading is part of what is fuzzed (size, UTF-8
/// and NUL checks), so each input is written to disk first. `TMPDIR` keeps it out of the repo.
struct Sandbox: Sendable {
    static let shared = Sandbox()
    static let file = "clients/fuzz/reports/fuzz.md"

    let root: URL
    var fileURL: URL { root.appendingPathComponent(Self.file) }

    private init() {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("careportal-fuzz-\(getpid())")
        let folder = root.appendingPathComponent("clients/fuzz/reports")
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true)
        } catch {
            fatalError("harness: cannot create \(folder.path): \(error)")
        }
    }

    func write(_ bytes: [UInt8]) {
        do {
            try Data(bytes).write(to: fileURL)
        } catch {
            fatalError("harness: cannot write \(fileURL.path): \(error)")
        }
    }
}

/// One zone for every input: the portal's own, so daylight-saving gaps are exercised.
let timeReader: TimeReader = {
    guard let zone = TimeZone(identifier: "Europe/Amsterdam") else {
        fatalError("harness: no tzdata for Europe/Amsterdam; install the tzdata package")
    }
    return TimeReader(timeZone: zone)
}()

/// The care worker the seed files name, so author and sender checks pass and go deeper.
let workers: Set<String> = ["Mirjam Bakker"]

/// `SourceFile.read` returns the text exactly when it is valid UTF-8 without NUL; otherwise
/// one problem, which for bad UTF-8 points at the first byte that breaks it.
func checkRead(_ bytes: [UInt8], text: String?, problems: ProblemList) {
    let valid = String(validating: bytes, as: UTF8.self) != nil
    let isText = valid && !bytes.contains(0)
    check((text != nil) == isText, "SourceFile.read accepted or refused wrongly")
    if let text {
        check(Array(text.utf8) == bytes, "SourceFile.read changed the bytes")
        check(problems.isEmpty, "SourceFile.read reported a problem on good text")
        return
    }
    check(problems.all.count == 1, "SourceFile.read must report exactly one problem")
    if !valid { checkInvalidPlace(bytes, problems.all[0]) }
}

/// Compares the reported place with an independent search: the standard UTF-8 parser.
func checkInvalidPlace(_ bytes: [UInt8], _ problem: ContentProblem) {
    var offset = 0
    var iterator = bytes.makeIterator()
    var parser = Unicode.UTF8.ForwardParser()
    while case .valid(let scalar) = parser.parseScalar(from: &iterator) {
        offset += scalar.count
    }
    let prefix = bytes[..<offset]
    let line = prefix.count { $0 == 0x0A } + 1
    let lineStart = prefix.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
    check(
        problem.line == line && problem.column == offset - lineStart + 1,
        "invalid UTF-8 reported at \(problem.line):\(problem.column), "
            + "first bad byte is at \(line):\(offset - lineStart + 1)")
}

/// What any problem about this file must respect: its name and a place inside it.
///
/// Lines are counted as libyaml counts them, since problem lines come from its marks: a lone
/// CR, NEL, LS and PS break lines too. One line past the end is allowed, because at the end
/// of a text whose last line has no break libyaml moves its mark to a new line.
struct Limits {
    let lastLine: Int

    init(_ text: String) {
        var breaks = 0
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": breaks += previous == "\r" ? 0 : 1
            case "\r", "\u{85}", "\u{2028}", "\u{2029}": breaks += 1
            default: break
            }
            previous = scalar
        }
        lastLine = breaks + 2
    }

    func checkPlaces(_ problems: ProblemList) {
        for problem in problems.all {
            check(problem.file == Sandbox.file, "problem names another file: \(problem)")
            check(
                problem.line >= 1 && problem.line <= lastLine && problem.column >= 1,
                "problem placed outside lines 1...\(lastLine): \(problem)")
        }
    }
}

/// The report path: `readMarkdown` splits, parses and hands the fields to a report decoder.
func readAsMarkdown(_ text: String, limits: Limits) {
    let matter = FrontMatter(text)
    if let matter { checkSplit(matter, of: text) }

    var problems = ProblemList()
    let folder = ClientFolder(root: Sandbox.shared.root, id: "fuzz", reader: timeReader)
    let title = folder.readMarkdown(Sandbox.file, problems: &problems) { fields, body in
        check(matter != nil, "readMarkdown decoded a file FrontMatter refuses")
        check(
            body.text == matter?.body && body.firstLine == matter?.bodyLine,
            "readMarkdown passed another body than FrontMatter split off")
        return decodeReport(&fields)
    }
    limits.checkPlaces(problems)
    if let title { checkSlug(title) }

    if let matter {
        decodeAll(matter.yaml, lineOffset: matter.yamlLine - 1, limits: limits)
    }
}

/// The fields a report and a Markdown document read; their decoders are private.
func decodeReport(_ fields: inout Fields) -> String? {
    let title = fields.text("title")
    _ = fields.time("date", reader: timeReader)
    if let author = fields.text("author"), let node = fields.value("author"),
        !workers.contains(author)
    {
        fields.problem("author '\(author)' is not a care worker", at: node)
    }
    return title
}

/// The split loses nothing: the text is the opening fence, the YAML, a closing fence and
/// the body; the YAML holds no fence of its own; the body starts on the line it claims.
func checkSplit(_ matter: FrontMatter, of text: String) {
    var bytes = Array(text.utf8)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    let yaml = Array(matter.yaml.utf8)
    let body = Array(matter.body.utf8)
    guard let firstEnd = bytes.firstIndex(of: 0x0A) else {
        fatalError("FrontMatter accepted a text without a line break")
    }
    let yamlEnd = firstEnd + 1 + yaml.count
    check(matter.yamlLine == 2, "front matter YAML must start on line 2")
    check(
        yamlEnd <= bytes.count && bytes[(firstEnd + 1)..<yamlEnd].elementsEqual(yaml),
        "front matter YAML is not the text after the opening fence")
    check(bytes.reversed().starts(with: body.reversed()), "body is not the text's end")

    let fence = bytes[yamlEnd..<(bytes.count - body.count)]
    check(isFenceLine(fence), "YAML and body are not separated by a fence")
    let yamlLines = yaml.split(separator: 0x0A, omittingEmptySubsequences: false)
    check(!yamlLines.contains(where: isFenceLine), "YAML runs past a closing fence")

    let bodyStart = bytes.count - body.count
    let newlines = bytes[..<bodyStart].count { $0 == 0x0A }
    check(body.isEmpty || newlines + 1 == matter.bodyLine, "body line is off")
}

/// `---` with optional trailing blanks and line end, as `FrontMatter` documents.
func isFenceLine(_ line: some Collection<UInt8>) -> Bool {
    var bytes = Array(line)
    while let last = bytes.last, last == 0x20 || last == 0x09 || last == 0x0D || last == 0x0A {
        bytes.removeLast()
    }
    return bytes == Array("---".utf8)
}

/// The `.yaml` path: the conversation reader reads the file itself, then every decoder
/// gets the parsed tree.
func readAsYAML(_ text: String, limits: Limits) {
    var problems = ProblemList()
    let reader = ConversationReader(
        file: Sandbox.file, slug: "fuzz", workers: workers, reader: timeReader)
    let conversation = reader.load(root: Sandbox.shared.root, problems: &problems)
    limits.checkPlaces(problems)
    for message in conversation?.messages ?? [] {
        check(
            message.text.firstLine >= 1 && message.text.firstLine <= limits.lastLine,
            "a message's text starts outside the file")
    }
    decodeAll(text, lineOffset: 0, limits: limits)
}

/// Parses YAML the way every loader does and gives the tree to each decoder in turn.
func decodeAll(_ yaml: String, lineOffset: Int, limits: Limits) {
    var problems = ProblemList()
    let node = parseYAML(yaml, file: Sandbox.file, lineOffset: lineOffset, problems: &problems)
    limits.checkPlaces(problems)
    guard let node else { return }
    checkTree(node, depth: 0)

    decodeClient(node, lineOffset: lineOffset, limits: limits)
    decodePortal(node, lineOffset: lineOffset, limits: limits)
    decodeAgenda(node, limits: limits)
}

func decodeClient(_ node: Node, lineOffset: Int, limits: Limits) {
    var problems = ProblemList()
    if var fields = Fields(
        node, file: Sandbox.file, lineOffset: lineOffset, what: "client.yaml",
        problems: &problems)
    {
        _ = Client.decode(id: "fuzz", &fields)
        problems.add(contentsOf: fields.finish())
    }
    limits.checkPlaces(problems)
}

func decodePortal(_ node: Node, lineOffset: Int, limits: Limits) {
    var problems = ProblemList()
    if var fields = Fields(
        node, file: Sandbox.file, lineOffset: lineOffset, what: "portal.yaml",
        problems: &problems)
    {
        _ = Portal.decode(&fields)
        problems.add(contentsOf: fields.finish())
    }
    limits.checkPlaces(problems)
}

/// A mapping is read as one appointment, a list as the whole agenda.
func decodeAgenda(_ node: Node, limits: Limits) {
    var problems = ProblemList()
    var agenda = AgendaReader(file: Sandbox.file, reader: timeReader)
    var items = [node]
    if case .sequence(let list) = node.kind { items = list }
    for item in items {
        if let appointment = agenda.appointment(item, problems: &problems) {
            checkSlug(appointment.title)
        }
    }
    limits.checkPlaces(problems)
}

/// What `YAMLParser` promises: bounded depth, 1-based marks, single-value keys seen once,
/// and dates that parse only in the `YYYY-MM-DD` form they are written back in.
func checkTree(_ node: Node, depth: Int) {
    check(depth <= YAMLParser.maximumDepth, "YAML nested deeper than the maximum")
    check(node.mark.line >= 1 && node.mark.column >= 1, "YAML mark is not 1-based")
    switch node.kind {
    case .scalar(let text, _):
        checkDate(text)
    case .sequence(let items):
        for item in items { checkTree(item, depth: depth + 1) }
    case .mapping(let pairs):
        var keys: Set<String> = []
        for pair in pairs {
            guard let key = pair.key.scalar else { fatalError("YAML key is not a scalar") }
            check(keys.insert(key).inserted, "YAML key '\(key)' kept twice")
            checkTree(pair.key, depth: depth + 1)
            checkTree(pair.value, depth: depth + 1)
        }
    }
}

/// A date accepted from content must be the `YYYY-MM-DD` the error message asks for.
func checkDate(_ text: String) {
    guard let date = LocalDate(parsing: Substring(text)) else { return }
    check(date.description == text, "LocalDate accepted '\(text)' as \(date)")
}

/// `Identifier.slug` makes URL-safe names: lowercase ASCII letters, digits, single dashes.
func checkSlug(_ title: String) {
    let slug = Identifier.slug(title)
    guard !slug.isEmpty else { return }
    let allowed = slug.utf8.allSatisfy { byte in
        (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2D
    }
    check(
        allowed && !slug.hasPrefix("-") && !slug.hasSuffix("-") && !slug.contains("--"),
        "slug '\(slug)' of '\(title)' is not URL-safe")
}
