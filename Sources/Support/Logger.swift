import Foundation
import Synchronization

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
    private let sink: @Sendable (String) -> Void

    public init(
        label: String, minimum: Level = .info,
        sink: @escaping @Sendable (String) -> Void = Logger.standardError
    ) {
        self.label = label
        self.minimum = minimum
        self.sink = sink
    }

    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    public func log(_ level: Level, _ message: String, _ metadata: [String: String] = [:]) {
        guard level >= minimum else { return }
        var line = "level=\(level.name) logger=\(label) msg=\(Self.quote(message))"
        for key in metadata.keys.sorted() {
            line += " \(key)=\(Self.quote(metadata[key] ?? ""))"
        }
        sink(line)
    }

    public func info(_ message: String, _ metadata: [String: String] = [:]) {
        log(.info, message, metadata)
    }

    public func warning(_ message: String, _ metadata: [String: String] = [:]) {
        log(.warning, message, metadata)
    }

    public func error(_ message: String, _ metadata: [String: String] = [:]) {
        log(.error, message, metadata)
    }

    static func quote(_ value: String) -> String {
        let plain =
            !value.isEmpty
            && value.allSatisfy {
                $0.isLetter || $0.isNumber || "-_./:@".contains($0)
            }
        if plain { return value }
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
}
