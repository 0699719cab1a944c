import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A response as a test sees it.
struct TestResponse {
    var status: Int
    var headers: [String: String]
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }

    func header(_ name: String) -> String? {
        headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }

    var location: String? { header("location") }
}

/// A browser-like client over real HTTP: keeps cookies, never follows redirects by itself.
final class TestClient: @unchecked Sendable {
    private(set) var base: String
    private(set) var cookies: [String: String] = [:]
    private let session: URLSession
    private let delegate = NoRedirects()

    init(port: UInt16) {
        base = "http://127.0.0.1:\(port)"
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    func get(_ path: String, headers: [String: String] = [:]) throws -> TestResponse {
        try send("GET", path, body: nil, headers: headers)
    }

    func post(
        _ path: String, form: [(String, String)], headers: [String: String] = [:]
    ) throws -> TestResponse {
        let body = form.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
        var all = headers
        all["Content-Type"] = "application/x-www-form-urlencoded"
        // As a browser does on every form post.
        if all["Origin"] == nil { all["Origin"] = base }
        return try send("POST", path, body: Data(body.utf8), headers: all)
    }

    func send(
        _ method: String, _ path: String, body: Data?, headers: [String: String]
    ) throws -> TestResponse {
        guard let url = URL(string: base + path) else { throw TestError("bad path \(path)") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if !cookies.isEmpty, request.value(forHTTPHeaderField: "Cookie") == nil {
            let line = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            request.setValue(line, forHTTPHeaderField: "Cookie")
        }
        let response = try perform(request)
        remember(response)
        return response
    }

    /// Another client on the same server with the same cookies, for a second thread: one
    /// client is not safe to use from two at once.
    func sharing() -> TestClient {
        let copy = TestClient(port: 0)
        copy.base = base
        copy.cookies = cookies
        return copy
    }

    /// Talks to a server restarted on another port, keeping the cookies.
    func move(to port: UInt16) {
        base = "http://127.0.0.1:\(port)"
    }

    func forget(_ name: String) {
        cookies[name] = nil
    }

    func setCookie(_ name: String, _ value: String) {
        cookies[name] = value
    }

    private func perform(_ request: URLRequest) throws -> TestResponse {
        let result = Mutex<Result<TestResponse, Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        session.dataTask(with: request) { data, response, error in
            if let error {
                result.withLock { $0 = .failure(error) }
            } else if let http = response as? HTTPURLResponse {
                var headers: [String: String] = [:]
                for (key, value) in http.allHeaderFields {
                    headers["\(key)"] = "\(value)"
                }
                result.withLock {
                    $0 = .success(
                        TestResponse(
                            status: http.statusCode, headers: headers, body: data ?? Data()))
                }
            }
            done.signal()
        }.resume()
        done.wait()
        guard let outcome = result.withLock({ $0 }) else { throw TestError("no response") }
        return try outcome.get()
    }

    /// Takes the cookies of `Set-Cookie`; a `Max-Age=0` cookie is forgotten.
    private func remember(_ response: TestResponse) {
        guard let header = response.header("set-cookie") else { return }
        for line in splitCookies(header) {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            guard pair.count >= 1 else { continue }
            let name = String(pair[0]).trimmingCharacters(in: .whitespaces)
            let value = pair.count > 1 ? String(pair[1]) : ""
            if line.contains("Max-Age=0") || value.isEmpty {
                cookies[name] = nil
            } else {
                cookies[name] = value
            }
        }
    }

    /// Foundation joins several Set-Cookie headers with commas; cookie values never hold one.
    private func splitCookies(_ header: String) -> [String] {
        header.components(separatedBy: ", ").filter { $0.contains("=") }
    }

    private func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

final class NoRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
        completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}

struct TestError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
