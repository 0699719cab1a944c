import Foundation
import Testing

/// python3 run as a child process: the reference parser for mail, and the test SMTP server.
enum Python {
    struct Result {
        let status: Int32
        let output: [UInt8]
        let errors: String
    }

    /// Runs `code` with `arguments`, feeding `input` on standard input.
    static func run(_ code: String, arguments: [String] = [], input: [UInt8] = []) throws
        -> Result
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", code] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()

        // Inputs here are small messages, well under the pipe buffer, so this cannot block.
        try stdin.fileHandleForWriting.write(contentsOf: Data(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: Array(output),
            errors: String(decoding: errors, as: UTF8.self))
    }

    /// Whether the SMTP tests can run; they are skipped, saying why, when not.
    static let hasAiosmtpd: Bool = {
        (try? run("import aiosmtpd"))?.status == 0
    }()

    /// Skips a test, saying why, when python3 cannot import aiosmtpd.
    static var needsAiosmtpd: ConditionTrait {
        .enabled(
            if: hasAiosmtpd,
            "python3 cannot import aiosmtpd, so SMTP tests are skipped: pip install aiosmtpd")
    }
}
