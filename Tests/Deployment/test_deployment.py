"""The deployment examples in deploy/ are accepted by the tools that will read them: the
systemd unit by systemd-analyze, the nginx site by nginx -t, the Caddyfile by caddy, and the
unit's command line by careportal itself."""

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
CAREPORTAL = Path(os.environ.get("CAREPORTAL", REPO / ".build/debug/careportal"))


def run(*words, **options):
    return subprocess.run(list(words), capture_output=True, text=True, **options)


@pytest.fixture
def scratch():
    folder = Path(tempfile.mkdtemp(prefix="careportal-deploy-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_the_systemd_unit_verifies(scratch):
    unit = (DEPLOY / "careportal.service").read_text()
    unit = unit.replace("/opt/careportal/bin/careportal", str(CAREPORTAL))
    (scratch / "careportal.service").write_text(unit)
    checked = run("systemd-analyze", "verify", str(scratch / "careportal.service"))
    assert checked.returncode == 0, checked.stderr
    assert "NoNewPrivileges=yes" in unit and "ProtectSystem=strict" in unit
    assert "ReadWritePaths=/srv/careportal/state" in unit


def test_the_units_command_line_starts_careportal(scratch):
    unit = (DEPLOY / "careportal.service").read_text()
    line = re.search(r"^ExecStart=(.*)$", unit, re.M).group(1).split()
    run(str(CAREPORTAL), "build", "--content", str(REPO / "content"), "--themes",
        str(REPO / "themes"), "--out", str(scratch / "site"), check=True)
    words = [w.replace("/srv/careportal", str(scratch)) for w in line[1:]]
    words[words.index("--port") + 1] = "0"
    server = subprocess.Popen([str(CAREPORTAL), *words], stderr=subprocess.PIPE, text=True)
    try:
        first = server.stderr.readline()
        assert "msg=listening" in first, first
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert server.returncode == 0


def test_the_nginx_site_is_accepted(scratch):
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
        "/CN=portaal.delinde.example.nl", "-keyout", str(scratch / "key.pem"), "-out",
        str(scratch / "cert.pem"), check=True)
    site = (DEPLOY / "nginx.conf").read_text()
    site = re.sub(r"ssl_certificate_key .*;", f"ssl_certificate_key {scratch}/key.pem;", site)
    site = re.sub(r"ssl_certificate .*;", f"ssl_certificate {scratch}/cert.pem;", site)
    (scratch / "site.conf").write_text(site)
    (scratch / "nginx.conf").write_text(
        f"pid {scratch}/nginx.pid; error_log {scratch}/error.log;\n"
        f"events {{}}\nhttp {{ include {scratch}/site.conf; }}\n")
    checked = run("nginx", "-t", "-c", str(scratch / "nginx.conf"))
    assert checked.returncode == 0, checked.stderr
    assert "X-Forwarded-For $remote_addr" in site


def test_the_caddyfile_is_accepted():
    checked = run("caddy", "validate", "--config", str(DEPLOY / "Caddyfile"),
                  "--adapter", "caddyfile")
    assert checked.returncode == 0, checked.stderr


def system_calls_in(group: str, seen: set[str] | None = None) -> set[str]:
    """The system calls a systemd group such as `@resources` stands for, nested groups too."""
    seen = set() if seen is None else seen
    listed = run("systemd-analyze", "syscall-filter", group, check=True).stdout.splitlines()
    calls: set[str] = set()
    for line in listed[1:]:
        name = line.strip()
        if not name or name.startswith("#"):
            continue
        if name.startswith("@"):
            if name not in seen:
                seen.add(name)
                calls |= system_calls_in(name, seen)
        else:
            calls.add(name)
    return calls


def unit_filter(unit: str) -> tuple[set[str], set[str]]:
    """What the unit's SystemCallFilter= lines allow and deny, in the order systemd reads them:
    an allow list first, then deny lists, and plain names after a deny list take calls back."""
    allowed: set[str] = set()
    denied: set[str] = set()
    for value in re.findall(r"^SystemCallFilter=(.*)$", unit, re.M):
        deny = value.startswith("~")
        names: set[str] = set()
        for word in value.lstrip("~").split():
            names |= system_calls_in(word) if word.startswith("@") else {word}
        if deny:
            denied |= names
        elif denied:
            denied -= names
        else:
            allowed |= names
    return allowed, denied


def test_the_unit_allows_every_system_call_careportal_makes(scratch):
    """systemd kills a service that makes a call its filter denies, so the calls a real server
    makes (traced while it starts, answers pages and forms, and stops) must all pass."""
    if run("strace", "-qq", "-o", "/dev/null", "true").returncode != 0:
        pytest.skip("strace cannot trace here (ptrace is not permitted in this container)")
    unit = (DEPLOY / "careportal.service").read_text()
    run(str(CAREPORTAL), "build", "--content", str(REPO / "content"), "--themes",
        str(REPO / "themes"), "--out", str(scratch / "site"), check=True)
    trace = scratch / "trace" / "calls.txt"
    # As the unit's own user would, not as root: SQLite, for one, calls fchown only as root.
    as_user = []
    for folder in ["state", "trace"]:
        (scratch / folder).mkdir()
    if os.geteuid() == 0:
        scratch.chmod(0o755)
        for folder in ["state", "trace"]:
            shutil.chown(scratch / folder, "nobody", "nogroup")
        as_user = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    tracer = subprocess.Popen(
        [*as_user, "strace", "-f", "-qq", "-c", "-o", str(trace), str(CAREPORTAL), "serve",
         "--site", str(scratch / "site"), "--state", str(scratch / "state"), "--port", "0"],
        stderr=subprocess.PIPE, text=True)
    try:
        first = tracer.stderr.readline()
        port = re.search(r"127\.0\.0\.1:(\d+)", first).group(1)
        base = f"http://127.0.0.1:{port}"
        for path in ["/login", "/healthz", "/clients/sanne/", "/assets/missing.css"]:
            run("curl", "-s", "-o", "/dev/null", base + path)
        run("curl", "-s", "-o", "/dev/null", "-d", "username=x&password=y&code=1",
            base + "/login")
    finally:
        server = run("pgrep", "-P", str(tracer.pid)).stdout.split()
        for pid in server:
            os.kill(int(pid), 15)
        tracer.wait(timeout=30)
    made = {line.split()[-1] for line in trace.read_text().splitlines()
            if re.match(r"^\s*\d", line) and line.split()[-1] != "total"}
    assert {"setpriority", "syncfs", "flock"} & made, "the trace holds the server's calls"
    allowed, denied = unit_filter(unit)
    refused = sorted(call for call in made if call in denied or call not in allowed)
    assert not refused, f"the unit's SystemCallFilter would stop careportal at {refused}"
