/// The texts of `careportal --help` and `careportal COMMAND --help`.
enum Help {
    struct Command {
        var name: String
        var summary: String
        var usage: String
        var details: String
    }

    static let commands = [
        Command(
            name: "check", summary: "check the content for problems without building",
            usage: "careportal check [--content DIR] [--themes DIR] [--format FORMAT]",
            details: """
                Loads every file and renders every page in memory, then lists every problem as
                  path:line:column: what is wrong and how to fix it
                Exits 0 when the content is fine, 1 when there are problems.

                Options:
                  --content DIR   the content folder (default: content)
                  --themes DIR    the folder holding the themes (default: themes)
                  --format FORMAT plain (default), github (annotations on the changed line in
                                  GitHub Actions) or gitlab (a code quality report, JSON)
                """),
        Command(
            name: "build", summary: "render the content into the site folder",
            usage: "careportal build [--content DIR] [--out DIR] [--themes DIR] [--format FORMAT]",
            details: """
                Renders every client's pages and publishes them in one atomic step: OUT is a link
                to a folder in OUT.builds/, replaced only when the whole build succeeded. A failed
                or interrupted build leaves the previous site as it was. Clients whose files did
                not change are reused from the previous build.

                Options:
                  --content DIR   the content folder (default: content)
                  --out DIR       the site link to publish (default: site)
                  --themes DIR    the folder holding the themes (default: themes)
                """),
        Command(
            name: "serve", summary: "serve the site behind the login gate",
            usage: "careportal serve [--site DIR] [--state DIR] [--host ADDR] [--port N] "
                + "[--trusted-proxy ADDR]",
            details: """
                Serves the built site to people who logged in, each only the clients they are a
                portal user of. Picks up a new build without a restart; SIGTERM or Ctrl-C stops
                it after the requests in progress.

                Options:
                  --site DIR      the site link made by 'careportal build' (default: site)
                  --state DIR     accounts, sessions, audit log and outbox (default: state)
                  --host ADDR     the IPv4 address to listen on (default: 127.0.0.1)
                  --port N        the port (default: 8080)
                  --trusted-proxy ADDR[,ADDR]
                                  believe X-Forwarded-For only from these proxies (the
                                  reverse proxy in front, usually 127.0.0.1); the client's
                                  address then counts for throttling and the audit log
                  --audit-retention-days N
                                  delete audit events older than N days (default 1826, five
                                  years; 0 keeps them all)
                  --session-retention-days N
                                  keep ended sessions (who and when, no secrets) N days
                                  (default 0: removed within ten minutes)
                """),
        Command(
            name: "invite", summary: "send a portal user the activation mail",
            usage: "careportal invite USERNAME [--site DIR] [--state DIR]",
            details: """
                Creates a single-use activation link, valid for 7 days, and puts the invitation
                in the outbox (state/outbox/, or delivered over SMTP when portal.yaml names a
                server). An earlier link of the same user stops working.
                """),
        Command(
            name: "reset", summary: "clear a user's password and authenticator, invite again",
            usage: "careportal reset USERNAME [--site DIR] [--state DIR]",
            details: """
                For a lost phone or a forgotten password: ends every session of the user, clears
                the password and authenticator, and sends a new invitation.
                """),
        Command(
            name: "unlock", summary: "lift the lockout after too many failed logins",
            usage: "careportal unlock USERNAME [--site DIR] [--state DIR]",
            details: "Unlocks the account and clears its failure counts."),
        Command(
            name: "users", summary: "list every account with its state",
            usage: "careportal users [--json] [--site DIR] [--state DIR]",
            details: """
                One line per user: username, state (not invited, invited, active, locked, or
                removed from the content) and the clients the user may see.
                """),
        Command(
            name: "audit", summary: "print the audit log",
            usage: "careportal audit [--client ID] [--user NAME] [--limit N] [--json]",
            details: """
                Logins, failures, lockouts, activations, resets, comments, replies, and every
                client page or file served: time, event, user, client, what, address. Newest
                last; --limit (default 200) counts from the newest.
                """),
        Command(
            name: "config", summary: "print the effective configuration, secrets masked",
            usage: "careportal config [--config FILE] [options of serve]",
            details: """
                Prints every setting with its value and where it came from. The order: a
                command-line option, then an environment variable (CAREPORTAL_SITE,
                CAREPORTAL_STATE, CAREPORTAL_HOST, CAREPORTAL_PORT, CAREPORTAL_TRUSTED_PROXY,
                CAREPORTAL_AUDIT_RETENTION_DAYS, CAREPORTAL_SESSION_RETENTION_DAYS,
                CAREPORTAL_SECRET_KEY), then the configuration file (--config FILE,
                $CAREPORTAL_CONFIG, or /etc/careportal/careportal.yaml), then the default. The
                file is YAML with the keys site, state, host, port, trusted_proxy,
                audit_retention_days, session_retention_days and secret_key; any other key is
                an error.
                """),
        Command(
            name: "doctor", summary: "check a deployment",
            usage: "careportal doctor [--config FILE] [--site DIR] [--state DIR]",
            details: """
                Checks what a running portal needs: the C libraries, a writable state folder, a
                sound database, a site whose users match the accounts, the secret key's file
                mode, an https base_url, the mail server answering, and a synchronised clock
                (codes fail when it is off by more than 30 seconds). One line per check: OK,
                WARN or FAIL; exits 1 when any check fails.
                """),
        Command(
            name: "stats", summary: "the portal in a few numbers",
            usage: "careportal stats [--json] [--site DIR] [--state DIR]",
            details: """
                Accounts by state, logins, failures and lockouts in the last 24 hours, mail
                waiting in the outbox, comments and replies no care worker has seen, and per
                client how many items each active user has not read yet.
                """),
        Command(
            name: "inbox", summary: "list new comments and replies for the care workers",
            usage: "careportal inbox [--client ID] [--json] [--peek] [--site DIR] [--state DIR]",
            details: """
                Lists the comments and replies that portal users wrote and no care worker has
                seen yet, per client and item, oldest first, and marks them seen.

                Options:
                  --client ID     only this client
                  --json          one JSON array instead of text
                  --peek          list them but leave them unseen
                """),
        Command(
            name: "export", summary: "everything the portal holds about one client, as JSON",
            usage: "careportal export CLIENT [--output FILE] [--site DIR] [--state DIR]",
            details: """
                For a request to see one's data: the client's portal users and their account
                state, every comment and reply, the read marks, the new-conversation mails and
                the audit events, as one JSON document on standard output or in FILE (mode 600).
                The care content itself is in git, under content/clients/CLIENT/.
                """),
        Command(
            name: "backup", summary: "copy the state database while the server runs",
            usage: "careportal backup FILE [--state DIR]",
            details: """
                Writes one consistent copy of state/careportal.sqlite to FILE (mode 600) with
                SQLite's backup API, while the server keeps serving and writing. FILE must not
                exist yet. The secret key (state/secret.key) is not in it: back that up once,
                apart, because without it the authenticator secrets cannot be read.
                """),
        Command(
            name: "restore", summary: "put a backup of the state database back",
            usage: "careportal restore FILE [--state DIR]",
            details: """
                Checks FILE (SQLite's integrity check, a schema this careportal knows), then
                replaces state/careportal.sqlite with it. Stop the server first; restore refuses
                while a server holds the state folder.
                """),
    ]

    static var overview: String {
        let width = commands.map(\.name.count).max() ?? 0
        let lines = commands.map {
            "  \($0.name)\(String(repeating: " ", count: width - $0.name.count + 3))\($0.summary)"
        }
        return """
            careportal: a client portal for youth-care and healthcare organisations.

            Usage: careportal COMMAND [options]

            Commands:
            \(lines.joined(separator: "\n"))

            Run 'careportal COMMAND --help' for a command's options.
            """
    }

    static func command(_ name: String) -> String? {
        guard let command = commands.first(where: { $0.name == name }) else { return nil }
        return "Usage: \(command.usage)\n\n\(command.details)"
    }
}
