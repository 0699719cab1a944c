/// A care worker responsible for a client, as listed in `client.yaml`.
public struct CareWorker: Sendable, Equatable {
    public var name: String
    public var role: String
    public var email: String
}

/// A portal account: a person who may log in and see this client (the client, a parent).
public struct PortalUser: Sendable, Equatable {
    public var username: String
    public var name: String
    public var email: String
    /// How the person relates to the client: `moeder`, `zelf`, `voogd`.
    public var relation: String
    /// Where the user is listed, so a conflict between two listings can point at both.
    public var file: String
    public var line: Int
    public var column: Int
}

/// One client's whole file: details, people, and every item care workers placed.
public struct Client: Sendable {
    public var id: String
    public var name: String
    public var dossier: String
    public var birthDate: LocalDate
    public var phone: String?
    public var email: String?
    public var address: String?
    public var careWorkers: [CareWorker]
    public var users: [PortalUser]
    public var reports: [Report] = []
    public var documents: [Document] = []
    public var appointments: [Appointment] = []
    public var conversations: [Conversation] = []
}

extension Client {
    /// Reads `client.yaml`; the items are loaded separately from their folders.
    static func decode(id: String, _ fields: inout Fields) -> Client? {
        let name = fields.text("name")
        let dossier = fields.text("dossier")
        let birthDate = fields.localDate("birth_date")
        let phone = fields.text("phone", required: false)
        let email = fields.email("email", required: false)
        let address = fields.text("address", required: false)
        let careWorkers = decodeList("care_workers", &fields, decodeCareWorker)
        let users = decodeList("users", &fields, decodeUser)
        checkUniqueUsernames(users, &fields)
        guard let name, let dossier, let birthDate, let careWorkers, let users else { return nil }
        return Client(
            id: id, name: name, dossier: dossier, birthDate: birthDate, phone: phone,
            email: email, address: address, careWorkers: careWorkers, users: users)
    }

    private static func decodeList<T>(
        _ name: String, _ fields: inout Fields,
        _ decode: (inout Fields) -> T?
    ) -> [T]? {
        guard let nodes = fields.list(name) else { return nil }
        var values: [T] = []
        for node in nodes {
            guard
                var entry = Fields(
                    node, file: fields.file, what: "each entry of '\(name)'",
                    problems: &fields.problems)
            else { continue }
            if let value = decode(&entry) { values.append(value) }
            fields.problems.add(contentsOf: entry.finish())
        }
        return values
    }

    private static func decodeCareWorker(_ fields: inout Fields) -> CareWorker? {
        let name = fields.text("name")
        let role = fields.text("role")
        let email = fields.email("email")
        guard let name, let role, let email else { return nil }
        return CareWorker(name: name, role: role, email: email)
    }

    private static func decodeUser(_ fields: inout Fields) -> PortalUser? {
        let username = fields.text("username")
        let name = fields.text("name")
        let email = fields.email("email")
        let relation = fields.text("relation")
        if let username, let node = fields.value("username"), !Username.isValid(username) {
            fields.problem(
                "username '\(username)' must be 3 to 32 lowercase letters, digits, "
                    + "dots, dashes or underscores, starting with a letter", at: node)
            return nil
        }
        guard let username, let name, let email, let relation,
            let position = fields.value("username").map(fields.place)
        else { return nil }
        return PortalUser(
            username: username, name: name, email: email, relation: relation,
            file: fields.file, line: position.line, column: position.column)
    }

    private static func checkUniqueUsernames(_ users: [PortalUser]?, _ fields: inout Fields) {
        var seen: Set<String> = []
        for user in users ?? [] where !seen.insert(user.username).inserted {
            fields.problems.add(
                "username '\(user.username)' is listed twice for this client",
                file: user.file, line: user.line, column: user.column)
        }
    }
}

/// The rule for portal usernames, shared by the content check and the server.
public enum Username {
    public static func isValid(_ text: String) -> Bool {
        guard (3...32).contains(text.count), let first = text.unicodeScalars.first,
            ("a"..."z").contains(first)
        else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "." || scalar == "-" || scalar == "_"
        }
    }
}
