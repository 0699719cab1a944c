import SQLite

/// The state database's schema, one migration per version. A migration never changes once
/// released; a change is a new migration.
enum Schema {
    static let migrations = [
        Migration(
            version: 1,
            sql: """
                CREATE TABLE accounts (
                    username TEXT PRIMARY KEY,
                    state TEXT NOT NULL CHECK (state IN ('invited', 'active')),
                    password_hash TEXT,
                    totp_secret BLOB,
                    totp_last_step INTEGER,
                    locked INTEGER NOT NULL DEFAULT 0,
                    created_at INTEGER NOT NULL,
                    activated_at INTEGER,
                    updated_at INTEGER NOT NULL
                ) STRICT;

                CREATE TABLE activation_tokens (
                    token_hash BLOB PRIMARY KEY,
                    username TEXT NOT NULL REFERENCES accounts (username) ON DELETE CASCADE,
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL,
                    used_at INTEGER
                ) STRICT;
                CREATE INDEX activation_tokens_user ON activation_tokens (username);

                CREATE TABLE sessions (
                    id_hash BLOB PRIMARY KEY,
                    username TEXT NOT NULL REFERENCES accounts (username) ON DELETE CASCADE,
                    kind TEXT NOT NULL CHECK (kind IN ('enrol', 'login')),
                    step TEXT,
                    pending_secret BLOB,
                    csrf TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    last_seen INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL
                ) STRICT;
                CREATE INDEX sessions_user ON sessions (username);

                CREATE TABLE failures (
                    key TEXT PRIMARY KEY,
                    count INTEGER NOT NULL,
                    window_start INTEGER NOT NULL,
                    last_at INTEGER NOT NULL
                ) STRICT;

                CREATE TABLE audit (
                    id INTEGER PRIMARY KEY,
                    at INTEGER NOT NULL,
                    event TEXT NOT NULL,
                    username TEXT,
                    client TEXT,
                    target TEXT,
                    address TEXT,
                    detail TEXT
                ) STRICT;
                CREATE INDEX audit_user ON audit (username, at);
                CREATE INDEX audit_client ON audit (client, at);
                """),
        Migration(
            version: 2,
            sql: """
                CREATE TABLE read_marks (
                    username TEXT NOT NULL,
                    client TEXT NOT NULL,
                    item TEXT NOT NULL,
                    read_at INTEGER NOT NULL,
                    messages INTEGER NOT NULL,
                    PRIMARY KEY (username, client, item)
                ) STRICT, WITHOUT ROWID;

                CREATE TABLE messages (
                    id INTEGER PRIMARY KEY,
                    client TEXT NOT NULL,
                    item TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('comment', 'reply')),
                    username TEXT NOT NULL,
                    author TEXT NOT NULL,
                    body TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    form_token TEXT NOT NULL,
                    seen_at INTEGER,
                    UNIQUE (username, form_token)
                ) STRICT;
                CREATE INDEX messages_item ON messages (client, item, created_at);
                CREATE INDEX messages_unseen ON messages (client) WHERE seen_at IS NULL;

                CREATE TABLE conversation_notices (
                    client TEXT NOT NULL,
                    conversation TEXT NOT NULL,
                    messages INTEGER NOT NULL,
                    noticed_at INTEGER NOT NULL,
                    PRIMARY KEY (client, conversation)
                ) STRICT, WITHOUT ROWID;

                CREATE TABLE flags (
                    name TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                ) STRICT;
                """),
    ]
}
