"""The newcomer's whole journey in Chromium, at phone and at desktop width: invitation,
enrolment with the QR code, the password rules, login, reading, commenting, replying, the
agenda, the dossiers, switching children, and logging out. Screenshots of every step go to
artifacts/screenshots/<width>/."""

import re
import subprocess
import tempfile
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from selenium.webdriver.common.by import By
from selenium_axe_python import Axe

from conftest import (DESKTOP, PASSWORD, PHONE, chromium, click, code, fetch, fill, log_in,
                      screenshot, session_cookie, submit)

USER = "marieke.devries"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def unread_count(driver, card: str) -> int:
    text = driver.find_element(By.CSS_SELECTOR, f"#dash-{card} .count").text
    return int(re.search(r"\d+", text).group(0))


def this_week() -> str:
    """The ISO week of today in the example portal's time zone, as the agenda names its pages."""
    year, week, _ = datetime.now(ZoneInfo("Europe/Amsterdam")).isocalendar()
    return f"{year}-W{week:02d}"


def qr_uri(driver) -> str:
    """The QR code as the page shows it, read back by zbarimg from a screenshot."""
    with tempfile.NamedTemporaryFile(suffix=".png") as image:
        driver.find_element(By.CSS_SELECTOR, ".qr").screenshot(image.name)
        decoded = subprocess.run(["zbarimg", "--raw", "-q", image.name],
                                 capture_output=True, text=True, check=True)
    return decoded.stdout.strip()


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_whole_journey(portal, size):
    width = "phone" if size == PHONE else "desktop"
    driver = chromium(size)
    try:
        journey(driver, portal, width, reset=size == DESKTOP)
    finally:
        driver.quit()


