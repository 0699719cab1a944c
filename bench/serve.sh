#!/usr/bin/env bash
# Serving benchmark, all on 127.0.0.1 and bounded in time: the same generated pages from
#   nginx (no authentication), Caddy's file_server behind basic_auth, libmicrohttpd alone
#   (bench/minimal-mhd.c, the page from memory: the ceiling for careportal), careportal's public
#   assets, careportal's pages with a logged-in session (per-user parts filled in), and the
#   same pages while logins run at the same time.
# Then comments posted as fast as 16 connections can, each its own form, checked afterwards
#   against the database: every acknowledged comment must be there.
# Prints requests per second, p50 and p99 for each and the ratios.
#
#   bench/serve.sh [SECONDS] [CONNECTIONS]     (default 10 s, 64 connections)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
connections=${2:-64}

for tool in wrk nginx caddy oathtool; do
  command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install wrk nginx caddy oathtool"; exit 2; }
done
swift build -c release >/dev/null
bin=$PWD/.build/release/careportal
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  cp "$work"/*.log "$work"/wrk.* /tmp/ 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$bin" build --content content --out "$work/site" --themes themes >/dev/null
chmod 755 "$work"
root=$(cd "$work/site" && pwd -P)
page=clients/sanne/reports/2026-11-19-voortgangsgesprek-november.html
dashboard=clients/sanne/index.html
asset=$(cd "$root/assets" && ls style.*.css)

# nginx: the same files, no authentication at all.
cat >"$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  server { listen 127.0.0.1:18081; root $root; }
}
CONF
nginx -c "$work/nginx.conf"
pids+=("$(cat "$work/nginx.pid" 2>/dev/null || true)")

# Caddy: file_server behind basic_auth (bcrypt, Caddy's default).
hash=$(caddy hash-password --plaintext bench-password)
cat >"$work/Caddyfile" <<CONF
{
  admin off
  auto_https off
}
http://127.0.0.1:18082 {
  root * $root
  basicauth {
    bench $hash
  }
  file_server
}
CONF
caddy run --config "$work/Caddyfile" --adapter caddyfile >"$work/caddy.log" 2>&1 &
pids+=($!)

# The ceiling: libmicrohttpd alone, the report page from memory (bench/minimal-mhd.c).
cc -O2 bench/minimal-mhd.c -lmicrohttpd -o "$work/minimal-mhd"
"$work/minimal-mhd" 18084 "$root/$page" &
pids+=($!)

# careportal with an activated, logged-in demo user.
link=$("$bin" invite marieke.devries --site "$work/site" --state "$work/state" | grep -o '/activate/[A-Za-z0-9_-]*')
"$bin" serve --site "$work/site" --state "$work/state" --port 18083 >"$work/careportal.log" 2>&1 &
pids+=($!)
sleep 1
cookie=$(python3 bench/session.py http://127.0.0.1:18083 "$link" marieke.devries 'Zonnebloem#Fiets7' 2>/dev/null)

run() { # name url [wrk options...]
  local name=$1 url=$2; shift 2
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" "$url" >"$work/wrk.$name" 2>&1
  python3 - "$name" "$work/wrk.$name" <<'PY'
import re, sys
name, path = sys.argv[1:3]
text = open(path).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
def pct(p):
    m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", text)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(f"{name}\t{rps:.0f}\t{pct(50):.2f}\t{pct(99):.2f}\t{errors.group(1) if errors else 0}")
PY
}

basic=$(printf 'bench:bench-password' | base64)
# Caddy remembers a checked password: one request first, so the run measures that state.
curl -s -o /dev/null -u bench:bench-password "http://127.0.0.1:18082/$page"
{
  run nginx-page "http://127.0.0.1:18081/$page"
  run nginx-dashboard "http://127.0.0.1:18081/$dashboard"
  run caddy-basic-auth-page "http://127.0.0.1:18082/$page" -H "Authorization: Basic $basic"
  run libmicrohttpd-minimal "http://127.0.0.1:18084/$page"
  run careportal-asset "http://127.0.0.1:18083/assets/$asset"
  run careportal-session-page "http://127.0.0.1:18083/$page" -H "Cookie: $cookie"
  run careportal-session-dashboard "http://127.0.0.1:18083/$dashboard" -H "Cookie: $cookie"
  # Logins at the same time: failed logins cost the same argon2 work as good ones.
  login_page=$(curl -s -c "$work/jar" http://127.0.0.1:18083/login)
  form_token=$(printf '%s' "$login_page" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')
  form_cookie=$(grep careportal_form "$work/jar" | awk '{print $7}')
  cat >"$work/login.lua" <<LUA
wrk.method = "POST"
wrk.body = "_csrf=$form_token&username=niemand&password=Fout%23wachtwoord1&code=123456"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "careportal_form=$form_cookie"
LUA
  wrk -t1 -c4 -d"$((seconds + 2))s" -s "$work/login.lua" http://127.0.0.1:18083/login >"$work/wrk.logins" 2>&1 &
  login_load=$!
  sleep 1
  run careportal-page-during-logins "http://127.0.0.1:18083/$page" -H "Cookie: $cookie"
  wait "$login_load" || true
  # Comments: every request a new form (its own _once), each written with a disk sync.
  csrf=$(curl -s -H "Cookie: $cookie" "http://127.0.0.1:18083/$page" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  cat >"$work/comment.lua" <<LUA
local counter = 0
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
request = function()
  counter = counter + 1
  local body = "_csrf=$csrf&_once=bench" .. tostring(id) .. "x" .. counter .. "xxxxxxxx&text=Bench+comment+" .. counter
  return wrk.format("POST", nil, {["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "$cookie"}, body)
end
LUA
  run careportal-comment-post "http://127.0.0.1:18083/$page" -s "$work/comment.lua" -c 16 -d 5s
} >"$work/results.tsv"
acknowledged=$(grep -o '[0-9]* requests in' "$work/wrk.careportal-comment-post" | awk '{print $1}')
refused=$(grep -o 'Non-2xx or 3xx responses: [0-9]*' "$work/wrk.careportal-comment-post" | awk '{print $NF}' || true)
kill "${pids[-1]}" 2>/dev/null; sleep 1
stored=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select count(*) from messages where body like 'Bench comment %'\").fetchone()[0])" "$work/state/careportal.sqlite")

python3 - "$work/results.tsv" "$work/wrk.logins" "$acknowledged" "${refused:-0}" "$stored" <<'PY'
import re, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
by = {r[0]: r for r in rows}
print(f"| {'server':32} | {'req/s':>8} | {'p50 ms':>7} | {'p99 ms':>7} | {'non-2xx':>7} |")
print(f"|{'-'*34}|{'-'*10}|{'-'*9}|{'-'*9}|{'-'*9}|")
for name, rps, p50, p99, errors in rows:
    print(f"| {name:32} | {float(rps):>8,.0f} | {p50:>7} | {p99:>7} | {errors:>7} |")
logins = re.search(r"Requests/sec:\s+([\d.]+)", open(sys.argv[2]).read())
nginx = float(by["nginx-page"][1])
caddy = float(by["caddy-basic-auth-page"][1])
page = float(by["careportal-session-page"][1])
dash = float(by["careportal-session-dashboard"][1])
asset = float(by["careportal-asset"][1])
print()
print(f"careportal page with session / nginx:        {page / nginx:.0%}")
print(f"careportal page with session / Caddy+auth:   {page / caddy:.2f}x")
print(f"careportal page with session / libmicrohttpd alone: "
      f"{page / float(by['libmicrohttpd-minimal'][1]):.0%}")
print(f"careportal dashboard with session / nginx:   {dash / nginx:.0%} of its report page, "
      f"{dash / float(by['nginx-dashboard'][1]):.0%} of the same dashboard file")
print(f"careportal page with session / own asset:    {page / asset:.0%}")
print(f"careportal dashboard / own asset:            {dash / asset:.0%}")
print(f"p99 during logins / p99 alone:               "
      f"{float(by['careportal-page-during-logins'][3]) / float(by['careportal-session-page'][3]):.2f}x"
      f"  (logins/s meanwhile: {float(logins.group(1)) if logins else 0:.0f})")
acknowledged, refused, stored = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
posts = float(by["careportal-comment-post"][1])
print(f"comments: {posts:,.0f}/s; {acknowledged - refused} acknowledged, {stored} stored, "
      f"{max(0, acknowledged - refused - stored)} lost")
PY
