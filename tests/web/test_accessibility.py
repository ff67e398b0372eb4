"""Accessibility, checked by axe-core (the rules engine behind Lighthouse and most audits) in a
real browser, and by keyboard alone.

Every page a role can reach is checked against WCAG 2.1 A and AA: names for every control and
image, colour contrast, landmarks, language, headings; on a desktop and on a phone, left to
right and right to left. A violation fails the test with axe's own description of it.
"""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, ViewportSize

from tests.fixtures import PASSWORD, Roles
from tests.web.conftest import shot

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}


def violations(page: Page) -> list[str]:
    results: dict[str, Any] = Axe().run(page, options=WCAG_AA).response
    found = []
    for rule in results["violations"]:
        targets = [", ".join(node["target"]) for node in rule["nodes"][:3]]
        found.append(f"{rule['id']} ({rule['impact']}): {rule['help']} at {targets}")
    return found


def log_in(page: Page, live_url: str, role: str) -> None:
    page.goto(f"{live_url}/login")
    page.get_by_label("Username").fill(f"user-{role}")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_url}/")


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_page_meets_wcag_aa(
    live_url: str, browser: Browser, roles: Roles, viewport: ViewportSize
) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    problems: dict[str, list[str]] = {}
    page.goto(f"{live_url}/login")
    problems["/login"] = violations(page)
    log_in(page, live_url, "admin")
    for path in [
        "/",
        "/?region=Europe",
        "/countries/SDN",
        "/model",
        "/reports",
        "/jobs",
        "/admin/users",
        "/admin/tokens",
        "/admin/audit",
        "/report",
        "/report?lang=ar",
        "/report?lang=my",
    ]:
        page.goto(f"{live_url}{path}")
        problems[path] = violations(page)
    context.close()
    assert not {path: found for path, found in problems.items() if found}


def focused(page: Page) -> str:
    described: str = page.evaluate(
        "() => { const e = document.activeElement;"
        " return (e.labels && e.labels[0] ? e.labels[0].innerText : e.innerText || e.id).trim(); }"
    )
    return described


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
def test_a_keyboard_alone_logs_in_skips_to_content_filters_and_opens_a_country(
    live_url: str, browser: Browser, roles: Roles
) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{live_url}/login")
    page.keyboard.press("Tab")
    while focused(page) != "Username":
        page.keyboard.press("Tab")
    page.keyboard.type("user-analyst")
    page.keyboard.press("Tab")
    assert focused(page) == "Password"
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{live_url}/"

    page.keyboard.press("Tab")  # the first stop on every page skips the navigation
    assert focused(page) == "Skip to content"
    page.keyboard.press("Enter")
    stops = []
    for _ in range(40):  # the filters, then the watchlist's country links, in reading order
        page.keyboard.press("Tab")
        stops.append(focused(page))
        if stops[-1] == "Sudan":
            break
    assert "Region" in stops and "Sudan" in stops, stops
    assert stops.index("Region") < stops.index("Sudan")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused link must show where focus is"
    shot(page, "keyboard-focus-watchlist")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.startswith(f"{live_url}/countries/SDN")
    context.close()
