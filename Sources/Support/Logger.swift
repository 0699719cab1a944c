import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A small structured logger in the shape of swift-log: a constant message and data in dotted
/// metadata keys, one line per event in logfmt (`level=info msg="request" http.status=200`).
///
/// Callers never pass a password, code, token, secret or cookie; values are quoted and stripped
/// of line breaks so a hostile value cannot forge a second log line.
public struct Logger: Sendable {
    public enum Level: Int, Sendable, Comparable {
        case debug, info, warning, error

        var name: String {
            switch self {
            case .debug: return "debug"
            case .info: return "info"
            case .warning: return "warning"
            case .error: return "error"
            }
        }

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var label: String
    public var minimum: Level
    private let sink: @Sendable (Level, String) -> Void

    public init(
        label: String, minimum: Level = .info,
        sink: @escaping @Sendable (String) -> Void = Logger.standardError
    ) {
        self.init(label: label, minimum: minimum) { _, line in sink(line) }
    }

    /// A logger whose sink also learns each line's level.
    public init(
        label: String, minimum: Level = .info,
        levelledSink: @escaping @Sendable (Level, String) -> Void
    ) {
        self.label = label
        self.minimum = minimum
        self.sink = levelledSink
    }

    /// One `write(2)` per line, so lines from different threads never interleave.
    public static let standardError: @Sendable (String) -> Void = { line in
        LogBuffer.write(Array(line.utf8) + [0x0A], to: 2)
    }

    /// A logger whose lines of `minimum` level and above go through `buffer`; warnings and
    /// errors are written at once.
    public static func buffered(label: String, into buffer: LogBuffer) -> Logger {
        let routine = buffer.sink(urgent: false)
        let urgent = buffer.sink(urgent: true)
        return Logger(
            label: label,
            levelledSink: { level, line in level >= .warning ? urgent(line) : routine(line) })
    }

    /// Writes one line; metadata keeps the order written, so lines of one kind line up.
    public func log(
        _ level: Level, _ message: String, _ metadata: KeyValuePairs<String, String> = [:]
    ) {
        guard level >= minimum else { return }
        var line = "level=\(level.name) logger=\(label) msg=\(Self.quote(message))"
        for (key, value) in metadata {
            line += " \(key)=\(Self.quote(value))"
        }
        sink(level, line)
    }

    public func info(_ message: String, _ metadata: KeyValuePairs<String, String> = [:]) {
        log(.info, message, metadata)
    }

    public func warning(_ message: String, _ metadata: KeyValuePairs<String, String> = [:]) {
        log(.warning, message, metadata)
    }

    public func error(_ message: String, _ metadata: KeyValuePairs<String, String> = [:]) {
        log(.error, message, metadata)
    }

    static func quote(_ value: String) -> String {
        if !value.isEmpty && value.utf8.allSatisfy(isPlain) { return value }
        var out = "\""
        for character in value {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out + "\""
    }

    /// ASCII letters, digits and `-_./:@[]`: printed without quotes.
    private static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-_./:@[]".utf8.contains(byte)
        }
    }

    /// Milliseconds with two decimals, without `String(format:)`, which is slow on Linux.
    public static func milliseconds(_ seconds: Double) -> String {
        let hundredths = Int((seconds * 100_000).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
