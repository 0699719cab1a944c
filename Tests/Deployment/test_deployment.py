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
