import Foundation
import SMTP

/// A real SMTP server (aiosmtpd) on 127.0.0.1 in a python3 child process.
///
/// It saves each message it accepts as `NNNN.eml` (the bytes as received) with `NNNN.json`
/// (the envelope) in `folder`. It can also refuse every RCPT for good (550) or for now (451).
public final class TestSMTPServer: @unchecked Sendable {
    public let port: Int
    public let folder: URL
    private let process: Process
    private let input = Pipe()

    private static let script = #"""
        import asyncio, json, os, signal, sys
        from aiosmtpd.smtp import SMTP

        # Swift's Process starts children with the parent thread's blocked signals.
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})

        port, folder, mode = int(sys.argv[1]), sys.argv[2], sys.argv[3]
        received = 0

        class Handler:
            async def handle_RCPT(self, server, session, envelope, address, options):
                if mode == "refuse":
                    return "550 5.1.1 Mailbox unavailable"
                if mode == "busy":
                    return "451 4.3.0 Try again later"
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, server, session, envelope):
                global received
                received += 1
                base = os.path.join(folder, "%04d" % received)
                with open(base + ".json", "w") as f:
                    json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos}, f)
                with open(base + ".tmp", "wb") as f:
                    f.write(envelope.original_content)
                os.rename(base + ".tmp", base + ".eml")
                return "250 Message accepted"

        async def main():
            loop = asyncio.get_running_loop()
            server = await loop.create_server(lambda: SMTP(Handler()), "127.0.0.1", port)
            print(server.sockets[0].getsockname()[1], flush=True)
            # Standard input ends when the test stops us, or when the test process ends.
            await loop.run_in_executor(None, sys.stdin.buffer.read)
            server.close()

        asyncio.run(main())
        """#

    /// How the server answers each recipient.
    public enum Answer: String, Sendable {
        case accept, refuse, busy
    }

    /// Starts the server on `port` (0: any free port) and returns once it listens.
    public init(folder: URL, port: Int = 0, answer: Answer = .accept) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        self.folder = folder
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c", TestSMTPServer.script, String(port), folder.path,
            answer.rawValue,
        ]
        let stdout = Pipe()
        let log = folder.appendingPathComponent("server.log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw StartFailure(log: "cannot create \(log.path)")
        }
        process.standardInput = input
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()

        // The server prints its port once it listens; EOF first means it failed to start.
        let line = TestSMTPServer.firstLine(of: stdout.fileHandleForReading)
        guard let listening = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
            throw StartFailure(log: (try? String(contentsOf: log, encoding: .utf8)) ?? "")
        }
        self.port = listening
    }

    deinit {
        stop()
    }

    /// Where the outbox should deliver to.
    public var server: SMTPServer {
        SMTPServer(url: "smtp://127.0.0.1:\(port)", timeoutSeconds: 10)
    }

    /// Stops the child process (ours: started by this object) by ending its standard input,
    /// and waits for it.
    public func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    public struct Received: Decodable {
        public let from: String
        public let to: [String]
        public var bytes: [UInt8] = []

        private enum CodingKeys: String, CodingKey {
            case from, to
        }
    }

    /// The messages received so far, in order.
    public func received() throws -> [Received] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".eml") }
            .sorted()
        return try names.map { name in
            let base = folder.appendingPathComponent(String(name.dropLast(4)))
            let envelope = try Data(contentsOf: base.appendingPathExtension("json"))
            var received = try JSONDecoder().decode(Received.self, from: envelope)
            received.bytes = Array(try Data(contentsOf: base.appendingPathExtension("eml")))
            return received
        }
    }

    private static func firstLine(of handle: FileHandle) -> String {
        var bytes: [UInt8] = []
        while !bytes.contains(UInt8(ascii: "\n")) {
            let chunk = handle.availableData
            if chunk.isEmpty {
                break
            }
            bytes += chunk
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public struct StartFailure: Error {
        public let log: String
    }
}
