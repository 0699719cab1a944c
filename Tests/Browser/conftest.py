"""Shared parts of the browser suite: the real careportal program serving the example content
on 127.0.0.1, Debian's chromium driven through chromium-driver, and the steps of a user's
journey that several tests need.

Run by scripts/test after the Swift build: python3 -m pytest Tests/Browser"""

import base64
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

REPO = Path(__file__).resolve().parents[2]
CAREPORTAL = Path(os.environ.get("CAREPORTAL", REPO / ".build/debug/careportal"))
ARTIFACTS = REPO / "artifacts" / "screenshots"
PASSWORD = "Zonnebloem#Fiets7"
PHONE = (375, 812)
DESKTOP = (1280, 800)


class Portal:
    """A built copy of the example content and `careportal serve` on a free port."""

    def __init__(self, root: Path):
        self.root = root
        self.site = root / "site"
        self.state = root / "state"
        self.run("build", "--content", str(REPO / "content"), "--out", str(self.site),
                 "--themes", str(REPO / "themes"))
        self.process = subprocess.Popen(
            [str(CAREPORTAL), "serve", "--site", str(self.site), "--state", str(self.state),
             "--port", "0"],
            stderr=subprocess.PIPE, text=True)
        self.base = self._address()

    def _address(self) -> str:
        deadline = time.time() + 20
        while time.time() < deadline:
            line = self.process.stderr.readline()
            found = re.search(r"address=(http://127\.0\.0\.1:\d+)", line)
            if found:
                # Keep reading the log, so the server never blocks on a full pipe.
                subprocess.Popen(["cat"], stdin=self.process.stderr, stdout=subprocess.DEVNULL)
                return found.group(1)
        raise RuntimeError("careportal serve did not start")

    def run(self, *words: str) -> str:
        """Runs a careportal command with this portal's site and state."""
        extra = [] if words[0] == "build" else ["--site", str(self.site), "--state", str(self.state)]
        done = subprocess.run([str(CAREPORTAL), *words, *extra], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def invitation(self, username: str, reset: bool = False) -> str:
        """Invites (or resets) the user and returns the activation path from the newest mail."""
        self.run_output = self.run("reset" if reset else "invite", username)
        link = re.search(r"/activate/[A-Za-z0-9_-]+", self.run_output)
        mails = sorted((self.state / "outbox").glob("*.eml"), key=lambda p: p.name)
        texts = [m.read_text().replace("=\r\n", "").replace("=3D", "=") for m in mails]
        assert any(link.group(0) in text for text in texts), "the link is in a mail"
        return link.group(0)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=15)


@pytest.fixture(scope="session")
def portal():
    root = Path(tempfile.mkdtemp(prefix="careportal-browser-"))
    served = Portal(root)
    yield served
    served.stop()
    shutil.rmtree(root, ignore_errors=True)


def chromium(size) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--lang=nl-NL", "--hide-scrollbars", f"--window-size={size[0]},{size[1]}"):
        options.add_argument(flag)
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(service=service, options=options)
    # Elements of the next page are looked for until it has loaded, up to five seconds.
    driver.implicitly_wait(5)
    resize(driver, size)
    return driver


def resize(driver, size):
    """Makes the page itself `size` (headless windows count the browser's frame), and waits
    for the colour transitions the new layout starts: a check half-way through one would see
    colours the page never rests in."""
    driver.set_window_size(*size)
    inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    driver.set_window_size(size[0] * 2 - inner[0], size[1] * 2 - inner[1])
    WebDriverWait(driver, 5).until(
        lambda d: d.execute_script("return document.getAnimations().length") == 0)


@pytest.fixture
def browser():
    driver = chromium(DESKTOP)
    yield driver
    driver.quit()


def code(secret: str, offset: int = 0) -> str:
    """The code an authenticator app shows, from the real oathtool."""
    moment = int(time.time()) + offset
    return subprocess.run(
        ["oathtool", "--totp", "-b", secret.replace(" ", ""), "-N", f"@{moment}"],
        capture_output=True, text=True, check=True).stdout.strip()


def screenshot(driver, width_name: str, name: str):
    """The whole page, not only the part in the window, as artifacts/screenshots/WIDTH/NAME."""
    folder = ARTIFACTS / width_name
    folder.mkdir(parents=True, exist_ok=True)
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics["cssContentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
    (folder / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))


def fill(driver, field_id: str, text: str):
    element = driver.find_element(By.ID, field_id)
    element.clear()
    element.send_keys(text)


def replaced_while_asking(error: WebDriverException) -> bool:
    """Chromium says this when a navigation replaced the document while the driver was still
    asking about one of its elements: the element is gone, which is what was waited for."""
    return "does not belong to the document" in str(error)


def is_gone(element) -> bool:
    """Whether the page holding `element` has been replaced by the next one."""
    try:
        element.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if replaced_while_asking(error):
            return True
        raise


def click(driver, element):
    """Clicks a link or button like a person, the element scrolled into the middle of the
    screen first, and waits until the next page has replaced this one and finished loading."""
    page = driver.find_element(By.TAG_NAME, "html")
    driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    try:
        element.click()
    except WebDriverException as error:
        if not replaced_while_asking(error):
            raise
    WebDriverWait(driver, 10).until(lambda _: is_gone(page))
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script("return document.readyState") == "complete")


def submit(driver, form_css: str = "main form"):
    click(driver, driver.find_element(By.CSS_SELECTOR, f"{form_css} button[type=submit]"))


def enrol(driver, portal: Portal, path: str) -> str:
    """Activation link, QR page, code, summary; returns the secret. Ends on the password page."""
    driver.get(portal.base + path)
    secret = driver.find_element(By.CSS_SELECTOR, ".secret code").text
    fill(driver, "code", code(secret))
    submit(driver)
    submit(driver)
    return secret


def activate(driver, portal: Portal, username: str, reset: bool = False) -> str:
    secret = enrol(driver, portal, portal.invitation(username, reset=reset))
    fill(driver, "password", PASSWORD)
    fill(driver, "repeat", PASSWORD)
    submit(driver)
    return secret


def log_in(driver, portal: Portal, username: str, secret: str):
    """Logs in with the next step's code, which a replay check cannot have seen yet."""
    driver.get(portal.base + "/login")
    fill(driver, "username", username)
    fill(driver, "password", PASSWORD)
    fill(driver, "code", code(secret, offset=30))
    submit(driver)


def fetch(driver, portal: Portal, path: str, cookie: str | None = None):
    """GETs a path with the browser's session cookie, without following redirects; returns
    (status, headers, body bytes)."""
    if cookie is None:
        cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect())
    request = urllib.request.Request(portal.base + path, headers={"Cookie": cookie})
    try:
        with opener.open(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def session_cookie(driver) -> str:
    return "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
