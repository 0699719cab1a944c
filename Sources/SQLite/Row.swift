/// One result row; columns are read by name or by position.
public struct Row: Sendable {
    /// Column names in result order.
    public let columns: [String]

    /// Values in the same order as `columns`.
    public let values: [SQLValue]

    /// Makes a row; `values` pairs with `columns` by position.
    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    // Known limit: an unknown column name reads as .null, like a NULL value, because the
    // subscript cannot throw; check `columns` when the difference matters.
    /// The value of the first column with this name, or .null when there is none.
    public subscript(_ column: String) -> SQLValue {
        guard let index = columns.firstIndex(of: column) else { return .null }
        return self[index]
    }

    /// The value at this position, or .null when out of range.
    public subscript(_ index: Int) -> SQLValue {
        values.indices.contains(index) ? values[index] : .null
    }

    /// The column as an integer, or nil when it is not one.
    public func int(_ column: String) -> Int64? { self[column].int }

    /// The column as a floating-point number, or nil when it is not one.
    public func real(_ column: String) -> Double? { self[column].real }

    /// The column as text, or nil when it is not text.
    public func text(_ column: String) -> String? { self[column].text }

    /// The column as bytes, or nil when it is not a blob.
    public func blob(_ column: String) -> [UInt8]? { self[column].blob }
}
