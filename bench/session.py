#!/usr/bin/env python3
"""Walks one portal user through activation and login against a running careportal, the way a
browser would, and prints the session cookie (NAME=VALUE) for load tools such as wrk.

    session.py BASE_URL ACTIVATION_PATH USERNAME PASSWORD

Codes come from oathtool, like an authenticator app's."""

import html
import http.cookiejar
import re
import subprocess
import sys
import urllib.parse
import urllib.request


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def opener(jar):
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar), NoRedirect())


def fetch(browser, url, form=None):
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    try:
        with browser.open(url, data) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def token(page):
    return re.search(r'name="_csrf" value="([^"]+)"', page).group(1)


def code(secret):
    return subprocess.run(
        ["oathtool", "--totp", "-b", secret], capture_output=True, text=True, check=True
    ).stdout.strip()


def main():
    base, activation, username, password = sys.argv[1:5]
    jar = http.cookiejar.CookieJar()
    browser = opener(jar)
    fetch(browser, base + activation)
    _, page = fetch(browser, base + "/activate")
    secret = re.search(r"<code>([A-Z2-7 ]+)</code>", page).group(1).replace(" ", "")
    fetch(browser, base + "/activate/confirm", {"_csrf": token(page), "code": code(secret)})
    _, page = fetch(browser, base + "/activate")
    fetch(browser, base + "/activate/finish", {"_csrf": token(page)})
    _, page = fetch(browser, base + "/activate")
    fetch(browser, base + "/activate/password",
          {"_csrf": token(page), "password": password, "repeat": password})
    jar.clear()
    _, page = fetch(browser, base + "/login")
    status, _ = fetch(browser, base + "/login", {
        "_csrf": html.unescape(token(page)), "username": username,
        "password": password, "code": code(secret), "next": ""})
    for cookie in jar:
        if cookie.name.endswith("careportal"):
            print(f"{cookie.name}={cookie.value}")
            print(secret, file=sys.stderr)
            return
    sys.exit(f"login failed with status {status}")


if __name__ == "__main__":
    main()
