import Foundation
import Mustache
import Testing

/// The spec data must keep JSON booleans and the numbers 0 and 1 apart.
struct JSONValueConversionTests {
    @Test func booleansAndNumbersStayDistinct() throws {
        let json = try JSONSerialization.jsonObject(with: Data("[true, false, 1, 0, 1.5]".utf8))
        let expected: MustacheValue = [true, false, 1, 0, 1.5]

        #expect(mustacheValue(fromJSON: json) == expected)
    }

    @Test func nestedObjectsAndNull() throws {
        let text = #"{"a": {"b": null, "c": "x"}, "d": [85]}"#
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let expected: MustacheValue = ["a": ["b": .null, "c": "x"], "d": [85]]

        #expect(mustacheValue(fromJSON: json) == expected)
    }

    @Test func swiftBoolIsABoolean() {
        #expect(mustacheValue(fromJSON: true) == .bool(true))
        #expect(mustacheValue(fromJSON: 1) == .number(1))
    }
}
