import Foundation
import Mustache

/// The class Foundation uses for JSON `true`/`false`; `as? Bool` alone would also accept 0 and 1.
private let booleanNumberType = type(of: NSNumber(value: true))

/// Converts a JSONSerialization result into a MustacheValue, keeping booleans and numbers apart.
func mustacheValue(fromJSON object: Any) -> MustacheValue {
    if type(of: object) == Bool.self, let flag = object as? Bool {
        return .bool(flag)
    }
    if let text = object as? String {
        return .string(text)
    }
    if let items = object as? [Any] {
        return .list(items.map(mustacheValue(fromJSON:)))
    }
    if let fields = object as? [String: Any] {
        return .object(fields.mapValues(mustacheValue(fromJSON:)))
    }
    if let number = object as? NSNumber {
        return type(of: number) == booleanNumberType
            ? .bool(number.boolValue)
            : .number(number.doubleValue)
    }
    return .null
}