def journey(driver, portal, width, reset):
    shot = lambda name: screenshot(driver, width, name)

    # 1-2. The invitation mail's link, the QR code, the code, the summary.
    driver.get(portal.base + portal.invitation(USER, reset=reset))
    shot("01-activate-qr")
    secret = driver.find_element(By.CSS_SELECTOR, ".secret code").text.replace(" ", "")
    uri = qr_uri(driver)
    assert uri.startswith("otpauth://totp/") and f"secret={secret}" in uri, uri
    fill(driver, "code", code(secret))
    submit(driver)
    shot("02-activate-summary")
    assert USER in driver.page_source
    submit(driver)

    # 3. A weak password is refused with the rule it breaks; a good one is taken.
    fill(driver, "password", "zonnebloem")
    fill(driver, "repeat", "zonnebloem")
    submit(driver)
    shot("03-password-refused")
    failed = driver.find_elements(By.CSS_SELECTOR, ".rules .rule-failed")
    assert failed and "hoofdletter" in " ".join(f.text for f in failed)
    fill(driver, "password", PASSWORD)
    fill(driver, "repeat", PASSWORD)
    submit(driver)
    assert "/login" in driver.current_url

    # 4. Login; the dashboard with its unread counts.
    log_in(driver, portal, USER, secret)
    shot("04-choose-client")
    axe = Axe(driver)
    axe.inject()
    found = axe.run(options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})["violations"]
    assert not found, [v["id"] for v in found]
    click(driver, driver.find_element(By.LINK_TEXT, "Sanne de Vries"))
    shot("05-dashboard")
    reports_before = unread_count(driver, "reports")
    assert reports_before >= 1
    for card in ["messages", "documents", "reports"]:
        listed = driver.find_elements(By.CSS_SELECTOR, f"[aria-labelledby=dash-{card}] .item")
        assert unread_count(driver, card) == len(listed), card
    assert driver.find_element(By.ID, "dash-week").text

    # 5. A report: its unread mark goes; a comment appears under it.
    first = driver.find_element(By.CSS_SELECTOR, "[aria-labelledby=dash-reports] .item a")
    title = first.text
    click(driver, first)
    shot("06-report")
    comment = f"Dank voor het verslag ({width})."
    fill(driver, "comment-text", comment)
    submit(driver, "form.message-form")
    assert comment in driver.find_element(By.CSS_SELECTOR, ".comment-list").text
    shot("07-report-commented")
    click(driver, driver.find_element(By.LINK_TEXT, "Dashboard"))
    assert unread_count(driver, "reports") == reports_before - 1
    assert title not in driver.find_element(By.ID, "main").text

    # 6. A conversation: the reply stands in the thread.
    click(driver, driver.find_element(By.LINK_TEXT, "Gesprekken"))
    click(driver, driver.find_element(By.LINK_TEXT, "Gelezen items ook tonen"))
    shot("08-conversations")
    click(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "Gesprek met de mentor"))
    reply = f"Om de week lijkt ons goed ({width})."
    fill(driver, "reply-text", reply)
    submit(driver, "form.message-form")
    thread = driver.find_element(By.CSS_SELECTOR, ".messages").text
    assert reply in thread and "Mirjam Bakker" in thread
    shot("09-conversation-replied")

    # 7. The agenda: a week, the next week, a day, the calendar file.
    click(driver, driver.find_element(By.LINK_TEXT, "Agenda"))
    if "-W" in driver.current_url:
        assert driver.current_url.endswith(f"/agenda/{this_week()}.html"), "this week"
    else:
        shot("10-agenda-overview")
        click(driver, driver.find_element(By.CSS_SELECTOR, "main a[href*='-W']"))
    shot("11-agenda-week")
    ics = driver.find_element(By.CSS_SELECTOR, "a[href$='agenda.ics']").get_attribute("href")
    click(driver, driver.find_element(By.CSS_SELECTOR, "a[rel=next]"))
    shot("12-agenda-next-week")
    days = driver.find_elements(By.CSS_SELECTOR, ".week .day h2 a")
    if not days:
        click(driver, driver.find_element(By.CSS_SELECTOR, "a[rel=prev]"))
        days = driver.find_elements(By.CSS_SELECTOR, ".week .day h2 a")
    click(driver, days[0])
    shot("13-agenda-day")
    assert driver.find_elements(By.CSS_SELECTOR, ".appointments li")
    status, headers, body = fetch(driver, portal, ics.replace(portal.base, ""))
    assert status == 200 and headers["Content-Type"].startswith("text/calendar")
    assert body.startswith(b"BEGIN:VCALENDAR")

    # 8. Dossiers: a Markdown document, then the PDF.
    click(driver, driver.find_element(By.LINK_TEXT, "Dossiers"))
    shot("14-documents")
    click(driver, driver.find_element(By.LINK_TEXT, "Gelezen items ook tonen"))
    click(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "Hulpverleningsplan"))
    shot("15-document")
    driver.back()
    pdf = driver.find_element(By.CSS_SELECTOR, "a[href$='.pdf']").get_attribute("href")
    status, headers, body = fetch(driver, portal, pdf.replace(portal.base, ""))
    assert status == 200 and body.startswith(b"%PDF")

    # 9. The other child.
    click(driver, driver.find_element(By.CSS_SELECTOR, ".client-switch a[href='/clients/daan/']"))
    shot("16-other-child")
    assert driver.current_url.endswith("/clients/daan/")
    assert "Daan de Vries" in driver.find_element(By.TAG_NAME, "body").text
    click(driver, driver.find_element(By.LINK_TEXT, "Personen"))
    shot("17-persons")

    # 10. Logout: back shows no private page, the old cookie gets nothing.
    cookie = session_cookie(driver)
    click(driver, driver.find_element(By.CSS_SELECTOR, ".logout-form button"))
    shot("18-logged-out")
    assert "/login" in driver.current_url
    driver.back()
    assert "Daan" not in driver.find_element(By.TAG_NAME, "body").text
    status, headers, _ = fetch(driver, portal, "/clients/daan/", cookie=cookie)
    assert status in (302, 303) and headers["Location"].startswith("/login")
