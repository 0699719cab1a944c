import SQLite
import Testing

@Suite struct ValueRoundTripTests {
    @Test func everyValueTypeComesBackUnchanged() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("values.sqlite"))
        try database.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, value)")

        let values: [SQLValue] = [
            .null, .integer(0), .integer(.min), .integer(.max), .real(3.25), .real(-0.5),
            .text(""), .text("a\u{0}b"), .text("Grüße, zoë 🌍 ज़हरा"),
            .blob([]), .blob([0, 255, 0, 1]),
        ]
        for value in values {
            try database.run("INSERT INTO item (value) VALUES (?)", [value])
        }

        let rows = try database.query("SELECT value FROM item ORDER BY id")
        #expect(rows.map { $0["value"] } == values)
    }

    @Test func emptyTextAndEmptyBlobKeepTheirStorageClass() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("types.sqlite"))

        let row = try #require(
            try database.queryOne(
                "SELECT typeof(?) AS t, typeof(?) AS b",
                [
                    .text(""), .blob([]),
                ]))
        #expect(row.text("t") == "text")
        #expect(row.text("b") == "blob")
    }

    @Test func embeddedNulKeepsItsFullLength() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("nul.sqlite"))

        let sql = "SELECT length(CAST(? AS BLOB)) AS n"
        let row = try #require(try database.queryOne(sql, ["a\u{0}bc"]))
        #expect(row.int("n") == 4)
    }

    @Test func literalsBuildTheMatchingCases() {
        let values: [SQLValue] = [nil, 7, 1.5, "text"]

        #expect(values == [.null, .integer(7), .real(1.5), .text("text")])
    }

    @Test func rowReadsByNameAndPosition() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("row.sqlite"))

        let row = try #require(
            try database.queryOne(
                "SELECT 42 AS n, 'hi' AS s, x'0102' AS b, 2.5 AS r, NULL AS z"
            ))
        #expect(row.columns == ["n", "s", "b", "r", "z"])
        #expect(row.int("n") == 42)
        #expect(row.text("s") == "hi")
        #expect(row.blob("b") == [1, 2])
        #expect(row.real("r") == 2.5)
        #expect(row["z"].isNull)
        #expect(row[1] == "hi")
    }

    @Test func mismatchedTypesAndUnknownColumnsReadAsAbsent() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("absent.sqlite"))

        let row = try #require(try database.queryOne("SELECT '42' AS n"))
        #expect(row.int("n") == nil)
        #expect(row["missing"] == .null)
        #expect(row[5] == .null)
    }
}
