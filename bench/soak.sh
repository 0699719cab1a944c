#!/usr/bin/env bash
# Soak: careportal under a mixed load for a bounded time, all on 127.0.0.1.
#   1,000 generated clients (10 items each), 10,000 login sessions spread over their users;
#   at the same time: page views (dashboard, report list, report) from every session, comments
#   and replies from every session, and failed logins (argon2id each). Afterwards every
#   acknowledged comment and reply must be in the database, and memory must have stayed flat.
# Sessions are written straight into the state database (a login per session would take
# argon2id ten thousand times); everything else goes through HTTP.
#
#   bench/soak.sh [SECONDS] [CLIENTS] [SESSIONS]     (default 120 s, 1000, 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-120}
clients=${2:-1000}
sessions=${3:-10000}

for tool in wrk python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install wrk"; exit 2; }
done
swift build -c release >/dev/null
bin=$PWD/.build/release/careportal
work=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

python3 bench/generate_corpus.py --clients "$clients" --items 10 --out "$work" >/dev/null
sed -i 's|base_url: https://bench.example.nl|base_url: http://127.0.0.1:18095|' "$work/content/portal.yaml"
"$bin" build --content "$work/content" --out "$work/site" --themes themes >/dev/null
"$bin" users --site "$work/site" --state "$work/state" >/dev/null   # creates the database
python3 bench/soak_sessions.py "$work/site" "$work/state/careportal.sqlite" "$sessions" "$work"

"$bin" serve --site "$work/site" --state "$work/state" --port 18095 >"$work/serve.log" 2>&1 &
server=$!
sleep 1
rss() { awk '/^VmRSS/ {print int($2/1024)}' "/proc/$server/status"; }
start_rss=$(rss)

base=http://127.0.0.1:18095
# Failed logins need a real form token and its cookie, so each one reaches argon2id.
login_page=$(curl -s -c "$work/jar" "$base/login")
form_token=$(printf '%s' "$login_page" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')
form_cookie=$(grep careportal_form "$work/jar" | awk '{print $7}')
cat >"$work/logins.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "careportal_form=$form_cookie"
wrk.body = "_csrf=$form_token&username=niemand&password=Fout%23wachtwoord1&code=123456"
LUA
wrk -t1 -c32 -d"${seconds}s" --latency -s "$work/pages.lua" "$base" >"$work/wrk.pages" 2>&1 &
pages=$!
wrk -t1 -c8 -d"${seconds}s" --latency -s "$work/comments.lua" "$base" >"$work/wrk.comments" 2>&1 &
comments=$!
wrk -t1 -c2 -d"${seconds}s" -s "$work/logins.lua" "$base/login" >"$work/wrk.logins" 2>&1 &
logins=$!
samples=()
while kill -0 "$pages" 2>/dev/null; do
  samples+=("$(rss)")
  sleep 5
done
wait "$pages" "$comments" "$logins" || true
end_rss=$(rss)
peak_rss=$(awk '/^VmHWM/ {print int($2/1024)}' "/proc/$server/status")
kill "$server"; wait "$server" 2>/dev/null || true; server=""

python3 - "$work" "$start_rss" "$end_rss" "$peak_rss" "$clients" "$sessions" "$seconds" \
  "${samples[*]}" <<'PY'
import re, sqlite3, sys
work, start, end, peak, clients, sessions, seconds, samples = sys.argv[1:9]
def figures(name):
    text = open(f"{work}/wrk.{name}").read()
    total = int(re.search(r"(\d+) requests in", text).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors = re.search(r"Socket errors: (.*)", text)
    p99 = re.search(r"\s99%\s+([\d.]+)(us|ms|s)", text)
    p99ms = "-"
    if p99:
        value, unit = float(p99.group(1)), p99.group(2)
        p99ms = f"{value / 1000 if unit == 'us' else value * 1000 if unit == 's' else value:.1f}"
    return total, rps, int(bad.group(1)) if bad else 0, errors.group(1) if errors else "none", p99ms
stored = sqlite3.connect(f"{work}/state/careportal.sqlite").execute(
    "SELECT count(*) FROM messages WHERE body LIKE 'soak %'").fetchone()[0]
print(f"{clients} clients, {sessions} sessions, {seconds} s")
print(f"| {'load':10} | {'requests':>9} | {'req/s':>7} | {'p99 ms':>7} | {'non-2xx/3xx':>11} | socket errors |")
print(f"|{'-'*12}|{'-'*11}|{'-'*9}|{'-'*9}|{'-'*13}|{'-'*15}|")
for name in ["pages", "comments", "logins"]:
    total, rps, bad, errors, p99 = figures(name)
    print(f"| {name:10} | {total:>9,} | {rps:>7,.0f} | {p99:>7} | {bad:>11} | {errors} |")
acknowledged = figures("comments")[0] - figures("comments")[2]
print()
print("(every login is a wrong password on purpose: its answer is the refusal, not an error)")
print(f"comments: {acknowledged} acknowledged, {stored} stored, "
      f"{max(0, acknowledged - stored)} lost")
print(f"server RSS: {start} MiB at start, {end} MiB at the end, peak {peak} MiB "
      f"(samples every 5 s: {samples})")
PY
