import Foundation

extension ContentFixture {
    /// Writes `clients` generated clients with a mix of every item kind, for tests that need
    /// a build large enough to interrupt.
    public func writeCorpus(clients: Int, reportsPerClient: Int = 10) throws {
        try write("portal.yaml", Self.portal)
        for index in 0..<clients {
            let id = String(format: "client-%04d", index)
            try write(
                "clients/\(id)/client.yaml",
                Self.client
                    .replacingOccurrences(of: "ouder.jansen", with: "ouder\(index)")
                    .replacingOccurrences(of: "petra@", with: "petra\(index)@"))
            for report in 0..<reportsPerClient {
                let day = report % 28 + 1
                try write(
                    "clients/\(id)/reports/2026-11-\(String(format: "%02d", day))-r\(report).md",
                    Self.report(number: report, day: day))
            }
            try write(
                "clients/\(id)/agenda.yaml",
                """
                - title: Gesprek \(index)
                  start: 2026-12-03 10:00
                  end: 2026-12-03 11:00

                """)
        }
    }

    static func report(number: Int, day: Int) -> String {
        let paragraph =
            "Vandaag spraken we over school, vrienden en de plannen voor de komende "
            + "weken. Het ging goed; we maken een nieuwe afspraak.\n\n"
        return """
            ---
            title: Verslag \(number)
            date: 2026-11-\(String(format: "%02d", day))
            author: Bea Smit
            ---
            ## Gesprek

            \(String(repeating: paragraph, count: 6))
            - school
            - thuis
            - vrije tijd

            """
    }
}

/// The built `careportal` executable, for tests that run it as a separate process.
public enum Executable {
    public static var careportal: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0])
            .deletingLastPathComponent().appendingPathComponent("careportal")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return ContentFixture.repository.appendingPathComponent(".build/debug/careportal")
    }
}
