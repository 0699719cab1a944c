/// A command line split into options and positional words, checked against what a command
/// accepts, so a typo is reported with what was meant instead of being ignored.
struct Arguments {
    private(set) var options: [String: String] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positional: [String] = []

    /// `valued` options take a value (`--content DIR` or `--content=DIR`); `switches` do not.
    init(_ words: [String], valued: Set<String>, switches: Set<String> = []) throws(UsageError) {
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            guard word.hasPrefix("--") else {
                positional.append(word)
                continue
            }
            let (name, inlineValue) = Self.split(word)
            if switches.contains(name), inlineValue == nil {
                flags.insert(name)
            } else if valued.contains(name) {
                if let inlineValue {
                    options[name] = inlineValue
                } else if index < words.count, !words[index].hasPrefix("--") {
                    options[name] = words[index]
                    index += 1
                } else {
                    throw UsageError("\(name) needs a value, for example \(name) DIR")
                }
            } else {
                throw UsageError(Self.unknown(name, known: valued.union(switches)))
            }
        }
    }

    private static func split(_ word: String) -> (String, String?) {
        guard let equals = word.firstIndex(of: "=") else { return (word, nil) }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }

    private static func unknown(_ name: String, known: Set<String>) -> String {
        let close = known.min { distance($0, name) < distance($1, name) }
        if let close, distance(close, name) <= 3 {
            return "unknown option \(name); did you mean \(close)?"
        }
        return "unknown option \(name)"
    }

    /// Levenshtein distance, for "did you mean".
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}

/// The command line was wrong; the message says what to type instead.
public struct UsageError: Error, Equatable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }
}
