#!/usr/bin/env python3
"""Prepares the soak: active accounts for the generated users, login sessions written straight
into the state database (as the server stores them: the SHA-256 of the id), and the wrk Lua
scripts that use them.

    soak_sessions.py SITE DATABASE SESSIONS WORKDIR"""

import base64
import hashlib
import json
import os
import sqlite3
import sys
import time


def cookie_value(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def main():
    site, database, count, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    manifest = json.load(open(os.path.join(site, ".careportal", "manifest.json")))
    reports = {c["id"]: [i["url"] for i in c["items"] if i["kind"] == "report"]
               for c in manifest["clients"]}
    # Replies go to a conversation; a client without one gets comments on a report instead.
    talks = {c["id"]: [i["url"] for i in c["items"] if i["kind"] == "conversation"]
             or reports[c["id"]] for c in manifest["clients"]}
    users = manifest["users"]
    now = int(time.time())
    db = sqlite3.connect(database)
    with db:
        for user in users:
            db.execute(
                "INSERT OR IGNORE INTO accounts (username, state, created_at, activated_at, "
                "updated_at) VALUES (?, 'active', ?, ?, ?)", (user["username"], now, now, now))
        rows = []
        for number in range(count):
            user = users[number % len(users)]
            raw = os.urandom(32)
            csrf = cookie_value(os.urandom(24))
            db.execute(
                "INSERT INTO sessions (id_hash, username, kind, csrf, created_at, last_seen, "
                "expires_at) VALUES (?, ?, 'login', ?, ?, ?, ?)",
                (hashlib.sha256(raw).digest(), user["username"], csrf, now, now, now + 43200))
            client = user["clients"][0]
            rows.append((cookie_value(raw), csrf, f"/clients/{client}/",
                         reports[client][number % len(reports[client])],
                         talks[client][number % len(talks[client])]))
    table = ",\n".join(f'{{"{c}","{t}","{d}","{r}","{v}"}}' for c, t, d, r, v in rows)
    common = f"sessions = {{\n{table}\n}}\ncounter = 0\n"
    with open(os.path.join(work, "pages.lua"), "w") as out:
        out.write(common + """
request = function()
  counter = counter + 1
  local s = sessions[(counter * 7919) % #sessions + 1]
  local kind = counter % 3
  local path = s[3]
  if kind == 1 then path = s[3] .. "reports/" elseif kind == 2 then path = s[4] end
  return wrk.format("GET", path, {["Cookie"] = "careportal=" .. s[1]})
end
""")
    with open(os.path.join(work, "comments.lua"), "w") as out:
        out.write(common + """
request = function()
  counter = counter + 1
  local s = sessions[(counter * 104729) % #sessions + 1]
  local body = "_csrf=" .. s[2] .. "&_once=soaktoken" .. counter .. "x" .. os.time()
    .. "&text=soak+" .. counter
  -- Every other post a reply in a conversation, the rest comments on a report.
  local path = s[4]
  if counter % 2 == 0 then path = s[5] end
  return wrk.format("POST", path, {["Cookie"] = "careportal=" .. s[1],
    ["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end
""")


if __name__ == "__main__":
    main()
